"""The rules of the 三审 (seed Art. 9, F3): what each decision needs, separation of
duties, voided approvals, resumption after a return, the signed-document path, the
security check and the leader's override, and the emails."""

import pytest
from django.core.files.base import ContentFile

from accounts.roles import Role
from audit.models import AuditAction, AuditEntry
from disclosure.models import Attachment, ItemStatus
from review import services
from review.checks import approval_problems, security_check, stage_decisions
from review.models import Action, Decision, Stage
from review.revision import content_revision
from review.selectors import item_history
from tests.factories import UserFactory, staff
from tests.review.factories import INTERPRETATION_BODY, draft, sensitive, walk

S = ItemStatus
pytestmark = pytest.mark.django_db


# --- submission ----------------------------------------------------------------------


def test_submit_refuses_an_item_without_publicity_attribute(team):
    item = draft(team, publicity="")
    with pytest.raises(services.TransitionError, match="公开属性"):
        services.item_submit(item=item, acting_user=team.clerk)
    item.refresh_from_db()
    assert item.status == S.DRAFT


def test_submit_refuses_on_request_item_without_its_explanation(team):
    item = draft(team, on_request=True, publicity_note="")
    with pytest.raises(services.TransitionError, match="具体理由"):
        services.item_submit(item=item, acting_user=team.clerk)


def test_submit_refuses_an_empty_item(team):
    item = draft(team, body="<p> </p>")
    with pytest.raises(services.TransitionError, match="正文和附件均为空"):
        services.item_submit(item=item, acting_user=team.clerk)


def test_submit_by_staff_of_another_section_is_refused(team):
    outsider = staff(Role.SECTION_CLERK, team.other_section)
    item = draft(team)
    with pytest.raises(services.TransitionError, match="起草人或信息产生股室"):
        services.item_submit(item=item, acting_user=outsider)


# --- each decision is kept -------------------------------------------------------------


def test_each_decision_records_stage_reviewer_opinion_time_and_revision(team):
    item = walk(draft(team), team, S.FIRST_REVIEW)
    revision = content_revision(item)
    services.review_approve(item=item, acting_user=team.head, opinion="同意")
    decision = Decision.objects.get(item=item, action=Action.APPROVE)
    assert (decision.stage, decision.actor, decision.opinion, decision.revision) == (
        Stage.FIRST,
        team.head,
        "同意",
        revision,
    )
    assert decision.created_at is not None


def test_return_needs_an_opinion(team):
    item = walk(draft(team), team, S.SECOND_REVIEW)
    with pytest.raises(services.TransitionError, match="审核意见"):
        services.review_return(item=item, acting_user=team.office, opinion="   ")
    item.refresh_from_db()
    assert item.status == S.SECOND_REVIEW


@pytest.mark.parametrize(
    ("returned_at", "returner", "resumes_at"),
    [
        (S.FIRST_REVIEW, "head", S.FIRST_REVIEW),
        (S.SECOND_REVIEW, "office", S.SECOND_REVIEW),
        (S.FINAL_REVIEW, "leader", S.FINAL_REVIEW),
        (S.APPROVED, "office", S.SECOND_REVIEW),
        (S.APPROVED, "leader", S.FINAL_REVIEW),
    ],
)
def test_unchanged_item_resumes_at_the_stage_that_returned_it(
    team, returned_at, returner, resumes_at
):
    item = walk(draft(team), team, returned_at)
    services.review_return(item=item, acting_user=getattr(team, returner), opinion="请补充依据。")
    item.refresh_from_db()
    assert item.status == S.RETURNED
    services.item_submit(item=item, acting_user=team.clerk)
    item.refresh_from_db()
    assert item.status == resumes_at


