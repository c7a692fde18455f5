"""The content revision of an item: a short digest of everything a reviewer approves.

Approvals record the revision they were given to; an approval whose revision is not
the item's current one is void (F3: a content change after an approval voids the
approvals given to the old content). The digest is derived, never stored, so every
path that edits an item (the admin, a service, a shell) is covered."""

import hashlib
import json

from disclosure.models import Item
from disclosure.services import ITEM_FIELDS

# The fields whose change makes it a different text to approve: everything the
# drafter writes (disclosure.services.ITEM_FIELDS, FKs by their id) and the release
# attributes set before submission. Status, dates of the workflow itself and the
# 索引号 are not content.
RELEASE_FIELDS = (
    "section_id",
    "is_signed_document",
    "needs_interpretation",
    "interprets_id",
    "responds_to_id",
    "signatory",
)
CONTENT_FIELDS = (
    # The column's and the 事项's ids (foreign keys), the other fields by name.
    *(Item._meta.get_field(name).attname for name in ITEM_FIELDS),
    *RELEASE_FIELDS,
)


def content_revision(item, attachments=None) -> str:
    """16 hex characters identifying the item's current content, attachments included
    (by id, stored name and size: replacing a file changes the revision)."""
    data = {name: _plain(getattr(item, name)) for name in CONTENT_FIELDS}
    if attachments is None:
        attachments = item.attachments.all() if item.pk else []
    data["attachments"] = sorted(
        [a.pk, a.title, a.file.name if a.file else "", a.size] for a in attachments
    )
    # The interpretation's form and signing leader are part of what is approved.
    data["interpretation"] = _interpretation(item)
    blob = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def _plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _interpretation(item) -> list:
    if not item.pk or not item.interprets_id:
        return []
    from review.models import Interpretation

    row = Interpretation.objects.filter(item_id=item.pk).values_list("form", "signatory_user_id")
    return list(row.first() or [])
