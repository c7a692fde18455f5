"""The bureau, its office and the 2026 requests most annual-report tests start from."""

import datetime

import pytest

from accounts.roles import Role
from reports import services
from requests_app.outcomes import ApplicantColumn as C
from requests_app.outcomes import Outcome as O
from tests.factories import OrganisationFactory, SectionFactory, staff
from tests.reports.factories import make_request

D = datetime.date


@pytest.fixture
def organisation():
    return OrganisationFactory()


@pytest.fixture
def office(organisation):
    return staff(Role.OFFICE_REVIEWER, SectionFactory(office=True, organisation=organisation))


@pytest.fixture
def requests_2026():
    make_request(C.NATURAL_PERSON, D(2025, 12, 29), D(2026, 1, 8), O.DISCLOSED)
    make_request(C.NATURAL_PERSON, D(2026, 3, 2), D(2026, 3, 20), O.PARTIAL)
    make_request(C.COMMERCIAL, D(2026, 5, 6), D(2026, 5, 20), O.WITHHELD_THIRD_PARTY)
    make_request(C.LEGAL_SERVICE, D(2026, 12, 28))


@pytest.fixture
def report(organisation, office):
    return services.annual_report_create(
        organisation=organisation, year=2026, acting_user=office, today=D(2027, 1, 10)
    )
