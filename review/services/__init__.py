"""The release workflow's writes: one service per transition of `review.workflow`.

Each service locks the item (`select_for_update`), refuses a stale form (the
`expected_token` the page was rendered with, see `form_token`), checks the source
state and the acting user's right to act, writes with `update_fields`, records the
decision (`review.models.Decision`) and the audit entry, and queues the emails with
`transaction.on_commit`. Publication always ends in
`disclosure.services.item_mark_published` (the 索引号), inside the same transaction.

Refusals raise `TransitionError` with a Chinese message; `problems` lists every
blocking reason when there are several.

Split by step: `drafting`, `stages`, `release`, `published`; shared steps in `_common`."""

from collections.abc import Callable

from review.services._common import StaleForm, TransitionError, form_token, resume_stage
from review.services.drafting import (
    interpretation_link_imported,
    item_recall,
    item_set_relations,
    item_submit,
)
from review.services.published import (
    UPDATABLE_FIELDS,
    item_replace,
    item_update_published,
    item_withdraw,
)
from review.services.release import (
    ScheduledOutcome,
    item_publish_scheduled,
    item_publish_signed,
    item_release,
    item_schedule,
    item_unschedule,
    items_publish_due,
)
from review.services.stages import review_approve, review_override, review_return
from review.workflow import TRANSITIONS

# The service of each page action (and of the system's publish_scheduled); the
# service of every transition follows from the map (tests walk SERVICES).
SERVICE_OF_ACTION: dict[str, Callable] = {
    "submit": item_submit,
    "recall": item_recall,
    "approve": review_approve,
    "return": review_return,
    "override": review_override,
    "release": item_release,
    "schedule": item_schedule,
    "unschedule": item_unschedule,
    "publish_scheduled": item_publish_scheduled,
    "sign": item_publish_signed,
    "withdraw": item_withdraw,
    "replace": item_replace,
    "update": item_update_published,
}
SERVICES: dict[str, Callable] = {
    name: SERVICE_OF_ACTION[transition.page_action or name]
    for name, transition in TRANSITIONS.items()
}

__all__ = [
    "SERVICES",
    "SERVICE_OF_ACTION",
    "UPDATABLE_FIELDS",
    "ScheduledOutcome",
    "StaleForm",
    "TransitionError",
    "form_token",
    "interpretation_link_imported",
    "item_publish_scheduled",
    "item_publish_signed",
    "item_release",
    "item_recall",
    "item_replace",
    "item_schedule",
    "item_set_relations",
    "item_submit",
    "item_unschedule",
    "item_update_published",
    "item_withdraw",
    "items_publish_due",
    "resume_stage",
    "review_approve",
    "review_override",
    "review_return",
]
