"""The inspection flags online requests left unconfirmed for more than one working
day (Reg. 31), against the office."""

import datetime

import pytest

from inspection.models import FindingKind
from inspection.rules import run_rules
from requests_app import services
from tests.requests_app.factories import applicant_data, at

pytestmark = pytest.mark.django_db
D = datetime.date


def test_unconfirmed_submission_is_a_finding_for_the_office(office, office_section):
    with at(D(2026, 3, 6)):  # a Friday: to be confirmed by Monday 3-9
        req = services.request_submit(data=applicant_data()).request
    assert [d for d in run_rules(D(2026, 3, 9)) if d.kind == FindingKind.REQUEST_UNCONFIRMED] == []
    drafts = [d for d in run_rules(D(2026, 3, 10)) if d.kind == FindingKind.REQUEST_UNCONFIRMED]
    assert len(drafts) == 1
    assert drafts[0].section == office_section
    assert req.tracking_number in drafts[0].message and "2026-03-09" in drafts[0].message
    assert drafts[0].fingerprint == f"request_unconfirmed:request:{req.pk}"
    with at(D(2026, 3, 10)):
        services.request_confirm_receipt(
            request=req, received_on=D(2026, 3, 10), acting_user=office
        )
    assert [d for d in run_rules(D(2026, 3, 11)) if d.kind == FindingKind.REQUEST_UNCONFIRMED] == []
