"""Reads of the consultations app. Public pages read only through `public_*`
selectors, which start from `Consultation.objects.public()` (published 主动公开
draft item, not internal) and `Comment.objects.public()` (approved)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from common.pagecache import versioned_local
from consultations import permissions
from consultations.models import (
    FEEDBACK_WORKDAYS,
    Adoption,
    Comment,
    CommentStatus,
    Consultation,
    ConsultationQuerySet,
    Phase,
)
from disclosure.choices import ContentCategory
from disclosure.models import Column, Item

PUBLIC_PHASES = (Phase.OPEN, Phase.UPCOMING, Phase.CLOSED, Phase.CONCLUDED)


def _with_related[QS: QuerySet[Consultation]](queryset: QS) -> QS:
    return queryset.select_related("item", "item__section", "feedback_item", "policy_item")


def _phase_filter(queryset: ConsultationQuerySet, phase: str, now) -> ConsultationQuerySet:
    """The database form of `Consultation.phase_at` for public consultations."""
    if phase == Phase.CONCLUDED:
        return queryset.with_published_feedback()
    pending = queryset.without_published_feedback()
    if phase == Phase.UPCOMING:
        return pending.filter(opens_at__gt=now)
    if phase == Phase.OPEN:
        return pending.filter(opens_at__lte=now, closes_at__gte=now)
    if phase == Phase.CLOSED:
        return pending.filter(closes_at__lt=now)
    return queryset


def public_consultations(
    *, phase: str = "", now: datetime.datetime | None = None
) -> QuerySet[Consultation]:
    """Public consultations, optionally of one phase; open ones closing soonest first,
    otherwise newest first."""
    now = now or timezone.now()
    queryset = _phase_filter(_with_related(Consultation.objects.public()), phase, now)
    if phase in (Phase.OPEN, Phase.UPCOMING):
        return queryset.order_by("closes_at", "id")
    return queryset.order_by("-opens_at", "-id")


def public_consultation_counts(*, now: datetime.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    return {
        phase.value: _phase_filter(Consultation.objects.public(), phase, now).count()
        for phase in PUBLIC_PHASES
    }


def public_consultation_or_404(pk: int) -> Consultation:
    """The consultation a public page shows, or Http404 (drafts, internal ones and
    withdrawn drafts included)."""
    return get_object_or_404(_with_related(Consultation.objects.public()), pk=pk)


def public_comments(consultation: Consultation) -> QuerySet[Comment]:
    """Approved comments of a public consultation: the only comments any public page
    shows. The contact is never shown."""
    return Comment.objects.public().filter(consultation=consultation).order_by("submitted_at", "id")


def public_feedback(consultation: Consultation) -> Item | None:
    """The published feedback item, if any."""
    if consultation.feedback_item_id is None:
        return None
    return Item.objects.published().filter(pk=consultation.feedback_item_id).first()


def public_consultations_for_item(item: Item) -> list[Consultation]:
    """Public consultations an item page should point to: the item is their draft,
    their feedback, or the policy that resulted from them (Art. 7(3)2: 关联发布).

    Few items have any: the ids of those that do are kept per catalogue version
    (`_items_with_public_consultations`), so the other item pages run no query."""
    if item.pk not in _items_with_public_consultations():
        return []
    return list(
        _with_related(Consultation.objects.public()).filter(
            Q(item=item) | Q(feedback_item=item) | Q(policy_item=item)
        )
    )


def _items_with_public_consultations() -> frozenset[int]:
    def compute() -> frozenset[int]:
        rows = Consultation.objects.public().values_list(
            "item_id", "feedback_item_id", "policy_item_id"
        )
        return frozenset(pk for row in rows for pk in row if pk)

    return versioned_local("items-with-public-consultations", compute)


# --- back office ------------------------------------------------------------------


def consultation_columns() -> QuerySet[Column]:
    """Columns a consultation's draft may be filed in: the 意见征集 columns, or
    failing those, the columns for Art. 5(16) drafts."""
    named = Column.objects.filter(name__contains="意见征集")
    if named.exists():
        return named.order_by("order", "id")
    return Column.objects.filter(content_category=ContentCategory.NORMATIVE_DRAFTS).order_by(
        "order", "id"
    )


def staff_consultations(user) -> QuerySet[Consultation]:
    """Every consultation `user` may see, with comment counts by status."""
    return (
        _with_related(permissions.consultations_visible_to(user))
        .annotate(
            pending_count=Count("comments", filter=Q(comments__status=CommentStatus.PENDING)),
            approved_count=Count("comments", filter=Q(comments__status=CommentStatus.APPROVED)),
            hidden_count=Count("comments", filter=Q(comments__status=CommentStatus.HIDDEN)),
        )
        .order_by("-created_at", "-id")
    )


def staff_consultation_or_404(user, pk: int) -> Consultation:
    return get_object_or_404(staff_consultations(user), pk=pk)


def staff_comments(consultation: Consultation, *, status: str = "") -> QuerySet[Comment]:
    queryset = consultation.comments.prefetch_related("moderations__moderator")
    if status:
        queryset = queryset.filter(status=status)
    return queryset.order_by("submitted_at", "id")


def closed_without_feedback(*, now: datetime.datetime | None = None) -> QuerySet[Consultation]:
    """Public consultations that have closed and have no published feedback yet
    (Art. 7(3)2: 意见征集后，应发布意见征集、意见采纳情况). Each row has
    `feedback_due` (a WorkdayResult: `.date`, `.confirmed`) and `feedback_overdue`
    (20 working days after the closing date have passed), computed, never stored.
    Internal consultations are not listed: their feedback is not published."""
    now = now or timezone.now()
    return (
        _with_related(Consultation.objects.public())
        .without_published_feedback()
        .filter(closes_at__lt=now)
        .order_by("closes_at", "id")
    )


def with_feedback_due(consultations) -> list[Consultation]:
    """The consultations as a list, each with its feedback due date computed on one
    shared calendar (the calendar years are read once for the whole list)."""
    from workcalendar.selectors import WorkCalendar

    calendar = WorkCalendar()
    rows = list(consultations)
    for consultation in rows:
        if consultation.closes_at is not None:
            closed_on = timezone.localdate(consultation.closes_at)
            consultation._feedback_due = calendar.add_workdays(closed_on, FEEDBACK_WORKDAYS)
    return rows


@dataclass(frozen=True)
class FeedbackSummary:
    received: int
    hidden: int
    adopted: int
    partly: int
    not_adopted: int
    noted: int
    undecided: int


def feedback_summary(consultation: Consultation) -> FeedbackSummary:
    """Counts for the 意见征集情况及采纳情况: comments received (hidden ones — abuse,
    spam, duplicates — counted apart) and how they were dealt with."""
    rows = consultation.comments.aggregate(
        total=Count("id"),
        hidden=Count("id", filter=Q(status=CommentStatus.HIDDEN)),
        adopted=Count("id", filter=Q(adoption=Adoption.ADOPTED) & ~Q(status="hidden")),
        partly=Count("id", filter=Q(adoption=Adoption.PARTLY) & ~Q(status="hidden")),
        not_adopted=Count("id", filter=Q(adoption=Adoption.NOT_ADOPTED) & ~Q(status="hidden")),
        noted=Count("id", filter=Q(adoption=Adoption.NOTED) & ~Q(status="hidden")),
    )
    received = rows["total"] - rows["hidden"]
    decided = rows["adopted"] + rows["partly"] + rows["not_adopted"] + rows["noted"]
    return FeedbackSummary(
        received=received,
        hidden=rows["hidden"],
        adopted=rows["adopted"],
        partly=rows["partly"],
        not_adopted=rows["not_adopted"],
        noted=rows["noted"],
        undecided=received - decided,
    )


def draft_name(title: str) -> str:
    """The document's name: what stands in 《》 in a title like
    关于《X（征求意见稿）》公开征求意见的公告, else the whole title."""
    start, end = title.find("《"), title.rfind("》")
    if 0 <= start < end:
        return title[start + 1 : end]
    return title


def feedback_draft_text(consultation: Consultation) -> tuple[str, str]:
    """A starting title and plain-text body (one paragraph per line) for the
    feedback, from the counts and the adoption notes; staff edit it."""
    summary = feedback_summary(consultation)
    name = draft_name(consultation.item.title)
    opens = timezone.localtime(consultation.opens_at).strftime("%Y年%m月%d日")
    closes = timezone.localtime(consultation.closes_at).strftime("%Y年%m月%d日")
    title = f"关于《{name}》公开征求意见情况及采纳情况的说明"
    lines = [
        f"{opens}至{closes}，我局就《{name}》向社会公开征求意见，"
        f"共收到意见建议{summary.received}条。其中采纳{summary.adopted}条，"
        f"部分采纳{summary.partly}条，未采纳{summary.not_adopted}条，"
        f"已作说明{summary.noted}条。"
    ]
    handled = (
        consultation.comments.exclude(status=CommentStatus.HIDDEN)
        .exclude(adoption=Adoption.UNDECIDED)
        .order_by("submitted_at", "id")
    )
    if handled:
        lines.append("主要意见及采纳情况如下：")
        for number, comment in enumerate(handled, start=1):
            where = f"（{comment.draft_section}）" if comment.draft_section else ""
            body = " ".join(comment.body.split())[:200]
            note = f"理由：{comment.adoption_note}" if comment.adoption_note else ""
            lines.append(f"{number}. {where}{body}——{comment.get_adoption_display()}。{note}")
    lines.append("感谢社会各界对我局工作的关心和支持。")
    return title, "\n".join(lines)


def policy_item_choices(user, consultation: Consultation) -> QuerySet[Item]:
    """Items that may be linked as the resulting policy: what `user` may see in the
    back office, or anything published, except consultation drafts and feedback."""
    from disclosure.permissions import items_visible_to

    visible = items_visible_to(user) | Item.objects.published()
    return (
        visible.exclude(consultation__isnull=False)
        .exclude(feedback_for__isnull=False)
        .exclude(pk=consultation.item_id)
        .distinct()
        .order_by("-created_at", "-id")
    )
