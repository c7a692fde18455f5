"""Release: synchronized publication of a policy and its interpretation (Art. 7(4)),
scheduled publication (`publish_due`), and the deadline record (Art. 7(2))."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from disclosure import services as disclosure_services
from disclosure.models import IndexSerial, Item, ItemStatus
from review import services
from review.models import Action, Decision
from tests.review.factories import INTERPRETATION_BODY, draft, sensitive, walk

S = ItemStatus
pytestmark = pytest.mark.django_db


def policy_with_interpretation(team, *, policy_status=S.APPROVED, interpretation_status=S.APPROVED):
    policy = draft(team, title="关于进一步稳定就业的若干政策措施", needs_interpretation=True)
    interpretation = draft(
        team,
        title="《关于进一步稳定就业的若干政策措施》政策解读",
        interprets=policy,
        body=INTERPRETATION_BODY,
        signatory="局长 王某某",
    )
    return walk(policy, team, policy_status), walk(interpretation, team, interpretation_status)


# --- synchronized publication ----------------------------------------------------------


def test_policy_cannot_go_public_before_its_interpretation_is_approved(team):
    policy, interpretation = policy_with_interpretation(team, interpretation_status=S.FINAL_REVIEW)
    with pytest.raises(services.TransitionError, match="解读材料尚未审核通过"):
        services.item_release(item=policy, acting_user=team.office)
    policy.refresh_from_db()
    assert policy.status == S.APPROVED


def test_policy_without_any_interpretation_is_blocked(team):
    policy = walk(draft(team, needs_interpretation=True), team, S.APPROVED)
    with pytest.raises(services.TransitionError, match="尚未关联解读材料"):
        services.item_release(item=policy, acting_user=team.office)


def test_releasing_the_policy_publishes_its_interpretation_in_the_same_transaction(team):
    policy, interpretation = policy_with_interpretation(team)
    published = services.item_release(item=policy, acting_user=team.office)
    assert [p.pk for p in published] == [policy.pk, interpretation.pk]
    policy.refresh_from_db()
    interpretation.refresh_from_db()
    assert policy.is_public and interpretation.is_public
    assert policy.index_number and interpretation.index_number


def test_interpretation_cannot_go_public_ahead_of_its_policy(team):
    policy, interpretation = policy_with_interpretation(team, policy_status=S.SECOND_REVIEW)
    with pytest.raises(services.TransitionError, match="同步发布"):
        services.item_release(item=interpretation, acting_user=team.office)
    interpretation.refresh_from_db()
    assert interpretation.status == S.APPROVED


def test_releasing_the_interpretation_takes_the_policy_with_it(team):
    policy, interpretation = policy_with_interpretation(team)
    services.item_release(item=interpretation, acting_user=team.office)
    assert Item.objects.published().filter(pk__in=[policy.pk, interpretation.pk]).count() == 2


def test_interpretation_of_an_already_published_policy_goes_alone(team):
    policy = walk(draft(team), team, S.PUBLISHED)  # published before it was marked
    interpretation = walk(
        draft(team, interprets=policy, body=INTERPRETATION_BODY, signatory="局长 王某某"),
        team,
        S.APPROVED,
    )
    assert [i.pk for i in services.item_release(item=interpretation, acting_user=team.office)] == [
        interpretation.pk
    ]


def test_a_failure_in_the_middle_leaves_neither_public(team, monkeypatch):
    policy, interpretation = policy_with_interpretation(team)
    serials_before = list(IndexSerial.objects.values_list("last_serial", flat=True))
    real = disclosure_services.item_mark_published
    calls = []

    def fail_on_second(*, item, **kwargs):
        calls.append(item.pk)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real(item=item, **kwargs)

    monkeypatch.setattr(disclosure_services, "item_mark_published", fail_on_second)
    with pytest.raises(RuntimeError):
        services.item_release(item=policy, acting_user=team.office)
    assert calls == [policy.pk, interpretation.pk]
    for item in (policy, interpretation):
        item.refresh_from_db()
        assert item.status == S.APPROVED
        assert item.index_number is None and item.published_at is None
    assert list(IndexSerial.objects.values_list("last_serial", flat=True)) == serials_before
    assert not Decision.objects.filter(action=Action.RELEASE).exists()


def test_a_blocked_interpretation_blocks_the_policy_too(team):
    policy, interpretation = policy_with_interpretation(team)
    sensitive("维稳")
    Item.objects.filter(pk=interpretation.pk).update(body=INTERPRETATION_BODY + "<p>维稳</p>")
    with pytest.raises(services.TransitionError) as refused:
        services.item_release(item=policy, acting_user=team.office)
    assert any("同步发布的《" in p and "敏感词" in p for p in refused.value.problems)
    assert not Item.objects.published().exists()


# --- scheduled publication -------------------------------------------------------------


def test_schedule_must_be_in_the_future(team):
    item = walk(draft(team), team, S.APPROVED)
    with pytest.raises(services.TransitionError, match="晚于当前时间"):
        services.item_schedule(
            item=item, when=timezone.now() - datetime.timedelta(minutes=1), acting_user=team.office
        )


def test_publish_due_publishes_only_what_is_due_and_only_once(team, capsys):
    soon = walk(draft(team, title="定时甲"), team, S.APPROVED)
    later = walk(draft(team, title="定时乙"), team, S.APPROVED)
    now = timezone.now()
    services.item_schedule(
        item=soon, when=now + datetime.timedelta(minutes=5), acting_user=team.office
    )
    services.item_schedule(
        item=later, when=now + datetime.timedelta(days=2), acting_user=team.office
    )
    assert services.items_publish_due(now=now) == []
    outcomes = services.items_publish_due(now=now + datetime.timedelta(minutes=6))
    assert [o.item.pk for o in outcomes] == [soon.pk]
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.is_public and soon.scheduled_at is None
    assert later.status == S.SCHEDULED
    decision = Decision.objects.get(item=soon, action=Action.PUBLISH_SCHEDULED)
    assert decision.actor is None  # the system
    assert services.items_publish_due(now=now + datetime.timedelta(minutes=7)) == []


def test_publish_due_command(team, capsys, time_machine):
    item = walk(draft(team, title="定时发布的通知"), team, S.APPROVED)
    services.item_schedule(
        item=item, when=timezone.now() + datetime.timedelta(minutes=1), acting_user=team.office
    )
    call_command("publish_due")
    assert capsys.readouterr().out == ""
    time_machine.move_to(timezone.now() + datetime.timedelta(minutes=2))
    call_command("publish_due")
    item.refresh_from_db()
    assert f"已发布：{item.index_number} 定时发布的通知" in capsys.readouterr().out


def test_scheduled_group_publishes_together(team):
    policy, interpretation = policy_with_interpretation(team)
    when = timezone.now() + datetime.timedelta(hours=1)
    scheduled = services.item_schedule(item=policy, when=when, acting_user=team.office)
    assert {i.pk for i in scheduled} == {policy.pk, interpretation.pk}
    interpretation.refresh_from_db()
    assert interpretation.status == S.SCHEDULED and interpretation.scheduled_at == when
    services.items_publish_due(now=when + datetime.timedelta(minutes=1))
    assert Item.objects.published().count() == 2


def test_unscheduling_the_policy_unschedules_its_interpretation(team):
    policy, interpretation = policy_with_interpretation(team)
    services.item_schedule(
        item=policy, when=timezone.now() + datetime.timedelta(hours=1), acting_user=team.office
    )
    services.item_unschedule(item=policy, acting_user=team.office)
    interpretation.refresh_from_db()
    assert interpretation.status == S.APPROVED and interpretation.scheduled_at is None


def test_failed_check_at_publication_time_returns_to_approved_and_tells_the_office(
    team, mailoutbox, django_capture_on_commit_callbacks
):
    item = walk(draft(team, body="<p>本通知涉及内部资料。</p>"), team, S.APPROVED)
    when = timezone.now() + datetime.timedelta(minutes=10)
    services.item_schedule(item=item, when=when, acting_user=team.office)
    sensitive("内部资料")  # added to the list after scheduling
    with django_capture_on_commit_callbacks(execute=True):
        outcomes = services.items_publish_due(now=when + datetime.timedelta(minutes=1))
    assert outcomes[0].problems and not outcomes[0].published
    item.refresh_from_db()
    assert item.status == S.APPROVED and item.scheduled_at is None
    assert sorted(m.to[0] for m in mailoutbox) == sorted([team.office.email, team.office2.email])
    assert "定时发布未执行" in mailoutbox[0].subject


# --- the deadline record (Art. 7(2), Reg. 26) -------------------------------------------


def test_publication_within_20_working_days_is_recorded_on_time(team):
    item = walk(draft(team, formed_on=timezone.localdate()), team, S.PUBLISHED)
    assert item.published_on_time is True
    assert item.due_on > timezone.localdate()


def test_late_publication_is_recorded(team):
    formed = timezone.localdate() - datetime.timedelta(days=60)
    item = walk(draft(team, formed_on=formed), team, S.PUBLISHED)
    assert item.published_on_time is False
    assert item.due_on < timezone.localdate()
    from disclosure.deadlines import item_due_date

    assert item.due_on == item_due_date(item).date


def test_deadline_does_not_apply_to_items_not_proactively_disclosed(team):
    item = walk(draft(team, on_request=True), team, S.PUBLISHED)
    assert item.published_on_time is None and item.due_on is None


@pytest.mark.parametrize(("published_on", "on_time"), [(20, True), (22, True), (23, False)])
def test_due_date_counts_working_days_across_national_day(team, published_on, on_time):
    # Formed Fri 2026-09-18. Working days: 9/20 (make-up Sunday), 9/21-24, 9/28-30
    # (中秋 9/25-27 off), 10/8-9, 10/10 (make-up Saturday), 10/12-16, 10/19-22:
    # the 20th is Thu 2026-10-22 (国庆 10/1-10/7 off).
    item = draft(team, formed_on=datetime.date(2026, 9, 18))
    with time_travel(datetime.datetime(2026, 10, published_on, 10, 0)):
        item = walk(item, team, S.PUBLISHED)
    assert item.due_on == datetime.date(2026, 10, 22)
    assert item.published_on_time is on_time


def time_travel(when):
    import time_machine

    return time_machine.travel(timezone.make_aware(when), tick=False)
