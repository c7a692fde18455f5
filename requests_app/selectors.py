"""Reads of requests: the clock of one request, the staff lists and the dashboard."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F, Prefetch, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from requests_app import clock
from requests_app.clock import ComputedDate, Period
from requests_app.models import (
    OPEN_STATUSES,
    ClockPause,
    Complaint,
    ComplaintStatus,
    Delivery,
    DeliveryKind,
    DisclosureRequest,
    ExtensionStatus,
    NoticeSettings,
    PauseKind,
    RequestEvent,
    Status,
)
from workcalendar.selectors import WorkCalendar


@dataclass(frozen=True)
class RequestClock:
    """Everything the pages show about one request's deadlines."""

    note: str  # a sentence when no reply deadline runs (not received, correction, ...)
    reply: ComputedDate | None  # the reply deadline, with its explanation
    correction_window: ComputedDate | None  # Reg. 30: last day to ask for a correction
    overdue: bool
    days_left: int | None  # working days left until the reply deadline
    closed_late: bool

    @property
    def due_soon(self) -> bool:
        return (
            not self.overdue
            and self.days_left is not None
            and self.days_left <= clock.DUE_SOON_WORKDAYS
        )


def _get_related(request, name):
    # Reverse one-to-one: None when absent (RelatedObjectDoesNotExist is an AttributeError).
    return getattr(request, name, None)


def pause_periods(request: DisclosureRequest) -> list[Period]:
    return [Period(p.get_kind_display(), p.started_on, p.ended_on) for p in request.pauses.all()]


def reply_deadline_of(
    request: DisclosureRequest, cal: WorkCalendar | None = None
) -> ComputedDate | None:
    """The reply deadline (Reg. 33) of a received request; None before receipt and
    while a correction is awaited."""
    if request.received_on is None:
        return None
    correction = _get_related(request, "correction")
    if correction is not None:
        if correction.received_on is None:
            return None  # the period restarts when the corrected request arrives
        start, label = correction.received_on, "收到补正申请"
    else:
        start, label = request.received_on, "收到申请"
    extension = _get_related(request, "extension")
    days = extension.days if extension and extension.status == ExtensionStatus.APPROVED else 0
    statutory = clock.reply_deadline(
        start=start,
        start_label=label,
        extension_days=days,
        pauses=pause_periods(request),
        cal=cal,
    )
    reasons = _get_related(request, "reasons_request")
    later = reasons.later_due_on if reasons is not None else None
    if later and (statutory.day is None or later > statutory.day):
        # Reg. 35: reasons found reasonable, the limits cannot be met: the later,
        # reasonable date told to the applicant is the request's own deadline.
        return clock.ComputedDate(
            day=later,
            confirmed=True,
            explanation=f"{statutory.explanation}；第三十五条：申请理由合理但无法在规定期限内答复，"
            f"{clock.fmt(reasons.decided_on)} 确定延迟答复期限 → {clock.fmt(later)}",
        )
    return statutory


