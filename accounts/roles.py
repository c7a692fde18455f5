"""The roles of F8 as Django groups, and the role predicates every app's
`permissions.py` builds on. Group names are the Chinese role names that staff see in
the admin; code refers to them only through `Role`."""

from django.db import models


class Role(models.TextChoices):
    SECTION_CLERK = "股室信息员", "股室信息员"  # drafts items in the section's columns
    SECTION_HEAD = "股室负责人", "股室负责人"  # 初审
    OFFICE_REVIEWER = "办公室审核员", "办公室审核员"  # 复审; runs the office's duties
    LEADER = "分管领导", "分管领导"  # 终审
    SYSTEM_ADMIN = "系统管理员", "系统管理员"  # 三员: accounts, columns, calendar
    SECURITY_ADMIN = "安全管理员", "安全管理员"  # 三员: sensitive words, security settings
    AUDIT_ADMIN = "审计管理员", "审计管理员"  # 三员: reads the audit log, nothing else


# The staff of a section (股室): members of the section's group with one of these roles.
SECTION_STAFF = (Role.SECTION_CLERK, Role.SECTION_HEAD)


def is_active_user(user) -> bool:
    """A signed-in, active account (anonymous users and disabled accounts are not)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def has_role(user, *roles: Role) -> bool:
    """True when an active user belongs to any of the given role groups.

    Superusers are not granted roles implicitly: the 三员 separation means even the
    system administrator acts only through the roles given to them."""
    if not is_active_user(user):
        return False
    names = {str(r) for r in roles}
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return bool(names & cached)


def group_ids(user) -> frozenset[int]:
    """The ids of the groups `user` belongs to (role groups and section groups),
    read once per user object."""
    if not is_active_user(user):
        return frozenset()
    cached = getattr(user, "_group_ids", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("id", flat=True))
        user._group_ids = cached
    return cached


def in_office_section(user) -> bool:
    """Member of the group of the section marked 局办公室 (`Section.is_office`).

    Membership alone grants nothing: it only says which section a user works in."""
    if not is_active_user(user):
        return False
    cached = getattr(user, "_in_office_section", None)
    if cached is None:
        # `section` is the reverse of disclosure.Section.group (one group per section).
        cached = user.groups.filter(section__is_office=True).exists()
        user._in_office_section = cached
    return cached


def is_office_head(user) -> bool:
    """The head of the disclosure office (政府信息公开工作机构负责人, Reg. 33(2)): a
    股室负责人 who works in the 局办公室 section."""
    return has_role(user, Role.SECTION_HEAD) and in_office_section(user)


def is_office_member(user) -> bool:
    """Acts for the office (局办公室, seed Art. 4: it leads and runs disclosure work)
    in every app: the 办公室审核员 role, or the head of the office.

    The one definition for all apps. Working in the office section is not enough:
    an office 股室信息员 is section staff of the office like any other section's
    clerk, and a bare group membership (which the system administrator manages)
    must not confer bureau-wide powers; the role does (F8: roles as groups)."""
    return has_role(user, Role.OFFICE_REVIEWER) or is_office_head(user)
