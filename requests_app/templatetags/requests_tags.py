from django import template

from requests_app import permissions

register = template.Library()


@register.filter
def can_register_requests(user) -> bool:
    """The office registers paper requests (for showing the link)."""
    return permissions.can_manage_requests(user)


@register.filter
def can_configure_notices(user) -> bool:
    """The office configures what every 告知书 names (for showing the link)."""
    return permissions.can_configure_notices(user)
