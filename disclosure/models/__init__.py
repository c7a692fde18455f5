from disclosure.models.attachment import Attachment, TextStatus
from disclosure.models.column import Column
from disclosure.models.item import IndexSerial, Item, ItemStatus
from disclosure.models.matter import Matter, MatterDomain
from disclosure.models.organisation import Organisation, Section
from disclosure.models.search import SearchDocument
from disclosure.models.site import SiteIdentity

__all__ = [
    "Attachment",
    "Column",
    "IndexSerial",
    "Item",
    "ItemStatus",
    "Matter",
    "MatterDomain",
    "Organisation",
    "SearchDocument",
    "TextStatus",
    "Section",
    "SiteIdentity",
]
