"""The demo loaders of inspection and reports on a small bureau: every finding kind
of the current run, tasks in every state, an evaluation, the guide and the reports;
running again changes nothing."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from disclosure.choices import ColumnKind
from inspection import demo as inspection_demo
from inspection.models import Evaluation, FindingKind, InspectionRun, RectificationTask, TaskStatus
from reports import demo as reports_demo
from reports.models import AnnualReport, Guide, ReportStatus
from review.models import SensitiveWord
from tests.factories import ColumnFactory, OrganisationFactory, SectionFactory, staff
from tests.inspection.factories import published_on

pytestmark = pytest.mark.django_db


def test_demo_loaders_fill_every_state_and_are_idempotent():
    organisation = OrganisationFactory()
    office_section = SectionFactory(office=True, organisation=organisation)
    staff(Role.OFFICE_REVIEWER, office_section)
    for name in ("就业促进股", "社会保险股"):
        section = SectionFactory(name=name, organisation=organisation)
        staff(Role.SECTION_CLERK, section)
        column = ColumnFactory(responsible_section=section, kind=ColumnKind.NOTICE)
        published_on(timezone.localdate() - datetime.timedelta(days=3), column=column)
    SensitiveWord.objects.create(word="内部资料")
    ctx = {"organisation": organisation}
    for _ in range(2):
        inspection_demo.load(ctx)
        reports_demo.load(ctx)
    current = InspectionRun.objects.filter(started_by__isnull=False).get()
    kinds = set(current.findings.values_list("kind", flat=True))
    expected = set(FindingKind) - {FindingKind.EVALUATION, FindingKind.HOME_IDLE}
    expected.discard(FindingKind.CONSULTATION_NO_FEEDBACK)  # comes from consultations' demo
    expected.discard(FindingKind.REQUEST_UNCONFIRMED)  # comes from the requests' demo
    # From the other apps' demos (tests/disclosure/test_demo.py checks the catalogue's).
    expected -= {
        FindingKind.NORMATIVE_EXPIRY,
        FindingKind.LINK_BROKEN,
        FindingKind.COLUMN_STALE,
        FindingKind.REQUEST_OVERDUE,
        FindingKind.ENQUIRY_UNANSWERED,  # the demo answers its 政务咨询 in time
    }
    assert kinds >= expected
    statuses = set(RectificationTask.objects.values_list("status", flat=True))
    assert statuses == set(TaskStatus)
    assert any(t.is_overdue for t in RectificationTask.objects.all())
    assert Evaluation.objects.count() == 1
    assert Guide.objects.count() == 1
    year = timezone.localdate().year
    assert AnnualReport.objects.get(year=year - 1).status == ReportStatus.PUBLISHED
    draft = AnnualReport.objects.get(year=year)
    assert (
        draft.status == ReportStatus.DRAFT and draft.overview and draft.normative_issued is not None
    )
