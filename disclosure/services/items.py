"""Drafting items: create, change, delete drafts."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from common.history import record_history
from common.sanitize import clean_html
from disclosure import permissions
from disclosure.models import (
    Column,
    Item,
    ItemStatus,
    Section,
)
from disclosure.services._common import ITEM_FIELDS, DisclosureError


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
    if not permissions.can_draft_in_column(acting_user, column):
        raise PermissionDenied("您无权在该栏目下起草信息。")
    return item_draft_store(
        column=column, section=column.responsible_section, acting_user=acting_user, **fields
    )


def item_draft_store(*, column: Column, section: Section, acting_user, **fields: Any) -> Item:
    """Save a new draft produced by `section` in `column`: the body sanitised, the
    fields validated, the history attributed. The one place a draft item is created.

    The caller has decided that `acting_user` may draft it: `item_create` (the
    column's section drafts) or another app's workflow that owns the draft (a
    consultation's draft and its feedback, decided by consultations.permissions)."""
    _check_fields(fields)
    item = Item(
        column=column,
        section=section,
        created_by=acting_user,
        status=ItemStatus.DRAFT,
        **fields,
    )
    item.body = clean_html(item.body)
    item.full_clean()
    record_history(item, user=acting_user)
    item.save()
    return item


def item_draft_revise(*, item: Item, acting_user, **changes: Any) -> Item:
    """Write `changes` to a draft or returned `item` that the caller has locked and
    decided `acting_user` may change (see `item_draft_store`): sanitised, validated,
    saved with `update_fields`, history attributed."""
    _check_fields(changes)
    if item.status not in (ItemStatus.DRAFT, ItemStatus.RETURNED):
        raise DisclosureError(f"该信息当前状态为“{item.get_status_display()}”，不能修改。")
    for name, value in changes.items():
        setattr(item, name, value)
    if "body" in changes:
        item.body = clean_html(item.body)
    item.full_clean()
    record_history(item, user=acting_user)
    item.save(update_fields=[*changes, "updated_at"])
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
            record_history(locked, user=acting_user)
            locked.save(update_fields=[*changed, "updated_at"])
    return locked


def item_delete(*, item: Item, acting_user) -> None:
    """Delete a draft that was never published; its attachment files go with it."""
    with transaction.atomic():
        locked = Item.objects.select_for_update().get(pk=item.pk)
        if not permissions.can_delete_item(acting_user, locked):
            raise PermissionDenied("只能删除从未发布过的草稿。")
        files = [a.file for a in locked.attachments.all()]
        record_history(locked, user=acting_user)
        locked.delete()
        transaction.on_commit(lambda: _delete_files(files))


def _delete_files(files: list) -> None:
    for f in files:
        f.delete(save=False)
