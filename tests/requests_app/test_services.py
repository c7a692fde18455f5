"""The workflow of a request: intake, the clock's rules, the answer, and the
refusals of each rule (Reg. 29-42)."""

import datetime

import pytest
from django.core import mail

from requests_app import selectors, services
from requests_app.codes import code_matches
from requests_app.models import (
    Channel,
    Status,
)
from requests_app.services import RequestError
from tests.requests_app.factories import (
    D,
    applicant_data,
    at,
    refresh,
    registered,
)
from tests.requests_app.services_helpers import RECEIVED, due

pytestmark = pytest.mark.django_db


# -- Intake ----------------------------------------------------------------------------


def test_register_starts_the_clock_on_the_reg31_date(office):
    with at(D(2026, 3, 4)):
        sub = services.request_register(
            data=applicant_data(),
            channel=Channel.POST_SIGNED,
            received_on=RECEIVED,
            receipt_note="EMS 1234",
            acting_user=office,
        )
    req = sub.request
    assert req.status == Status.RECEIVED
    assert req.received_on == RECEIVED
    assert req.tracking_number == "YSQ202600001"
    assert due(req) == D(2026, 3, 30)
    # Only the hash of the code is stored.
    assert sub.query_code not in req.query_code_hash
    assert code_matches(
        stored=req.query_code_hash, tracking_number=req.tracking_number, code=sub.query_code
    )


def test_register_refuses_future_date_online_channel_and_non_office(office, clerk):
    with at(RECEIVED), pytest.raises(RequestError, match="不能晚于今天"):
        services.request_register(
            data=applicant_data(),
            channel=Channel.IN_PERSON,
            received_on=RECEIVED + datetime.timedelta(days=1),
            acting_user=office,
        )
    with at(RECEIVED), pytest.raises(RequestError, match="在线提交"):
        services.request_register(
            data=applicant_data(), channel=Channel.ONLINE, received_on=RECEIVED, acting_user=office
        )
    with at(RECEIVED), pytest.raises(RequestError, match="没有权限"):
        services.request_register(
            data=applicant_data(), channel=Channel.FAX, received_on=RECEIVED, acting_user=clerk
        )


def test_online_request_counts_from_confirmation_not_submission(
    office, django_capture_on_commit_callbacks
):
    with at(D(2026, 2, 27)), django_capture_on_commit_callbacks(execute=True):  # a Friday
        sub = services.request_submit(data=applicant_data())
    req = sub.request
    assert req.status == Status.SUBMITTED and req.received_on is None
    assert selectors.reply_deadline_of(req) is None
    assert len(mail.outbox) == 1 and services.format_code(sub.query_code) in mail.outbox[0].body
    with at(RECEIVED):
        services.request_confirm_receipt(request=req, acting_user=office)
    req = refresh(req)
    assert req.status == Status.RECEIVED and req.received_on == RECEIVED
    assert due(req) == D(2026, 3, 30)


def test_confirmation_date_cannot_precede_submission_or_be_in_future(office):
    with at(RECEIVED):
        req = services.request_submit(data=applicant_data()).request
    with at(D(2026, 3, 3)), pytest.raises(RequestError, match="不能早于"):
        services.request_confirm_receipt(request=req, received_on=D(2026, 3, 1), acting_user=office)
    with at(D(2026, 3, 3)), pytest.raises(RequestError, match="不能晚于"):
        services.request_confirm_receipt(request=req, received_on=D(2026, 3, 4), acting_user=office)


def test_tracking_numbers_run_per_year(office):
    a = registered(office, D(2025, 12, 31))
    b = registered(office, D(2026, 1, 5))
    c = registered(office, D(2026, 1, 5))
    assert (a.tracking_number, b.tracking_number, c.tracking_number) == (
        "YSQ202500001",
        "YSQ202600001",
        "YSQ202600002",
    )


def test_check_code_accepts_only_the_right_pair(office):
    with at(RECEIVED):
        sub = services.request_register(
            data=applicant_data(), channel=Channel.FAX, received_on=RECEIVED, acting_user=office
        )
    number, code = sub.request.tracking_number, sub.query_code
    formatted = services.format_code(code).lower()
    assert services.request_check_code(tracking_number=number, code=formatted) == sub.request
    assert services.request_check_code(tracking_number=number, code="AAAAAAAAAA") is None
    assert services.request_check_code(tracking_number="YSQ209900001", code=code) is None
    assert services.request_check_code(tracking_number=number, code="") is None


# -- Assignment ----------------------------------------------------------------------


def test_assign_moves_handling_rights_with_the_section(office, section, other_section):
    from requests_app import permissions

    req = registered(office, RECEIVED)
    from accounts.roles import Role
    from tests.factories import staff

    a = staff(Role.SECTION_CLERK, section)
    b = staff(Role.SECTION_CLERK, other_section)
    with at(RECEIVED):
        services.request_assign(request=req, section=section, acting_user=office)
    assert permissions.can_handle_request(a, req) and not permissions.can_handle_request(b, req)
    with at(RECEIVED):
        services.request_assign(request=req, section=other_section, acting_user=office)
    a, b = type(a).objects.get(pk=a.pk), type(b).objects.get(pk=b.pk)
    assert not permissions.can_handle_request(a, req) and permissions.can_handle_request(b, req)


def test_only_the_office_assigns(clerk, office, section):
    req = registered(office, RECEIVED)
    with at(RECEIVED), pytest.raises(RequestError, match="没有权限"):
        services.request_assign(request=req, section=section, acting_user=clerk)
