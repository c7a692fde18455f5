"""Fees (国办函〔2020〕109号), masking, identity checks, and the table 三 counts."""

import datetime
import time
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from requests_app import fees, services
from requests_app.models import DisclosureRequest
from requests_app.outcomes import Outcome
from requests_app.validators import (
    id_card_check_digit,
    validate_id_card,
    validate_phone,
    validate_uscc,
)
from tests.requests_app.factories import D, applicant_data, assigned, at, draft_args, registered


@pytest.mark.parametrize(
    ("ordinal", "rate"),
    [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (55, 400)],
)
def test_per_request_rate_by_ordinal_in_month(ordinal, rate):
    assert fees.per_request_rate(ordinal) == Decimal(rate)


@pytest.mark.parametrize(
    ("pages", "amount"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (201, 2740), (250, 4700)],
)
def test_per_page_amount_by_band(pages, amount):
    assert fees.per_page_amount(pages)[0] == Decimal(amount)


def test_fee_explanation_names_the_bands():
    fee = fees.compute_fee("per_page", 120)
    assert fee.amount == Decimal(1100)
    assert "第 31–100 页 70 页 × 10 元 = 700 元" in fee.explanation
    assert "第 101–120 页 20 页 × 20 元 = 400 元" in fee.explanation


def test_a_birth_date_of_today_counts_in_the_bureaus_time_zone(monkeypatch):
    """Early on 2 March in Shanghai it is still 1 March in UTC: a baby born on
    2 March has a valid ID number even on a server whose clock runs in UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        number = "11010520260302001"
        number += id_card_check_digit(number)
        with time_machine.travel(datetime.datetime(2026, 3, 1, 17, tzinfo=datetime.UTC)):
            assert validate_id_card(number) == number  # 2 March 01:00 in Shanghai
    finally:
        monkeypatch.undo()
        time.tzset()


def test_identity_checks():
    assert validate_id_card("11010519491231002x") == "11010519491231002X"
    for bad in ("110105194912310021", "11010519491331002X", "1101051949123100"):
        with pytest.raises(ValidationError):
            validate_id_card(bad)
    assert validate_uscc("91350100m000100y43") == "91350100M000100Y43"
    for bad in ("91350100M000100Y44", "91350100M000100I43", "9135"):
        with pytest.raises(ValidationError):
            validate_uscc(bad)
    assert validate_phone("0572-1234567") == "0572-1234567"
    assert validate_phone("+86 138 1234 1234") == "13812341234"
    with pytest.raises(ValidationError):
        validate_phone("12345678")


@pytest.mark.django_db
def test_annual_report_counts_balance(office, section, clerk):
    """一 + 二 = 三(办结) + 四(结转), computed from received_on / closed_on."""
    old_open = assigned(office, section, D(2025, 12, 10))  # carried into 2026, still open
    old_closed = assigned(office, section, D(2025, 12, 15))  # carried, closed in 2026
    closed_2025 = assigned(office, section, D(2025, 11, 3))  # closed in 2025: not in 2026
    new_closed = assigned(office, section, D(2026, 3, 2))
    new_open = registered(office, D(2026, 12, 28))
    for req, day, outcome in (
        (old_closed, D(2026, 1, 8), Outcome.DISCLOSED),
        (closed_2025, D(2025, 11, 20), Outcome.UNAVAILABLE_NOT_HELD),
        (new_closed, D(2026, 3, 20), Outcome.WITHHELD_PROCESS_INFO),
    ):
        with at(day):
            services.request_draft_submit(
                request=req, **draft_args(outcome), text="答复", acting_user=clerk
            )
            services.request_approve(request=req, acting_user=office)
    with at(D(2026, 3, 2)):
        services.request_submit(data=applicant_data())  # not yet received: never counted
    qs = DisclosureRequest.objects
    ids = lambda q: set(q.values_list("pk", flat=True))  # noqa: E731
    assert ids(qs.received_in(2026)) == {new_closed.pk, new_open.pk}
    assert ids(qs.carried_into(2026)) == {old_open.pk, old_closed.pk}
    assert ids(qs.closed_in(2026)) == {old_closed.pk, new_closed.pk}
    assert ids(qs.open_at_end_of(2026)) == {old_open.pk, new_open.pk}
    assert qs.received_in(2026).count() + qs.carried_into(2026).count() == (
        qs.closed_in(2026).count() + qs.open_at_end_of(2026).count()
    )
    assert ids(qs.open_at_end_of(2025)) == {old_open.pk, old_closed.pk}


@pytest.mark.django_db
def test_database_refuses_inconsistent_closing(office):
    req = registered(office, D(2026, 3, 2))
    with pytest.raises(IntegrityError):
        DisclosureRequest.objects.filter(pk=req.pk).update(status="closed")


@pytest.mark.django_db
def test_applicant_column_expression_matches_python(office):
    from requests_app.outcomes import applicant_column, applicant_column_expression
    from tests.requests_app.factories import org_data

    person = registered(office, D(2026, 3, 2))
    with at(D(2026, 3, 2)):
        org = services.request_register(
            data=org_data(), channel="fax", received_on=D(2026, 3, 2), acting_user=office
        ).request
    rows = dict(
        DisclosureRequest.objects.annotate(col=applicant_column_expression()).values_list(
            "pk", "col"
        )
    )
    assert rows[person.pk] == applicant_column(person) == "natural_person"
    assert rows[org.pk] == applicant_column(org) == "commercial"


@pytest.mark.django_db
def test_daily_command_closes_lapsed_corrections(office, section, clerk):
    import io

    from django.core.management import call_command

    req = assigned(office, section, D(2026, 3, 2))
    with at(D(2026, 3, 3)):
        services.request_correction_ask(request=req, items="补充", days=5, acting_user=clerk)
    out = io.StringIO()
    with at(D(2026, 3, 11)):
        call_command("close_lapsed_requests", stdout=out)
    req.refresh_from_db()
    assert req.outcome == Outcome.OTHER_NO_CORRECTION
    assert req.tracking_number in out.getvalue()
