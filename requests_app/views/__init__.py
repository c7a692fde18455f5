"""Pages of the requests app: the public form and tracking, and the staff's handling.
Thin: parse, check permission, call one service or selector, render or redirect.

Split by audience: `public`, `staff`, `remedies` (complaints, 复议/诉讼); shared
helpers in `_common`."""

from requests_app.views.notices import (
    archive_export,
    case_file,
    delivery_receipt,
    notice_settings,
    staff_notice_pdf,
    track_notice_pdf,
)
from requests_app.views.proactive import proactive, proactive_propose, proactive_resolve
from requests_app.views.public import (
    apply,
    submitted,
    track,
    track_correction,
    track_detail,
    track_file,
    track_notice,
)
from requests_app.views.remedies import (
    complaint_answer,
    complaints,
    remedies,
    remedy_conclude,
    remedy_create,
)
from requests_app.views.staff import (
    dashboard,
    register,
    staff_action,
    staff_detail,
    staff_file,
    staff_list,
    staff_notice,
)

__all__ = [
    "apply",
    "archive_export",
    "case_file",
    "complaint_answer",
    "complaints",
    "dashboard",
    "delivery_receipt",
    "notice_settings",
    "proactive",
    "proactive_propose",
    "proactive_resolve",
    "staff_notice_pdf",
    "track_notice_pdf",
    "register",
    "remedies",
    "remedy_conclude",
    "remedy_create",
    "staff_action",
    "staff_detail",
    "staff_file",
    "staff_list",
    "staff_notice",
    "submitted",
    "track",
    "track_correction",
    "track_detail",
    "track_file",
    "track_notice",
]
