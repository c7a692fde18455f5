"""The kinds of proactively disclosed information (seed Art. 5, Reg. 20) with the
columns that carry them: what the guide and the catalogue list (Reg. 12: how the
information is classified and arranged), and where a kind still has no column."""

from __future__ import annotations

from dataclasses import dataclass, field

from disclosure.choices import ContentCategory
from disclosure.models import Column


@dataclass
class CategoryColumns:
    category: ContentCategory
    columns: list[Column] = field(default_factory=list)

    @property
    def label(self) -> str:
        return self.category.label

    @property
    def basis(self) -> str:
        return self.category.basis


def categories_with_columns() -> list[CategoryColumns]:
    """Every kind in the official order, each with its columns (tree order; a column
    whose parent carries the same kind is left out: the parent stands for it). One
    query."""
    from disclosure.selectors import all_columns

    columns = all_columns()
    kind_of = {c.pk: c.content_category for c in columns}
    entries = {value: CategoryColumns(ContentCategory(value)) for value in ContentCategory.values}
    for column in columns:
        if not column.content_category:
            continue
        if column.parent_id and kind_of.get(column.parent_id) == column.content_category:
            continue
        entries[column.content_category].columns.append(column)
    return list(entries.values())


def categories_without_columns() -> list[ContentCategory]:
    """The kinds no column carries yet: information the office could not classify."""
    return [e.category for e in categories_with_columns() if not e.columns]
