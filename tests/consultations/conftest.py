import pytest

from accounts.roles import Role
from tests.consultations.factories import office_section
from tests.factories import SectionFactory, staff


@pytest.fixture
def section(db):
    return SectionFactory(name="就业促进股")


@pytest.fixture
def other_section(db):
    return SectionFactory(name="社会保险股")


@pytest.fixture
def office(db):
    """An office reviewer, member of the office section."""
    return staff(Role.OFFICE_REVIEWER, office_section(), username="office")


@pytest.fixture
def clerk(section):
    return staff(Role.SECTION_CLERK, section, username="clerk")


@pytest.fixture
def head(section):
    return staff(Role.SECTION_HEAD, section, username="head")


@pytest.fixture
def other_clerk(other_section):
    return staff(Role.SECTION_CLERK, other_section, username="otherclerk")


@pytest.fixture
def leader(db):
    return staff(Role.LEADER, username="leader")


@pytest.fixture
def auditor(db):
    return staff(Role.AUDIT_ADMIN, username="auditor")
