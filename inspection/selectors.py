"""Reads of inspection and rectification."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from inspection import permissions
from inspection.models import (
    SECTION_OWES,
    Finding,
    FindingKind,
    InspectionRun,
    RectificationTask,
    TaskStatus,
)

# Report order: the site as a whole first, then columns, items, attachments, content.
KIND_ORDER = (
    FindingKind.HOME_IDLE,
    FindingKind.COLUMN_IDLE,
    FindingKind.COLUMN_STALE,
    FindingKind.COLUMN_EMPTY,
    FindingKind.ITEM_OVERDUE,
    FindingKind.ATTACHMENT_BROKEN,
    FindingKind.LINK_BROKEN,
    FindingKind.PERSONAL_DATA,
    FindingKind.SENSITIVE_WORD,
    FindingKind.CONSULTATION_NO_FEEDBACK,
    FindingKind.NORMATIVE_EXPIRY,
    FindingKind.REQUEST_OVERDUE,
    FindingKind.ANNUAL_REPORT_LATE,
    FindingKind.GUIDE_STALE,
    FindingKind.ENQUIRY_UNANSWERED,
    FindingKind.MATTER_IDLE,
    FindingKind.EVALUATION,
)


def latest_run() -> InspectionRun | None:
    return InspectionRun.objects.order_by("-started_at", "-id").first()


def run_findings(run: InspectionRun) -> list[tuple[str, list[Finding]]]:
    """Findings of `run` grouped by kind in the order of `FindingKind`, each with
    `open_task` set: this finding's task, or an open task for the same problem from
    an earlier run or None."""
    findings = list(
        run.findings.select_related("section", "column", "item", "attachment", "task").order_by(
            "kind", "section__order", "id"
        )
    )
    fingerprints = {f.fingerprint for f in findings if f.fingerprint}
    open_by_fp: dict[str, RectificationTask] = {}
    for task in (
        RectificationTask.objects.open()
        .filter(finding__fingerprint__in=fingerprints)
        .select_related("finding")
    ):
        open_by_fp.setdefault(task.finding.fingerprint, task)
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        own = getattr(finding, "task", None) if _has_task(finding) else None
        # Shown by the findings template.
        finding.open_task = own or open_by_fp.get(finding.fingerprint)  # type: ignore[attr-defined]
        groups.setdefault(finding.kind, []).append(finding)
    return [(kind.label, groups[kind]) for kind in KIND_ORDER if kind in groups]


def _has_task(finding: Finding) -> bool:
    try:
        finding.task  # noqa: B018 - reading the reverse one-to-one raises when there is none
    except RectificationTask.DoesNotExist:
        return False
    return True


def tasks_for(
    user, *, status: str = "", section_id: int | None = None, overdue: bool = False
) -> QuerySet[RectificationTask]:
    tasks = permissions.tasks_visible_to(user).select_related("section", "finding")
    if status:
        tasks = tasks.filter(status=status)
    if section_id:
        tasks = tasks.filter(section_id=section_id)
    if overdue:
        tasks = tasks.overdue()
    return tasks.order_by("due_on", "id")


def task_counts(user, today: datetime.date | None = None) -> dict:
    """Counts for the dashboard: open, awaiting verification, overdue, closed."""
    today = today or timezone.localdate()
    tasks = permissions.tasks_visible_to(user)
    return tasks.aggregate(
        open=Count("id", filter=Q(status__in=SECTION_OWES)),
        answered=Count("id", filter=Q(status=TaskStatus.ANSWERED)),
        overdue=Count("id", filter=Q(status__in=SECTION_OWES, due_on__lt=today)),
        closed=Count("id", filter=Q(status=TaskStatus.CLOSED)),
    )


def open_tasks_by_section(today: datetime.date | None = None) -> list[dict]:
    """Open tasks per section, with how many are overdue (statistics, dashboards)."""
    today = today or timezone.localdate()
    rows = (
        RectificationTask.objects.open()
        .values("section__name", "section__order", "section_id")
        .annotate(
            open=Count("id"),
            owed=Count("id", filter=Q(status__in=SECTION_OWES)),
            overdue=Count("id", filter=Q(status__in=SECTION_OWES, due_on__lt=today)),
        )
        .order_by("section__order", "section_id")
    )
    return [
        {
            "section": r["section__name"],
            "open": r["open"],
            "owed": r["owed"],
            "overdue": r["overdue"],
        }
        for r in rows
    ]


def overdue_tasks_for(user, *, limit: int = 20) -> list[RectificationTask]:
    """Overdue tasks `user` may see: for other apps' dashboards too."""
    return list(
        permissions.tasks_visible_to(user)
        .overdue()
        .select_related("section")
        .order_by("due_on", "id")[:limit]
    )
