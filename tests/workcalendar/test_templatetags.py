"""Every computed date is shown with a visible 未确认 badge when unconfirmed."""

import datetime

from django.template import Context, Template

from workcalendar.selectors import WorkdayCount, WorkdayResult


def render(text: str, **context) -> str:
    return Template("{% load workdays %}" + text).render(Context(context))


def test_confirmed_date_is_plain():
    html = render("{{ due|workday_date }}", due=WorkdayResult(datetime.date(2026, 10, 16), True))
    assert html == '<time datetime="2026-10-16">2026-10-16</time>'
    assert "未确认" not in html


def test_unconfirmed_date_has_the_badge():
    html = render("{{ due|workday_date }}", due=WorkdayResult(datetime.date(2027, 1, 5), False))
    assert '<time datetime="2027-01-05">2027-01-05</time>' in html
    assert '<span class="badge warn"' in html and ">未确认</span>" in html


def test_date_format_argument():
    html = render(
        '{{ due|workday_date:"Y年n月j日" }}', due=WorkdayResult(datetime.date(2026, 10, 16), False)
    )
    assert "2026年10月16日</time>" in html and "未确认" in html


def test_count_and_badge_only():
    assert render("{{ c|workday_count }}", c=WorkdayCount(12, True)) == "12 个工作日"
    html = render("{{ c|workday_count }}", c=WorkdayCount(3, False))
    assert html.startswith("3 个工作日 ") and "未确认" in html
    assert "未确认" in render("{% unconfirmed_badge c %}", c=WorkdayCount(3, False))
    assert (
        render("{% unconfirmed_badge c %}", c=WorkdayResult(datetime.date(2026, 1, 5), True)) == ""
    )


def test_missing_values_render_nothing():
    assert render("{{ due|workday_date }}|{{ c|workday_count }}", due=None, c=None) == "|"
    assert render("{{ nothing|workday_date }}") == ""
