"""The workflows on the catalogue: consultations' feedback."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.utils import timezone

from inspection.links import public_url
from inspection.models import FindingKind
from inspection.rules.base import FindingDraft


def check_consultations(as_of: datetime.date) -> Iterable[FindingDraft]:
    """Public consultations closed without published feedback (seed Art. 7(3)2:
    意见征集后，应发布意见征集、意见采纳情况), flagged until they have it."""
    from consultations.selectors import closed_without_feedback

    now = timezone.make_aware(datetime.datetime.combine(as_of, datetime.time.max))
    for consultation in closed_without_feedback(now=now):
        closed_on = timezone.localdate(consultation.closes_at)
        due = consultation.feedback_due
        overdue = consultation.feedback_overdue_on(as_of)
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
