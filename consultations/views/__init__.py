"""Pages of the consultations app. Thin: parse, check permission, call one service
or selector, render or redirect (after every successful POST).

Public pages read only through `selectors.public_*`: a draft, an internal
consultation or an unapproved comment is a 404 or absent, never a 403.

Split by audience and concern: `public`, `staff`, `comments`, `feedback`."""

from consultations.views.comments import staff_adoption, staff_moderate
from consultations.views.feedback import (
    EXPORT_FORMATS,
    staff_export,
    staff_feedback,
    staff_policy_link,
)
from consultations.views.public import (
    _attachments,
    _detail_context,
    comment_create,
    consultation_detail,
    consultation_list,
)
from consultations.views.staff import (
    _review_url,
    staff_attachment_add,
    staff_attachment_delete,
    staff_create,
    staff_detail,
    staff_edit,
    staff_extend,
    staff_list,
)

__all__ = [
    "EXPORT_FORMATS",
    "_attachments",
    "_detail_context",
    "_review_url",
    "comment_create",
    "consultation_detail",
    "consultation_list",
    "staff_adoption",
    "staff_attachment_add",
    "staff_attachment_delete",
    "staff_create",
    "staff_detail",
    "staff_edit",
    "staff_extend",
    "staff_export",
    "staff_feedback",
    "staff_list",
    "staff_moderate",
    "staff_policy_link",
]
