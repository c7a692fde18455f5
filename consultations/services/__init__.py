"""Writes of the consultations app. Views, admin and the demo all go through these.

Publication itself is not here: a consultation's draft and its feedback are
disclosure items and go public only through the review workflow (seed Art. 9),
which must call `release_blockers(item)` before submitting or publishing.

Split by concern: `release`, `drafts`, `comments`, `feedback`, `attachments`; errors and limits in `_common`."""

from consultations.services._common import (
    COMMENT_LIMIT,
    COMMENT_MAX_CHARS,
    EDITABLE_ITEM_STATUSES,
    INTERNAL_PUBLICITY_NOTE,
    CommentRateLimited,
    CommentRefused,
    ConsultationError,
)
from consultations.services.attachments import (
    consultation_attachment_add,
    consultation_attachment_delete,
)
from consultations.services.comments import (
    MODERATION_TRANSITIONS,
    REASON_REQUIRED,
    _fmt,
    client_digest,
    comment_approve,
    comment_hide,
    comment_moderate,
    comment_restore,
    comment_set_adoption,
    comment_submit,
)
from consultations.services.drafts import (
    consultation_create,
    consultation_extend,
    consultation_update,
)
from consultations.services.feedback import consultation_link_policy, feedback_save
from consultations.services.release import consultation_check_ready, release_blockers

__all__ = [
    "COMMENT_LIMIT",
    "COMMENT_MAX_CHARS",
    "CommentRateLimited",
    "CommentRefused",
    "ConsultationError",
    "EDITABLE_ITEM_STATUSES",
    "INTERNAL_PUBLICITY_NOTE",
    "MODERATION_TRANSITIONS",
    "REASON_REQUIRED",
    "_fmt",
    "client_digest",
    "comment_approve",
    "comment_hide",
    "comment_moderate",
    "comment_restore",
    "comment_set_adoption",
    "comment_submit",
    "consultation_attachment_add",
    "consultation_attachment_delete",
    "consultation_check_ready",
    "consultation_create",
    "consultation_extend",
    "consultation_link_policy",
    "consultation_update",
    "feedback_save",
    "release_blockers",
]
