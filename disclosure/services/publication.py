"""索引号 and publication: the only way an item becomes public (called by the review workflow)."""

import datetime

from django.db import transaction
from django.utils import timezone

from common.history import record_history
from common.serials import next_serial
from disclosure import deadlines
from disclosure.choices import Publicity
from disclosure.models import (
    IndexSerial,
    Item,
    ItemStatus,
)
from disclosure.services.catalogue import catalogue_item_changed


def index_number_assign(*, item: Item, year: int | None = None) -> str:
    """Give `item` its 索引号 `<organisation code>/<year>-<5-digit serial>` unless it
    has one (domain-rules: assigned once at first publication, never changed).

    `year` is the year of first publication (today by default). Call it inside the
    publishing transaction (item_mark_published does), so a failed publication
    leaves no number behind."""
    if item.index_number:
        return item.index_number
    organisation = item.section.organisation
    year = year or timezone.localdate().year
    with transaction.atomic():
        # The UPDATE in next_serial holds the counter row until the publishing
        # transaction ends: concurrent publications queue, a rollback returns the number.
        serial = next_serial(
            IndexSerial, counter="last_serial", organisation=organisation, year=year
        )
        item.index_number = f"{organisation.code}/{year}-{serial:05d}"
        Item.objects.filter(pk=item.pk).update(index_number=item.index_number)
    return item.index_number


def item_mark_published(
    *, item: Item, when: datetime.datetime | None = None, acting_user=None
) -> Item:
    """Record that `item` is published at `when` (now by default): the 索引号, the
    publication time and the status, in one transaction.

    The review workflow decides *whether* an item may be published and calls this;
    nothing in the back office publishes. On re-publication (after withdrawal) the
    item keeps its 索引号 and its first publication time. Whether a proactive item
    made its deadline is recorded here too (`due_on`, `published_on_time`)."""
    with transaction.atomic():
        # Lock the item row only (`of`): concurrent publications queue on the serial
        # row in `next_serial`, not on the organisation.
        locked = (
            Item.objects.select_for_update(of=("self",))
            .select_related("section__organisation")
            .get(pk=item.pk)
        )
        locked.published_at = locked.published_at or when or timezone.now()
        published_on = timezone.localtime(locked.published_at).date()
        index_number_assign(item=locked, year=published_on.year)
        locked.status = ItemStatus.PUBLISHED
        _record_deadline(locked, published_on)
        record_history(locked, user=acting_user)
        locked.save(
            update_fields=[
                "index_number",
                "published_at",
                "status",
                "due_on",
                "due_on_confirmed",
                "published_on_time",
                "updated_at",
            ]
        )
        catalogue_item_changed(item=locked)
    return locked


def _record_deadline(item: Item, published_on: datetime.date) -> None:
    """Art. 7(2), Reg. 26: record at publication whether a proactive item made its
    20-working-day deadline (statistics and inspection read this record)."""
    if item.publicity == Publicity.PROACTIVE:
        due = deadlines.item_due_date(item)
        item.due_on, item.due_on_confirmed = due.date, due.confirmed
        item.published_on_time = published_on <= due.date
    else:
        item.due_on, item.due_on_confirmed, item.published_on_time = None, True, None
