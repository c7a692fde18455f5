"""The smaller standards items: the organisation's 统一社会信用代码 checked as an
applicant's is (GB 32100-2015), so every 索引号 has a valid 前段码; 索引号 found by
search; 内容概述 required for a 行政规范性文件."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from common import codes
from disclosure import demo, services
from disclosure.forms import OrganisationAdminForm
from disclosure.models import Organisation
from requests_app import validators
from tests.factories import ColumnFactory, ItemFactory, UserFactory

pytestmark = pytest.mark.django_db

VALID = "11330524K14997759R"
WRONG_CHECK = "11330524K14997759Q"


def _form(code: str) -> OrganisationAdminForm:
    return OrganisationAdminForm(data={"name": "某县人力资源和社会保障局", "code": code})


def test_the_organisation_code_uses_the_applicants_check():
    assert validators.validate_uscc is codes.validate_uscc
    field = Organisation._meta.get_field("code")
    assert codes.validate_uscc in field.validators


def test_the_demo_organisation_code_passes_its_check_digit():
    assert codes.validate_uscc(demo.ORGANISATION["code"]) == demo.ORGANISATION["code"]


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (WRONG_CHECK, "统一社会信用代码校验位不正确，请核对。"),
        ("11330524K1499775", "统一社会信用代码应为 18 位"),
        ("11330524I14997759R", "不含 I、O、Z、S、V"),  # I is not in the code's alphabet
        ("11330599002486157X", "校验位不正确"),  # the demo's former code
    ],
)
def test_the_organisation_form_refuses_a_bad_code_in_chinese(code, message):
    form = _form(code)
    assert not form.is_valid()
    assert message in " ".join(form.errors["code"])
    assert not Organisation.objects.exists()  # nothing saved


def test_the_organisation_form_accepts_and_normalises_a_valid_code():
    form = _form(" 11330524k14997759r ")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["code"] == VALID


def test_the_model_refuses_a_bad_code_too():
    organisation = Organisation(name="某局", code=WRONG_CHECK)
    with pytest.raises(ValidationError) as caught:
        organisation.full_clean()
    assert "校验位不正确" in str(caught.value.message_dict["code"])


def test_the_index_number_and_its_parts_are_searchable(client):
    item = ItemFactory(published=True, title="养老保险通知")
    ItemFactory(published=True, title="另一条通知")
    number = item.index_number
    prefix, serial = number.split("/")
    assert codes.validate_uscc(prefix) == prefix

    def found(q):
        return [i.pk for i in client.get(reverse("disclosure:search"), {"q": q}).context["items"]]

    assert found(number) == [item.pk]
    assert found(number.lower()) == [item.pk]  # case does not matter
    assert found(serial) == [item.pk]  # the 后段码 alone


def test_a_normative_document_needs_a_summary():
    column = ColumnFactory()
    author = UserFactory()
    fields = {
        "title": "示例县就业补助资金管理办法",
        "topic": "15.1",
        "content_category": "a05_16",
        "formed_on": "2026-01-05",
        "publicity": "proactive",
        "is_normative": True,
        "document_number": "示人社规〔2026〕1号",
        "normative_code": "SXSD01-2026-0001",
        "effective_on": "2026-02-01",
    }
    with pytest.raises(ValidationError) as caught:
        services.item_draft_store(
            column=column, section=column.responsible_section, acting_user=author, **fields
        )
    assert caught.value.message_dict["summary"] == ["行政规范性文件必须填写内容概述。"]
    with pytest.raises(ValidationError):  # blank space is no summary
        services.item_draft_store(
            column=column,
            section=column.responsible_section,
            acting_user=author,
            summary="   ",
            **fields,
        )
    item = services.item_draft_store(
        column=column,
        section=column.responsible_section,
        acting_user=author,
        summary="规范就业补助资金的使用和管理。",
        **fields,
    )
    assert item.pk and item.is_normative
    # Any other item may still go without one.
    fields["is_normative"] = False
    other = services.item_draft_store(
        column=column, section=column.responsible_section, acting_user=author, **fields
    )
    assert other.summary == ""
