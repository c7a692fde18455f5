"""Shared pieces of the catalogue's services: the refusal class, the drafters' fields,
the permission guard of system calls."""

from django.core.exceptions import PermissionDenied

from common.errors import PortalError


class DisclosureError(PortalError):
    """A refused catalogue operation; the message is shown to the user."""


# Fields of an item that its drafters write. `status`, `index_number`, `published_at`,
# `section` and `created_by` are set only by services.
ITEM_FIELDS = (
    "column",
    "title",
    "body",
    "summary",
    "matter",
    "keywords",
    "topic",
    "content_category",
    "document_type",
    "document_number",
    "joint_issuers",
    "is_normative",
    "normative_code",
    "no_consultation_reason",
    "effective_on",
    "valid_until",
    "repealed_on",
    "written_on",
    "formed_on",
    "validity",
    "publicity",
    "non_disclosure_reason",
    "publicity_note",
)


def _require(allowed: bool, acting_user) -> None:
    # acting_user=None: a system call (migration, demo loader, tests' factories).
    if acting_user is not None and not allowed:
        raise PermissionDenied("您无权执行此操作。")
