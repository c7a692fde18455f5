"""The 国办秘函〔2019〕19号 rules the audit found missing, each at its boundary: columns
that should be updated but long were not (≥10), 其他 columns by their 更新周期, links
in item bodies (no network), overdue request replies (Reg. 33), the annual report's
31 January (Reg. 49), a guide older than a year (Reg. 12), consultations whose
feedback is not due yet, and the inspection's own date and label."""

import datetime
import io
import socket

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from disclosure.choices import ColumnKind
from inspection import rules, services
from inspection.models import FindingKind, InspectionRun, RunTrigger
from inspection.services import InspectionError
from reports.models import AnnualReport, Guide, ReportStatus
from requests_app.selectors import reply_deadline_of
from tests.consultations.factories import ConsultationFactory
from tests.factories import ColumnFactory, ItemFactory
from tests.inspection.factories import at_noon, published_on
from tests.reports.factories import make_request

pytestmark = pytest.mark.django_db
D = datetime.date
AS_OF = D(2026, 11, 16)


# -- 其他 columns by their 更新周期; ≥10 columns not updated -------------------------


@pytest.mark.parametrize(
    ("last", "flagged"),
    [(D(2026, 8, 16), False), (D(2026, 8, 15), True)],  # exactly 3 months: still in time
)
def test_other_column_is_judged_by_its_update_frequency(last, flagged):
    column = ColumnFactory(kind=ColumnKind.OTHER, update_months=3)
    published_on(last, column=column)
    drafts = list(rules.check_columns(AS_OF))
    assert [d.kind for d in drafts] == ([FindingKind.COLUMN_STALE] if flagged else [])
    if flagged:
        assert "超过3个月" in drafts[0].message


def test_other_column_without_a_frequency_is_never_stale():
    published_on(D(2020, 1, 1), column=ColumnFactory(kind=ColumnKind.OTHER))
    assert list(rules.check_columns(AS_OF)) == []


def test_only_other_columns_take_a_frequency():
    column = ColumnFactory(kind=ColumnKind.NEWS)
    column.update_months = 3
    with pytest.raises(ValidationError) as caught:
        column.full_clean()
    assert "只有类型为“其他”的栏目需要设置更新周期" in str(caught.value)


def _verdict(idle: int, stale: int, label: str):
    drafts = [rules.FindingDraft(kind=FindingKind.COLUMN_IDLE, message="", section=None)] * idle
    drafts += [rules.FindingDraft(kind=FindingKind.COLUMN_STALE, message="", section=None)] * stale
    summary = services.summarise(drafts, columns_checked=20)
    return next(v for v in summary["verdicts"] if v["label"].startswith(label))


@pytest.mark.parametrize(("idle", "stale", "failed"), [(4, 5, False), (4, 6, True), (0, 10, True)])
def test_ten_columns_not_updated_fail_the_site(idle, stale, failed):
    verdict = _verdict(idle, stale, "应更新但长期未更新的栏目达10个及以上")
    assert verdict["failed"] is failed and verdict["value"] == f"{idle + stale} 个"


@pytest.mark.parametrize(("idle", "failed"), [(4, False), (5, True)])
def test_five_columns_idle_for_their_kind_fail_the_site(idle, failed):
    assert _verdict(idle, 0, "栏目不更新")["failed"] is failed


# -- links in item bodies -------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the inspection must not use the network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_links_are_checked_without_the_network(no_network, settings):
    target = ItemFactory(published=True)
    draft = ItemFactory()
    column = ColumnFactory(slug="jiuye")
    hosts = {"127.0.0.1", "www.shixian.gov.cn"}

    def problem(href):
        return rules.link_problem(href, page_path="/items/1/", own_hosts=hosts)

    assert problem(f"/items/{target.pk}/") is None
    assert problem(f"http://www.shixian.gov.cn/items/{target.pk}/") is None
    assert problem(f"../{target.pk}/") is None  # relative to the item page
    assert problem(f"/columns/{column.slug}/") is None
    assert problem("https://www.gov.cn/zhengce/") is None  # elsewhere: syntax only
    assert problem("mailto:rsjgk@example.gov.cn") is None
    assert problem("#section-2") is None
    assert problem(f"/items/{draft.pk}/") == "站内链接指向的信息不存在或未公开"
    assert problem("/items/999999/") == "站内链接指向的信息不存在或未公开"
    assert problem("/columns/no-such-column/") == "站内链接指向的栏目不存在"
    assert problem("/no/such/page/") == "站内链接指向的页面不存在"
    assert problem("http://www.shixian.gov.cn/no/such/page/") == "站内链接指向的页面不存在"
    for bad in ("http://", "https:///path", "ftp://files.example.com/a", "http://exa mple.com/"):
        assert problem(bad) == "链接地址格式不正确", bad
    assert problem("") == "链接地址为空"


def test_links_under_the_url_prefix_resolve(no_network, settings):
    settings.FORCE_SCRIPT_NAME = "/rsj"
    target = ItemFactory(published=True)
    assert rules.link_problem(f"/rsj/items/{target.pk}/", page_path="/", own_hosts=set()) is None


