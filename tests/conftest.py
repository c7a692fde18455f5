import os

import pytest
from django.db import connection

# The suite never reads a local `.env` (portal.settings skips it under pytest); the
# manage.py processes tests start inherit this and skip it too.
os.environ["PORTAL_DOTENV"] = "0"


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` need real row locks and concurrent connections.

    Every transactional test must also use serialized_rollback: the database then
    comes back with the data migrations' rows (role groups, the calendar), and no
    flush re-creates content types that a later serialized test restores again
    (a mix of the two fails with duplicate content types on PostgreSQL)."""
    skip = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    for item in items:
        marker = item.get_closest_marker("django_db")
        if (
            marker
            and marker.kwargs.get("transaction")
            and not marker.kwargs.get("serialized_rollback")
        ):
            raise pytest.UsageError(
                f"{item.nodeid}: use @pytest.mark.django_db(transaction=True, serialized_rollback=True)"
            )
        if connection.vendor != "postgresql" and "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files go to a per-test folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _no_lockouts(settings):
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def _second_factor_on_test_logins(monkeypatch):
    """`client.force_login` / `client.login` log staff in with their second factor
    verified when their role requires one (accounts.otp), as a real login through
    the verification page would; a login through the login form does not, so the
    second factor's own tests go through the pages."""
    from django.test.client import ClientMixin

    from accounts.otp import second_factor_required
    from tests.factories import verify_second_factor

    original = ClientMixin._login

    def _login(self, user, backend=None):
        original(self, user, backend)
        if second_factor_required(user):
            verify_second_factor(self, user)

    monkeypatch.setattr(ClientMixin, "_login", _login)


# --- the people of a small bureau, shared by the apps' tests --------------------------
# (app conftests add their own: e.g. the office head for requests, a section head)


@pytest.fixture
def organisation(db):
    from tests.factories import OrganisationFactory

    return OrganisationFactory()


@pytest.fixture
def office_section(organisation):
    """The bureau's office (局办公室), one per test database."""
    from disclosure.models import Section
    from tests.factories import SectionFactory

    existing = Section.objects.filter(is_office=True).first()
    return existing or SectionFactory(office=True, organisation=organisation)


@pytest.fixture
def section(organisation):
    from tests.factories import SectionFactory

    return SectionFactory(name="就业促进股", organisation=organisation)


@pytest.fixture
def other_section(organisation):
    from tests.factories import SectionFactory

    return SectionFactory(name="社会保险股", organisation=organisation)


@pytest.fixture
def office(office_section):
    """An office reviewer (办公室审核员), member of the office section."""
    from accounts.roles import Role
    from tests.factories import staff

    return staff(Role.OFFICE_REVIEWER, office_section, username="office")


@pytest.fixture
def clerk(section):
    from accounts.roles import Role
    from tests.factories import staff

    return staff(Role.SECTION_CLERK, section, username="clerk")


@pytest.fixture
def other_clerk(other_section):
    from accounts.roles import Role
    from tests.factories import staff

    return staff(Role.SECTION_CLERK, other_section, username="otherclerk")


@pytest.fixture
def leader(db):
    from accounts.roles import Role
    from tests.factories import staff

    return staff(Role.LEADER, username="leader")


@pytest.fixture
def auditor(db):
    from accounts.roles import Role
    from tests.factories import staff

    return staff(Role.AUDIT_ADMIN, username="auditor")
