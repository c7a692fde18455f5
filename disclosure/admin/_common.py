"""Shared pieces of the catalogue's back office."""

from django.http import Http404


def _copy_saved(target, saved) -> None:
    """Make the admin's in-memory instance the one a service saved (the admin keeps
    using it for inlines, messages and the redirect)."""
    for field in type(saved)._meta.concrete_fields:
        setattr(target, field.attname, getattr(saved, field.attname))
    target._state.adding = False
    target._state.db = saved._state.db


def _with_calendar(method, calendar):
    """`method(obj)` for a list column, computing with the page's shared calendar."""

    def column(obj):
        return method(obj, calendar=calendar)

    column.short_description = method.short_description
    if hasattr(method, "admin_order_field"):
        column.admin_order_field = method.admin_order_field
    column.__name__ = method.__name__
    return column


class NotFoundUnlessVisibleMixin:
    """A 404 for what the user may not see, on change, delete and history URLs
    (Django's default would redirect with a message that the object is missing)."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404("not found")
        return obj


class AdminCssMixin:
    class Media:
        css = {"all": ["disclosure/admin.css"]}