def test_items_with_broken_links_become_findings(no_network):
    good = published_on(AS_OF, body='<p><a href="https://www.gov.cn/">中国政府网</a></p>')
    bad = published_on(
        AS_OF,
        title="培训通知",
        body='<p>见<a href="/columns/gone/">培训专栏</a>和<a href="http://">这里</a></p>',
    )
    drafts = list(rules.check_body_links(AS_OF))
    assert [d.item for d in drafts] == [bad]
    assert drafts[0].kind == FindingKind.LINK_BROKEN and drafts[0].section == bad.section
    assert "2 个链接错误" in drafts[0].message and "培训专栏" in drafts[0].message
    assert good.pk not in [d.item.pk for d in drafts]


# -- overdue request replies (Reg. 33) -------------------------------------------------


def test_a_request_is_overdue_the_day_after_its_reply_deadline():
    from requests_app.outcomes import ApplicantColumn

    request = make_request(ApplicantColumn.NATURAL_PERSON, D(2026, 10, 9))
    due = reply_deadline_of(request).day
    assert list(rules.check_overdue_requests(due)) == []
    drafts = list(rules.check_overdue_requests(due + datetime.timedelta(days=1)))
    assert [d.kind for d in drafts] == [FindingKind.REQUEST_OVERDUE]
    assert request.tracking_number in drafts[0].message and "已逾期 1 天" in drafts[0].message
    assert request.applicant_name not in drafts[0].message  # no personal data
    # A closed request is no problem.
    closed = make_request(
        ApplicantColumn.NATURAL_PERSON, D(2026, 1, 5), D(2026, 1, 20), "disclosed"
    )
    assert all(closed.tracking_number not in d.message for d in drafts)


# -- the annual report's 31 January (Reg. 49) ------------------------------------------


@pytest.mark.parametrize(("as_of", "flagged"), [(D(2027, 1, 31), False), (D(2027, 2, 1), True)])
def test_last_year_s_report_is_due_by_31_january(organisation, as_of, flagged):
    drafts = list(rules.check_annual_report(as_of))
    assert [d.kind for d in drafts] == ([FindingKind.ANNUAL_REPORT_LATE] if flagged else [])
    if flagged:
        assert "2026年政府信息公开工作年度报告至今未发布" in drafts[0].message


def _report(organisation, published_on):
    return AnnualReport.objects.create(
        organisation=organisation,
        year=2026,
        status=ReportStatus.PUBLISHED,
        published_at=at_noon(published_on),
        table3={},
        table4={},
    )


def test_a_report_published_on_time_passes_and_a_late_one_is_noted(organisation):
    report = _report(organisation, D(2027, 1, 31))
    assert list(rules.check_annual_report(D(2027, 3, 1))) == []
    AnnualReport.objects.filter(pk=report.pk).update(published_at=at_noon(D(2027, 2, 3)))
    (draft,) = rules.check_annual_report(D(2027, 3, 1))
    assert "于 2027-02-03 发布，晚于 2027年1月31日的期限" in draft.message


# -- the guide older than a year (Reg. 12) ---------------------------------------------


@pytest.mark.parametrize(
    ("updated", "flagged"), [(D(2025, 11, 16), False), (D(2025, 11, 15), True)]
)
def test_the_guide_is_flagged_when_older_than_a_year(organisation, updated, flagged):
    from reports.guide_defaults import DEFAULT_GUIDE

    with time_machine.travel(at_noon(updated), tick=False):
        Guide.objects.create(organisation=organisation, **DEFAULT_GUIDE)
    drafts = list(rules.check_guide(AS_OF))
    assert [d.kind for d in drafts] == ([FindingKind.GUIDE_STALE] if flagged else [])


def test_a_missing_guide_is_flagged(organisation):
    (draft,) = rules.check_guide(AS_OF)
    assert draft.message == "尚未编制政府信息公开指南（《条例》第十二条）。"


# -- consultations: not a problem before the feedback is due ---------------------------


def test_consultation_feedback_not_yet_due_is_not_counted():
    now = timezone.now()
    consultation = ConsultationFactory(
        published=True,
        opens_at=now - datetime.timedelta(days=80),
        closes_at=now - datetime.timedelta(days=50),
    )
    due = consultation.feedback_due.date
    assert list(rules.check_consultations(due)) == []  # the due day itself: not late
    drafts = list(rules.check_consultations(due + datetime.timedelta(days=1)))
    assert [d.kind for d in drafts] == [FindingKind.CONSULTATION_NO_FEEDBACK]
    assert "已逾期" in drafts[0].message


# -- the inspection's date and label --------------------------------------------------


def test_an_inspection_of_a_future_day_is_refused():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(InspectionError, match="巡查日期不能晚于今天"):
        services.inspection_run(as_of=tomorrow)
    with pytest.raises(CommandError, match="巡查日期不能晚于今天"):
        call_command("inspect_site", "--date", tomorrow.isoformat(), stdout=io.StringIO())
    assert not InspectionRun.objects.exists()
    # Today itself is fine.
    assert services.inspection_run(as_of=timezone.localdate()).as_of == timezone.localdate()


def test_the_scheduled_job_and_manual_runs_are_labelled_apart():
    out = io.StringIO()
    call_command("inspect_site", stdout=out)
    scheduled = InspectionRun.objects.get()
    assert scheduled.trigger == RunTrigger.SCHEDULED and "定时巡查" in out.getvalue()
    out = io.StringIO()
    call_command("inspect_site", "--manual", stdout=out)
    manual = InspectionRun.objects.exclude(pk=scheduled.pk).get()
    assert manual.get_trigger_display() == "手动巡查" and "手动巡查" in out.getvalue()
