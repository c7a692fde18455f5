"""三员分立 (等保2.0 三级) over accounts, without back doors:

- the system administrator (系统管理员) creates, edits, deactivates accounts and
  resets passwords, but assigns no role and no section membership;
- the security administrator (安全管理员) assigns roles and section membership,
  lifts lockouts (and keeps the sensitive-word list, review.permissions);
- the audit administrator (审计管理员) reads and exports the audit log only
  (audit.permissions).

Superusers (created on the command line, for installation) keep Django's powers."""

from __future__ import annotations

from accounts.roles import Role, has_role, is_active_user


def can_manage_accounts(user) -> bool:
    """Create accounts, edit their details, (de)activate them, reset passwords."""
    return is_active_user(user) and (user.is_superuser or has_role(user, Role.SYSTEM_ADMIN))


def can_assign_roles(user) -> bool:
    """Give or take role groups and section membership."""
    return is_active_user(user) and (user.is_superuser or has_role(user, Role.SECURITY_ADMIN))


def can_unlock_accounts(user) -> bool:
    """Lift a login lockout (django-axes' attempt records)."""
    return is_active_user(user) and (user.is_superuser or has_role(user, Role.SECURITY_ADMIN))


def can_set_password(user, target) -> bool:
    """Set `target`'s password: the owner, or the account manager for anyone but a
    superuser (a password set for somebody else is audited and must be changed at
    that person's next login: accounts.services.password_set_recorded)."""
    if not is_active_user(user) or target is None:
        return False
    if user.pk == target.pk:
        return True
    if target.is_superuser and not user.is_superuser:
        return False
    return can_manage_accounts(user)
