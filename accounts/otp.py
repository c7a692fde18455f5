"""The second factor (等保2.0 三级: two factors for administrators): a TOTP
authenticator app (django-otp), enrolled by QR code, with one-time recovery codes.

Required for the three administrators (三员), the office (办公室审核员 and the
head of the office) and the leader (分管领导), who read applicants' data or hold
the keys; optional for others. Once a user has a device, it is asked for at every
login, required or not. Until then a user who needs one reaches only the
enrolment page (and logout); a user with a device reaches only the verification
page until the code is given (accounts.middleware.SecondFactorMiddleware)."""

from __future__ import annotations

from django.conf import settings
from django_otp import user_has_device

from accounts.roles import Role, has_role, is_office_head

SECOND_FACTOR_ROLES = (
    Role.SYSTEM_ADMIN,
    Role.SECURITY_ADMIN,
    Role.AUDIT_ADMIN,
    Role.OFFICE_REVIEWER,
    Role.LEADER,
)

OK, VERIFY, ENROL = "ok", "verify", "enrol"


def second_factor_required(user) -> bool:
    if not getattr(settings, "SECOND_FACTOR_REQUIRED", True):
        return False
    return bool(user.is_superuser or has_role(user, *SECOND_FACTOR_ROLES) or is_office_head(user))


def second_factor_state(user) -> str:
    """OK (nothing to do), VERIFY (give the code of the enrolled device) or ENROL
    (required, no device yet)."""
    if not getattr(user, "is_authenticated", False):
        return OK
    if getattr(user, "is_verified", lambda: False)():
        return OK
    if user_has_device(user):
        return VERIFY
    return ENROL if second_factor_required(user) else OK
