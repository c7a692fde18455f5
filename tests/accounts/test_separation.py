"""三员分立 without back doors (等保2.0 三级): each boundary from both sides, and
every security-relevant act on the audit log with time, actor, client address,
action, object and outcome."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from accounts.roles import Role
from audit.models import AuditAction, AuditEntry, AuditOutcome
from tests.factories import UserFactory, staff, verify_second_factor

pytestmark = pytest.mark.django_db

IP = "10.20.30.40"


@pytest.fixture
def sysadmin(db):
    return staff(Role.SYSTEM_ADMIN, username="sysadmin")


@pytest.fixture
def security(db):
    return staff(Role.SECURITY_ADMIN, username="security")


def role(name: Role) -> Group:
    return Group.objects.get(name=str(name))


def change_form_data(client, user) -> dict:
    """What the admin's change form would post back unchanged."""
    form = (
        client.get(reverse("admin:accounts_user_change", args=[user.pk])).context["adminform"].form
    )
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name)
        if field.disabled or value is None:
            continue
        if name == "groups":
            value = [g.pk for g in value]
        elif isinstance(value, bool):
            if not value:
                continue
            value = "on"
        data[name] = value
    return data


def post_change(client, user, **changes):
    data = change_form_data(client, user)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return client.post(reverse("admin:accounts_user_change", args=[user.pk]), data, REMOTE_ADDR=IP)


def entry(action, **filters) -> AuditEntry:
    return AuditEntry.objects.get(action=action, **filters)


# --- creating accounts ------------------------------------------------------------------


def create(client, **extra):
    data = {
        "username": "newclerk",
        "usable_password": "true",
        "password1": "Kaihu-2026-mima",
        "password2": "Kaihu-2026-mima",
        "full_name": "新同事",
        "is_staff": "on",
        **extra,
    }
    return client.post(reverse("admin:accounts_user_add"), data, REMOTE_ADDR=IP)


def test_the_system_administrator_creates_accounts_without_roles(client, sysadmin):
    client.force_login(sysadmin)
    form = client.get(reverse("admin:accounts_user_add")).context["adminform"].form
    assert "groups" not in form.fields
    # A role smuggled into the post is ignored.
    response = create(client, groups=[role(Role.AUDIT_ADMIN).pk, role(Role.LEADER).pk])
    assert response.status_code == 302
    new = User.objects.get(username="newclerk")
    assert not new.groups.exists()
    created = entry(AuditAction.ACCOUNT_CREATE)
    assert created.actor == sysadmin and created.ip_address == IP
    assert created.target_id == str(new.pk) and created.outcome == AuditOutcome.SUCCESS
    # The password was chosen by the administrator: the owner changes it first.
    assert new.must_change_password


def test_the_security_administrator_creates_no_accounts(client, security):
    client.force_login(security)
    assert client.get(reverse("admin:accounts_user_add")).status_code == 403
    assert create(client).status_code == 403
    assert not User.objects.filter(username="newclerk").exists()


def test_the_system_administrator_assigns_no_role_to_anyone(client, sysadmin):
    target = UserFactory(username="carol")
    client.force_login(sysadmin)
    assert (
        "groups"
        not in client.get(reverse("admin:accounts_user_change", args=[target.pk]))
        .context["adminform"]
        .form.fields
    )
    response = post_change(client, target, groups=[role(Role.AUDIT_ADMIN).pk])
    assert response.status_code == 302
    assert not target.groups.exists()
    assert not AuditEntry.objects.filter(action=AuditAction.PERMISSION).exists()


def test_the_security_administrator_assigns_roles_and_it_is_audited(client, security):
    target = UserFactory(username="carol")
    client.force_login(security)
    response = post_change(client, target, groups=[role(Role.LEADER).pk])
    assert response.status_code == 302
    assert list(target.groups.values_list("name", flat=True)) == ["分管领导"]
    change = entry(AuditAction.PERMISSION)
    assert (
        change.actor == security and change.ip_address == IP and "增加：分管领导" in change.detail
    )


