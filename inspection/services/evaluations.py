"""Evaluations (考评迎检): recorded with their findings."""

from __future__ import annotations

import datetime

from disclosure.models import Column, Item, Section
from inspection import permissions
from inspection.models import (
    Evaluation,
    Finding,
    FindingKind,
)
from inspection.services._common import InspectionError


def evaluation_record(
    *,
    title: str,
    kind: str,
    evaluator: str,
    held_on: datetime.date,
    score=None,
    conclusion: str = "",
    acting_user,
) -> Evaluation:
    if not permissions.can_record_evaluation(acting_user):
        raise InspectionError("只有局办公室可以登记考评迎检。")
    return Evaluation.objects.create(
        title=title.strip(),
        kind=kind,
        evaluator=evaluator.strip(),
        held_on=held_on,
        score=score,
        conclusion=conclusion.strip(),
        recorded_by=acting_user,
    )


def evaluation_finding_add(
    *,
    evaluation: Evaluation,
    section: Section,
    message: str,
    subject: str = "",
    column: Column | None = None,
    item: Item | None = None,
    acting_user,
) -> Finding:
    """A problem the evaluators named; it becomes a task like an inspection finding."""
    if not permissions.can_record_evaluation(acting_user):
        raise InspectionError("只有局办公室可以登记考评发现的问题。")
    if not message.strip():
        raise InspectionError("请填写问题描述。")
    return Finding.objects.create(
        evaluation=evaluation,
        kind=FindingKind.EVALUATION,
        section=section,
        column=column,
        item=item,
        subject=(subject or (item.title if item else str(column) if column else ""))[:300],
        message=message.strip(),
        fingerprint="",  # each evaluation finding stands on its own
    )
