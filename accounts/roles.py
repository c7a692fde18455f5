"""The roles of F8 as Django groups. Group names are the Chinese role names that
staff see in the admin; code refers to them only through `Role`."""

from django.db import models


class Role(models.TextChoices):
    SECTION_CLERK = "股室信息员", "股室信息员"  # drafts items in the section's columns
    SECTION_HEAD = "股室负责人", "股室负责人"  # 初审
    OFFICE_REVIEWER = "办公室审核员", "办公室审核员"  # 复审; runs the office's duties
    LEADER = "分管领导", "分管领导"  # 终审
    SYSTEM_ADMIN = "系统管理员", "系统管理员"  # 三员: accounts, columns, calendar
    SECURITY_ADMIN = "安全管理员", "安全管理员"  # 三员: sensitive words, security settings
    AUDIT_ADMIN = "审计管理员", "审计管理员"  # 三员: reads the audit log, nothing else


def has_role(user, *roles: Role) -> bool:
    """True when an active user belongs to any of the given role groups.

    Superusers are not granted roles implicitly: the 三员 separation means even the
    system administrator acts only through the roles given to them."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    names = {str(r) for r in roles}
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return bool(names & cached)
