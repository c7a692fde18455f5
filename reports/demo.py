"""Demo guide and annual reports (`manage.py load_demo`, last): the guide with the
disclosure office's contacts; last year's report published; this year's report
complete as a draft (it can be published once the year has ended, Reg. 49).
Tables 三 and 四 always come from the demo's requests and cases. Running it again
changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from disclosure.selectors import current_organisation
from reports import services
from reports.guide_defaults import DEFAULT_GUIDE
from reports.models import AnnualReport, Guide

CONTACTS = {
    "disclosure_office": "局办公室",
    "address": "示例县人民路 1 号行政中心 3 号楼 2 楼",
    "postcode": "313000",
    "office_hours": "工作日上午 8:30—12:00，下午 14:00—17:30（法定节假日除外）",
    "phone": "0572-1234567",
    "fax": "0572-1234568",
    "email": "gkb@rsj.example.gov.cn",
}

PROBLEMS_LAST_YEAR = (
    "一是部分业务栏目更新不够及时，个别通知公告类栏目超过半年未更新；二是政策解读形式较为单一，"
    "图解、视频等解读较少；三是依申请公开答复文书的规范性有待提高。\n"
    "改进情况：局办公室建立栏目更新台账，每月通报各股室更新情况；"
    "对重要政策文件同步制作图解解读；组织依申请公开业务培训 2 次，统一答复文书格式。"
)


def load(ctx: dict) -> None:
    organisation = ctx.get("organisation") or current_organisation()
    office = (
        User.objects.filter(groups__name=str(Role.OFFICE_REVIEWER), is_active=True)
        .order_by("id")
        .first()
    )
    if organisation is None or office is None:
        return
    if not Guide.objects.filter(organisation=organisation).exists():
        contacts = {f: getattr(organisation, f) or CONTACTS[f] for f in CONTACTS}
        services.guide_update(
            organisation=organisation, texts=DEFAULT_GUIDE, contacts=contacts, acting_user=office
        )
    year = timezone.localdate().year
    _report(organisation, office, year - 1, publish=True)
    _report(organisation, office, year, publish=False)
    stdout = ctx.get("stdout")
    if stdout is not None:
        stdout.write(
            f"年度报告：{AnnualReport.objects.count()} 份（{year - 1} 年已发布，{year} 年草稿）"
        )


def _report(organisation, office, year: int, *, publish: bool) -> None:
    if AnnualReport.objects.filter(organisation=organisation, year=year).exists():
        return
    report = services.annual_report_create(organisation=organisation, year=year, acting_user=office)
    # Figures the portal does not hold (license, penalty, coercion, fees) as the
    # bureau's ledgers would give them; the rest from the data's suggestions
    # (section 六's 信息处理费 figures from the requests' fee records).
    services.annual_report_update(
        report=report,
        data={
            "licensing_decisions": 1268 if publish else 1193,
            "penalty_decisions": 4 if publish else 6,
            "enforcement_decisions": 0,
            "fees_amount": Decimal("0"),
            **({"problems": PROBLEMS_LAST_YEAR} if publish else {}),
        },
        acting_user=office,
    )
    services.annual_report_apply_suggestions(report=report, acting_user=office)
    report.refresh_from_db()
    # Published only if it passes the same check as any report; otherwise it stays a
    # draft and the office's page lists why.
    if publish and not services.annual_report_blockers(report):
        services.annual_report_publish(report=report, acting_user=office)
        # As the bureau did: before 31 January of the following year (Reg. 49).
        published = timezone.make_aware(datetime.datetime(year + 1, 1, 20, 10, 0))
        AnnualReport.objects.filter(pk=report.pk).update(published_at=published)
