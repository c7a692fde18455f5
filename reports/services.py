"""Writes of the guide and the annual reports."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_record
from common.errors import PortalError
from common.labels import field_label
from disclosure.models import Organisation
from reports import narrative, permissions, suggestions, tables
from reports.guide_defaults import DEFAULT_GUIDE, GUIDE_FIELDS
from reports.models import AnnualReport, Guide, ReportStatus

CONTACT_FIELDS = (
    "disclosure_office",
    "address",
    "postcode",
    "office_hours",
    "phone",
    "fax",
    "email",
)
# Decree 711 took effect in 2019 and the 2021 format applies from the 2021 reports on.
FIRST_REPORT_YEAR = 2021
NARRATIVE_FIELDS = ("overview", "problems", "other_matters")
NARRATIVE_LABELS = {
    "overview": "一、总体情况",
    "problems": "五、存在的主要问题及改进情况",
    "other_matters": "六、其他需要报告的事项",
}


class ReportError(PortalError):
    """A refused operation; the message (Chinese) is shown to the user."""


# -- Guide ------------------------------------------------------------------------------


def guide_for(organisation: Organisation) -> Guide:
    """The organisation's guide, or an unsaved one with the default text."""
    try:
        return organisation.guide
    except Guide.DoesNotExist:
        return Guide(organisation=organisation, **DEFAULT_GUIDE)


def guide_update(*, organisation: Organisation, texts: dict, contacts: dict, acting_user) -> Guide:
    """Save the guide's texts and the disclosure office's contacts (Reg. 12) together."""
    if not permissions.can_edit_guide(acting_user):
        raise ReportError("只有局办公室可以修改政府信息公开指南。")
    missing = [field_label(Guide, f) for f in GUIDE_FIELDS if not texts.get(f, "").strip()]
    if missing:
        raise ReportError(f"指南内容不完整：{'、'.join(missing)}。")
    with transaction.atomic():
        guide = guide_for(organisation)
        for field in GUIDE_FIELDS:
            setattr(guide, field, texts[field].strip())
        guide.updated_by = acting_user
        guide.save()
        for field in CONTACT_FIELDS:
            if field in contacts:
                setattr(organisation, field, (contacts[field] or "").strip())
        organisation.save(update_fields=[f for f in CONTACT_FIELDS if f in contacts])
        audit_record(
            action=AuditAction.OTHER, actor=acting_user, target=guide, detail="修改政府信息公开指南"
        )
    return guide


# -- Annual reports ---------------------------------------------------------------------


def annual_report_create(
    *, organisation: Organisation, year: int, acting_user, today: datetime.date | None = None
) -> AnnualReport:
    if not permissions.can_manage_reports(acting_user):
        raise ReportError("只有局办公室可以编制年度报告。")
    today = today or timezone.localdate()
    if not FIRST_REPORT_YEAR <= year <= today.year:
        raise ReportError(f"年度应在 {FIRST_REPORT_YEAR} 年至 {today.year} 年之间。")
    try:
        with transaction.atomic():
            return AnnualReport.objects.create(
                organisation=organisation, year=year, updated_by=acting_user
            )
    except IntegrityError as exc:
        raise ReportError(f"{year} 年度报告已存在。") from exc


def _editable(report: AnnualReport, acting_user) -> AnnualReport:
    if not permissions.can_manage_reports(acting_user):
        raise ReportError("只有局办公室可以编制年度报告。")
    locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if locked.is_published:
        raise ReportError("年度报告已发布，不能再修改。")
    return locked


def annual_report_update(*, report: AnnualReport, data: dict, acting_user) -> AnnualReport:
    """Save the staff-entered parts: table 二 and the narrative sections."""
    allowed = set(tables.TABLE2_FIELDS) | set(NARRATIVE_FIELDS)
    unknown = set(data) - allowed
    if unknown:
        raise ValueError(f"unknown report fields: {sorted(unknown)}")
    with transaction.atomic():
        report = _editable(report, acting_user)
        for field, value in data.items():
            setattr(report, field, value.strip() if isinstance(value, str) else value)
        report.updated_by = acting_user
        report.save(update_fields=[*data, "updated_by", "updated_at"])
    return report