def request_clock(
    request: DisclosureRequest,
    today: datetime.date | None = None,
    cal: WorkCalendar | None = None,
) -> RequestClock:
    """The clock of one request. Pass one `cal` for a whole list."""
    today = today or timezone.localdate()
    cal = cal or WorkCalendar()
    reply = reply_deadline_of(request, cal)
    window = None
    may_correct = _get_related(request, "correction") is None
    if request.received_on and request.status in (Status.RECEIVED, Status.ASSIGNED) and may_correct:
        window = clock.correction_window_end(request.received_on, cal)
    note = ""
    if request.status == Status.SUBMITTED:
        note = "工作人员确认收到申请后开始计算答复期限（《条例》第三十一条）。"
    elif request.status == Status.DISCARDED:
        note = "该申请未予受理，不计算答复期限。"
    elif request.status == Status.AWAITING_CORRECTION:
        correction = request.correction
        due = (
            f"补正截止 {clock.fmt(correction.due_on)}"
            if correction.due_on
            else f"补正期限为签收补正告知书之日起 {correction.days_allowed} 个工作日（待登记签收）"
        )
        note = (
            f"等待申请人补正，{due}；收到补正后的申请之日起重新计算答复期限（《条例》第三十条）。"
        )
    running = request.status in (Status.RECEIVED, Status.ASSIGNED, Status.DRAFTED)
    overdue = bool(running and reply and reply.day and today > reply.day)
    days_left = None
    if running and reply and reply.day and not overdue:
        days_left = clock.workdays_left(today, reply.day, cal)
    closed_late = bool(
        request.status == Status.CLOSED
        and reply
        and reply.day
        and request.closed_on
        and request.closed_on > reply.day
    )
    return RequestClock(
        note=note,
        reply=reply,
        correction_window=window,
        overdue=overdue,
        days_left=days_left,
        closed_late=closed_late,
    )


def with_clock_data(qs: QuerySet[DisclosureRequest]) -> QuerySet[DisclosureRequest]:
    """What `request_clock` reads, fetched with the list (no query per row)."""
    return qs.select_related(
        "correction", "extension", "section", "reasons_request"
    ).prefetch_related(Prefetch("pauses", queryset=ClockPause.objects.order_by("started_on", "id")))


def staff_list(
    visible: QuerySet[DisclosureRequest], *, status: str = "", q: str = ""
) -> QuerySet[DisclosureRequest]:
    qs = visible
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(tracking_number__icontains=q.strip())
    return with_clock_data(qs).order_by("-submitted_at", "-id")


@dataclass
class Dashboard:
    counts: list[tuple[Status, int]]
    due_soon: list
    overdue: list
    awaiting_correction: list
    awaiting_consultation: list
    awaiting_fee: list
    pending_extensions: list
    open_complaints: list
    # Online submissions not confirmed within one working day (Reg. 31: the clock
    # waits for the confirmation, the applicant should not).
    unconfirmed: list = field(default_factory=list)


def dashboard(visible: QuerySet[DisclosureRequest], today: datetime.date | None = None):
    """Requests by state; due within 5 working days; overdue; waiting for a
    correction, a third party / other agency, or a fee."""
    today = today or timezone.localdate()
    counts = {s: 0 for s in Status}
    for row in visible.order_by().values_list("status"):
        counts[Status(row[0])] += 1
    open_requests = list(with_clock_data(visible.filter(status__in=OPEN_STATUSES)))
    due_soon, overdue, consulting, pending_ext = [], [], [], []
    cal = WorkCalendar()
    reply_day: dict[int, datetime.date] = {}
    for r in open_requests:
        rclock = request_clock(r, today, cal)
        r.clock = rclock  # type: ignore[attr-defined]  # shown by the dashboard template
        reply_day[r.pk] = (rclock.reply and rclock.reply.day) or datetime.date.max
        if rclock.overdue:
            overdue.append(r)
        elif rclock.due_soon:
            due_soon.append(r)
        if any(p.ended_on is None and p.kind != PauseKind.FEE for p in r.pauses.all()):
            consulting.append(r)
        ext = _get_related(r, "extension")
        if ext is not None and ext.status == ExtensionStatus.PENDING:
            pending_ext.append(r)
    due_soon.sort(key=lambda r: reply_day[r.pk])
    overdue.sort(key=lambda r: reply_day[r.pk])
    correction = [r for r in open_requests if r.status == Status.AWAITING_CORRECTION]
    fee = [r for r in open_requests if r.status == Status.AWAITING_FEE]
    complaints = list(
        Complaint.objects.filter(request__in=visible, status=ComplaintStatus.OPEN)
        .select_related("request")
        .order_by("due_on")
    )
    return Dashboard(
        unconfirmed=unconfirmed_submissions(visible, today, cal),
        counts=[(s, counts[s]) for s in Status],
        due_soon=due_soon,
        overdue=overdue,
        awaiting_correction=correction,
        awaiting_consultation=consulting,
        awaiting_fee=fee,
        pending_extensions=pending_ext,
        open_complaints=complaints,
    )


