"""Who may see and change the working-day calendar.

三员 separation (requirements F8): the system administrator (系统管理员) maintains the
calendar; the audit administrator (审计管理员) may read it and its change history,
because checking who changed a deadline rule is an audit task. Nobody else sees the
calendar screens: other staff see its effect, the computed dates with their 未确认
flag, wherever a deadline is shown. Superusers get no role implicitly.
"""

from accounts.roles import Role, has_role

EDITORS = (Role.SYSTEM_ADMIN,)
READERS = (Role.SYSTEM_ADMIN, Role.AUDIT_ADMIN)


def can_change_calendar(user) -> bool:
    """Add, change or remove holidays and make-up days; confirm a year."""
    return has_role(user, *EDITORS)


def can_view_calendar(user) -> bool:
    """See the calendar screens and their history."""
    return has_role(user, *READERS)
