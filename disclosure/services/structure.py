"""The structure of the catalogue: sections and the column tree."""

from typing import Any

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction

from audit.models import AuditAction
from audit.services import audit_record
from common.pagecache import catalogue_changed
from disclosure import permissions
from disclosure.models import (
    Column,
    Organisation,
    Section,
)
from disclosure.services._common import _require
from disclosure.services.catalogue import catalogue_columns_changed


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
        section = Section.objects.create(
            organisation=organisation, name=name, is_office=is_office, group=group, order=order
        )
        if acting_user is not None:
            audit_record(
                action=AuditAction.STRUCTURE,
                actor=acting_user,
                target=section,
                detail=f"新增股室“{name}”" + ("（局办公室）" if is_office else ""),
            )
        return section


def section_update(
    *, section: Section, acting_user, name: str, is_office: bool, order: int
) -> Section:
    """Rename or reorder a section; its member group is renamed with it."""
    _require(permissions.can_manage_sections(acting_user), acting_user)
    with transaction.atomic():
        stored = Section.objects.filter(pk=section.pk).values_list("name", "is_office").first()
        old_name, was_office = stored if stored is not None else ("", False)
        section.name, section.is_office, section.order = name, is_office, order
        section.save(update_fields=["name", "is_office", "order"])
        group_name = f"股室：{name}"
        if section.group.name != group_name:
            section.group.name = group_name
            section.group.save(update_fields=["name"])
        catalogue_changed()  # section names show on public pages
        changes = []
        if old_name != name:
            changes.append(f"名称“{old_name}”改为“{name}”")
        if was_office != is_office:
            changes.append("设为局办公室" if is_office else "取消局办公室")
        if changes and acting_user is not None:
            # Which section is the office decides who acts for it (accounts.roles).
            audit_record(
                action=AuditAction.STRUCTURE,
                actor=acting_user,
                target=section,
                detail="修改股室：" + "；".join(changes),
            )
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
        catalogue_changed()  # the column tree shows on public pages
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
            catalogue_columns_changed(column_ids=[column.pk])
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
        if acting_user is not None and old is not None and old.pk != section.pk:
            # F8: who may draft in a column changes with its section.
            audit_record(
                action=AuditAction.STRUCTURE,
                actor=acting_user,
                target=column,
                detail=f"栏目“{column.name}”的责任股室由“{old.name}”改为“{section.name}”",
            )
    return column
