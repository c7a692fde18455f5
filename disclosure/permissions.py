"""Who may see and change what in the catalogue. The only module of this app that
calls django-guardian.

- Section staff (股室信息员, 股室负责人) work on items in the columns their section is
  responsible for: the column's `manage_column_items` permission is granted to the
  section's member group.
- The office (办公室审核员), the leader (分管领导) see every item.
- Until the review workflow decides otherwise, only the office publishes.
"""

from django.db.models import QuerySet
from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm

from accounts.roles import Role, has_role
from disclosure.models import Column, Item, Section

MANAGE_ITEMS = "disclosure.manage_column_items"
SEES_ALL_ITEMS = (Role.OFFICE_REVIEWER, Role.LEADER)


def sync_column_permissions(*, column: Column, old_section: Section | None) -> None:
    """Grant the responsible section's group the column permission; take it from the
    previous section's group."""
    if old_section is not None and old_section.pk != column.responsible_section_id:
        remove_perm("manage_column_items", old_section.group, column)
    assign_perm("manage_column_items", column.responsible_section.group, column)


def columns_manageable_by(user) -> QuerySet[Column]:
    """Columns in which `user` may draft."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Column.objects.none()
    if has_role(user, *SEES_ALL_ITEMS):
        return Column.objects.all()
    return get_objects_for_user(
        user,
        MANAGE_ITEMS,
        klass=Column,
        use_groups=True,
        with_superuser=False,
        accept_global_perms=False,
    )


def items_visible_to(user) -> QuerySet[Item]:
    """Items `user` may see in the back office (any status)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Item.objects.none()
    if has_role(user, *SEES_ALL_ITEMS):
        return Item.objects.all()
    if has_role(user, Role.SECTION_CLERK, Role.SECTION_HEAD):
        return Item.objects.filter(column__in=columns_manageable_by(user))
    return Item.objects.none()


def can_view_item(user, item: Item) -> bool:
    return items_visible_to(user).filter(pk=item.pk).exists()


def can_draft_in_column(user, column: Column) -> bool:
    return has_role(user, Role.SECTION_CLERK, Role.SECTION_HEAD, Role.OFFICE_REVIEWER) and (
        columns_manageable_by(user).filter(pk=column.pk).exists()
    )


def can_publish_item(user, item: Item) -> bool:
    """Only the office publishes until the review workflow lands (issue: review)."""
    return has_role(user, Role.OFFICE_REVIEWER)
