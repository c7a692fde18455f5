"""Key rotation of applicants' personal data: every encrypted value not under the
current field key is decrypted (its key is still in FIELD_ENCRYPTION_KEY, after the
current one) and encrypted again under the current key; the blind index of the ID
number, keyed from the current key, is recomputed with it."""

from __future__ import annotations

from django.db import connection, transaction

from common.crypto import current_key, key_id_of
from common.crypto.fields import EncryptedTextField
from requests_app.models import DisclosureRequest

ENCRYPTED_FIELDS = tuple(
    f.name for f in DisclosureRequest._meta.concrete_fields if isinstance(f, EncryptedTextField)
)


def _stale_ids(key_id: str) -> list[int]:
    """Requests with a value under another key, or in clear (raw column values: the
    ORM would decrypt them)."""
    meta = DisclosureRequest._meta
    quote = connection.ops.quote_name
    by_name = {f.name: str(f.column) for f in meta.concrete_fields}
    columns = [by_name[name] for name in ENCRYPTED_FIELDS]
    sql = "SELECT {pk}, {cols} FROM {table}".format(  # noqa: S608 - names from the model
        pk=quote(by_name["id"]),
        cols=", ".join(quote(c) for c in columns),
        table=quote(meta.db_table),
    )
    stale = []
    with connection.cursor() as cursor:
        cursor.execute(sql)
        for pk, *values in cursor.fetchall():
            if any(v and key_id_of(v) != key_id for v in values):
                stale.append(pk)
    return stale


def personal_data_rotate_key(*, batch: int = 200) -> int:
    """Re-encrypt every request holding a value not under the current key; the number
    of requests rewritten. Safe to run again (rows under the current key are left)."""
    key_id, _ = current_key()
    ids = _stale_ids(key_id)
    for start in range(0, len(ids), batch):
        with transaction.atomic():
            for req in DisclosureRequest.objects.select_for_update().filter(
                pk__in=ids[start : start + batch]
            ):
                # Read (decrypted with its own key), saved (encrypted with the current
                # key); save() recomputes the ID number's index with the current key.
                req.save(update_fields=[*ENCRYPTED_FIELDS, "id_number_index"])
    return len(ids)
