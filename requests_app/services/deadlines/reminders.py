"""Reminders to the handling section before a reply is due (F6: nothing falls through).

Run daily (`manage.py remind_due_requests`): for every open request whose reply
deadline falls 5 or 1 working days from today, each member of the handling section
(its 股室信息员 and 股室负责人, or the office while unassigned) with an e-mail address
gets one message; the reminder is recorded on the request, so a second run the same
day sends nothing again."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse

from accounts.models import User
from accounts.roles import SECTION_STAFF, Role
from common.links import absolute_url
from common.mail import send_later
from requests_app import clock, selectors
from requests_app.models import OPEN_STATUSES, DisclosureRequest, RequestEvent, Status
from requests_app.services._common import _event, _today
from workcalendar.selectors import WorkCalendar

REMIND_AT = (5, 1)  # working days before the reply deadline


@dataclass(frozen=True)
class Reminder:
    request: DisclosureRequest
    due_on: datetime.date
    days_left: int
    recipients: list[str]


def _recipients(req: DisclosureRequest) -> list[str]:
    users = User.objects.filter(is_active=True).exclude(email="")
    if req.section is not None:
        users = users.filter(groups=req.section.group_id).filter(
            groups__name__in=[str(r) for r in SECTION_STAFF]
        )
    else:  # not yet assigned: the office assigns it
        users = users.filter(groups__name=str(Role.OFFICE_REVIEWER))
    return sorted(set(users.values_list("email", flat=True)))


def requests_remind_due(*, today: datetime.date | None = None) -> list[Reminder]:
    today = today or _today()
    cal = WorkCalendar()
    sent = []
    running = (Status.RECEIVED, Status.ASSIGNED, Status.DRAFTED)
    open_requests = selectors.with_clock_data(
        DisclosureRequest.objects.filter(status__in=[s for s in OPEN_STATUSES if s in running])
    )
    for req in open_requests:
        due = selectors.reply_deadline_of(req, cal)
        if due is None or due.day is None or due.day < today:
            continue
        days_left = clock.workdays_left(today, due.day, cal)
        if days_left not in REMIND_AT:
            continue
        action = f"reminder_{days_left}"
        if RequestEvent.objects.filter(request=req, action=action, on=due.day).exists():
            continue  # already reminded for this deadline
        recipients = _recipients(req)
        subject = (
            f"【依申请公开】{req.tracking_number} 将于 {due.day} 到期（剩余 {days_left} 个工作日）"
        )
        body = (
            f"申请 {req.tracking_number}（{req.info_summary}）的答复期限为 {due.day}，"
            f"还剩 {days_left} 个工作日。\n计算方法：{due.text}\n"
            f"办理页面：{absolute_url(reverse('requests_app:staff_detail', args=[req.pk]))}"
        )
        with transaction.atomic():
            _event(
                req,
                action,
                on=due.day,
                note=f"到期提醒已发送 {len(recipients)} 人（剩余 {days_left} 个工作日）",
            )
            for to in recipients:
                send_later(subject, body, [to])
        sent.append(Reminder(req, due.day, days_left, recipients))
    return sent
