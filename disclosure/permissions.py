"""Who may see and change what in the catalogue. The only module of this app that
calls django-guardian.

- Section staff (股室信息员, 股室负责人) work on items in the columns their section is
  responsible for (seed Art. 3(3) "谁产生，谁公开，谁负责", Art. 8(2)): the column's
  `manage_column_items` permission is granted to the section's member group.
- The office (办公室审核员) sees every item and may draft in every column (Art. 4:
  the office leads the work and maintains the platform); the leader (分管领导)
  sees every item and changes none.
- 三员 separation: the system administrator manages accounts, sections, columns and
  the calendar, and never drafts or approves items; the security and audit
  administrators see no items at all. Superusers get no role implicitly
  (`accounts.roles.has_role`), so they see no items either unless given a role.
- Content is frozen once submitted: only drafts and returned items are edited here;
  what happens after submission belongs to the review workflow.
- Publication is decided by the review workflow (review app), never here.
"""

from django.db.models import QuerySet
from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm

from accounts.roles import Role, has_role, is_active_user
from disclosure.models import Column, Item, ItemStatus, Section

MANAGE_ITEMS = "disclosure.manage_column_items"
SEES_ALL_ITEMS = (Role.OFFICE_REVIEWER, Role.LEADER)
SECTION_STAFF = (Role.SECTION_CLERK, Role.SECTION_HEAD)
DRAFTERS = (Role.SECTION_CLERK, Role.SECTION_HEAD, Role.OFFICE_REVIEWER)
# Statuses in which an item's content may be changed in the back office. Anything
# later is under review or public; changes then go through the review workflow.
ITEM_EDITABLE_STATUSES = frozenset({ItemStatus.DRAFT, ItemStatus.RETURNED})
# Who assigns columns to sections (Art. 8(2): the office distributes the
# maintenance duty) and who runs the structure (三员: the system administrator).
COLUMN_ASSIGNERS = (Role.OFFICE_REVIEWER, Role.SYSTEM_ADMIN)
STRUCTURE_ADMINS = (Role.SYSTEM_ADMIN,)


# --- column responsibility (object permissions) -------------------------------------


def sync_column_permissions(*, column: Column, old_section: Section | None) -> None:
    """Grant the responsible section's group the column permission; take it from the
    previous section's group."""
    if old_section is not None and old_section.pk != column.responsible_section_id:
        remove_perm("manage_column_items", old_section.group, column)
    assign_perm("manage_column_items", column.responsible_section.group, column)


def _section_columns(user) -> QuerySet[Column]:
    return get_objects_for_user(
        user,
        MANAGE_ITEMS,
        klass=Column,
        use_groups=True,
        with_superuser=False,
        accept_global_perms=False,
    )


def columns_manageable_by(user) -> QuerySet[Column]:
    """Columns whose items `user` may see in the back office."""
    if not is_active_user(user):
        return Column.objects.none()
    if has_role(user, *SEES_ALL_ITEMS):
        return Column.objects.all()
    if has_role(user, *SECTION_STAFF):
        return _section_columns(user)
    return Column.objects.none()


def columns_for_drafting(user) -> QuerySet[Column]:
    """Columns in which `user` may draft or move an item to (the admin's choices)."""
    if not is_active_user(user):
        return Column.objects.none()
    if has_role(user, Role.OFFICE_REVIEWER):
        return Column.objects.all()
    if has_role(user, *SECTION_STAFF):
        return _section_columns(user)
    return Column.objects.none()


def sections_of(user) -> QuerySet[Section]:
    """The sections `user` is a member of (through the section's group)."""
    if not is_active_user(user):
        return Section.objects.none()
    return Section.objects.filter(group__user=user)


# --- items ------------------------------------------------------------------------


def items_visible_to(user) -> QuerySet[Item]:
    """Items `user` may see in the back office (any status)."""
    if not is_active_user(user):
        return Item.objects.none()
    if has_role(user, *SEES_ALL_ITEMS):
        return Item.objects.all()
    if has_role(user, *SECTION_STAFF):
        return Item.objects.filter(column__in=_section_columns(user))
    return Item.objects.none()


def can_view_item(user, item: Item) -> bool:
    return items_visible_to(user).filter(pk=item.pk).exists()


def can_add_item(user) -> bool:
    return has_role(user, *DRAFTERS) and columns_for_drafting(user).exists()


def can_draft_in_column(user, column: Column) -> bool:
    return has_role(user, *DRAFTERS) and columns_for_drafting(user).filter(pk=column.pk).exists()


def can_change_item(user, item: Item) -> bool:
    """Edit the content of `item`: a drafter of its column, while it is a draft or
    returned."""
    return item.status in ITEM_EDITABLE_STATUSES and can_draft_in_column(user, item.column)


def can_delete_item(user, item: Item) -> bool:
    """Only a draft that was never published (no 索引号) may be deleted."""
    return (
        item.status == ItemStatus.DRAFT
        and not item.index_number
        and item.published_at is None
        and can_draft_in_column(user, item.column)
    )


# --- structure: organisation, sections, columns -----------------------------------------


def can_view_structure(user) -> bool:
    """See the organisation, sections and columns (read-only for most roles)."""
    return has_role(user, *SEES_ALL_ITEMS, *STRUCTURE_ADMINS)


def can_assign_column(user) -> bool:
    """Change a column's responsible section (Art. 8(2))."""
    return has_role(user, *COLUMN_ASSIGNERS)


def can_change_column(user) -> bool:
    """Edit a column's name, place and kind: the office and the system administrator."""
    return has_role(user, *COLUMN_ASSIGNERS)


def can_create_column(user) -> bool:
    return has_role(user, *STRUCTURE_ADMINS)


def can_delete_column(user, column: Column | None = None) -> bool:
    """Only an empty column without sub-columns may be removed."""
    if not has_role(user, *STRUCTURE_ADMINS):
        return False
    if column is None:
        return True
    return not column.items.exists() and not column.children.exists()


def can_manage_sections(user) -> bool:
    return has_role(user, *STRUCTURE_ADMINS)


def can_change_organisation(user) -> bool:
    """The bureau's details feed the guide (Reg. 12), compiled by the office (Art. 4)."""
    return has_role(user, Role.OFFICE_REVIEWER, *STRUCTURE_ADMINS)


def can_configure_site(user) -> bool:
    """The site's identity (网站标识码, 备案 numbers, 党政机关网站标识) and statements are
    the 系统管理员's (三员: the system administrator keeps the system's settings)."""
    return has_role(user, Role.SYSTEM_ADMIN)


def can_manage_standard_directory(user) -> bool:
    """The 标准目录's 事项 and their mapping to columns: the office compiles the
    catalogue (seed Art. 4(四)); the system administrator keeps the structure."""
    return has_role(user, Role.OFFICE_REVIEWER, *STRUCTURE_ADMINS)
