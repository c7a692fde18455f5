"""The daily reminder: the handling section is e-mailed 5 and 1 working days before a
reply is due, once per deadline."""

import io

import pytest
from django.core.management import call_command

from accounts.roles import Role
from requests_app import services
from tests.factories import staff
from tests.requests_app.factories import D, assigned, at, registered
from tests.requests_app.services_helpers import RECEIVED

pytestmark = pytest.mark.django_db

# RECEIVED 2026-03-02 + 20 working days = 2026-03-30 (Monday).


@pytest.fixture
def mailed_section(section, other_section):
    clerk = staff(Role.SECTION_CLERK, section, email="clerk@example.org")
    head = staff(Role.SECTION_HEAD, section, email="head@example.org")
    staff(Role.SECTION_CLERK, section, email="")  # no address: skipped
    staff(Role.SECTION_CLERK, other_section, email="other@example.org")
    return clerk, head


def run(day, django_capture_on_commit_callbacks):
    with at(day), django_capture_on_commit_callbacks(execute=True):
        return services.requests_remind_due(today=day)


def test_section_is_reminded_5_and_1_working_days_before(
    office, section, mailed_section, mailoutbox, django_capture_on_commit_callbacks
):
    req = assigned(office, section, RECEIVED)
    assert run(D(2026, 3, 20), django_capture_on_commit_callbacks) == []  # 6 days left
    sent = run(D(2026, 3, 23), django_capture_on_commit_callbacks)  # 5 working days left
    assert [(r.request.pk, r.days_left, r.due_on) for r in sent] == [(req.pk, 5, D(2026, 3, 30))]
    assert sorted(m.to[0] for m in mailoutbox) == ["clerk@example.org", "head@example.org"]
    assert "2026-03-30" in mailoutbox[0].subject and "计算方法" in mailoutbox[0].body
    # A second run the same day sends nothing again.
    assert run(D(2026, 3, 23), django_capture_on_commit_callbacks) == []
    assert len(mailoutbox) == 2
    sent = run(D(2026, 3, 27), django_capture_on_commit_callbacks)  # Friday: 1 left
    assert [r.days_left for r in sent] == [1]
    assert len(mailoutbox) == 4
    assert req.events.filter(action__startswith="reminder_").count() == 2


def test_unassigned_requests_remind_the_office(
    office, mailoutbox, django_capture_on_commit_callbacks
):
    office.email = "office@example.org"
    office.save()
    registered(office, RECEIVED)
    run(D(2026, 3, 23), django_capture_on_commit_callbacks)
    assert [m.to[0] for m in mailoutbox] == ["office@example.org"]


def test_closed_and_waiting_requests_are_not_reminded(
    office, section, clerk, mailed_section, mailoutbox, django_capture_on_commit_callbacks
):
    req = assigned(office, section, RECEIVED)
    with at(D(2026, 3, 3)):
        services.request_correction_ask(request=req, items="写明年份", acting_user=clerk)
    assert run(D(2026, 3, 23), django_capture_on_commit_callbacks) == []
    assert mailoutbox == []


def test_command(office, section, mailed_section):
    assigned(office, section, RECEIVED)
    out = io.StringIO()
    with at(D(2026, 3, 23)):
        call_command("remind_due_requests", stdout=out)
    assert "已发送 1 件到期提醒" in out.getvalue()
