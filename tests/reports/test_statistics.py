"""The office's statistics: counts per month and section, on-time rates, requests by
outcome, open tasks; SVG charts with no inline styles; who may see them."""

import datetime

import pytest
from django.urls import reverse

from accounts.roles import Role
from disclosure.models import Item
from reports import charts, statistics
from requests_app.outcomes import ApplicantColumn as C
from requests_app.outcomes import Outcome as O
from tests.factories import ColumnFactory, SectionFactory, UserFactory, staff
from tests.inspection.factories import office_user, published_on
from tests.reports.factories import make_request

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def sections():
    return SectionFactory(name="就业促进股", order=1), SectionFactory(name="社会保险股", order=2)


@pytest.fixture
def items(sections):
    jobs, insurance = sections
    jobs_col = ColumnFactory(responsible_section=jobs)
    ins_col = ColumnFactory(responsible_section=insurance)
    # 2026-01-05 + 20 working days = 2026-02-02 (元旦 1/1-1/3, 1/4 worked): on time until then.
    on_time = published_on(D(2026, 1, 20), column=jobs_col, formed_on=D(2026, 1, 5))
    late = published_on(D(2026, 2, 3), column=jobs_col, formed_on=D(2026, 1, 5))
    recorded = published_on(D(2026, 3, 10), column=ins_col, formed_on=D(2026, 3, 2))
    Item.objects.filter(pk=recorded.pk).update(published_on_time=False)  # as recorded
    published_on(D(2025, 12, 30), column=ins_col)  # other year
    return on_time, late, recorded


def test_counts_per_month_and_section(items):
    monthly = dict(statistics.monthly_counts(2026))
    assert monthly["1月"] == 1 and monthly["2月"] == 1 and monthly["3月"] == 1
    assert sum(monthly.values()) == 3
    assert statistics.section_counts(2026)[-2:] == [("就业促进股", 2), ("社会保险股", 1)]


def test_on_time_rate_per_section(items):
    rates, total = statistics.on_time_by_section(2026)
    by_name = {r.label: r for r in rates}
    assert (by_name["就业促进股"].on_time, by_name["就业促进股"].total) == (1, 2)
    assert by_name["就业促进股"].text == "50%"
    assert (by_name["社会保险股"].on_time, by_name["社会保险股"].total) == (0, 1)
    assert (total.on_time, total.total) == (1, 3)


def test_requests_by_outcome_and_on_time():
    make_request(C.NATURAL_PERSON, D(2026, 3, 2), D(2026, 3, 20), O.DISCLOSED)
    make_request(C.NATURAL_PERSON, D(2026, 3, 2), D(2026, 5, 20), O.PARTIAL)  # late
    make_request(C.COMMERCIAL, D(2026, 4, 1), D(2026, 4, 10), O.WITHHELD_STATE_SECRET)
    make_request(C.COMMERCIAL, D(2026, 4, 1))  # open
    outcomes, rate, open_now = statistics.request_figures(2026, today=D(2026, 4, 10))
    assert dict(outcomes) == {
        "予以公开": 1, "部分公开": 1, "不予公开": 1, "无法提供": 0, "不予处理": 0, "其他处理": 0,
    }  # fmt: skip
    assert (rate.on_time, rate.total) == (2, 3)
    assert open_now == 1


def test_open_overdue_requests_count_as_late():
    make_request(C.NATURAL_PERSON, D(2026, 3, 2), D(2026, 3, 20), O.DISCLOSED)
    make_request(C.COMMERCIAL, D(2026, 4, 1))  # open: due 2026-04-30
    _, rate, _ = statistics.request_figures(2026, today=D(2026, 4, 30))
    assert (rate.on_time, rate.total) == (1, 1)  # due today: not late yet
    _, rate, _ = statistics.request_figures(2026, today=D(2026, 5, 6))
    assert (rate.on_time, rate.total) == (1, 2)  # was 100 % while it sat overdue
    # A past year is judged on its last day.
    make_request(C.COMMERCIAL, D(2025, 12, 29))  # open, due 2026-01-28
    _, rate_2025, _ = statistics.request_figures(2025, today=D(2026, 5, 6))
    assert (rate_2025.on_time, rate_2025.total) == (0, 0)


def test_charts_escape_labels_and_use_no_style_attributes():
    svg = str(charts.bar_chart([charts.Bar("<script>", 3)], title="t"))
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "style=" not in svg
    assert "style=" not in str(charts.column_chart([charts.Bar("1月", 2)], title="t"))


def test_statistics_page_for_the_office_and_leader_only(client, items):
    url = reverse("reports:statistics") + "?year=2026"
    client.force_login(office_user())
    page = client.get(url).content.decode()
    assert page.count("<svg") >= 4
    assert "各股室按时公开率" in page and "就业促进股" in page and "50%" in page
    assert "style=" not in page
    client.force_login(staff(Role.LEADER))
    assert client.get(url).status_code == 200
    for user in (staff(Role.SECTION_CLERK), UserFactory()):
        client.force_login(user)
        assert client.get(url).status_code == 404


def test_statistics_ignores_a_bad_year(client):
    client.force_login(office_user())
    assert client.get(reverse("reports:statistics") + "?year=abc").status_code == 200
