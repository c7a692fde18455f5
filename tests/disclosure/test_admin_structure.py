"""The back office's columns, sections and organisation."""

import pytest
from guardian.shortcuts import get_perms

from disclosure.models import Column, Section
from tests.disclosure.admin_helpers import changelist_titles, login, url

pytestmark = pytest.mark.django_db


# --- columns, sections, organisation -------------------------------------------------------------


def test_office_reassigns_a_column_and_the_permission_moves(client, bureau):
    client = login(client, bureau.office)
    column = bureau.column_a_child
    response = client.post(
        url("column_change", column.pk),
        {
            "parent": bureau.column_a.pk,
            "name": column.name,
            "slug": column.slug,
            "kind": "policy",
            "content_category": "a05_03",
            "responsible_section": bureau.section_b.pk,
            "description": "",
            "order": "0",
        },
    )
    assert response.status_code == 302, (
        response.context and response.context["adminform"].form.errors
    )
    column.refresh_from_db()
    assert column.responsible_section == bureau.section_b
    assert get_perms(bureau.section_b.group, column) == ["manage_column_items"]
    assert get_perms(bureau.section_a.group, column) == []
    titles = changelist_titles(login(client, bureau.clerk_b).get(url("item_changelist")))
    assert "就业股已发布的通知" in titles


def test_column_form_refuses_a_cycle_in_chinese(client, bureau):
    column = bureau.column_a
    response = login(client, bureau.sysadmin).post(
        url("column_change", column.pk),
        {
            "parent": bureau.column_a_child.pk,
            "name": column.name,
            "slug": column.slug,
            "kind": "other",
            "content_category": "",
            "responsible_section": bureau.section_a.pk,
            "order": "0",
        },
    )
    assert response.status_code == 200
    assert "上级栏目不能是本栏目或其下级栏目" in response.content.decode()


def test_sysadmin_creates_a_column_and_its_section_gets_the_permission(client, bureau):
    response = login(client, bureau.sysadmin).post(
        url("column_add"),
        {
            "name": "工资指导线",
            "slug": "wage-guidelines",
            "kind": "other",
            "content_category": "a05_08",
            "responsible_section": bureau.section_b.pk,
            "order": "5",
        },
    )
    assert response.status_code == 302
    column = Column.objects.get(slug="wage-guidelines")
    assert get_perms(bureau.section_b.group, column) == ["manage_column_items"]


@pytest.mark.parametrize(
    "username, changelist, add",
    [
        ("sysadmin", 200, 200),
        ("office", 200, 403),
        ("leader", 200, 403),
        ("clerk_a", 403, 403),
        ("security", 403, 403),
        ("auditor", 403, 403),
    ],
)
def test_column_admin_boundaries(client, bureau, username, changelist, add):
    client = login(client, bureau.users[username])
    assert client.get(url("column_changelist")).status_code == changelist
    assert client.get(url("column_add")).status_code == add


def test_column_list_is_a_tree(client, bureau):
    response = login(client, bureau.office).get(url("column_changelist"))
    names = [c.name for c in response.context["cl"].result_list]
    assert names.index("就业政策落实") == names.index("就业创业") + 1
    assert "gk-tree--1" in response.content.decode()


def test_sysadmin_creates_a_section_with_its_group(client, bureau):
    response = login(client, bureau.sysadmin).post(
        url("section_add"),
        {
            "organisation": bureau.organisation.pk,
            "name": "劳动关系股",
            "is_office": "",
            "order": "4",
        },
    )
    assert response.status_code == 302
    section = Section.objects.get(name="劳动关系股")
    assert section.group.name == "股室：劳动关系股"


@pytest.mark.parametrize("username", ["office", "leader", "clerk_a", "security", "auditor"])
def test_only_the_sysadmin_adds_sections(client, bureau, username):
    assert login(client, bureau.users[username]).get(url("section_add")).status_code == 403


@pytest.mark.parametrize(
    "username, view, change",
    [
        ("office", 200, True),
        ("sysadmin", 200, True),
        ("leader", 200, False),
        ("clerk_a", 403, False),
    ],
)
def test_organisation_admin(client, bureau, username, view, change):
    response = login(client, bureau.users[username]).get(
        url("organisation_change", bureau.organisation.pk)
    )
    assert response.status_code == view
    if view == 200:
        assert bool(response.context["has_change_permission"]) is change
        assert "code" not in response.context["adminform"].form.fields  # fixed once set