@pytest.mark.parametrize(
    ("returned_at", "returner"),
    [
        (S.FIRST_REVIEW, "head"),
        (S.SECOND_REVIEW, "office"),
        (S.FINAL_REVIEW, "leader"),
        (S.APPROVED, "office"),
        (S.APPROVED, "leader"),
    ],
)
def test_changed_item_goes_back_to_first_review_whoever_returned_it(team, returned_at, returner):
    item = walk(draft(team), team, returned_at)
    services.review_return(item=item, acting_user=getattr(team, returner), opinion="请补充依据。")
    item.refresh_from_db()
    item.body = "<p>已补充依据。</p>"
    item.save()
    services.item_submit(item=item, acting_user=team.clerk)
    item.refresh_from_db()
    assert item.status == S.FIRST_REVIEW
    assert Decision.objects.filter(item=item, action=Action.SUBMIT).last().stage == Stage.FIRST


def test_after_a_final_return_and_a_change_every_stage_approves_the_new_revision(team):
    # The case found in the walk-through: 终审 returned, the drafter changed the text,
    # and only 终审 re-reviewed while 初审 and 复审 showed 已失效.
    item = walk(draft(team), team, S.FINAL_REVIEW)
    old = content_revision(item)
    services.review_return(item=item, acting_user=team.leader, opinion="第二段表述不准确。")
    item.refresh_from_db()
    item.body = "<p>修改后的正文。</p>"
    item.save()
    new = content_revision(item)
    services.item_submit(item=item, acting_user=team.clerk)
    item.refresh_from_db()
    assert item.status == S.FIRST_REVIEW
    voided = [(d.stage, d.void) for d in item_history(item) if d.action == Action.APPROVE]
    assert voided == [(Stage.FIRST, True), (Stage.SECOND, True)]
    # 复审 and 终审 cannot jump the queue.
    with pytest.raises(services.TransitionError, match="当前状态"):
        services.review_approve(item=item, acting_user=team.leader, stage=Stage.FINAL)
    services.review_approve(item=item, acting_user=team.head)
    assert approval_problems(item) == [
        "复审意见针对的是旧版本内容（版本 " + old[:8] + "），已失效。",
        "终审已退回，尚未重新审核通过。",
    ]
    services.review_approve(item=item, acting_user=team.office)
    services.review_approve(item=item, acting_user=team.leader)
    item.refresh_from_db()
    assert item.status == S.APPROVED
    assert approval_problems(item) == []
    approvals = stage_decisions(item)
    assert {stage: d.revision for stage, d in approvals.items()} == {
        Stage.FIRST: new,
        Stage.SECOND: new,
        Stage.FINAL: new,
    }
    services.item_release(item=item, acting_user=team.office)
    item.refresh_from_db()
    assert item.is_public
    # The audit of the release names the revision each stage approved.
    entry = AuditEntry.objects.filter(action=AuditAction.PUBLISH).latest("id")
    assert entry.detail.count(new) == 4 and old not in entry.detail
    first = AuditEntry.objects.filter(action=AuditAction.DECIDE, detail__startswith="初审通过")
    assert [e.detail for e in first.order_by("id")] == [
        f"初审通过（内容版本 {old}）",
        f"初审通过（内容版本 {new}）",
    ]


def test_release_is_refused_while_an_earlier_stage_approved_older_content(team):
    # Even if the status says 审核通过 (e.g. set by a path that skipped a stage), a
    # release needs every stage's approval of the current revision.
    item = walk(draft(team), team, S.APPROVED)
    first = Decision.objects.get(item=item, action=Action.APPROVE, stage=Stage.FIRST)
    Decision.objects.filter(pk=first.pk).update(revision="0" * 16)
    with pytest.raises(services.TransitionError, match="初审意见针对的是旧版本内容"):
        services.item_release(item=item, acting_user=team.office)
    item.refresh_from_db()
    assert item.status == S.APPROVED and not item.index_number


# --- separation of duties --------------------------------------------------------------


def test_nobody_approves_an_item_they_drafted(team):
    item = walk(draft(team, created_by=team.head), team, S.FIRST_REVIEW)
    with pytest.raises(services.TransitionError, match="自己起草"):
        services.review_approve(item=item, acting_user=team.head)
    services.review_approve(item=item, acting_user=team.head2)  # another head may


