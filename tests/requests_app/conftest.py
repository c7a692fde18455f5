import pytest

from accounts.roles import Role
from tests.factories import OrganisationFactory, SectionFactory, staff


@pytest.fixture
def organisation(db):
    return OrganisationFactory()


@pytest.fixture
def office_section(organisation):
    return SectionFactory(name="局办公室", is_office=True, organisation=organisation)


@pytest.fixture
def section(organisation):
    return SectionFactory(name="就业促进股", organisation=organisation)


@pytest.fixture
def other_section(organisation):
    return SectionFactory(name="社会保险股", organisation=organisation)


@pytest.fixture
def office(office_section):
    """An office reviewer (局办公室审核员)."""
    return staff(Role.OFFICE_REVIEWER, office_section, username="office")


@pytest.fixture
def office_head(office_section):
    """The head of the disclosure office (Reg. 33: approves extensions)."""
    return staff(Role.SECTION_HEAD, office_section, username="officehead")


@pytest.fixture
def clerk(section):
    return staff(Role.SECTION_CLERK, section, username="clerk")


@pytest.fixture
def section_head(section):
    """Head of an ordinary section: not the office head."""
    return staff(Role.SECTION_HEAD, section, username="sectionhead")


@pytest.fixture
def other_clerk(other_section):
    return staff(Role.SECTION_CLERK, other_section, username="otherclerk")


@pytest.fixture
def leader(db):
    return staff(Role.LEADER, username="leader")


@pytest.fixture
def auditor(db):
    return staff(Role.AUDIT_ADMIN, username="auditor")