UNCONFIRMED_WORKDAYS = 1


def unconfirmed_submissions(
    visible: QuerySet[DisclosureRequest],
    today: datetime.date | None = None,
    cal: WorkCalendar | None = None,
) -> list[DisclosureRequest]:
    """Online submissions still unconfirmed more than one working day after they came
    in, oldest first; each with `confirm_by`, the working day it should have been
    confirmed by."""
    today = today or timezone.localdate()
    cal = cal or WorkCalendar()
    late = []
    for r in visible.filter(status=Status.SUBMITTED).order_by("submitted_at", "id"):
        submitted = timezone.localtime(r.submitted_at).date()
        confirm_by = cal.add_workdays(submitted, UNCONFIRMED_WORKDAYS).date
        if today > confirm_by:
            r.confirm_by = confirm_by  # type: ignore[attr-defined]  # shown by the template
            late.append(r)
    return late


def discarded_counts(visible: QuerySet[DisclosureRequest], year: int) -> list[tuple[str, int]]:
    """Online submissions not taken as requests in `year`, by reason: they are in no
    table 三 row (never received), so they are counted here instead."""
    from django.db.models import Count

    from requests_app.models import DiscardReason

    rows = dict(
        visible.filter(status=Status.DISCARDED, submitted_at__year=year)
        .values_list("discard_reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(reason.label, rows.get(reason.value, 0)) for reason in DiscardReason]


def public_events(request: DisclosureRequest) -> QuerySet[RequestEvent]:
    """The steps the applicant sees (no staff notes or names), by the date shown, then as recorded."""
    shown = Coalesce(F("on"), TruncDate("at"))  # the step's own date, else the day recorded
    return request.events.exclude(public_text="").order_by(shown, "at", "id")


def requests_of_applicant_in_month(request: DisclosureRequest) -> int:
    """The ordinal of `request` among the same applicant's requests received in its
    calendar month (国办函〔2020〕109号 按件计收: "同一申请人一个自然月内"). The same
    applicant is found by the keyed blind index of the ID number (the number itself is
    stored encrypted and cannot be compared in the database)."""
    day = request.received_on
    if day is None or not request.id_number_index:
        return 0  # not received (or anonymised): not counted
    same = DisclosureRequest.objects.filter(
        id_number_index=request.id_number_index,
        received_on__year=day.year,
        received_on__month=day.month,
    )
    earlier = same.filter(received_on__lt=day).count()
    same_day_before = same.filter(received_on=day, pk__lte=request.pk).count()
    return earlier + same_day_before


def available_actions(user, request: DisclosureRequest, rclock: RequestClock) -> list:
    """The actions to offer `user` on `request`: allowed by the transitions map, by
    the user's role, and meaningful now (e.g. a lapse only after its deadline)."""
    from requests_app import permissions
    from requests_app.transitions import Action, actions_from

    today = timezone.localdate()
    correction = _get_related(request, "correction")
    extension = _get_related(request, "extension")
    open_pause = any(p.ended_on is None and p.kind != PauseKind.FEE for p in request.pauses.all())
    meaningful = {
        Action.REQUEST_CORRECTION: correction is None
        and rclock.correction_window is not None
        and rclock.correction_window.day is not None
        and today <= rclock.correction_window.day,
        Action.LAPSE_CORRECTION: correction is not None
        and correction.due_on is not None
        and today > correction.due_on,
        Action.START_PAUSE: not open_pause and not rclock.overdue,
        Action.END_PAUSE: open_pause,
        Action.APPLY_EXTENSION: (extension is None or extension.status == ExtensionStatus.REFUSED)
        and rclock.reply is not None
        and rclock.reply.day is not None
        and not rclock.overdue,
        Action.DECIDE_EXTENSION: extension is not None
        and extension.status == ExtensionStatus.PENDING,
        Action.NOTIFY_FEE: not request.fee_notified_on and not open_pause,
        Action.LAPSE_FEE: request.fee_due_on is not None and today > request.fee_due_on,
        # A posted notice not yet signed for: the period has not started, payment counts.
        Action.RECORD_PAYMENT: request.fee_due_on is None or today <= request.fee_due_on,
        Action.SUBMIT_DRAFT: not open_pause,
        Action.PROPOSE_DISCARD: not request.discard_proposed_by_id,
        Action.DISCARD: bool(request.discard_proposed_by_id)
        and request.discard_proposed_by_id != getattr(user, "pk", None),
        Action.ANSWER_ON_SPOT: request.channel == "in_person" and request.received_on == today,
        Action.ASK_REASONS: _get_related(request, "reasons_request") is None,
        Action.DECIDE_REASONS: (reasons := _get_related(request, "reasons_request")) is not None
        and not reasons.decision,
    }
    return [
        a
        for a in actions_from(request.status)
        if meaningful.get(a, True) and permissions.can_take_action(user, a, request)
    ]


def notice_settings() -> NoticeSettings:
    """What every 告知书 names (configured by the office), or the defaults: the
    county people's government as 复议机关, the Reg. 51 complaint route, no court
    named yet, no seal."""
    return NoticeSettings.objects.filter(pk=1).first() or NoticeSettings(pk=1)


@dataclass(frozen=True)
class DeliveryRow:
    delivery: Delivery
    # For a received reply: the last days for 行政复议 and 行政诉讼.
    remedies: tuple[ComputedDate, ComputedDate] | None = None


def deliveries_of(request: DisclosureRequest) -> list[DeliveryRow]:
    """The request's deliveries, oldest first; a received reply with its remedy
    periods (60 days, 6 months from receipt)."""
    cal = WorkCalendar()
    rows = []
    for delivery in request.deliveries.select_related("pause").order_by("sent_on", "id"):
        remedies = None
        if delivery.kind == DeliveryKind.REPLY and delivery.received_on:
            remedies = clock.remedy_deadlines(delivery.received_on, cal)
        rows.append(DeliveryRow(delivery, remedies))
    return rows


def _title_key(text: str) -> str:
    return "".join(text.split())


def same_information(request: DisclosureRequest) -> list[DisclosureRequest]:
    """Closed requests (予以公开, 部分公开) for the same information as `request`, by
    its name with spaces ignored: the applicants of Reg. 44."""
    key = _title_key(request.info_summary)
    candidates = DisclosureRequest.objects.filter(
        status=Status.CLOSED, outcome__in=("disclosed", "partial")
    )
    return [r for r in candidates if _title_key(r.info_summary) == key]


@dataclass(frozen=True)
class FrequentInformation:
    title: str
    requests: list[DisclosureRequest]


def frequently_requested(
    visible: QuerySet[DisclosureRequest], *, at_least: int = 2
) -> list[FrequentInformation]:
    """Information obtained on request by `at_least` requests and not yet proposed
    for proactive disclosure (Reg. 44), most requested first."""
    from requests_app.models import ProactiveProposal

    proposed = {
        _title_key(t) for t in ProactiveProposal.objects.values_list("info_title", flat=True)
    }
    groups: dict[str, list[DisclosureRequest]] = {}
    for r in visible.filter(status=Status.CLOSED, outcome__in=("disclosed", "partial")).order_by(
        "-closed_on", "-id"
    ):
        key = _title_key(r.info_summary)
        if key and key not in proposed:
            groups.setdefault(key, []).append(r)
    rows = [
        FrequentInformation(g[0].info_summary, g) for g in groups.values() if len(g) >= at_least
    ]
    return sorted(rows, key=lambda row: -len(row.requests))
