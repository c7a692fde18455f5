"""Writes of the catalogue. Every path (admin, views, commands, the review workflow,
the demo loader) goes through these functions, so every path behaves the same."""

import datetime
from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from common.errors import PortalError
from common.pagecache import catalogue_changed
from common.sanitize import clean_html
from common.serials import next_serial
from common.uploads import validate_upload
from disclosure import deadlines, permissions, search_index
from disclosure.choices import Publicity
from disclosure.models import (
    Attachment,
    Column,
    IndexSerial,
    Item,
    ItemStatus,
    Organisation,
    Section,
)


class DisclosureError(PortalError):
    """A refused catalogue operation; the message is shown to the user."""


# Fields of an item that its drafters write. `status`, `index_number`, `published_at`,
# `section` and `created_by` are set only by services.
ITEM_FIELDS = (
    "column",
    "title",
    "body",
    "summary",
    "keywords",
    "topic",
    "content_category",
    "document_number",
    "written_on",
    "formed_on",
    "validity",
    "publicity",
    "non_disclosure_reason",
    "publicity_note",
)


# --- what public pages show --------------------------------------------------------


def catalogue_item_changed(*, item: Item | int) -> None:
    """Every write that may change what public pages show of an item calls this, in
    its transaction: the item's search document follows its state (written while it
    is public, removed otherwise) and the public page cache is invalidated at commit."""
    search_index.index_item(item)
    catalogue_changed()


# --- 索引号 and publication ----------------------------------------------------------


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
        if acting_user is not None:
            locked._history_user = acting_user
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


# --- items ----------------------------------------------------------------------------


def item_body_clean(body: str) -> str:
    return clean_html(body)


