"""The change history of an item in the back office: readable values, and the
fields simple_history leaves out (status, 索引号, publication time)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from simple_history.models import ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper

from disclosure.models import Item

# Bookkeeping fields left out of the change history's "修改内容".
HISTORY_NOISE = {"id", "created_at", "updated_at"}


class ItemHistoryHelper(HistoricalRecordContextHelper):
    """Change history values as staff read them: choice labels, （空） for nothing."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if value is None or value == "":
            return "（空）"
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        if isinstance(value, bool):
            return "是" if value else "否"
        if isinstance(value, datetime.datetime):
            return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
        return super().prepare_delta_change_value(change, value)


def _item_changes(*, old, new) -> list[ModelChange]:
    """The fields that differ between two historical records of an item."""
    changes = []
    for field in Item._meta.concrete_fields:
        if field.name in HISTORY_NOISE:
            continue
        before, after = getattr(old, field.attname), getattr(new, field.attname)
        if before == after:
            continue
        if field.is_relation:
            before = getattr(old, field.name) if before is not None else None
            after = getattr(new, field.name) if after is not None else None
        changes.append(ModelChange(field.name, before, after))
    return changes


class ItemHistoryMixin:
    # History: visible only for items the user may see; old versions are shown,
    # never restored (a revert would bypass the services and the review workflow).

    def history_view(self, request, object_id, extra_context=None):
        self.get_object(request, object_id)  # 404 unless visible
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self.get_object(request, object_id)  # 404 unless visible
        if request.method != "GET":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True

    def get_historical_record_context_helper(self, request, historical_record):
        return ItemHistoryHelper(self.model, historical_record)

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        # simple_history diffs only editable fields; the status, 索引号 and publication
        # date are not editable, and they are what a reader of the history looks for.
        previous = None
        for current in historical_records:
            if previous is not None:
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = [
                    {"field": c.field, "old": c.old, "new": c.new}
                    for c in (
                        helper.format_delta_change(change)
                        for change in _item_changes(old=current, new=previous)
                    )
                ]
            previous = current
