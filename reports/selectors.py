"""Reads of the guide and the annual reports."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from disclosure.selectors import current_organisation
from reports import tables
from reports.models import AnnualReport, ReportStatus


@dataclass
class ReportTables:
    table2: dict
    table3: dict
    table4: dict
    frozen: bool  # True: as published; False: computed now from live data

    def as_json(self) -> dict:
        return {"table2": self.table2, "table3": self.table3, "table4": self.table4}

    @property
    def problems(self) -> list[str]:
        return [f"表三：{p}" for p in tables.check_table3(self.table3)] + [
            f"表四：{p}" for p in tables.check_table4(self.table4)
        ]


def report_tables(report: AnnualReport | None, year: int | None = None) -> ReportTables:
    """The three tables of `report` as the public sees them: frozen when published,
    computed from the data while a draft. With no report, table 二 is empty."""
    if report is not None and report.is_published:
        return ReportTables(
            tables.table2_from_report(report), report.table3 or {}, report.table4 or {}, frozen=True
        )
    year = report.year if report is not None else year
    if year is None:
        raise ValueError("report_tables needs a report or a year")
    table2 = (
        tables.table2_from_report(report)
        if report is not None
        else tables.table2_from_report(_EmptyReport())
    )
    return ReportTables(
        table2, tables.compute_table3(year), tables.compute_table4(year), frozen=False
    )


class _EmptyReport:
    def __getattr__(self, name):
        return None


def report_for_year(year: int) -> AnnualReport | None:
    organisation = current_organisation()
    if organisation is None:
        return None
    return AnnualReport.objects.filter(organisation=organisation, year=year).first()


def published_reports() -> QuerySet[AnnualReport]:
    return (
        AnnualReport.objects.filter(status=ReportStatus.PUBLISHED)
        .select_related("organisation")
        .order_by("-year")
    )
