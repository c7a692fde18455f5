"""Request tests use the shared bureau fixtures of tests/conftest.py and these."""

import pytest

from accounts.roles import Role
from tests.factories import staff


@pytest.fixture
def office_head(office_section):
    """The head of the disclosure office (Reg. 33: approves extensions)."""
    return staff(Role.SECTION_HEAD, office_section, username="officehead")


@pytest.fixture
def section_head(section):
    """Head of an ordinary section: not the office head."""
    return staff(Role.SECTION_HEAD, section, username="sectionhead")
