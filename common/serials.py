"""The one serial-number allocator: yearly counters kept in a row per key."""

from django.db import IntegrityError, models, transaction
from django.db.models import F

from common.errors import SerialError


def next_serial(model: type[models.Model], *, counter: str, **key: object) -> int:
    """Increment and return the counter `counter` of the `model` row matching `key`
    (created at 1 when missing). Run inside a transaction.

    The UPDATE takes the row lock on PostgreSQL (the write lock on SQLite) and keeps
    it until the surrounding transaction ends: concurrent callers queue here and each
    reads the value it wrote. If that transaction rolls back, the increment rolls back
    with it, so no number is handed out twice and none that was kept is reused."""
    rows = model._default_manager.filter(**key)
    for _attempt in range(5):
        if rows.update(**{counter: F(counter) + 1}):
            return rows.values_list(counter, flat=True).get()
        try:
            with transaction.atomic():
                model._default_manager.create(**key, **{counter: 1})
            return 1
        except IntegrityError:
            continue  # another transaction created the row first: increment that one
    raise SerialError("编号分配失败，请稍后重试。")
