"""The official working-day calendar (F2): one row per year saying whether its
holiday arrangement is confirmed, and one row per exception to the plain
Monday-to-Friday week (a holiday on a weekday, a weekend, or a make-up working day).

Writes go through `workcalendar.services`; reads through `workcalendar.selectors`."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

# The years the model accepts; the computation itself has no such limit.
MIN_YEAR = 1990
MAX_YEAR = 2100


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日"  # a day off, weekend days inside a holiday span included
    WORKDAY = "workday", "调休上班"  # a weekend day that is a working day


class CalendarYear(models.Model):
    """A calendar year. `confirmed` is set (by the system administrator, through
    `services.calendar_year_confirm`) once every holiday and make-up day of the
    State Council's notice for that year has been entered and checked. A year that
    is absent or unconfirmed is computed from the statutory holidays and every date
    derived from it is shown as 未确认."""

    year = models.PositiveSmallIntegerField("年度", unique=True)
    confirmed = models.BooleanField(
        "已确认",
        default=False,
        editable=False,  # changed only by calendar_year_confirm / calendar_year_unconfirm
        help_text="已按国务院办公厅当年节假日安排通知录入并核对全部放假和调休日期。",
    )
    source = models.CharField(
        "依据",
        max_length=200,
        blank=True,
        help_text="国务院办公厅通知的标题、文号或发布日期，例如：国务院办公厅关于2027年部分节假日安排的通知。",
    )
    note = models.TextField("备注", blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    history = HistoricalRecords(verbose_name="日历年度变更记录")

    class Meta:
        verbose_name = "日历年度"
        verbose_name_plural = "日历年度"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=MIN_YEAR, year__lte=MAX_YEAR),
                name="workcalendar_year_in_range",
                violation_error_message=f"年度须在 {MIN_YEAR} 年至 {MAX_YEAR} 年之间。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}年（{'已确认' if self.confirmed else '未确认'}）"


class CalendarDay(models.Model):
    """An exception to the plain week on one date: a holiday (法定节假日, including the
    weekend days of a holiday span and the days moved by 调休) or a make-up working day
    on a weekend (调休上班). Every other date is a working day from Monday to Friday."""

    year = models.ForeignKey(
        CalendarYear, on_delete=models.PROTECT, related_name="days", verbose_name="年度"
    )
    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind)
    name = models.CharField("节日", max_length=50, help_text="例如：春节、国庆节。")
    history = HistoricalRecords(verbose_name="日历日期变更记录")

    class Meta:
        verbose_name = "节假日与调休日"
        verbose_name_plural = "节假日与调休日"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date.isoformat()} {self.name}（{self.get_kind_display()}）"

    @property
    def is_weekend(self) -> bool:
        return self.date.weekday() >= 5

    def clean(self) -> None:
        errors = {}
        if self.date and self.year_id and self.year.year != self.date.year:
            errors["date"] = f"日期 {self.date.isoformat()} 不属于{self.year.year}年。"
        if self.date and not (MIN_YEAR <= self.date.year <= MAX_YEAR):
            errors["date"] = f"日期须在 {MIN_YEAR} 年至 {MAX_YEAR} 年之间。"
        if self.date and self.kind == DayKind.WORKDAY and not self.is_weekend:
            # A Monday-to-Friday date is a working day anyway unless it is a holiday.
            errors["kind"] = (
                f"{self.date.isoformat()} 是{WEEKDAY_NAMES[self.date.weekday()]}，"
                "调休上班日只能是周六或周日。"
            )
        if errors:
            raise ValidationError(errors)


WEEKDAY_NAMES = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")


def weekday_name(d: datetime.date) -> str:
    return WEEKDAY_NAMES[d.weekday()]
