"""The inspection rules (巡查, seed Art. 4 (三); F7). Each rule reads the catalogue as it
stood on `as_of` and yields `FindingDraft`s; `services.inspection_run` stores them.

Thresholds are those of 国办秘函〔2019〕19号 (domain-rules.md): a column "not updated"
is one whose newest public item is older than the limit for its kind; an item with
no publication date counts as not updated. The rules live by subject in this
package's modules; this module lists them and re-exports their names."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable

from inspection.request_rules import check_unconfirmed_requests
from inspection.rules.base import (
    EMPTY_COLUMNS_FAIL_AT,
    HOME_IDLE_DAYS,
    IDLE_COLUMNS_FAIL_AT,
    LONG_IDLE_COLUMNS_FAIL_AT,
    NEWS_IDLE_DAYS,
    SLOW_IDLE_MONTHS,
    FindingDraft,
    column_idle_since,
    leaf_columns,
    months_before,
    office_section,
)
from inspection.rules.columns import check_columns, check_home, home_last_update
from inspection.rules.content import (
    MAX_CHECK_BYTES,
    MISSING_FILE_PROBLEMS,
    attachment_problem,
    check_attachments,
    check_overdue_items,
    check_published_content,
)
from inspection.rules.documents import check_normative_expiry, check_standard_matters
from inspection.rules.links import body_links, check_body_links, link_problem
from inspection.rules.workflows import (
    annual_report_deadline,
    check_annual_report,
    check_consultations,
    check_enquiries,
    check_guide,
    check_overdue_requests,
)

__all__ = [
    "EMPTY_COLUMNS_FAIL_AT",
    "HOME_IDLE_DAYS",
    "IDLE_COLUMNS_FAIL_AT",
    "LONG_IDLE_COLUMNS_FAIL_AT",
    "MAX_CHECK_BYTES",
    "MISSING_FILE_PROBLEMS",
    "NEWS_IDLE_DAYS",
    "RULES",
    "SLOW_IDLE_MONTHS",
    "FindingDraft",
    "annual_report_deadline",
    "attachment_problem",
    "body_links",
    "check_annual_report",
    "check_body_links",
    "check_guide",
    "check_overdue_requests",
    "check_attachments",
    "check_columns",
    "check_consultations",
    "check_enquiries",
    "check_home",
    "check_normative_expiry",
    "check_overdue_items",
    "check_published_content",
    "check_standard_matters",
    "column_idle_since",
    "home_last_update",
    "leaf_columns",
    "link_problem",
    "months_before",
    "office_section",
    "run_rules",
]

RULES: list[Callable[[datetime.date], Iterable[FindingDraft]]] = [
    check_home,
    check_columns,
    check_overdue_items,
    check_attachments,
    check_published_content,
    check_consultations,
    check_normative_expiry,
    check_body_links,
    check_overdue_requests,
    check_annual_report,
    check_guide,
    check_enquiries,
    check_standard_matters,
    check_unconfirmed_requests,
]


def run_rules(as_of: datetime.date) -> list[FindingDraft]:
    drafts: list[FindingDraft] = []
    for rule in RULES:
        drafts.extend(rule(as_of))
    return drafts
