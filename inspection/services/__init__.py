"""Writes of inspection and rectification. Views, the `inspect_site` command and the
demo all call these functions.

Rectification workflow (one map, one service per transition):

    待整改 --answer--> 待核验 --verify--> 已办结
    退回重改 --answer--> 待核验 --send_back--> 退回重改
    待整改 / 退回重改 / 待核验 --cancel--> 已撤销

Split by concern: `runs`, `evaluations`, `tasks`; shared pieces in `_common`."""

from inspection.services._common import (
    DEFAULT_DEADLINE_WORKDAYS,
    MAX_DEADLINE_WORKDAYS,
    MAX_EVIDENCE_FILES,
    MIN_DEADLINE_WORKDAYS,
    TRANSITIONS,
    InspectionError,
    due_date,
)
from inspection.services.corrections import (
    CORRECTION_FIELDS,
    correction_handle,
    correction_submit,
)
from inspection.services.evaluations import evaluation_finding_add, evaluation_record
from inspection.services.runs import inspection_run, summarise
from inspection.services.tasks import (
    _event,
    open_task_for,
    task_answer,
    task_cancel,
    task_create,
    task_send_back,
    task_verify,
)

__all__ = [
    "CORRECTION_FIELDS",
    "correction_handle",
    "correction_submit",
    "DEFAULT_DEADLINE_WORKDAYS",
    "InspectionError",
    "MAX_DEADLINE_WORKDAYS",
    "MAX_EVIDENCE_FILES",
    "MIN_DEADLINE_WORKDAYS",
    "TRANSITIONS",
    "_event",
    "due_date",
    "evaluation_finding_add",
    "evaluation_record",
    "inspection_run",
    "open_task_for",
    "summarise",
    "task_answer",
    "task_cancel",
    "task_create",
    "task_send_back",
    "task_verify",
]
