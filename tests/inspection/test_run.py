"""A whole inspection: the stored report, the 单项否决 verdicts, the command."""

import datetime
import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from disclosure.choices import ColumnKind
from inspection import services
from inspection.models import Finding, FindingKind, InspectionRun, RunTrigger
from inspection.services import InspectionError
from tests.factories import ColumnFactory, ItemFactory, SectionFactory, UserFactory
from tests.inspection.factories import attach, minimal_pdf, office_user, published_on

pytestmark = pytest.mark.django_db

AS_OF = datetime.date(2026, 11, 16)


def test_run_stores_findings_and_summary():
    office = office_user()
    news = ColumnFactory(kind=ColumnKind.NEWS)
    published_on(AS_OF - datetime.timedelta(days=20), column=news)
    empty = ColumnFactory()
    item = published_on(AS_OF - datetime.timedelta(days=20), body="<p>电话 13812345678</p>")
    attachment = attach(item, minimal_pdf())
    default_storage.delete(attachment.file.name)
    ItemFactory(formed_on=datetime.date(2026, 9, 1))  # long overdue draft
    run = services.inspection_run(acting_user=office, as_of=AS_OF)
    assert run.started_by == office and run.trigger == RunTrigger.MANUAL
    assert run.finished_at is not None
    kinds = set(run.findings.values_list("kind", flat=True))
    assert kinds == {
        FindingKind.HOME_IDLE,
        FindingKind.COLUMN_IDLE,
        FindingKind.COLUMN_EMPTY,
        FindingKind.ITEM_OVERDUE,
        FindingKind.ATTACHMENT_BROKEN,
        FindingKind.PERSONAL_DATA,
        FindingKind.ANNUAL_REPORT_LATE,  # no 2025 report by 31 January 2026
        FindingKind.GUIDE_STALE,  # no guide at all
        FindingKind.MATTER_IDLE,  # the preloaded 标准目录's periodic 事项, nothing published
    }
    assert run.findings.filter(kind=FindingKind.COLUMN_EMPTY, column=empty).exists()
    summary = run.summary
    assert summary["counts"][FindingKind.COLUMN_IDLE] >= 1
    assert summary["total"] == run.findings.count()
    verdicts = {v["label"]: v["failed"] for v in summary["verdicts"]}
    assert verdicts["首页栏目信息超过2周未更新"] is True
    assert summary["failed"] is True


def test_five_empty_columns_fail_the_site():
    published_on(AS_OF)
    for _ in range(4):
        ColumnFactory()
    run = services.inspection_run(as_of=AS_OF, trigger=RunTrigger.SCHEDULED)
    empty_verdict = next(v for v in run.summary["verdicts"] if v["label"].startswith("空白栏目"))
    # 4 empty columns plus the one holding the item: not failed yet.
    assert run.summary["counts"][FindingKind.COLUMN_EMPTY] == 4
    assert empty_verdict["failed"] is False
    ColumnFactory()
    run = services.inspection_run(as_of=AS_OF, trigger=RunTrigger.SCHEDULED)
    empty_verdict = next(v for v in run.summary["verdicts"] if v["label"].startswith("空白栏目"))
    assert empty_verdict["failed"] is True


def test_only_the_office_starts_an_inspection():
    section = SectionFactory()
    from accounts.roles import Role
    from tests.factories import staff

    for user in (staff(Role.SECTION_CLERK, section=section), staff(Role.LEADER), UserFactory()):
        with pytest.raises(InspectionError):
            services.inspection_run(acting_user=user)
    assert not InspectionRun.objects.exists()


def test_inspect_site_command():
    ColumnFactory(name="工作动态", kind=ColumnKind.NEWS)
    out = io.StringIO()
    call_command("inspect_site", "--date", "2026-11-16", stdout=out)
    run = InspectionRun.objects.get()
    # A back-dated run is started by hand: labelled 手动巡查, not 定时巡查.
    assert run.trigger == RunTrigger.MANUAL and run.started_by is None
    assert run.get_trigger_display() == "手动巡查"
    assert run.as_of == AS_OF
    text = out.getvalue()
    assert f"巡查报告 #{run.pk}" in text and "空白栏目：1" in text
    assert Finding.objects.filter(run=run, kind=FindingKind.COLUMN_EMPTY).count() == 1


def test_inspect_site_refuses_a_bad_date():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("inspect_site", "--date", "16/11/2026")
