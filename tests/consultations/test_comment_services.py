"""Citizens' comments: the window, moderation from the map, adoption."""

import datetime

import pytest
import time_machine

from consultations import services
from consultations.models import (
    Adoption,
    Comment,
    CommentStatus,
    Moderation,
    ModerationAction,
)
from tests.consultations.factories import (
    CommentFactory,
    ConsultationFactory,
)
from tests.consultations.services_helpers import TZ, submit

pytestmark = pytest.mark.django_db


# --- the comment window (Art. 7(3)2, enforced on the server) ---------------------------


def _window_consultation():
    opens = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=TZ)
    closes = datetime.datetime(2026, 3, 31, 17, 0, tzinfo=TZ)
    with time_machine.travel(opens - datetime.timedelta(days=1), tick=False):
        return ConsultationFactory(published=True, opens_at=opens, closes_at=closes)


def test_comment_at_the_closing_second_is_accepted():
    consultation = _window_consultation()
    with time_machine.travel(consultation.closes_at, tick=False):
        comment = submit(consultation)
    assert comment.status == CommentStatus.PENDING


def test_comment_one_second_after_closing_is_refused():
    consultation = _window_consultation()
    one_second_late = consultation.closes_at + datetime.timedelta(seconds=1)
    with (
        time_machine.travel(one_second_late, tick=False),
        pytest.raises(services.CommentRefused) as exc,
    ):
        submit(consultation)
    assert "已于 2026-03-31 17:00 截止" in str(exc.value)
    assert not Comment.objects.exists()


def test_comment_one_second_before_opening_is_refused():
    consultation = _window_consultation()
    one_second_early = consultation.opens_at - datetime.timedelta(seconds=1)
    with (
        time_machine.travel(one_second_early, tick=False),
        pytest.raises(services.CommentRefused, match="尚未开始"),
    ):
        submit(consultation)
    with time_machine.travel(consultation.opens_at, tick=False):
        assert submit(consultation).pk


def test_comment_refused_on_unpublished_consultation():
    consultation = ConsultationFactory()
    with pytest.raises(services.CommentRefused, match="不存在或未公开"):
        submit(consultation)


def test_comment_refused_on_internal_consultation():
    consultation = ConsultationFactory(internal=True, published=True)
    with pytest.raises(services.CommentRefused, match="不存在或未公开"):
        submit(consultation)


def test_comment_refused_on_section_not_in_the_draft():
    consultation = ConsultationFactory(published=True)
    with pytest.raises(services.CommentRefused, match="章节"):
        submit(consultation, draft_section="第九十九条")
    assert submit(consultation, draft_section="第二条").draft_section == "第二条"


def test_comment_too_long_is_refused():
    consultation = ConsultationFactory(published=True)
    with pytest.raises(services.CommentRefused, match="不能超过"):
        submit(consultation, body="长" * (services.COMMENT_MAX_CHARS + 1))


def test_rate_limit_per_client_address():
    consultation = ConsultationFactory(published=True)
    for n in range(services.COMMENT_LIMIT.count):
        submit(consultation, body=f"第{n}条意见：建议延长申报期限。")
    with pytest.raises(services.CommentRateLimited, match="过于频繁"):
        submit(consultation, body="再来一条不同的意见内容。")
    # another client is not affected
    assert submit(consultation, body="再来一条不同的意见内容。", address="10.0.0.2").pk
    assert Comment.objects.count() == services.COMMENT_LIMIT.count + 1


def test_duplicate_comment_from_same_client_is_refused():
    consultation = ConsultationFactory(published=True)
    submit(consultation, body="建议简化申请材料，取消ABC表。")
    with pytest.raises(services.CommentRefused, match="请勿重复提交"):
        # the same text, differently spaced and in full-width letters
        submit(consultation, body="  建议 简化\n申请材料，取消ＡＢＣ表。 ")
    assert Comment.objects.count() == 1
    # the same words from someone else count as their comment
    assert submit(consultation, body="建议简化申请材料，取消ABC表。", address="10.9.9.9").pk


