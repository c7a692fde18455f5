"""The request form's organisation-only fields (法人或其他组织类型, 法定代表人/负责人,
联系人): shown only for organisations, without JavaScript, and never stored for a
自然人 whatever the browser sent; the form fits a 360 px phone."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from lxml import html as lxml_html

from requests_app import services
from requests_app.models import Channel, DisclosureRequest
from requests_app.outcomes import ORGANISATION_ONLY_FIELDS
from tests.requests_app.factories import D, applicant_data, at, org_data
from tests.requests_app.services_helpers import RECEIVED

pytestmark = pytest.mark.django_db

APPLY = reverse("requests_app:apply")
CSS = Path(settings.BASE_DIR) / "static" / "css" / "requests.css"
STALE = {
    "organisation_kind": "commercial",
    "legal_representative": "李四",
    "contact_person": "王五",
}


def _rules() -> dict[str, str]:
    text = re.sub(r"/\*.*?\*/", "", CSS.read_text(), flags=re.S)
    return {sel.strip(): body for sel, body in re.findall(r"([^{}]+)\{([^{}]*)\}", text)}


def test_a_natural_person_filing_online_never_stores_organisation_fields(client):
    # Typed while 法人或其他组织 was chosen, then switched to 自然人: the values are
    # still in the POST (hidden fields are sent), but not stored.
    data = {**applicant_data(**STALE), "declaration": "on"}
    assert client.post(APPLY, data).status_code == 302
    req = DisclosureRequest.objects.get()
    assert req.applicant_type == "natural_person"
    for name in ORGANISATION_ONLY_FIELDS:
        assert getattr(req, name) == "", name


def test_the_services_blank_them_too_whoever_calls(office):
    # The rule lives in the service: a registration by staff (or any other caller)
    # gets the same treatment as the public form.
    sub = services.request_submit(data=applicant_data(**STALE))
    with at(D(2026, 3, 4)):
        registered = services.request_register(
            data=applicant_data(**STALE),
            channel=Channel.POST_SIGNED,
            received_on=RECEIVED,
            receipt_note="",
            acting_user=office,
        )
    for req in (sub.request, registered.request):
        for name in ORGANISATION_ONLY_FIELDS:
            assert getattr(req, name) == "", name


def test_an_organisation_keeps_them(client):
    assert client.post(APPLY, {**org_data(), "declaration": "on"}).status_code == 302
    req = DisclosureRequest.objects.get()
    assert req.organisation_kind == "commercial"
    assert req.legal_representative == "李四"
    assert req.contact_person == "王五"


def test_an_organisation_is_still_asked_for_them(client):
    data = {**org_data(), "organisation_kind": "", "contact_person": "", "declaration": "on"}
    page = client.post(APPLY, data).content.decode()
    assert "请选择法人或其他组织的类型" in page
    assert "法人或其他组织请填写联系人" in page
    assert not DisclosureRequest.objects.exists()


def test_organisation_fields_sit_in_their_own_group_hidden_for_natural_persons(client):
    doc = lxml_html.fromstring(client.get(APPLY).content)
    (section,) = doc.xpath('//fieldset[contains(@class, "applicant-section")]')
    assert section.xpath('.//input[@name="applicant_type"][@value="natural_person"]')
    (group,) = section.xpath('.//fieldset[contains(@class, "org-fields")]')
    names = {el.get("name") for el in group.xpath(".//input | .//select | .//textarea")}
    # Nothing else is hidden with them.
    assert names == set(ORGANISATION_ONLY_FIELDS)
    # No script is needed: the rule is CSS, on the checked 自然人 radio.
    assert not doc.xpath("//script[not(@src)]")
    selector = (
        '.applicant-section:has(input[name="applicant_type"][value="natural_person"]:checked)'
        " .org-fields"
    )
    assert "display: none" in _rules()[selector]


def test_the_form_fits_a_phone():
    # A fieldset's min-width defaults to its content's: the file input made the
    # 获取方式 group 7 px wider than a 360 px screen.
    assert "min-width: 0" in _rules()[".form-section, .org-fields"]
