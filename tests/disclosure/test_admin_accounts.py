"""The back office's accounts (三员): roles and who may change them."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from tests.disclosure.admin_helpers import login

pytestmark = pytest.mark.django_db


# --- accounts (三员) --------------------------------------------------------------------------------


def user_post_data(user, groups, **overrides):
    data = {
        "username": user.username,
        "full_name": user.full_name,
        "phone": "",
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [g.pk for g in groups],
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
    }
    data.update(overrides)
    return data


def role(name: Role) -> Group:
    return Group.objects.get(name=str(name))


def test_sysadmin_manages_accounts_but_grants_neither_roles_nor_superuser(client, bureau):
    client = login(client, bureau.sysadmin)
    target = bureau.clerk_a
    path = reverse("admin:accounts_user_change", args=[target.pk])
    response = client.get(path)
    assert response.status_code == 200
    assert "is_superuser" not in response.context["adminform"].form.fields
    assert "user_permissions" not in response.context["adminform"].form.fields
    response = client.post(
        path,
        user_post_data(
            target,
            [role(Role.SECTION_HEAD), bureau.section_a.group],
            is_superuser="on",
            full_name="王丽丽",
        ),
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_superuser and target.full_name == "王丽丽"
    # 三员: roles are the security administrator's; the posted groups are ignored.
    assert set(target.groups.values_list("name", flat=True)) == {"股室信息员", "股室：就业促进股"}


def test_three_administrators_hold_no_second_role(client, bureau):
    response = login(client, bureau.security).post(
        reverse("admin:accounts_user_change", args=[bureau.sysadmin.pk]),
        user_post_data(bureau.sysadmin, [role(Role.SYSTEM_ADMIN), role(Role.OFFICE_REVIEWER)]),
    )
    assert response.status_code == 200
    assert "三员分立" in response.content.decode()
    assert not bureau.sysadmin.groups.filter(name="办公室审核员").exists()


def test_section_roles_need_a_section(client, bureau):
    response = login(client, bureau.security).post(
        reverse("admin:accounts_user_change", args=[bureau.leader.pk]),
        user_post_data(bureau.leader, [role(Role.SECTION_CLERK)]),
    )
    assert response.status_code == 200
    assert "须同时加入所在股室的成员组" in response.content.decode()


def test_nobody_changes_their_own_roles(client, bureau):
    client = login(client, bureau.sysadmin)
    path = reverse("admin:accounts_user_change", args=[bureau.sysadmin.pk])
    response = client.get(path)
    form = response.context["adminform"].form
    assert "groups" not in form.fields and "is_active" not in form.fields
    client.post(path, user_post_data(bureau.sysadmin, [role(Role.AUDIT_ADMIN)]))
    assert list(bureau.sysadmin.groups.values_list("name", flat=True)) == ["系统管理员"]


def test_sysadmin_cannot_change_a_superuser(client, bureau):
    root = User.objects.create_superuser("root", "root@example.gov.cn", "Root-pass-2026!")
    client = login(client, bureau.sysadmin)
    response = client.get(reverse("admin:accounts_user_change", args=[root.pk]))
    assert response.status_code == 200 and not response.context["has_change_permission"]
    assert client.get(reverse("admin:auth_user_password_change", args=[root.pk])).status_code == 403


@pytest.mark.parametrize("username", ["office", "leader", "clerk_a", "auditor"])
def test_only_the_system_and_security_administrators_see_accounts(client, bureau, username):
    client = login(client, bureau.users[username])
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403