def test_the_security_administrator_edits_nothing_but_roles(client, security):
    target = UserFactory(username="carol", full_name="原名")
    client.force_login(security)
    form = (
        client.get(reverse("admin:accounts_user_change", args=[target.pk]))
        .context["adminform"]
        .form
    )
    assert set(form.fields) == {"groups", "password"} or set(form.fields) == {"groups"}
    post_change(client, target, full_name="改名", is_active=None, username="hijack")
    target.refresh_from_db()
    assert target.full_name == "原名" and target.is_active and target.username == "carol"


def test_nobody_gives_themselves_a_role(client, security):
    client.force_login(security)
    post_change(client, security, groups=[role(Role.AUDIT_ADMIN).pk])
    assert list(security.groups.values_list("name", flat=True)) == ["安全管理员"]


# --- passwords set by somebody else -----------------------------------------------------


def set_password_of(client, target, password="Chongzhi-2026-mm"):  # noqa: S107
    return client.post(
        reverse("admin:auth_user_password_change", args=[target.pk]),
        {"usable_password": "true", "password1": password, "password2": password},
        REMOTE_ADDR=IP,
    )


def test_a_password_set_by_the_system_administrator_is_audited_and_must_be_changed(
    client, sysadmin
):
    auditor = staff(Role.AUDIT_ADMIN, username="auditor")
    TOTPDevice.objects.create(user=auditor, name="审计员的手机", confirmed=True)
    client.force_login(sysadmin)
    assert set_password_of(client, auditor).status_code == 302
    auditor.refresh_from_db()
    assert auditor.check_password("Chongzhi-2026-mm") and auditor.must_change_password
    reset = entry(AuditAction.PASSWORD_SET)
    assert reset.actor == sysadmin and reset.ip_address == IP
    assert reset.target_id == str(auditor.pk) and "下次登录时须修改" in reset.detail
    # Whoever logs in with it meets the auditor's second factor, and cannot
    # enrol a device of their own in its place without it.
    client.logout()
    login = client.post(
        reverse("admin:login"),
        {"username": "auditor", "password": "Chongzhi-2026-mm", "next": "/admin/"},
    )
    assert login.status_code == 302
    log = reverse("admin:audit_auditentry_changelist")
    response = client.get(log)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:otp_verify"))
    assert client.get(reverse("accounts:otp_setup")).url.startswith(reverse("accounts:otp_verify"))
    # Even past the second factor, the next step is a new password: the next
    # login does not look normal.
    verify_second_factor(client, auditor)
    response = client.get(log)
    assert response.status_code == 302 and response.url == reverse("admin:password_change")


def test_the_security_administrator_sets_nobodys_password(client, security):
    target = staff(Role.OFFICE_REVIEWER, username="office")
    client.force_login(security)
    assert set_password_of(client, target).status_code == 403
    target.refresh_from_db()
    assert target.check_password("demo-pass-123") and not target.must_change_password
    assert not AuditEntry.objects.filter(action=AuditAction.PASSWORD_SET).exists()


def test_the_auditor_and_the_office_set_nobodys_password(client):
    target = UserFactory(username="carol")
    for user in (staff(Role.AUDIT_ADMIN), staff(Role.OFFICE_REVIEWER), staff(Role.LEADER)):
        client.force_login(user)
        assert set_password_of(client, target).status_code == 403
    target.refresh_from_db()
    assert target.check_password("demo-pass-123")


def test_a_password_set_for_oneself_is_not_forced_again(client, sysadmin):
    client.force_login(sysadmin)
    assert set_password_of(client, sysadmin).status_code == 302
    sysadmin.refresh_from_db()
    assert not sysadmin.must_change_password
    assert entry(AuditAction.PASSWORD_CHANGE).actor == sysadmin


# --- (de)activation and edits -----------------------------------------------------------


def test_deactivating_and_reactivating_the_auditor_leaves_a_trace(client, sysadmin):
    auditor = staff(Role.AUDIT_ADMIN, username="auditor")
    client.force_login(sysadmin)
    assert post_change(client, auditor, is_active=None).status_code == 302
    auditor.refresh_from_db()
    assert not auditor.is_active
    assert post_change(client, auditor, is_active="on").status_code == 302
    actions = list(
        AuditEntry.objects.filter(target_id=str(auditor.pk))
        .order_by("id")
        .values_list("action", "actor", "ip_address")
    )
    assert actions == [
        (AuditAction.ACCOUNT_DEACTIVATE, sysadmin.pk, IP),
        (AuditAction.ACCOUNT_ACTIVATE, sysadmin.pk, IP),
    ]


