import datetime

import pytest

from accounts.roles import Role
from tests.factories import UserFactory, staff


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


@pytest.fixture
def sysadmin(db):
    return staff(Role.SYSTEM_ADMIN)


@pytest.fixture
def auditor(db):
    return staff(Role.AUDIT_ADMIN)


@pytest.fixture
def office(db):
    return staff(Role.OFFICE_REVIEWER)


@pytest.fixture
def superuser_without_role(db):
    return UserFactory(is_superuser=True)
