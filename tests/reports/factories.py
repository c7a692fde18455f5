"""Requests and 复议/诉讼 cases at fixed dates for the annual report's hand-counted
fixtures. Rows are written directly (respecting the model's constraints): the
tables depend only on the dates, the applicant type and the outcome."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from reports import services as reports_services
from requests_app.models import DisclosureRequest, RemedyCase, Status
from requests_app.outcomes import ApplicantColumn, ApplicantType, Outcome, RemedyResult

_serial = itertools.count(1)


def make_request(
    column: ApplicantColumn,
    received_on: datetime.date | None,
    closed_on: datetime.date | None = None,
    outcome: str = "",
) -> DisclosureRequest:
    natural = column == ApplicantColumn.NATURAL_PERSON
    n = next(_serial)
    if received_on is None:
        status = Status.SUBMITTED
    else:
        status = Status.CLOSED if closed_on else Status.ASSIGNED
    submitted = received_on or datetime.date(2026, 6, 1)
    return DisclosureRequest.objects.create(
        tracking_number=f"T{n:08d}",
        query_code_hash="x",
        submitted_at=timezone.make_aware(datetime.datetime.combine(submitted, datetime.time(9))),
        received_on=received_on,
        applicant_type=ApplicantType.NATURAL_PERSON if natural else ApplicantType.ORGANISATION,
        organisation_kind="" if natural else column.value,
        applicant_name="申请人",
        id_type="id_card" if natural else "uscc",
        id_number="11010519491231002X" if natural else "91350100M000100Y43",
        phone="13800000000",
        address="示例县",
        info_title="某信息",
        info_form="electronic",
        delivery_method="email",
        status=status,
        outcome=outcome if closed_on else "",
        closed_on=closed_on,
    )


def make_case(kind, filed_on, concluded_on=None, result=RemedyResult.PENDING, *, user):
    # The request the case is about was handled long ago: it is in no 2026 row.
    request = make_request(
        ApplicantColumn.NATURAL_PERSON,
        datetime.date(2020, 1, 2),
        datetime.date(2020, 1, 10),
        Outcome.DISCLOSED,
    )
    return RemedyCase.objects.create(
        request=request,
        kind=kind,
        filed_on=filed_on,
        concluded_on=concluded_on,
        result=result if concluded_on else RemedyResult.PENDING,
        recorded_by=user,
    )


# -- the annual report's drafting fixtures --------------------------------------

JAN_2027 = datetime.datetime(2027, 1, 15, 10, tzinfo=datetime.UTC)

TABLE2_FILLED = {
    "regulations_issued": 0,
    "regulations_repealed": 0,
    "regulations_in_force": 0,
    "normative_issued": 3,
    "normative_repealed": 1,
    "normative_in_force": 12,
    "licensing_decisions": 245,
    "penalty_decisions": 7,
    "enforcement_decisions": 0,
    "fees_amount": Decimal("0"),
}
TEXTS = {"overview": "总体情况", "problems": "存在问题", "other_matters": "无。"}


def filled(report, office):
    reports_services.annual_report_update(
        report=report, data={**TABLE2_FILLED, **TEXTS}, acting_user=office
    )
    report.refresh_from_db()
    return report