def test_drafter_may_not_return_their_own_item_either(team):
    item = walk(draft(team, created_by=team.office), team, S.SECOND_REVIEW)
    with pytest.raises(services.TransitionError, match="自己起草"):
        services.review_return(item=item, acting_user=team.office, opinion="撤回修改")


def test_nobody_approves_two_stages_of_one_item(team):
    both = UserFactory(roles=[Role.SECTION_HEAD, Role.OFFICE_REVIEWER], section=team.section)
    item = walk(draft(team), team, S.FIRST_REVIEW)
    services.review_approve(item=item, acting_user=both)
    with pytest.raises(services.TransitionError, match="两个环节"):
        services.review_approve(item=item, acting_user=both)
    services.review_approve(item=item, acting_user=team.office)


def test_a_reviewer_who_returned_at_one_stage_cannot_decide_at_another(team):
    both = UserFactory(roles=[Role.OFFICE_REVIEWER, Role.LEADER])
    item = walk(draft(team), team, S.SECOND_REVIEW)
    services.review_approve(item=item, acting_user=both)
    with pytest.raises(services.TransitionError, match="两个环节"):
        services.review_return(item=item, acting_user=both, opinion="再改改")


def test_first_review_only_by_a_head_of_the_producing_section(team):
    item = walk(draft(team), team, S.FIRST_REVIEW)
    with pytest.raises(services.TransitionError, match="信息产生股室"):
        services.review_approve(item=item, acting_user=team.other_head)


def test_signed_release_not_by_the_drafter(team):
    item = draft(team, created_by=team.office, is_signed_document=True)
    with pytest.raises(services.TransitionError, match="起草人"):
        services.item_publish_signed(
            item=item, signer="局长 王某", signed_on=item.formed_on, acting_user=team.office
        )


# --- voided approvals ------------------------------------------------------------------


def test_content_change_during_review_voids_the_approvals(team):
    item = walk(draft(team), team, S.SECOND_REVIEW)
    item.body = "<p>审核期间被改动的正文。</p>"  # e.g. edited in the admin
    item.save()
    with pytest.raises(services.TransitionError, match="已失效"):
        services.review_approve(item=item, acting_user=team.office)
    assert [d.void for d in item_history(item) if d.action == Action.APPROVE] == [True]
    # The reviewer sends it back; after resubmission the approvals are given again.
    services.review_return(item=item, acting_user=team.office, opinion="内容有改动，请确认。")
    services.item_submit(item=item, acting_user=team.clerk)
    item.refresh_from_db()
    assert item.status == S.FIRST_REVIEW  # the changed text is reviewed from 初审 again
    services.review_approve(item=item, acting_user=team.head)
    services.review_approve(item=item, acting_user=team.office)


def test_content_change_after_final_approval_blocks_release(team):
    item = walk(draft(team), team, S.APPROVED)
    item.title = item.title + "（修订）"
    item.save()
    with pytest.raises(services.TransitionError, match="已失效") as refused:
        services.item_release(item=item, acting_user=team.office)
    assert refused.value.problems
    item.refresh_from_db()
    assert item.status == S.APPROVED and not item.index_number


def test_replacing_an_attachment_changes_the_revision(team):
    item = draft(team)
    attachment = Attachment.objects.create(
        item=item, title="附件", file=ContentFile(b"a", name="a.txt"), size=1
    )
    before = content_revision(item)
    attachment.file = ContentFile(b"bb", name="b.txt")
    attachment.size = 2
    attachment.save()
    assert content_revision(item) != before


def test_status_changes_do_not_change_the_revision(team):
    item = draft(team)
    before = content_revision(item)
    walk(item, team, S.APPROVED)
    assert content_revision(item) == before


# --- the security check ----------------------------------------------------------------