def annual_report_apply_suggestions(*, report: AnnualReport, acting_user) -> list[str]:
    """Fill the empty table 二 cells the data can suggest, and empty narrative
    sections with their drafts (section 六 with the computed fee figures). Returns the labels filled; never overwrites."""
    with transaction.atomic():
        report = _editable(report, acting_user)
        filled: list[str] = []
        changed: list[str] = []
        for suggestion in suggestions.table2_suggestions(report.year):
            if getattr(report, suggestion.field) is None:
                setattr(report, suggestion.field, suggestion.value)
                changed.append(suggestion.field)
                filled.append(field_label(AnnualReport, suggestion.field))
        drafts = {
            "overview": lambda: suggestions.overview_suggestion(
                report.year, tables.compute_table3(report.year), tables.compute_table4(report.year)
            ),
            "problems": lambda: suggestions.problems_suggestion(report.year),
            "other_matters": lambda: suggestions.other_matters_suggestion(report.year),
        }
        for field, draft in drafts.items():
            if not getattr(report, field).strip():
                setattr(report, field, draft())
                changed.append(field)
                filled.append(NARRATIVE_LABELS[field])
        if changed:
            report.updated_by = acting_user
            report.save(update_fields=[*changed, "updated_by", "updated_at"])
    return filled


def annual_report_blockers(
    report: AnnualReport, *, today: datetime.date | None = None
) -> list[str]:
    """Every reason the report cannot be published yet, all at once."""
    today = today or timezone.localdate()
    blockers = []
    if today.year <= report.year:
        # Reg. 49: the report covers the whole year and is published by 31 January.
        blockers.append(f"{report.year} 年度尚未结束，年度报告须在次年发布。")
    for field in NARRATIVE_FIELDS:
        if not getattr(report, field).strip():
            blockers.append(f"请填写“{NARRATIVE_LABELS[field]}”。")
    missing = tables.table2_missing(report)
    if missing:
        blockers.append(f"表二尚未填写：{'、'.join(missing)}。")
    table3 = tables.compute_table3(report.year)
    table4 = tables.compute_table4(report.year)
    blockers += [f"表三：{p}" for p in tables.check_table3(table3)]
    blockers += [f"表四：{p}" for p in tables.check_table4(table4)]
    # The narrative's figures must agree with the tables published beside it.
    sections = {NARRATIVE_LABELS[f]: getattr(report, f) for f in NARRATIVE_FIELDS}
    actual = narrative.actual_figures(report.year, table3, table4)
    blockers += [f"{p}。" for p in narrative.mismatches(sections, actual)]
    return blockers


def annual_report_publish(
    *, report: AnnualReport, acting_user, today: datetime.date | None = None, request=None
) -> AnnualReport:
    """Publish (Reg. 49-50): refused while any blocker remains, in particular a
    table 三 that breaks 一+二 = 三(七)+四 in any column. Tables 三 and 四 are frozen
    as computed now, so the public report never changes afterwards."""
    with transaction.atomic():
        report = _editable(report, acting_user)
        blockers = annual_report_blockers(report, today=today)
        if blockers:
            raise ReportError("年度报告不能发布：" + "；".join(blockers))
        report.table3 = tables.compute_table3(report.year)
        report.table4 = tables.compute_table4(report.year)
        report.status = ReportStatus.PUBLISHED
        report.published_at = timezone.now()
        report.published_by = acting_user
        report.save(
            update_fields=[
                "table3",
                "table4",
                "status",
                "published_at",
                "published_by",
                "updated_at",
            ]
        )
        audit_record(
            action=AuditAction.PUBLISH,
            actor=acting_user,
            target=report,
            detail="发布政府信息公开工作年度报告",
            request=request,
        )
    return report
