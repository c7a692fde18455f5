"""Where a finding points: the public page of a column or item, or its back-office page.
Below both the models and the rules (each uses it; neither imports the other)."""

from django.urls import NoReverseMatch, reverse

from disclosure.models import Column, Item


def public_url(obj) -> str:
    """Where the public sees a column, an item or a consultation; "" if nowhere."""
    getter = getattr(obj, "get_absolute_url", None)
    try:
        if getter is not None:
            return getter()
        if isinstance(obj, Column):
            return reverse("disclosure:column", args=[obj.slug])
        if isinstance(obj, Item):
            return reverse("disclosure:item", args=[obj.pk])
    except NoReverseMatch:
        return ""
    return ""


def admin_url(obj) -> str:
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""
