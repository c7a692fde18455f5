"""The site's identity and statements (SiteIdentity), kept by the 系统管理员."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from audit.models import AuditAction
from audit.services import audit_record
from common.pagecache import catalogue_changed
from disclosure import permissions
from disclosure.models import SiteIdentity

SITE_FIELDS = (
    "site_name",
    "site_domain",
    "site_id_code",
    "channel_name",
    "icp_number",
    "police_number",
    "gov_mark_url",
    "statement",
    "privacy",
)


def site_identity_update(*, data: dict[str, Any], acting_user) -> SiteIdentity:
    """Save the identity shown on every page (footer, monitoring metadata). Refused
    (PermissionDenied) to anyone but the 系统管理员; ValidationError (Chinese) for a
    malformed 标识码 or 备案号, nothing saved."""
    unknown = set(data) - set(SITE_FIELDS)
    if unknown:
        raise TypeError(f"not site identity fields: {sorted(unknown)}")
    if not permissions.can_configure_site(acting_user):
        raise PermissionDenied("只有系统管理员可以设置网站标识。")
    with transaction.atomic():
        identity = SiteIdentity.objects.select_for_update().order_by("id").first() or SiteIdentity()
        for name, value in data.items():
            setattr(identity, name, value.strip() if isinstance(value, str) else value)
        identity.full_clean(exclude=["updated_by"])
        identity.updated_by = acting_user
        identity.save()
        audit_record(
            action=AuditAction.OTHER,
            actor=acting_user,
            target=identity,
            detail="修改网站标识与声明",
        )
        # Every public page shows it (footer, metadata): cached pages go.
        catalogue_changed()
    return identity
