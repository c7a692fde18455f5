import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditAction, AuditEntry
from audit.services import audit_prune, audit_record
from tests.audit.helpers import backdate
from tests.factories import UserFactory, staff

pytestmark = pytest.mark.django_db


def test_login_success_and_failure_are_recorded(client):
    user = UserFactory(username="alice")
    assert client.login(username="alice", password="demo-pass-123")
    client.login(username="alice", password="wrong")
    actions = list(AuditEntry.objects.order_by("id").values_list("action", "actor_name"))
    assert actions == [(AuditAction.LOGIN, "alice"), (AuditAction.LOGIN_FAILED, "alice")]
    assert AuditEntry.objects.get(action=AuditAction.LOGIN).actor == user


def test_audit_log_is_readable_only_by_the_audit_admin(client):
    audit_record(action=AuditAction.OTHER, detail="x")
    url = reverse("admin:audit_auditentry_changelist")
    for role in (Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.OFFICE_REVIEWER, Role.LEADER):
        client.force_login(staff(role))
        assert client.get(url).status_code == 403, role
    client.force_login(staff(Role.AUDIT_ADMIN))
    assert client.get(url).status_code == 200


def test_audit_admin_cannot_change_or_delete_entries(client):
    entry = audit_record(action=AuditAction.OTHER, detail="x")
    client.force_login(staff(Role.AUDIT_ADMIN))
    response = client.post(
        reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_prune_keeps_at_least_six_months():
    old = audit_record(action=AuditAction.OTHER)
    recent = audit_record(action=AuditAction.OTHER)
    backdate(old, days=200)
    backdate(recent, days=170)
    assert audit_prune() == 1
    assert list(AuditEntry.objects.values_list("pk", flat=True)) == [recent.pk]


def test_prune_refuses_a_retention_shorter_than_six_months():
    with pytest.raises(ValueError):
        audit_prune(keep_days=90)
    with pytest.raises(CommandError, match="6 个月"):
        call_command("prune_audit", "--keep-days", "30")


def test_a_change_of_roles_in_the_admin_is_audited(client):
    from django.contrib.auth.models import Group

    admin_user = staff(Role.SECURITY_ADMIN)
    target = UserFactory(username="carol")
    client.force_login(admin_user)
    url = reverse("admin:accounts_user_change", args=[target.pk])
    form = client.get(url).context["adminform"].form
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
    data["groups"] = [Group.objects.get(name=str(Role.LEADER)).pk]
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(action=AuditAction.PERMISSION)
    assert entry.actor == admin_user and entry.target_repr == str(target)
    assert "增加：分管领导" in entry.detail
