"""The figures the annual report's narrative states agree with its statistics
before it can be published (reports.narrative)."""

import datetime

import pytest
import time_machine

from reports import services
from reports.models import ReportStatus
from reports.services import ReportError
from tests.inspection.factories import published_on
from tests.reports.factories import JAN_2027, filled

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_narratives_figures_must_agree_with_the_statistics(report, office, requests_2026):
    """2026: 3 new requests, 1 carried in, 3 concluded, 1 carried out; 2 items published."""
    published_on(D(2026, 4, 1))
    published_on(D(2026, 9, 1))
    published_on(D(2025, 9, 1))  # another year's
    filled(report, office)
    agreeing = (
        "全年主动公开政府信息 2 条，累计主动公开政府信息 900 条。全年新收政府信息公开申请３件，"
        "上年结转 1 件，办结 3 件，结转下年度继续办理 1 件。被申请行政复议 0 件、提起行政诉讼 0 件。"
    )
    services.annual_report_update(report=report, data={"overview": agreeing}, acting_user=office)
    report.refresh_from_db()
    assert services.annual_report_blockers(report, today=D(2027, 1, 10)) == []
    # Figures typed by hand that the tables contradict: refused, each named.
    wrong = agreeing.replace("主动公开政府信息 2 条", "主动公开政府信息 120 条").replace(
        "申请３件", "申请 5 件"
    )
    services.annual_report_update(report=report, data={"overview": wrong}, acting_user=office)
    with time_machine.travel(JAN_2027, tick=False), pytest.raises(ReportError) as exc:
        services.annual_report_publish(report=report, acting_user=office)
    message = str(exc.value)
    assert (
        "“一、总体情况”中“主动公开政府信息 120 条”与统计数据不符（本年主动公开政府信息为 2）"
        in message
    )
    assert (
        "“新收政府信息公开申请 5 件”与统计数据不符（一、本年新收政府信息公开申请数量为 3）"
        in message
    )
    assert "上年结转" not in message and "900" not in message
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.table3 is None


def test_the_suggested_overview_agrees_with_the_statistics(report, office, requests_2026):
    published_on(D(2026, 4, 1))
    filled(report, office)
    services.annual_report_update(report=report, data={"overview": ""}, acting_user=office)
    services.annual_report_apply_suggestions(report=report, acting_user=office)
    report.refresh_from_db()
    assert "主动公开政府信息 1 条" in report.overview
    assert services.annual_report_blockers(report, today=D(2027, 1, 10)) == []
