"""The office's inspection (巡查), evaluations (考评迎检), rectification (整改) and the
visitors' 纠错 reports; split by concern, every model re-exported here."""

from inspection.models.core import (
    OPEN_STATUSES,
    SECTION_OWES,
    Evaluation,
    EvaluationKind,
    Finding,
    FindingKind,
    InspectionRun,
    RectificationTask,
    RectificationTaskQuerySet,
    RunTrigger,
    TaskAction,
    TaskEvent,
    TaskEvidence,
    TaskStatus,
    evidence_path,
)
from inspection.models.corrections import CorrectionKind, CorrectionReport, CorrectionStatus

__all__ = [
    "OPEN_STATUSES",
    "SECTION_OWES",
    "CorrectionKind",
    "CorrectionReport",
    "CorrectionStatus",
    "Evaluation",
    "EvaluationKind",
    "Finding",
    "FindingKind",
    "InspectionRun",
    "RectificationTask",
    "RectificationTaskQuerySet",
    "RunTrigger",
    "TaskAction",
    "TaskEvent",
    "TaskEvidence",
    "TaskStatus",
    "evidence_path",
]
