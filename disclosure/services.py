"""Writes of the catalogue. Every path (admin, views, commands, the review workflow)
goes through these functions."""

from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from disclosure.models import Column, IndexSerial, Item, ItemStatus, Organisation, Section
from disclosure.sanitize import clean_html


class DisclosureError(Exception):
    """A refused catalogue operation; the message is shown to the user."""


def index_number_assign(*, item: Item) -> str:
    """Give `item` its 索引号 `<organisation code>/<year>-<5-digit serial>` unless it
    has one. Must run inside the publishing transaction: the serial row is written
    first (taking the row lock on PostgreSQL, the write lock on SQLite), so two
    concurrent publications never read the same serial, and a rolled-back
    publication rolls its serial back with it."""
    if item.index_number:
        return item.index_number  # assigned once, never changed
    organisation = item.section.organisation
    year = timezone.localdate().year
    for _attempt in range(3):
        updated = IndexSerial.objects.filter(organisation=organisation, year=year).update(
            last_serial=F("last_serial") + 1
        )
        if updated:
            break
        try:
            with transaction.atomic():
                IndexSerial.objects.create(organisation=organisation, year=year, last_serial=1)
            break
        except IntegrityError:
            continue  # another transaction created the row first: increment it
    serial = IndexSerial.objects.get(organisation=organisation, year=year).last_serial
    item.index_number = f"{organisation.code}/{year}-{serial:05d}"
    Item.objects.filter(pk=item.pk).update(index_number=item.index_number)
    return item.index_number


def item_mark_published(*, item: Item, when=None) -> Item:
    """Make `item` public now (or at `when`): the 索引号, the publication time and the
    status, in one transaction. The review workflow decides *whether* an item may be
    published; this function only records that it is."""
    with transaction.atomic():
        locked = (
            Item.objects.select_for_update().select_related("section__organisation").get(pk=item.pk)
        )
        index_number_assign(item=locked)
        locked.published_at = locked.published_at or when or timezone.now()
        locked.status = ItemStatus.PUBLISHED
        locked.save(update_fields=["published_at", "status", "updated_at"])
    return locked


def item_body_clean(body: str) -> str:
    return clean_html(body)


def section_create(
    *, organisation: Organisation, name: str, is_office: bool = False, order: int = 0
) -> Section:
    """A section with its own member group (its staff are the group's users)."""
    with transaction.atomic():
        group, _ = Group.objects.get_or_create(name=f"股室：{name}")
        return Section.objects.create(
            organisation=organisation, name=name, is_office=is_office, group=group, order=order
        )


def column_assign_section(*, column: Column, section: Section, acting_user=None) -> Column:
    """Make `section` responsible for `column` (seed Art. 8(2)): the FK and the object
    permission that lets the section's staff draft there move together."""
    from disclosure import permissions

    with transaction.atomic():
        old = column.responsible_section if column.responsible_section_id else None
        column.responsible_section = section
        column.save(update_fields=["responsible_section"])
        permissions.sync_column_permissions(column=column, old_section=old)
    return column
