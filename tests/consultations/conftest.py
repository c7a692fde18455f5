"""Consultation tests use the shared bureau fixtures of tests/conftest.py
(section, other_section, office, clerk, other_clerk, leader, auditor) and this one."""

import pytest

from accounts.roles import Role
from tests.factories import staff


@pytest.fixture
def head(section):
    return staff(Role.SECTION_HEAD, section, username="head")