def _check_fields(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(ITEM_FIELDS)
    if unknown:
        raise TypeError(f"not editable item fields: {sorted(unknown)}")


def item_create(*, acting_user, column: Column, **fields: Any) -> Item:
    """Draft a new item in `column`. The producing section is the column's responsible
    section (Art. 3(3) "谁产生，谁公开"); the body is sanitised; the item starts as a
    draft without 索引号 or publication date.

    Raises PermissionDenied when `acting_user` may not draft in `column`, and
    ValidationError (Chinese messages) for incoherent data."""
    _check_fields(fields)
    if not permissions.can_draft_in_column(acting_user, column):
        raise PermissionDenied("您无权在该栏目下起草信息。")
    item = Item(
        column=column,
        section=column.responsible_section,
        created_by=acting_user,
        status=ItemStatus.DRAFT,
        **fields,
    )
    item.body = clean_html(item.body)
    item.full_clean()
    item._history_user = acting_user
    item.save()
    return item


def item_update(*, item: Item, acting_user, **changes: Any) -> Item:
    """Change the content of a draft or returned item. Moving it to another column
    needs the right to draft there, and makes that column's section the producer.

    Refused (PermissionDenied) for items the user may not edit, including every item
    past drafting: changes under review or after publication belong to the review
    workflow."""
    _check_fields(changes)
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        if not permissions.can_change_item(acting_user, locked):
            raise PermissionDenied("您无权修改这条信息，或它已提交审核、不能再修改。")
        changed: list[str] = []
        if "body" in changes:
            changes["body"] = clean_html(changes["body"])
        for name, value in changes.items():
            if name == "column":
                if value.pk != locked.column_id:
                    if not permissions.can_draft_in_column(acting_user, value):
                        raise PermissionDenied("您无权把信息移到该栏目。")
                    locked.column = value
                    locked.section = value.responsible_section
                    changed += ["column", "section"]
            elif getattr(locked, name) != value:
                setattr(locked, name, value)
                changed.append(name)
        if changed:
            locked.full_clean()
            locked._history_user = acting_user
            locked.save(update_fields=[*changed, "updated_at"])
    return locked


def item_delete(*, item: Item, acting_user) -> None:
    """Delete a draft that was never published; its attachment files go with it."""
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        if not permissions.can_delete_item(acting_user, locked):
            raise PermissionDenied("只能删除从未发布过的草稿。")
        files = [a.file for a in locked.attachments.all()]
        locked._history_user = acting_user
        locked.delete()
        transaction.on_commit(lambda: [f.delete(save=False) for f in files])


# --- attachments ------------------------------------------------------------------------


def attachment_add(
    *, item: Item, file: UploadedFile, acting_user, title: str = "", order: int = 0
) -> Attachment:
    """Attach `file` to `item` after checking it by content and size
    (common.uploads); a refused file raises ValidationError and nothing is stored."""
    name = file.name.rsplit("/", 1)[-1]
    with transaction.atomic():
        item = _lock_for_attachment_change(item, acting_user)
        checked = validate_upload(file)
        attachment = Attachment(
            item=item,
            title=(title or "").strip() or name.rsplit(".", 1)[0] or name,
            order=order,
            size=checked.size,
            content_type=checked.content_type,
        )
        attachment.file.save(name, file, save=False)
        try:
            attachment.save()
        except Exception:
            attachment.file.delete(save=False)
            raise
        catalogue_item_changed(item=item)
    return attachment


def _lock_for_attachment_change(item: Item, acting_user) -> Item:
    """The item row, locked, with its current status: a submission that happened
    since the caller read the item must stop the change (files are content too)."""
    locked = Item.objects.select_for_update(of=("self",)).select_related("column").get(pk=item.pk)
    if not permissions.can_change_item(acting_user, locked):
        raise PermissionDenied("您无权修改这条信息的附件。")
    return locked


def attachment_update(*, attachment: Attachment, acting_user, title: str, order: int) -> Attachment:
    title = (title or "").strip()
    if not title:
        raise ValidationError({"title": "请填写附件名称。"})
    with transaction.atomic():
        _lock_for_attachment_change(attachment.item, acting_user)
        attachment.title, attachment.order = title, order
        attachment.save(update_fields=["title", "order"])
        catalogue_item_changed(item=attachment.item_id)
    return attachment


def attachment_delete(*, attachment: Attachment, acting_user) -> None:
    with transaction.atomic():
        _lock_for_attachment_change(attachment.item, acting_user)
        file = attachment.file
        item_id = attachment.item_id
        attachment.delete()
        catalogue_item_changed(item=item_id)
        transaction.on_commit(lambda: file.delete(save=False))


# --- sections and columns ---------------------------------------------------------------


def _require(allowed: bool, acting_user) -> None:
    # acting_user=None: a system call (migration, demo loader, tests' factories).
    if acting_user is not None and not allowed:
        raise PermissionDenied("您无权执行此操作。")


def section_create(
    *,
    organisation: Organisation,
    name: str,
    is_office: bool = False,
    order: int = 0,
    acting_user=None,
) -> Section:
    """A section with its own member group (its staff are the group's users)."""
    _require(permissions.can_manage_sections(acting_user), acting_user)
    with transaction.atomic():
        group, _ = Group.objects.get_or_create(name=f"股室：{name}")
        return Section.objects.create(
            organisation=organisation, name=name, is_office=is_office, group=group, order=order
        )


def section_update(
    *, section: Section, acting_user, name: str, is_office: bool, order: int
) -> Section:
    """Rename or reorder a section; its member group is renamed with it."""
    _require(permissions.can_manage_sections(acting_user), acting_user)
    with transaction.atomic():
        section.name, section.is_office, section.order = name, is_office, order
        section.save(update_fields=["name", "is_office", "order"])
        group_name = f"股室：{name}"
        if section.group.name != group_name:
            section.group.name = group_name
            section.group.save(update_fields=["name"])
    catalogue_changed()  # section names show on public pages
    return section


def column_would_cycle(*, column: Column, parent: Column | None) -> bool:
    """True when `parent` is `column` itself or one of its descendants."""
    seen = set()
    node = parent
    while node is not None and node.pk not in seen:
        if column.pk is not None and node.pk == column.pk:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


def column_create(*, acting_user, responsible_section: Section, **fields: Any) -> Column:
    """A new column with its responsible section's drafting permission."""
    _require(permissions.can_create_column(acting_user), acting_user)
    with transaction.atomic():
        column = Column(responsible_section=responsible_section, **fields)
        column.full_clean()
        column.save()
        permissions.sync_column_permissions(column=column, old_section=None)
    return column


def column_update(*, column: Column, acting_user, **changes: Any) -> Column:
    """Change a column's name, place or kind; a change of responsible section goes
    through `column_assign_section` so the permission moves with it."""
    _require(permissions.can_change_column(acting_user), acting_user)
    section = changes.pop("responsible_section", None)
    with transaction.atomic():
        # Compare with the stored row: the caller's instance may already carry the
        # new values (a bound ModelForm writes them onto it).
        column = Column.objects.select_for_update().get(pk=column.pk)
        if "parent" in changes and column_would_cycle(column=column, parent=changes["parent"]):
            raise ValidationError({"parent": "上级栏目不能是本栏目或其下级栏目。"})
        changed = []
        for name, value in changes.items():
            if getattr(column, name) != value:
                setattr(column, name, value)
                changed.append(name)
        if changed:
            column.full_clean()
            column.save(update_fields=changed)
            # A column's name and place show on public pages; its items' documents
            # carry the column for the search filter.
            search_index.index_column([column.pk])
            catalogue_changed()
        if section is not None and section.pk != column.responsible_section_id:
            column_assign_section(column=column, section=section, acting_user=acting_user)
    return column


def column_assign_section(*, column: Column, section: Section, acting_user=None) -> Column:
    """Make `section` responsible for `column` (seed Art. 8(2)): the FK and the object
    permission that lets the section's staff draft there move together. Items already
    in the column keep their producing section."""
    _require(permissions.can_assign_column(acting_user), acting_user)
    with transaction.atomic():
        # Lock the column row before reading the old section: a concurrent
        # reassignment would otherwise leave its section holding the permission.
        old = (
            Section.objects.get(
                pk=Column.objects.select_for_update()
                .values_list("responsible_section", flat=True)
                .get(pk=column.pk)
            )
            if column.pk
            else None
        )
        column.responsible_section = section
        column.save(update_fields=["responsible_section"])
        permissions.sync_column_permissions(column=column, old_section=old)
        catalogue_changed()
    return column
