"""The workflows on the catalogue and the office's own duties: consultations'
feedback, request replies (Reg. 33), the annual report (Reg. 49) and the guide
(Reg. 12)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone

from inspection.links import public_url
from inspection.models import FindingKind
from inspection.rules.base import FindingDraft, months_before, office_section


def check_consultations(as_of: datetime.date) -> Iterable[FindingDraft]:
    """Public consultations closed without published feedback (seed Art. 7(3)2:
    意见征集后，应发布意见征集、意见采纳情况) once its due date has passed, flagged
    until they have it. One whose feedback is not due yet is no problem (yet)."""
    from consultations.selectors import closed_without_feedback

    now = timezone.make_aware(datetime.datetime.combine(as_of, datetime.time.max))
    for consultation in closed_without_feedback(now=now):
        closed_on = timezone.localdate(consultation.closes_at)
        due = consultation.feedback_due
        overdue = consultation.feedback_overdue_on(as_of)
        if not overdue:
            continue
        state = f"反馈期限 {due.date:%Y-%m-%d}{'' if due.confirmed else '（未确认）'}" + (
            "，已逾期" if overdue else ""
        )
        yield FindingDraft(
            kind=FindingKind.CONSULTATION_NO_FEEDBACK,
            message=(
                f"意见征集“{consultation.title}”已于 {closed_on:%Y-%m-%d} 截止，"
                f"尚未发布意见征集及采纳情况（{state}）。"
            ),
            section=consultation.section,
            subject=consultation.title,
            subject_url=public_url(consultation) or public_url(consultation.item),
            detail={
                "closed_on": closed_on.isoformat(),
                "feedback_due": due.date.isoformat(),
                "due_confirmed": due.confirmed,
                "overdue": overdue,
            },
            fingerprint=f"{FindingKind.CONSULTATION_NO_FEEDBACK}:consultation:{consultation.pk}",
        )


def check_overdue_requests(as_of: datetime.date) -> Iterable[FindingDraft]:
    """Requests still unanswered after their reply deadline (Reg. 33: 20 working days
    from receipt, plus an approved extension, pauses not counted). No applicant's
    data goes into the finding: the tracking number identifies the request."""
    from django.urls import reverse

    from requests_app.models import DisclosureRequest
    from requests_app.selectors import request_clock, with_clock_data
    from workcalendar.selectors import WorkCalendar

    cal = WorkCalendar()
    office = office_section()
    requests = with_clock_data(DisclosureRequest.objects.open()).order_by("received_on", "id")
    for request in requests:
        rclock = request_clock(request, today=as_of, cal=cal)
        if not rclock.overdue or rclock.reply is None or rclock.reply.day is None:
            continue
        due = rclock.reply.day
        days = (as_of - due).days
        yield FindingDraft(
            kind=FindingKind.REQUEST_OVERDUE,
            message=(
                f"政府信息公开申请 {request.tracking_number} 应于 {due:%Y-%m-%d} 前答复"
                f"（《条例》第三十三条），已逾期 {days} 天（{request.get_status_display()}）。"
            ),
            section=request.section or office,
            subject=f"申请 {request.tracking_number}",
            subject_url=reverse("requests_app:staff_detail", args=[request.pk]),
            detail={"due_on": due.isoformat(), "days_late": days},
            fingerprint=f"{FindingKind.REQUEST_OVERDUE}:request:{request.pk}",
        )


def annual_report_deadline(year: int) -> datetime.date:
    """Reg. 49: a 县级以上 department publishes the year's report by 31 January."""
    return datetime.date(year + 1, 1, 31)


def check_annual_report(as_of: datetime.date) -> Iterable[FindingDraft]:
    """Last year's annual report not published by 31 January (Reg. 49)."""
    from django.urls import reverse

    from reports.models import AnnualReport
    from reports.services import FIRST_REPORT_YEAR

    year = as_of.year - 1
    deadline = annual_report_deadline(year)
    if year < FIRST_REPORT_YEAR or as_of <= deadline:
        return
    report = AnnualReport.objects.filter(year=year, published_at__isnull=False).first()
    published_on = timezone.localdate(report.published_at) if report else None
    if published_on is not None and published_on <= deadline:
        return
    state = (
        f"于 {published_on:%Y-%m-%d} 发布，晚于" if published_on else "至今未发布，已超过"
    ) + f" {deadline.year}年{deadline.month}月{deadline.day}日的期限（《条例》第四十九条）"
    yield FindingDraft(
        kind=FindingKind.ANNUAL_REPORT_LATE,
        message=f"{year}年政府信息公开工作年度报告{state}。",
        section=office_section(),
        subject=f"{year}年度报告",
        subject_url=reverse("reports:annual_manage"),
        detail={
            "year": year,
            "deadline": deadline.isoformat(),
            "published_on": str(published_on or ""),
        },
        fingerprint=f"{FindingKind.ANNUAL_REPORT_LATE}:year:{year}",
    )


def check_guide(as_of: datetime.date) -> Iterable[FindingDraft]:
    """The guide (Reg. 12) not reviewed for more than a year: the office keeps it
    current (seed Art. 4(四)); one updated exactly a year ago still passes."""
    from django.urls import reverse

    from reports.models import Guide

    guide = Guide.objects.order_by("-updated_at").first()
    updated = timezone.localdate(guide.updated_at) if guide else None
    if updated is not None and updated >= months_before(as_of, 12):
        return
    message = (
        f"政府信息公开指南最后更新于 {updated:%Y-%m-%d}，已超过一年未更新（《条例》第十二条）。"
        if updated
        else "尚未编制政府信息公开指南（《条例》第十二条）。"
    )
    yield FindingDraft(
        kind=FindingKind.GUIDE_STALE,
        message=message,
        section=office_section(),
        subject="政府信息公开指南",
        subject_url=reverse("reports:guide"),
        detail={"updated_on": updated.isoformat() if updated else None},
        fingerprint=f"{FindingKind.GUIDE_STALE}:guide",
    )


# 国办秘函〔2019〕19号, 互动回应差: a valid 政务咨询 message unanswered for more than 3 months
# fails the site (单项否决).
ENQUIRY_VETO_MONTHS = 3


def check_enquiries(as_of: datetime.date) -> Iterable[FindingDraft]:
    """政务咨询 questions received more than 3 months before `as_of` and still
    unanswered (exactly 3 months passes). The asker's data stays out of it."""
    from django.urls import reverse

    from enquiries.models import Enquiry

    limit = months_before(as_of, ENQUIRY_VETO_MONTHS)
    office = office_section()
    for enquiry in Enquiry.objects.unanswered().select_related("section").order_by("submitted_at"):
        received = timezone.localdate(enquiry.submitted_at)
        if received >= limit or received > as_of:
            continue
        yield FindingDraft(
            kind=FindingKind.ENQUIRY_UNANSWERED,
            message=(
                f"政务咨询“{enquiry.subject}”于 {received:%Y-%m-%d} 收到，超过3个月未答复"
                "（国办秘函〔2019〕19号：互动回应差，单项否决）。"
            ),
            section=enquiry.section or office,
            subject=enquiry.subject,
            subject_url=reverse("enquiries:staff_detail", args=[enquiry.pk]),
            detail={"received_on": received.isoformat()},
            fingerprint=f"{FindingKind.ENQUIRY_UNANSWERED}:enquiry:{enquiry.pk}",
        )
