"""The API's OpenAPI 3.1 schema (disclosure.openapi, /api/v1/schema/) is valid, says
exactly what the API reads and answers, and docs/api.md explains every parameter."""

import json
import re
from pathlib import Path

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate

from disclosure import api, openapi
from disclosure.search import PublicFilterForm
from tests.disclosure.factories import AttachmentFactory
from tests.factories import ColumnFactory, ItemFactory, catalogue_refresh

ROOT = Path(__file__).resolve().parent.parent.parent
SCHEMA_URL = reverse("disclosure:api_schema")
pytestmark = pytest.mark.django_db


def served_schema(client) -> dict:
    response = client.get(SCHEMA_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    return json.loads(response.content)


def test_the_served_schema_is_valid_openapi_3_1(client):
    document = served_schema(client)
    validate(document)
    assert document["openapi"] == "3.1.0"
    assert document["servers"] == [{"url": "http://testserver"}]


def test_an_invalid_schema_would_be_refused():
    """The validator is not a no-op: a parameter without `in` fails it."""
    document = openapi.schema()
    del document["paths"]["/api/v1/items/"]["get"]["parameters"][0]["in"]
    with pytest.raises(Exception, match="in"):
        validate(document)


def test_the_schema_is_served_for_get_only(client):
    assert client.post(SCHEMA_URL).status_code == 405


def test_every_api_url_is_a_path_of_the_schema():
    paths = set(openapi.schema()["paths"])
    assert reverse("disclosure:api_items") in paths
    assert reverse("disclosure:api_item", args=[1]).replace("/1/", "/{id}/") in paths
    assert SCHEMA_URL in paths


def test_the_filters_described_are_the_fields_of_the_form_and_the_paging_ones_the_apis():
    assert set(openapi.FILTER_PARAMETERS) == set(PublicFilterForm.base_fields)
    assert set(openapi.PAGING_PARAMETERS) == set(api.PAGING_PARAMETERS)


def test_the_parameters_the_list_reads_are_exactly_those_in_the_schema(client, monkeypatch):
    """Every query parameter the list view (its form included) looks at is recorded."""
    read: set[str] = set()
    original_get = MultiValueDict.get
    original_getitem = MultiValueDict.__getitem__

    def spy_get(self, key, default=None):
        if isinstance(self, QueryDict):
            read.add(key)
        return original_get(self, key, default)

    def spy_getitem(self, key):
        if isinstance(self, QueryDict):
            read.add(key)
        return original_getitem(self, key)

    monkeypatch.setattr(MultiValueDict, "get", spy_get)
    monkeypatch.setattr(MultiValueDict, "__getitem__", spy_getitem)
    catalogue_refresh(ItemFactory(published=True))
    response = client.get(reverse("disclosure:api_items"), {"q": "通知", "page_size": "5"})
    assert response.status_code == 200
    schema_params = {
        p["name"] for p in openapi.schema()["paths"]["/api/v1/items/"]["get"]["parameters"]
    }
    assert read == schema_params


def _validator(document: dict, component: str) -> OAS31Validator:
    return OAS31Validator({**document, "$ref": f"#/components/schemas/{component}"})


def test_real_answers_match_the_schema(client):
    document = openapi.schema()
    item = ItemFactory(
        published=True,
        column=ColumnFactory(slug="tzgg", name="通知公告"),
        document_number="示人社发〔2025〕3号",
    )
    AttachmentFactory(item=item)
    catalogue_refresh(item)

    page = json.loads(client.get(reverse("disclosure:api_items")).content)
    assert page["results"]
    _validator(document, "ItemPage").validate(page)
    detail = json.loads(client.get(reverse("disclosure:api_item", args=[item.pk])).content)
    assert detail["attachments"]
    _validator(document, "ItemDetail").validate(detail)

    for url, params, status in [
        (reverse("disclosure:api_items"), {"page_size": "0"}, 400),
        (reverse("disclosure:api_items"), {"page": "99"}, 404),
        (reverse("disclosure:api_item", args=[item.pk + 1000]), {}, 404),
    ]:
        response = client.get(url, params)
        assert response.status_code == status
        _validator(document, "Error").validate(json.loads(response.content))


def test_a_wrong_answer_would_not_match():
    with pytest.raises(Exception, match="count_exact"):
        _validator(openapi.schema(), "ItemPage").validate(
            {
                "count": 0,
                "page": 1,
                "page_size": 20,
                "num_pages": 1,
                "next": None,
                "previous": None,
                "results": [],
            }
        )


def test_docs_api_md_explains_every_parameter_status_and_error():
    text = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in openapi.list_parameters():
        assert f"`{name}`" in text, name
    for message in (api.PAGE_ERROR, api.PAGE_SIZE_ERROR, api.NOT_FOUND_ERROR):
        assert message in text, message
    assert re.search(r"页码超出范围，共 \d+ 页。", text)
    for status in ("200", "304", "400", "404", "405", "503"):
        assert status in text, status
    assert "/api/v1/schema/" in text
    assert "docs/api.md" in (ROOT / "README.md").read_text(encoding="utf-8")
