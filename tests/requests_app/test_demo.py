"""The demo requests: every state, overdue, extended, correction; history for the
annual report; idempotent."""

import io

import pytest
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD
from requests_app import demo, selectors
from requests_app.models import DisclosureRequest, ExtensionStatus, RemedyCase, Status
from requests_app.outcomes import Outcome


@pytest.mark.django_db
def test_demo_covers_every_state_and_is_idempotent(
    organisation, office, section, other_section, clerk
):
    out = io.StringIO()
    ctx = {"organisation": organisation, "stdout": out, "credentials": []}
    demo.load(ctx)
    count = DisclosureRequest.objects.count()
    assert set(DisclosureRequest.objects.values_list("status", flat=True)) == set(Status.values)
    clocks = [
        selectors.request_clock(r)
        for r in selectors.with_clock_data(DisclosureRequest.objects.open())
    ]
    assert any(c.overdue for c in clocks)
    assert any(c.due_soon for c in clocks)
    assert DisclosureRequest.objects.filter(extension__status=ExtensionStatus.APPROVED).exists()
    assert DisclosureRequest.objects.filter(extension__status=ExtensionStatus.PENDING).exists()
    assert DisclosureRequest.objects.filter(status=Status.AWAITING_CORRECTION).exists()
    assert DisclosureRequest.objects.filter(
        pauses__ended_on=None, pauses__kind="third_party"
    ).exists()
    year = timezone.localdate().year
    assert DisclosureRequest.objects.closed_in(year - 1).count() >= 4
    assert DisclosureRequest.objects.closed_in(year).count() >= 4
    assert DisclosureRequest.objects.carried_into(year).exists()
    outcomes = set(DisclosureRequest.objects.values_list("outcome", flat=True))
    assert {Outcome.DISCLOSED, Outcome.PARTIAL, Outcome.OTHER_NO_CORRECTION} <= outcomes
    assert RemedyCase.objects.filter(concluded_on=None).exists()
    assert RemedyCase.objects.exclude(concluded_on=None).exists()
    assert "查询码" in out.getvalue()
    assert ("bgszr", DEMO_PASSWORD, "办公室主任") in ctx["credentials"]
    demo.load(ctx)
    assert DisclosureRequest.objects.count() == count
