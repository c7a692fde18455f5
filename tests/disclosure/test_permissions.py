"""Each role's boundary in disclosure.permissions, from both sides, anonymous
included (F8; seed Art. 3(3), 8(2); 三员 separation)."""

import pytest
from django.contrib.auth.models import AnonymousUser

from disclosure import permissions, services
from disclosure.models import ItemStatus
from tests.disclosure.backoffice import make_bureau, superuser_with_every_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau():
    return make_bureau()


def visible_titles(user):
    return set(permissions.items_visible_to(user).values_list("title", flat=True))


ALL = {"就业股的草稿", "社保股的草稿", "就业股已发布的通知"}
SECTION_A = {"就业股的草稿", "就业股已发布的通知"}
SECTION_B = {"社保股的草稿"}


@pytest.mark.parametrize(
    "username, expected",
    [
        ("clerk_a", SECTION_A),
        ("head_a", SECTION_A),
        ("clerk_b", SECTION_B),
        ("head_b", SECTION_B),
        ("office", ALL),
        ("leader", ALL),
        ("sysadmin", set()),
        ("security", set()),
        ("auditor", set()),
        ("norole", set()),
        ("lonely_clerk", set()),
    ],
)
def test_items_visible_to_each_role(bureau, username, expected):
    assert visible_titles(bureau.users[username]) == expected


def test_anonymous_and_inactive_users_see_nothing(bureau):
    assert visible_titles(AnonymousUser()) == set()
    bureau.office.is_active = False
    bureau.office.save()
    bureau.office._role_names = None
    assert visible_titles(bureau.office) == set()
    assert not permissions.columns_for_drafting(bureau.office).exists()


def test_superuser_without_role_sees_no_items(bureau):
    # 三员: a superuser is not a reviewer or drafter unless given the role.
    root = UserFactory(is_superuser=True)
    assert visible_titles(root) == set()
    assert not permissions.can_add_item(root)
    assert visible_titles(superuser_with_every_role()) == ALL


@pytest.mark.parametrize(
    "username, expected",
    [
        ("clerk_a", {"employment", "employment-policy"}),
        ("head_a", {"employment", "employment-policy"}),
        ("clerk_b", {"insurance"}),
        ("office", {"employment", "employment-policy", "insurance", "notices"}),
        ("leader", set()),
        ("sysadmin", set()),
        ("security", set()),
        ("auditor", set()),
        ("lonely_clerk", set()),
    ],
)
def test_columns_for_drafting(bureau, username, expected):
    slugs = set(
        permissions.columns_for_drafting(bureau.users[username]).values_list("slug", flat=True)
    )
    assert slugs == expected
    assert permissions.can_add_item(bureau.users[username]) is bool(expected)


def test_can_change_item_only_own_section_and_only_while_drafting(bureau):
    item_a = bureau.item_a
    assert permissions.can_change_item(bureau.clerk_a, item_a)
    assert permissions.can_change_item(bureau.head_a, item_a)
    assert permissions.can_change_item(bureau.office, item_a)
    for name in ("clerk_b", "head_b", "leader", "sysadmin", "security", "auditor", "norole"):
        assert not permissions.can_change_item(bureau.users[name], item_a), name
    # Published: nobody edits it here (changes go through the review workflow).
    for name in ("clerk_a", "office"):
        assert not permissions.can_change_item(bureau.users[name], bureau.item_a_published)
    for status in ItemStatus:
        item_a.status = status
        expected = status in (ItemStatus.DRAFT, ItemStatus.RETURNED)
        assert permissions.can_change_item(bureau.clerk_a, item_a) is expected, status


def test_can_view_item_matches_visibility(bureau):
    assert permissions.can_view_item(bureau.clerk_a, bureau.item_a)
    assert not permissions.can_view_item(bureau.clerk_a, bureau.item_b)
    assert permissions.can_view_item(bureau.leader, bureau.item_b)
    assert not permissions.can_view_item(bureau.auditor, bureau.item_a)
    assert not permissions.can_view_item(AnonymousUser(), bureau.item_a)


def test_can_delete_item_only_never_published_drafts(bureau):
    assert permissions.can_delete_item(bureau.clerk_a, bureau.item_a)
    assert not permissions.can_delete_item(bureau.clerk_b, bureau.item_a)
    assert not permissions.can_delete_item(bureau.leader, bureau.item_a)
    assert not permissions.can_delete_item(bureau.clerk_a, bureau.item_a_published)
    # Returned after an earlier publication? It still has its 索引号: not deletable.
    bureau.item_a_published.status = ItemStatus.RETURNED
    assert not permissions.can_delete_item(bureau.clerk_a, bureau.item_a_published)


def test_reassigning_a_column_moves_the_section_staffs_access(bureau):
    services.column_assign_section(column=bureau.column_b, section=bureau.section_a)
    assert visible_titles(bureau.clerk_a) == ALL
    assert visible_titles(bureau.clerk_b) == set()
    assert not permissions.can_draft_in_column(bureau.clerk_b, bureau.column_b)
    assert permissions.can_draft_in_column(bureau.clerk_a, bureau.column_b)


@pytest.mark.parametrize(
    "username, view, assign, create, sections, organisation",
    [
        ("office", True, True, False, False, True),
        ("sysadmin", True, True, True, True, True),
        ("leader", True, False, False, False, False),
        ("clerk_a", False, False, False, False, False),
        ("head_a", False, False, False, False, False),
        ("security", False, False, False, False, False),
        ("auditor", False, False, False, False, False),
    ],
)
def test_structure_permissions(bureau, username, view, assign, create, sections, organisation):
    user = bureau.users[username]
    assert permissions.can_view_structure(user) is view
    assert permissions.can_assign_column(user) is assign
    assert permissions.can_change_column(user) is assign
    assert permissions.can_create_column(user) is create
    assert permissions.can_delete_column(user) is create
    assert permissions.can_manage_sections(user) is sections
    assert permissions.can_change_organisation(user) is organisation


def test_structure_permissions_refuse_anonymous(bureau):
    anonymous = AnonymousUser()
    assert not permissions.can_view_structure(anonymous)
    assert not permissions.can_assign_column(anonymous)
    assert not permissions.can_manage_sections(anonymous)


def test_a_column_with_items_or_children_cannot_be_deleted(bureau):
    assert not permissions.can_delete_column(bureau.sysadmin, bureau.column_a)  # child + items
    assert not permissions.can_delete_column(bureau.sysadmin, bureau.column_b)  # items
    assert permissions.can_delete_column(bureau.sysadmin, bureau.column_office)  # empty


def test_sections_of(bureau):
    assert list(permissions.sections_of(bureau.clerk_a)) == [bureau.section_a]
    assert list(permissions.sections_of(bureau.leader)) == []
    assert list(permissions.sections_of(AnonymousUser())) == []
