"""The consultations app's refusal classes and limits."""

from common import ratelimit
from common.errors import PortalError
from disclosure.models import ItemStatus


class ConsultationError(PortalError):
    """A refused operation; the message (Chinese) is shown to the user."""


class CommentRefused(ConsultationError):
    """A citizen's comment was refused (window, rate limit, duplicate, bad input)."""


class CommentRateLimited(CommentRefused):
    """Too many comments from one client address in the window."""


# Public comment form: this many comments per client address per window (F8).
COMMENT_LIMIT = ratelimit.Limit(scope="consultation-comment", count=5, seconds=600)


COMMENT_MAX_CHARS = 5000


# Items are editable only before they enter review (or after being returned).
EDITABLE_ITEM_STATUSES = (ItemStatus.DRAFT, ItemStatus.RETURNED)


INTERNAL_PUBLICITY_NOTE = "行政机关内部互相征集意见，不作为主动公开信息（第七条第三项）。"
