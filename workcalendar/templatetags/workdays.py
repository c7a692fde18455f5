"""Show computed dates with their 未确认 flag (F2: every date computed from a year
without confirmed data is marked where it is shown).

    {% load workdays %}
    {{ due|workday_date }}             -> 2026-10-16 (+ badge when unconfirmed)
    {{ due|workday_date:"Y年n月j日" }}  -> 2026年10月16日
    {{ count|workday_count }}          -> 12 个工作日
"""

from django import template
from django.utils.dateformat import format as format_date
from django.utils.html import format_html

from workcalendar.selectors import WorkdayCount, WorkdayResult

register = template.Library()

UNCONFIRMED_TITLE = "涉及尚未发布官方节假日安排的年度，按法定节假日推算，可能变动"


def _badge(confirmed: bool) -> str:
    if confirmed:
        return ""
    return format_html('<span class="badge warn" title="{}">未确认</span>', UNCONFIRMED_TITLE)


def _gap(result) -> str:
    return "" if result.confirmed else " "


@register.filter
def workday_date(result: WorkdayResult | None, fmt: str = "") -> str:
    """The date of a WorkdayResult (ISO, or a Django date format), plus a visible
    未确认 badge when it rests on unconfirmed calendar data. Empty for None."""
    if result is None or result == "":
        return ""
    text = format_date(result.date, fmt) if fmt else result.date.isoformat()
    return format_html(
        '<time datetime="{}">{}</time>{}{}',
        result.date.isoformat(),
        text,
        _gap(result),
        _badge(result.confirmed),
    )


@register.filter
def workday_count(result: WorkdayCount | None) -> str:
    """ "N 个工作日" from a WorkdayCount, with the badge when unconfirmed."""
    if result is None or result == "":
        return ""
    return format_html("{} 个工作日{}{}", result.days, _gap(result), _badge(result.confirmed))


@register.simple_tag
def unconfirmed_badge(result: WorkdayResult | WorkdayCount | None) -> str:
    """Only the badge, for layouts that place the date themselves."""
    if result is None or result == "":
        return ""
    return _badge(result.confirmed)
