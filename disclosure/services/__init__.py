"""Writes of the catalogue. Every path (admin, views, commands, the review workflow,
the demo loader) goes through these functions, so every path behaves the same.

Split by concern: `publication` (索引号), `items`, `attachments`, `structure`
(sections and columns); shared pieces in `_common`."""

from disclosure.services._common import ITEM_FIELDS, DisclosureError
from disclosure.services.attachments import (
    attachment_add,
    attachment_delete,
    attachment_extract,
    attachment_remove,
    attachment_store,
    attachment_update,
)
from disclosure.services.catalogue import catalogue_columns_changed, catalogue_item_changed
from disclosure.services.items import (
    item_body_clean,
    item_create,
    item_delete,
    item_draft_revise,
    item_draft_store,
    item_update,
)
from disclosure.services.missing_files import (
    attachment_file_found,
    attachment_file_missing,
    attachment_files_sync,
)
from disclosure.services.publication import index_number_assign, item_mark_published
from disclosure.services.site import SITE_FIELDS, site_identity_update
from disclosure.services.structure import (
    column_assign_section,
    column_create,
    column_update,
    column_would_cycle,
    section_create,
    section_update,
)

__all__ = [
    "ITEM_FIELDS",
    "SITE_FIELDS",
    "DisclosureError",
    "attachment_add",
    "attachment_delete",
    "attachment_extract",
    "attachment_file_found",
    "attachment_file_missing",
    "attachment_files_sync",
    "attachment_remove",
    "attachment_store",
    "attachment_update",
    "catalogue_columns_changed",
    "catalogue_item_changed",
    "column_assign_section",
    "column_create",
    "column_update",
    "column_would_cycle",
    "index_number_assign",
    "item_body_clean",
    "item_create",
    "item_delete",
    "item_draft_revise",
    "item_draft_store",
    "item_mark_published",
    "item_update",
    "section_create",
    "section_update",
    "site_identity_update",
]
