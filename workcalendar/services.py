"""Writes to the working-day calendar. The admin, commands and any future screen all
go through these functions.

The yearly routine (docs/operations.md): when the State Council publishes next
year's holiday notice, the system administrator enters its holidays and make-up
days (`calendar_day_set`) and then confirms the year (`calendar_year_confirm`). A
confirmed year is frozen: to correct it, unconfirm it, edit, and confirm again, so
every confirmation is a check of the whole year and leaves a trace in the history.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from common.errors import PortalError
from common.history import record_history
from workcalendar import permissions
from workcalendar.models import MAX_YEAR, MIN_YEAR, CalendarDay, CalendarYear, DayKind
from workcalendar.selectors import missing_statutory_days


class CalendarError(PortalError):
    """A refused calendar change; the message (Chinese) is shown to the user."""


def _require_editor(acting_user) -> None:
    if not permissions.can_change_calendar(acting_user):
        raise PermissionDenied("只有系统管理员可以修改工作日历。")


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise CalendarError(f"年度须在 {MIN_YEAR} 年至 {MAX_YEAR} 年之间。")


def _save(obj, *, acting_user, reason: str, update_fields=None) -> None:
    record_history(obj, user=acting_user, reason=reason)
    if update_fields:
        obj.save(update_fields=update_fields)
    else:
        obj.save()


def _locked_year(year: int, *, acting_user) -> CalendarYear:
    """The year's row, locked, created (unconfirmed) if absent."""
    _check_year(year)
    obj = CalendarYear.objects.select_for_update().filter(year=year).first()
    if obj is None:
        obj = CalendarYear(year=year)
        _save(obj, acting_user=acting_user, reason="新建年度")
    return obj


def calendar_year_save(*, year: int, source: str = "", note: str = "", acting_user) -> CalendarYear:
    """Create `year` (unconfirmed) or update its source and note. Never changes the
    confirmation: that is `calendar_year_confirm` / `calendar_year_unconfirm`."""
    _require_editor(acting_user)
    with transaction.atomic():
        obj = _locked_year(year, acting_user=acting_user)
        source, note = source.strip(), note.strip()
        if obj.confirmed and not source:
            raise CalendarError("已确认年度的依据不能为空。")
        if (obj.source, obj.note) != (source, note):
            obj.source, obj.note = source, note
            _save(obj, acting_user=acting_user, reason="修改依据或备注")
    return obj


def calendar_year_confirm(*, year: int, acting_user, source: str | None = None) -> CalendarYear:
    """Mark `year`'s arrangement as confirmed: from now on it is computed from the
    stored days only and its dates are no longer 未确认. Refused without a source
    (the notice) or while a statutory holiday of the year is missing."""
    _require_editor(acting_user)
    with transaction.atomic():
        obj = _locked_year(year, acting_user=acting_user)
        if obj.confirmed:
            raise CalendarError(f"{year}年已经确认。")
        if source is not None:
            obj.source = source.strip()
        problems = []
        if not obj.source:
            problems.append("请填写依据（国务院办公厅节假日安排通知的标题或文号）。")
        missing = missing_statutory_days(year)
        if missing:
            listed = "、".join(f"{d.isoformat()}（{name}）" for d, name in missing)
            problems.append(f"尚未录入以下法定节假日：{listed}。请按通知录入全部放假和调休日期。")
        if problems:
            raise CalendarError(f"{year}年不能确认：" + "".join(problems))
        obj.confirmed = True
        _save(obj, acting_user=acting_user, reason="确认年度安排")
    return obj


def calendar_year_unconfirm(*, year: int, acting_user, reason: str = "") -> CalendarYear:
    """Take the confirmation back (to correct the year): its dates show 未确认 again
    until it is confirmed anew."""
    _require_editor(acting_user)
    with transaction.atomic():
        obj = _locked_year(year, acting_user=acting_user)
        if not obj.confirmed:
            raise CalendarError(f"{year}年尚未确认。")
        obj.confirmed = False
        _save(obj, acting_user=acting_user, reason=f"撤销确认：{reason.strip() or '未说明'}")
    return obj


def _editable_year(day: datetime.date, *, acting_user) -> CalendarYear:
    year = _locked_year(day.year, acting_user=acting_user)
    if year.confirmed:
        raise CalendarError(f"{day.year}年已确认，不能修改；如需更正，请先撤销确认。")
    return year


def calendar_day_set(
    *, date: datetime.date, kind: DayKind | str, name: str, acting_user
) -> CalendarDay:
    """Record `date` as a holiday or a make-up working day (replacing what was
    recorded for that date). Refused for a confirmed year."""
    _require_editor(acting_user)
    if kind not in DayKind.values:
        raise CalendarError("类型须为“法定节假日”或“调休上班”。")
    name = (name or "").strip()
    if not name:
        raise CalendarError("请填写节日名称，例如：春节。")
    with transaction.atomic():
        year = _editable_year(date, acting_user=acting_user)
        day = CalendarDay.objects.select_for_update().filter(date=date).first()
        if day is None:
            day = CalendarDay(date=date)
        elif (day.kind, day.name) == (kind, name):
            return day
        day.year, day.kind, day.name = year, kind, name
        try:
            day.full_clean(validate_unique=False)
        except ValidationError as exc:
            raise CalendarError("；".join(exc.messages)) from exc
        _save(day, acting_user=acting_user, reason="录入日期" if day.pk is None else "修改日期")
    return day


def calendar_day_delete(*, date: datetime.date, acting_user) -> None:
    """Remove what is recorded for `date` (it becomes an ordinary day). Refused for a
    confirmed year."""
    _require_editor(acting_user)
    with transaction.atomic():
        _editable_year(date, acting_user=acting_user)
        day = CalendarDay.objects.select_for_update().filter(date=date).first()
        if day is None:
            raise CalendarError(f"{date.isoformat()} 没有录入。")
        record_history(day, user=acting_user, reason="删除日期")
        day.delete()
