from disclosure.models.attachment import Attachment, TextStatus
from disclosure.models.column import Column
from disclosure.models.item import IndexSerial, Item, ItemStatus
from disclosure.models.organisation import Organisation, Section
from disclosure.models.search import SearchDocument

__all__ = [
    "Attachment",
    "Column",
    "IndexSerial",
    "Item",
    "ItemStatus",
    "Organisation",
    "SearchDocument",
    "TextStatus",
    "Section",
]
