"""Labels of model fields, as staff read them."""

from django.db import models


def field_label(model: type[models.Model], name: str) -> str:
    """The verbose name of `model`'s field `name` (a plain str, not a lazy one)."""
    field = model._meta.get_field(name)
    return str(getattr(field, "verbose_name", name))
