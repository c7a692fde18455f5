"""The refusal of the text extraction."""

from common.errors import PortalError


class UnreadableAttachment(PortalError):
    """The text of a file could not be extracted; the message says why, in Chinese."""
