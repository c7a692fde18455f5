"""A model field whose values are stored encrypted (common.crypto.cipher), read and
written as plain text by the code: forms, masking and templates see no change.

Only `isnull` and comparison with "" work in queries (each encryption of a value
differs): look values up through a blind index column instead."""

from __future__ import annotations

from django.db import models

from common.crypto import cipher


class EncryptedTextField(models.TextField):
    """Text encrypted with SM4-GCM under the current field key; `max_length` limits
    the plain text (forms, validation), not the column. The label binds each value
    to its column: "<app_label>.<model>.<field>"."""

    def contribute_to_class(self, cls, name, *args, **kwargs):
        super().contribute_to_class(cls, name, *args, **kwargs)
        self.label = f"{cls._meta.app_label}.{cls._meta.object_name}.{name}"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.max_length is not None:
            from django.core.validators import MaxLengthValidator

            self.validators.append(MaxLengthValidator(self.max_length))

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return cipher.decrypt(value, label=self.label)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return cipher.encrypt(str(value), label=self.label)

    def get_db_prep_value(self, value, connection, prepared=False):
        if not prepared:
            value = self.get_prep_value(value)
        return value