def test_new_comment_waits_for_moderation_and_keeps_no_address():
    consultation = ConsultationFactory(published=True)
    comment = submit(consultation, address="203.0.113.7")
    assert comment.status == CommentStatus.PENDING
    assert not Comment.objects.public().exists()
    assert "203.0.113.7" not in comment.client_digest


# --- moderation: every transition allowed and refused, from the map -------------------


MODERATION_CASES = [
    pytest.param(action, status, id=f"{action.value}-from-{status.value}")
    for action in ModerationAction
    for status in CommentStatus
]


@pytest.mark.parametrize(("action", "status"), MODERATION_CASES)
def test_moderation_transitions_follow_the_map(action, status, office):
    comment = CommentFactory(status=status)
    sources, target = services.MODERATION_TRANSITIONS[action]
    if status in sources:
        result = services.comment_moderate(
            comment=comment, action=action, reason="理由", acting_user=office
        )
        assert result.status == target
        record = Moderation.objects.get(comment=comment)
        assert (record.action, record.from_status, record.to_status) == (action, status, target)
        assert record.moderator == office
        assert record.reason == "理由"
    else:
        with pytest.raises(services.ConsultationError, match="不能执行"):
            services.comment_moderate(
                comment=comment, action=action, reason="理由", acting_user=office
            )
        comment.refresh_from_db()
        assert comment.status == status
        assert not Moderation.objects.exists()


@pytest.mark.parametrize("action", sorted(services.REASON_REQUIRED))
def test_hide_and_restore_need_a_reason(action, office):
    status = CommentStatus.HIDDEN if action == ModerationAction.RESTORE else CommentStatus.APPROVED
    comment = CommentFactory(status=status)
    with pytest.raises(services.ConsultationError, match="须填写理由"):
        services.comment_moderate(comment=comment, action=action, reason="  ", acting_user=office)
    comment.refresh_from_db()
    assert comment.status == status


def test_hide_then_restore_is_recorded_in_order(office):
    comment = CommentFactory()
    services.comment_approve(comment=comment, acting_user=office)
    services.comment_hide(comment=comment, reason="含有他人手机号码", acting_user=office)
    services.comment_restore(comment=comment, reason="已核实为本人号码并删除", acting_user=office)
    records = list(comment.moderations.values_list("action", "reason"))
    assert records == [
        ("approve", ""),
        ("hide", "含有他人手机号码"),
        ("restore", "已核实为本人号码并删除"),
    ]


def test_unknown_moderation_action_is_refused(office):
    with pytest.raises(services.ConsultationError, match="未知"):
        services.comment_moderate(comment=CommentFactory(), action="delete", acting_user=office)


@pytest.mark.parametrize("who", ["clerk", "head", "office"])
def test_section_staff_and_office_may_moderate(who, request, section):
    user = request.getfixturevalue(who)
    comment = CommentFactory(consultation__item__section=section)
    assert services.comment_approve(comment=comment, acting_user=user).status == "approved"


@pytest.mark.parametrize("who", ["other_clerk", "leader", "auditor"])
def test_others_may_not_moderate(who, request, section):
    user = request.getfixturevalue(who)
    comment = CommentFactory(consultation__item__section=section)
    with pytest.raises(services.ConsultationError, match="无权"):
        services.comment_approve(comment=comment, acting_user=user)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


# --- adoption ----------------------------------------------------------------------


def test_not_adopted_needs_a_reason(office):
    comment = CommentFactory(approved=True)
    with pytest.raises(services.ConsultationError, match="须说明理由"):
        services.comment_set_adoption(
            comment=comment, adoption=Adoption.NOT_ADOPTED, acting_user=office
        )
    result = services.comment_set_adoption(
        comment=comment, adoption=Adoption.NOT_ADOPTED, note="与上位法规定不符", acting_user=office
    )
    assert result.adoption == Adoption.NOT_ADOPTED


def test_hidden_comment_gets_no_adoption(office):
    with pytest.raises(services.ConsultationError, match="已屏蔽"):
        services.comment_set_adoption(
            comment=CommentFactory(hidden=True), adoption=Adoption.ADOPTED, acting_user=office
        )