def test_an_edit_of_account_details_is_audited(client, sysadmin):
    target = UserFactory(username="carol")
    client.force_login(sysadmin)
    post_change(client, target, full_name="新名字", email="new@rsj.example.gov.cn")
    edit = entry(AuditAction.ACCOUNT_CHANGE)
    assert edit.actor == sysadmin and "姓名" in edit.detail and "电子邮箱" in edit.detail


def test_an_unchanged_save_writes_nothing(client, sysadmin):
    target = UserFactory(username="carol")
    client.force_login(sysadmin)
    post_change(client, target)
    assert not AuditEntry.objects.exclude(action=AuditAction.LOGIN).exists()


# --- lockouts ---------------------------------------------------------------------------


def lockout(username="office"):
    return AccessAttempt.objects.create(
        username=username, ip_address="10.9.9.9", failures_since_start=5, user_agent="x"
    )


def test_the_security_administrator_lifts_a_lockout_and_it_is_audited(client, security):
    attempt = lockout()
    client.force_login(security)
    response = client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]),
        {"post": "yes"},
        REMOTE_ADDR=IP,
    )
    assert response.status_code == 302
    assert not AccessAttempt.objects.exists()
    unlock = entry(AuditAction.UNLOCK)
    assert unlock.actor == security and unlock.ip_address == IP and "office" in unlock.detail


def test_a_bulk_unlock_is_audited_per_account(client, security):
    first, second = lockout(), lockout("leader")
    client.force_login(security)
    client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [first.pk, second.pk], "post": "yes"},
    )
    assert not AccessAttempt.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.UNLOCK).count() == 2


@pytest.mark.parametrize("role_name", [Role.SYSTEM_ADMIN, Role.AUDIT_ADMIN, Role.OFFICE_REVIEWER])
def test_nobody_else_lifts_a_lockout(client, role_name):
    attempt = lockout()
    client.force_login(staff(role_name))
    client.post(reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"})
    assert AccessAttempt.objects.filter(pk=attempt.pk).exists()
    assert not AuditEntry.objects.filter(action=AuditAction.UNLOCK).exists()


# --- the audit log: read and export only ------------------------------------------------


def test_the_auditor_exports_the_log_and_the_export_is_audited(client):
    auditor = staff(Role.AUDIT_ADMIN, username="auditor")
    from audit.services import audit_record

    audit_record(action=AuditAction.OTHER, detail="=cmd|' /C calc'!A0")
    client.force_login(auditor)
    response = client.get(reverse("admin:audit_auditentry_export"), {"action__exact": "other"})
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "时间,操作人,IP 地址,操作,对象类型,对象,说明,结果" in body
    assert "'=cmd" in body  # formulas neutralised
    assert "登录" not in body.split("\n", 1)[1]  # the filter applied
    assert entry(AuditAction.EXPORT).actor == auditor


@pytest.mark.parametrize("role_name", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.LEADER])
def test_nobody_else_exports_the_log(client, role_name):
    client.force_login(staff(role_name))
    assert client.get(reverse("admin:audit_auditentry_export")).status_code == 403
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_auditor_changes_no_account_and_no_role(client):
    auditor = staff(Role.AUDIT_ADMIN, username="auditor")
    target = UserFactory(username="carol")
    client.force_login(auditor)
    assert client.get(reverse("admin:accounts_user_change", args=[target.pk])).status_code == 403
    assert client.get(reverse("admin:accounts_user_add")).status_code == 403


def test_a_failed_login_is_recorded_as_a_failure(client):
    UserFactory(username="carol")
    client.post(reverse("admin:login"), {"username": "carol", "password": "wrong"})
    failed = entry(AuditAction.LOGIN_FAILED)
    assert failed.outcome == AuditOutcome.FAILURE and failed.actor_name == "carol"
