"""The back office of the catalogue (Django admin, in Chinese).

Every save goes through `disclosure.services`; who sees and changes what is decided in
`disclosure.permissions`. An object the user may not see is a 404 on every admin URL
(change, delete, history), exactly like one that does not exist. There is no publish
action here: publication is decided by the review workflow (review app).

Split by concern: `items` (with `item_list`, `attachments`, `history`) and
`structure` (organisation, sections, columns); shared mixins in `_common`."""

from disclosure.admin._common import AdminCssMixin, NotFoundUnlessVisibleMixin
from disclosure.admin.attachments import AttachmentInline, ItemAttachmentsMixin
from disclosure.admin.history import HISTORY_NOISE, ItemHistoryHelper, ItemHistoryMixin
from disclosure.admin.item_list import DeadlineFilter, ItemListColumnsMixin
from disclosure.admin.items import ItemAdmin
from disclosure.admin.structure import (
    ColumnAdmin,
    OrganisationAdmin,
    SectionAdmin,
    SiteIdentityAdmin,
)

__all__ = [
    "HISTORY_NOISE",
    "AdminCssMixin",
    "AttachmentInline",
    "ColumnAdmin",
    "DeadlineFilter",
    "ItemAdmin",
    "ItemAttachmentsMixin",
    "ItemHistoryHelper",
    "ItemHistoryMixin",
    "ItemListColumnsMixin",
    "NotFoundUnlessVisibleMixin",
    "OrganisationAdmin",
    "SectionAdmin",
    "SiteIdentityAdmin",
]
