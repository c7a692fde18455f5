"""Only the audit administrator (审计管理员) reads the audit log; nobody changes it."""

from accounts.roles import Role, has_role


def can_read_audit_log(user) -> bool:
    return has_role(user, Role.AUDIT_ADMIN)
