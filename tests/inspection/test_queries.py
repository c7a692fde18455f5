"""List pages of inspection and reports keep a constant number of queries as they fill."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from disclosure.choices import ColumnKind
from inspection import services
from inspection.models import Finding, FindingKind, InspectionRun
from tests.factories import ColumnFactory, SectionFactory
from tests.inspection.factories import office_user

pytestmark = pytest.mark.django_db


def add_findings(run, office, n):
    for _ in range(n):
        section = SectionFactory()
        column = ColumnFactory(responsible_section=section, kind=ColumnKind.NEWS)
        finding = Finding.objects.create(
            run=run,
            kind=FindingKind.COLUMN_IDLE,
            section=section,
            column=column,
            subject=str(column),
            message="栏目超过2周未更新。",
            fingerprint=f"column_idle:column:{column.pk}",
        )
        services.task_create(finding=finding, requirement="请更新。", acting_user=office)


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


@pytest.mark.parametrize(
    "name",
    [
        "inspection:task_list",
        "inspection:dashboard",
        "inspection:run_list",
        "inspection:evaluation_list",
        "inspection:run_detail",
        "reports:statistics",
    ],
)
def test_constant_queries_as_pages_fill(client, name):
    office = office_user()
    run = InspectionRun.objects.create(as_of=datetime.date(2026, 11, 1), trigger="manual")
    url = reverse(name, args=[run.pk]) if name == "inspection:run_detail" else reverse(name)
    client.force_login(office)
    add_findings(run, office, 2)
    small = queries(client, url)
    add_findings(run, office, 5)  # five more tasks, findings and sections
    assert queries(client, url) == small