def test_security_check_lists_every_blocking_reason_at_once(team):
    sensitive("内部资料")
    item = draft(
        team,
        publicity="",
        needs_interpretation=True,
        body="<p>内部资料：张三 110105199003070017，13812345678，卡号6222021234567890128</p>",
    )
    Attachment.objects.create(
        item=item, title="扫描件", file=ContentFile(b"\x89PNG\r\n\x1a\n0", name="s.png")
    )
    report = security_check(item)
    codes = [b.code for b in report.blockers]
    assert codes == [
        "publicity",
        "personal_data",
        "sensitive_word",
        "attachment_unreadable",
        "interpretation_missing",
    ]
    personal = report.blockers[1]
    assert "110***********0017" in personal.message
    assert "110105199003070017" not in personal.message
    assert "138****5678" in personal.message and "6222***********0128" in personal.message
    assert not report.ok


def test_interpretation_needs_its_six_parts_and_a_signatory(team):
    policy = walk(draft(team, needs_interpretation=True), team, S.APPROVED)
    interpretation = draft(team, interprets=policy, body="<p>一、制定背景……二、主要内容……</p>")
    messages = [b.message for b in security_check(interpretation).blockers]
    assert any("起草过程、工作目标、创新举措、下一步工作考虑" in m for m in messages)
    assert any("署名" in m for m in messages)
    interpretation.body = INTERPRETATION_BODY
    interpretation.signatory = "局长 王某某"
    interpretation.save()
    assert security_check(interpretation).blockers == ()


def test_interpretation_is_blocked_until_its_policy_is_approved(team):
    policy = walk(draft(team, needs_interpretation=True), team, S.FINAL_REVIEW)
    interpretation = draft(
        team, interprets=policy, body=INTERPRETATION_BODY, signatory="局长 王某某"
    )
    assert [b.code for b in security_check(interpretation).blockers] == ["interpretation_policy"]


def test_submit_is_for_the_producing_side_not_the_office(team):
    item = walk(draft(team), team, S.RETURNED)
    with pytest.raises(services.TransitionError, match="信息产生股室"):
        services.item_submit(item=item, acting_user=team.office)


def test_release_refused_with_personal_data_for_the_office(team):
    item = walk(draft(team, body="<p>联系人 13812345678</p>"), team, S.APPROVED)
    with pytest.raises(services.TransitionError, match="138\\*\\*\\*\\*5678"):
        services.item_release(item=item, acting_user=team.office)
    with pytest.raises(services.TransitionError, match="分管领导"):
        services.review_override(item=item, acting_user=team.office, reason="我觉得可以")


def test_leader_override_needs_a_reason_and_allows_release(team):
    item = walk(draft(team, body="<p>咨询手机 13812345678</p>"), team, S.APPROVED)
    with pytest.raises(services.TransitionError, match="理由"):
        services.review_override(item=item, acting_user=team.leader, reason=" ")
    decision = services.review_override(
        item=item, acting_user=team.leader, reason="为单位公开的咨询电话，经核实可以公开。"
    )
    assert decision.findings == [{"kind": "mobile", "masked": "138****5678", "where": "正文"}]
    assert "13812345678" not in str(decision.findings)
    services.item_release(item=item, acting_user=team.office)
    item.refresh_from_db()
    assert item.is_public


def test_override_does_not_cover_changed_content(team):
    item = walk(draft(team, body="<p>手机 13812345678</p>"), team, S.APPROVED)
    services.review_override(item=item, acting_user=team.leader, reason="公开的单位电话")
    item.body = "<p>手机 13812345678，另 13912345678</p>"
    item.save()
    assert security_check(item).override is None


def test_override_does_not_cover_a_word_added_to_the_list_later(team):
    item = walk(draft(team, body="<p>手机 13812345678；本文涉及内部资料。</p>"), team, S.APPROVED)
    services.review_override(item=item, acting_user=team.leader, reason="公开的单位电话")
    assert security_check(item).ok
    sensitive("内部资料")
    report = security_check(item)
    assert report.override is None and not report.ok


def test_override_cannot_lift_a_missing_publicity_attribute(team):
    item = draft(team, is_signed_document=True, publicity="", body="<p>手机 13812345678</p>")
    services.review_override(item=item, acting_user=team.leader, reason="单位电话")
    with pytest.raises(services.TransitionError, match="公开属性"):
        services.item_publish_signed(
            item=item, signer="局长", signed_on=item.formed_on, acting_user=team.office
        )
