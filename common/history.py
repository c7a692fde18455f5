"""Who made a change, and why, for django-simple-history's change records."""

from django.db import models


def record_history(obj: models.Model, *, user: object = None, reason: str | None = None) -> None:
    """Attach the acting user (when there is one) and the reason to `obj`, for the
    history record its next save or delete writes. django-simple-history reads the
    private `_history_user` / `_change_reason` attributes; this is their one home."""
    if user is not None:
        obj._history_user = user  # type: ignore[attr-defined]
    if reason is not None:
        obj._change_reason = reason  # type: ignore[attr-defined]
