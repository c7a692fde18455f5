"""Form pieces every app's forms share: HTML5 date and date-time inputs, and a field
for several uploaded files, each checked by content and size (common.uploads)
while the form validates, so every problem is named at once and nothing is stored."""

from django import forms
from django.core.exceptions import ValidationError

from common.uploads import validate_upload

DATE_FORMAT = "%Y-%m-%d"
DATETIME_LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATE_FORMAT)


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_LOCAL_FORMAT)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Up to `max_files` files in one input; returns the list (empty when none)."""

    def __init__(self, *args, max_files: int, **kwargs):
        self.max_files = max_files
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        items = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not items and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(items) > self.max_files:
            raise ValidationError(f"最多上传 {self.max_files} 个文件。", code="max_files")
        cleaned, errors = [], []
        for item in items:
            try:
                upload = super().clean(item, initial)
                validate_upload(upload)
            except ValidationError as exc:
                errors.extend(exc.messages)
            else:
                cleaned.append(upload)
        if errors:
            raise ValidationError(errors)
        return cleaned
