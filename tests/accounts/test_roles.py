"""The role predicates every app builds on, and the one definition of "the office"
(局办公室) that every app applies alike."""

import pytest
from django.contrib.auth.models import AnonymousUser, Group

from accounts.roles import (
    Role,
    group_ids,
    has_role,
    in_office_section,
    is_active_user,
    is_office_head,
    is_office_member,
)
from consultations import permissions as consultation_permissions
from inspection import permissions as inspection_permissions
from reports import permissions as report_permissions
from requests_app import permissions as request_permissions
from tests.consultations.factories import ConsultationFactory
from tests.factories import SectionFactory, UserFactory, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def office_section():
    return SectionFactory(office=True)


@pytest.fixture
def users(office_section):
    other = SectionFactory(name="就业促进股")
    inactive = staff(Role.OFFICE_REVIEWER, office_section)
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])
    return {
        "reviewer": staff(Role.OFFICE_REVIEWER, office_section),
        "reviewer_without_section": staff(Role.OFFICE_REVIEWER),
        "office_head": staff(Role.SECTION_HEAD, office_section),
        "office_clerk": staff(Role.SECTION_CLERK, office_section),
        "office_member_without_role": UserFactory(section=office_section),
        "office_sysadmin": staff(Role.SYSTEM_ADMIN, office_section),
        "other_head": staff(Role.SECTION_HEAD, other),
        "leader": staff(Role.LEADER),
        "inactive_reviewer": inactive,
        "anonymous": AnonymousUser(),
    }


OFFICE = {"reviewer", "reviewer_without_section", "office_head"}


def test_is_office_member_is_the_role_or_the_head_of_the_office(users):
    assert {name for name, user in users.items() if is_office_member(user)} == OFFICE


def test_the_head_of_the_office_is_a_section_head_in_the_office_section(users):
    heads = {name for name, user in users.items() if is_office_head(user)}
    assert heads == {"office_head"}


def test_office_section_membership_alone_is_only_membership(users):
    members = {name for name, user in users.items() if in_office_section(user)}
    assert members == {
        "reviewer",
        "office_head",
        "office_clerk",
        "office_member_without_role",
        "office_sysadmin",
    }


# Each app's "acts for the office" rule. A new app with office duties belongs here.
OFFICE_RULES = {
    "consultations: manages any section's consultation": lambda user, c: (
        consultation_permissions.can_manage_consultation(user, c)
    ),
    "consultations: starts one for any section": lambda user, c: (
        consultation_permissions.member_sections(user).filter(pk=c.item.section_id).exists()
    ),
    "inspection: runs inspections": lambda user, c: inspection_permissions.can_run_inspection(user),
    "inspection: verifies tasks": lambda user, c: inspection_permissions.can_manage_tasks(user),
    "reports: compiles annual reports": lambda user, c: report_permissions.can_manage_reports(user),
    "reports: edits the guide": lambda user, c: report_permissions.can_edit_guide(user),
    "requests: handles every request": lambda user, c: request_permissions.can_manage_requests(
        user
    ),
    "requests: answers complaints": lambda user, c: request_permissions.can_answer_complaints(user),
}


@pytest.mark.parametrize("rule", OFFICE_RULES)
def test_every_app_grants_the_office_duties_to_the_same_people(users, rule):
    consultation = ConsultationFactory(item__section=SectionFactory(name="社会保险股"))
    allowed = {name for name, user in users.items() if OFFICE_RULES[rule](user, consultation)}
    assert allowed == OFFICE


def test_predicates_refuse_anonymous_and_inactive_users(users):
    for name in ("anonymous", "inactive_reviewer"):
        user = users[name]
        assert not is_active_user(user)
        assert not has_role(user, Role.OFFICE_REVIEWER)
        assert group_ids(user) == frozenset()
        assert not in_office_section(user)


def test_group_ids_are_the_users_groups(users, office_section):
    clerk = users["office_clerk"]
    assert group_ids(clerk) == {
        office_section.group_id,
        Group.objects.get(name=str(Role.SECTION_CLERK)).pk,
    }
