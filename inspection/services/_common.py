"""The inspection's refusal class, deadline limits and the task transitions check."""

from __future__ import annotations

import datetime

from common.errors import PortalError
from inspection.models import (
    RectificationTask,
    TaskAction,
    TaskStatus,
)

MIN_DEADLINE_WORKDAYS = 1


MAX_DEADLINE_WORKDAYS = 60


DEFAULT_DEADLINE_WORKDAYS = 10


MAX_EVIDENCE_FILES = 10


class InspectionError(PortalError):
    """A refused operation; the message (Chinese) is shown to the user."""


# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    TaskAction.ANSWERED: (
        frozenset({TaskStatus.ASSIGNED, TaskStatus.RETURNED}),
        TaskStatus.ANSWERED,
    ),
    TaskAction.VERIFIED: (frozenset({TaskStatus.ANSWERED}), TaskStatus.CLOSED),
    TaskAction.SENT_BACK: (frozenset({TaskStatus.ANSWERED}), TaskStatus.RETURNED),
    TaskAction.CANCELLED: (
        frozenset({TaskStatus.ASSIGNED, TaskStatus.RETURNED, TaskStatus.ANSWERED}),
        TaskStatus.CANCELLED,
    ),
}


def _check_transition(task: RectificationTask, action: str) -> str:
    sources, target = TRANSITIONS[action]
    if task.status not in sources:
        raise InspectionError(
            f"任务当前状态为“{task.get_status_display()}”，不能{TaskAction(action).label}。"
        )
    return target


def due_date(start: datetime.date, workdays: int):
    """`workdays` working days after `start` on the bureau's calendar (F2)."""
    from workcalendar.selectors import add_workdays

    return add_workdays(start, workdays)


def _check_deadline(workdays: int) -> None:
    if not MIN_DEADLINE_WORKDAYS <= int(workdays) <= MAX_DEADLINE_WORKDAYS:
        raise InspectionError(
            f"整改时限应为 {MIN_DEADLINE_WORKDAYS} 至 {MAX_DEADLINE_WORKDAYS} 个工作日。"
        )
