"""Records around the workflow: the audit log, the published email, the
sensitive-word list's owner (三员), and other apps' release rules."""

import pytest
from django.urls import reverse

from audit.models import AuditAction, AuditEntry
from disclosure.models import ItemStatus
from review import checks, services
from review.models import SensitiveWord
from tests.review.factories import draft, walk

S = ItemStatus
pytestmark = pytest.mark.django_db


def test_publication_withdrawal_and_override_are_audited(team):
    item = walk(draft(team, body="<p>手机 13812345678</p>"), team, S.APPROVED)
    services.review_override(item=item, acting_user=team.leader, reason="单位公开电话")
    services.item_release(item=item, acting_user=team.office)
    services.item_withdraw(item=item, reason="有误", acting_user=team.office)
    entries = AuditEntry.objects.filter(target_id=str(item.pk))
    actions = set(entries.values_list("action", flat=True))
    assert {
        AuditAction.DECIDE,
        AuditAction.OVERRIDE,
        AuditAction.PUBLISH,
        AuditAction.WITHDRAW,
    } <= actions
    override = entries.get(action=AuditAction.OVERRIDE)
    assert override.actor == team.leader and "138****5678" in override.detail
    assert "13812345678" not in override.detail


def test_scheduled_publication_is_audited_as_the_system(team):
    import datetime

    from django.utils import timezone

    item = walk(draft(team), team, S.APPROVED)
    when = timezone.now() + datetime.timedelta(minutes=1)
    services.item_schedule(item=item, when=when, acting_user=team.office)
    services.items_publish_due(now=when + datetime.timedelta(minutes=1))
    entry = AuditEntry.objects.get(target_id=str(item.pk), action=AuditAction.PUBLISH)
    assert entry.actor is None and entry.actor_name == "系统"


def test_drafter_is_told_when_the_item_is_published(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    item = walk(draft(team), team, S.APPROVED)
    with django_capture_on_commit_callbacks(execute=True):
        services.item_release(item=item, acting_user=team.office)
    item.refresh_from_db()
    assert [m.to for m in mailoutbox] == [[team.clerk.email]]
    assert item.index_number in mailoutbox[0].body


def test_only_the_security_administrator_maintains_sensitive_words(client, team):
    url = reverse("admin:review_sensitiveword_changelist")
    client.force_login(team.security)
    assert client.get(url).status_code == 200
    response = client.post(
        reverse("admin:review_sensitiveword_add"),
        {"word": "内部资料", "note": "", "is_active": "on"},
    )
    assert response.status_code == 302
    assert SensitiveWord.objects.get(word="内部资料").created_by == team.security
    for user in (team.office, team.leader, team.sysadmin):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_release_rules_of_other_apps_block_release(team, monkeypatch):
    item = walk(draft(team), team, S.APPROVED)
    monkeypatch.setattr(checks, "OTHER_RELEASE_CHECKS", ("tests.review.test_records.no_basis",))
    with pytest.raises(services.TransitionError, match="缺少决策依据"):
        services.item_release(item=item, acting_user=team.office)


def no_basis(item):
    return ["缺少决策依据（第七条第三项）。"]


def test_a_consultation_without_its_basis_is_blocked_by_the_security_check(team):
    from tests.consultations.factories import ConsultationFactory

    consultation = ConsultationFactory(basis="")
    report = checks.security_check(consultation.item)
    assert [b.code for b in report.blockers] == ["other"]
    assert "决策依据" in report.blockers[0].message
    assert checks.security_check(draft(team)).blockers == ()


def test_a_consultation_without_its_basis_cannot_even_be_submitted(team):
    """Art. 7(3): the consultation's basis, period and contact come before review."""
    from django.contrib.auth.models import Group

    from accounts.roles import Role
    from tests.consultations.factories import ConsultationFactory

    consultation = ConsultationFactory(basis="")
    item = consultation.item
    item.created_by.groups.add(Group.objects.get(name=Role.SECTION_CLERK))
    with pytest.raises(services.TransitionError, match="缺少决策依据") as refused:
        services.item_submit(item=item, acting_user=item.created_by)
    assert "缺少决策依据（第七条第三项）。" in refused.value.problems
    item.refresh_from_db()
    assert item.status == S.DRAFT
