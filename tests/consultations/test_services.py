"""F5 / seed Art. 7(3): the consultations services — required fields before release,
the comment window, rate limit and duplicates, moderation, adoption, feedback."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from consultations import selectors, services
from consultations.models import (
    Adoption,
    Comment,
    CommentStatus,
    Consultation,
    Moderation,
    ModerationAction,
    Phase,
)
from disclosure.choices import NonDisclosureReason, Publicity
from disclosure.models import Item, ItemStatus
from tests.consultations.factories import (
    CommentFactory,
    ConsultationFactory,
    consultation_column,
    publish,
)
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def submit(consultation, body="建议把申请材料精简为一张表。", address="10.0.0.1", **kwargs):
    return services.comment_submit(
        consultation=consultation,
        author_name=kwargs.pop("author_name", "李四"),
        contact=kwargs.pop("contact", "13812345678"),
        body=body,
        client_address=address,
        **kwargs,
    )


# --- required fields before release (Art. 7(3)2) ------------------------------------


def test_complete_consultation_has_no_release_blockers():
    consultation = ConsultationFactory()
    assert services.release_blockers(consultation.item) == []


@pytest.mark.parametrize(
    ("field", "empty", "expected"),
    [
        ("basis", "", "缺少决策依据"),
        ("basis", "   ", "缺少决策依据"),
        ("opens_at", None, "缺少征集开始时间"),
        ("closes_at", None, "缺少征集截止时间"),
        ("contact_person", "", "缺少联系人"),
        ("contact_method", "", "缺少联系方式"),
    ],
)
def test_each_missing_required_field_blocks_release(field, empty, expected):
    consultation = ConsultationFactory(**{field: empty})
    blockers = services.release_blockers(consultation.item)
    assert len(blockers) == 1
    assert expected in blockers[0]


def test_all_missing_fields_are_listed_at_once():
    consultation = ConsultationFactory(
        basis="", opens_at=None, closes_at=None, contact_person="", contact_method=""
    )
    assert len(services.release_blockers(consultation.item)) == 5
    with pytest.raises(services.ConsultationError) as exc:
        services.consultation_check_ready(consultation=consultation)
    for word in ("决策依据", "开始时间", "截止时间", "联系人", "联系方式"):
        assert word in str(exc.value)


def test_window_already_past_blocks_release():
    now = timezone.now()
    consultation = ConsultationFactory(
        opens_at=now - datetime.timedelta(days=10), closes_at=now - datetime.timedelta(seconds=1)
    )
    assert any("截止时间已过" in b for b in services.release_blockers(consultation.item))


def test_draft_without_body_or_attachment_blocks_release():
    consultation = ConsultationFactory(item__body="")
    assert any("正文或附件" in b for b in services.release_blockers(consultation.item))


def test_internal_consultation_made_proactive_is_blocked():
    consultation = ConsultationFactory(internal=True)
    assert services.release_blockers(consultation.item) == []
    Item.objects.filter(pk=consultation.item_id).update(
        publicity=Publicity.PROACTIVE, non_disclosure_reason="", publicity_note=""
    )
    consultation.item.refresh_from_db()
    assert any("内部征集" in b for b in services.release_blockers(consultation.item))


def test_ordinary_item_has_no_consultation_blockers():
    assert services.release_blockers(ItemFactory()) == []


def test_feedback_cannot_be_released_before_closing(office):
    consultation = ConsultationFactory(published=True)
    feedback = ItemFactory(column=consultation.item.column, section=consultation.item.section)
    Consultation.objects.filter(pk=consultation.pk).update(feedback_item=feedback)
    assert any("尚未截止" in b for b in services.release_blockers(feedback))


# --- drafting ----------------------------------------------------------------------


def _create(user, section, **kwargs):
    fields = {
        "section": section,
        "column": consultation_column(),
        "title": "关于调整灵活就业人员社保补贴标准的通知（征求意见稿）",
        "body": "<p>第一条 为进一步……</p><script>alert(1)</script>",
        "basis": "《社会保险法》",
        "opens_at": timezone.now(),
        "closes_at": timezone.now() + datetime.timedelta(days=30),
        "contact_person": "王五",
        "contact_method": "0572-7654321",
    }
    fields.update(kwargs)
    return services.consultation_create(acting_user=user, **fields)


def test_clerk_creates_a_consultation_for_own_section(clerk, section):
    consultation = _create(clerk, section)
    item = consultation.item
    assert item.section == section  # the responsible section, via the item
    assert item.column == consultation_column()
    assert item.status == ItemStatus.DRAFT
    assert item.publicity == Publicity.PROACTIVE
    assert "<script>" not in item.body
    assert services.release_blockers(item) == []


def test_internal_consultation_is_not_disclosed_with_internal_affairs_reason(clerk, section):
    consultation = _create(clerk, section, is_internal=True)
    assert consultation.item.publicity == Publicity.NOT_DISCLOSED
    assert consultation.item.non_disclosure_reason == NonDisclosureReason.INTERNAL_AFFAIRS
    assert consultation.item.publicity_note


def test_clerk_cannot_create_for_another_section(clerk, other_section):
    with pytest.raises(services.ConsultationError):
        _create(clerk, other_section)
    assert not Consultation.objects.exists()


def test_office_creates_for_any_section(office, other_section):
    assert _create(office, other_section).item.section == other_section


def test_leader_cannot_create(leader, section):
    with pytest.raises(services.ConsultationError):
        _create(leader, section)


def test_create_refuses_close_before_open(clerk, section):
    now = timezone.now()
    with pytest.raises(services.ConsultationError, match="截止时间必须晚于开始时间"):
        _create(clerk, section, opens_at=now, closes_at=now)
    assert not Item.objects.exists()


def _update(consultation, user, **changes):
    fields = {
        "title": consultation.item.title,
        "body": consultation.item.body,
        "basis": consultation.basis,
        "opens_at": consultation.opens_at,
        "closes_at": consultation.closes_at,
        "contact_person": consultation.contact_person,
        "contact_method": consultation.contact_method,
        "is_internal": consultation.is_internal,
        "draft_sections": consultation.draft_sections,
        "topic": consultation.item.topic,
    }
    fields.update(changes)
    return services.consultation_update(consultation=consultation, acting_user=user, **fields)


def test_update_switching_to_internal_withdraws_publicity(clerk, section):
    consultation = ConsultationFactory(item__section=section)
    updated = _update(consultation, clerk, is_internal=True)
    assert updated.item.publicity == Publicity.NOT_DISCLOSED
    assert updated.is_internal


@pytest.mark.parametrize(
    "status", [s for s in ItemStatus if s not in services.EDITABLE_ITEM_STATUSES]
)
def test_update_refused_once_the_draft_left_drafting(status, office):
    consultation = ConsultationFactory()
    extra = {"withdrawal_reason": "x"} if status == ItemStatus.WITHDRAWN else {}
    if status == ItemStatus.SCHEDULED:
        extra["scheduled_at"] = timezone.now()
    Item.objects.filter(pk=consultation.item_id).update(status=status, **extra)
    consultation.item.refresh_from_db()
    with pytest.raises(services.ConsultationError, match="只有草稿或被退回时才能修改"):
        _update(consultation, office, basis="新的依据")
    consultation.refresh_from_db()
    assert consultation.basis != "新的依据"


def test_update_refused_for_other_section(other_clerk):
    consultation = ConsultationFactory()
    with pytest.raises(services.ConsultationError):
        _update(consultation, other_clerk, basis="x")


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


# --- feedback, linked to the consultation and the policy --------------------------------


def _closed_consultation(**kwargs):
    opens = timezone.now() - datetime.timedelta(days=40)
    closes = timezone.now() - datetime.timedelta(days=10)
    with time_machine.travel(opens - datetime.timedelta(days=1)):
        return ConsultationFactory(published=True, opens_at=opens, closes_at=closes, **kwargs)


def test_feedback_refused_while_open(office):
    consultation = ConsultationFactory(published=True)
    with pytest.raises(services.ConsultationError, match="截止后"):
        services.feedback_save(
            consultation=consultation, title="采纳情况", body="<p>共收到0条</p>", acting_user=office
        )
    consultation.refresh_from_db()
    assert consultation.feedback_item_id is None


def test_feedback_is_an_item_linked_to_consultation_and_policy(office):
    consultation = _closed_consultation()
    policy = ItemFactory(published=True, title="就业补贴办法")
    result = services.feedback_save(
        consultation=consultation,
        title="意见采纳情况",
        body="<p>共收到意见 3 条，采纳 1 条。</p>",
        policy_item=policy,
        acting_user=office,
    )
    feedback = result.feedback_item
    assert feedback.status == ItemStatus.DRAFT
    assert feedback.publicity == Publicity.PROACTIVE
    assert feedback.section == consultation.item.section
    assert feedback.column == consultation.item.column
    assert result.policy_item == policy
    assert feedback.feedback_for == result
    assert services.release_blockers(feedback) == []
    # not concluded until the feedback is published through review
    assert result.phase == Phase.CLOSED
    publish(feedback)
    result.refresh_from_db()
    assert result.phase == Phase.CONCLUDED
    assert selectors.public_feedback(result) == feedback
    assert list(selectors.public_consultations_for_item(policy)) == [result]
    assert list(selectors.public_consultations_for_item(feedback)) == [result]


def test_feedback_cannot_be_revised_once_submitted(office):
    consultation = _closed_consultation()
    services.feedback_save(
        consultation=consultation, title="采纳情况", body="<p>初稿</p>", acting_user=office
    )
    consultation.refresh_from_db()
    Item.objects.filter(pk=consultation.feedback_item_id).update(status=ItemStatus.FIRST_REVIEW)
    with pytest.raises(services.ConsultationError, match="只有草稿或被退回时才能修改"):
        services.feedback_save(
            consultation=consultation, title="采纳情况", body="<p>改稿</p>", acting_user=office
        )


def test_feedback_refused_for_other_section(other_clerk):
    with pytest.raises(services.ConsultationError, match="无权"):
        services.feedback_save(
            consultation=_closed_consultation(), title="t", body="<p>b</p>", acting_user=other_clerk
        )


def test_policy_cannot_be_the_draft_itself(office):
    consultation = _closed_consultation()
    with pytest.raises(services.ConsultationError, match="不能是征求意见稿"):
        services.consultation_link_policy(
            consultation=consultation, policy_item=consultation.item, acting_user=office
        )


def test_policy_can_be_linked_after_feedback(office):
    consultation = _closed_consultation()
    policy = ItemFactory(published=True)
    assert (
        services.consultation_link_policy(
            consultation=consultation, policy_item=policy, acting_user=office
        ).policy_item
        == policy
    )


def test_internal_feedback_is_not_disclosed(office):
    consultation = _closed_consultation(internal=True)
    result = services.feedback_save(
        consultation=consultation,
        title="内部征求意见情况",
        body="<p>各股室均无意见</p>",
        acting_user=office,
    )
    assert result.feedback_item.publicity == Publicity.NOT_DISCLOSED
    assert result.feedback_item.non_disclosure_reason == NonDisclosureReason.INTERNAL_AFFAIRS


def test_feedback_summary_counts_and_draft_text(office):
    consultation = _closed_consultation()
    CommentFactory(consultation=consultation, approved=True, adoption=Adoption.ADOPTED)
    CommentFactory(
        consultation=consultation,
        approved=True,
        adoption=Adoption.NOT_ADOPTED,
        adoption_note="超出本文件调整范围",
    )
    CommentFactory(consultation=consultation)  # pending, undecided
    CommentFactory(consultation=consultation, hidden=True, adoption=Adoption.ADOPTED)
    summary = selectors.feedback_summary(consultation)
    assert (summary.received, summary.hidden, summary.adopted, summary.not_adopted) == (3, 1, 1, 1)
    assert summary.undecided == 1
    title, body = selectors.feedback_draft_text(consultation)
    assert consultation.item.title in title
    assert "共收到意见建议3条" in body
    assert "超出本文件调整范围" in body


# --- closed without feedback, overdue after 20 working days ----------------------------


def _closing_on_2026_09_18():
    opens = datetime.datetime(2026, 8, 18, 9, 0, tzinfo=TZ)
    closes = datetime.datetime(2026, 9, 18, 17, 0, tzinfo=TZ)
    with time_machine.travel(opens - datetime.timedelta(days=1), tick=False):
        return ConsultationFactory(published=True, opens_at=opens, closes_at=closes)


def test_feedback_due_twenty_working_days_after_closing_across_national_day():
    consultation = _closing_on_2026_09_18()
    due = consultation.feedback_due
    # 2026: 9/20 make-up workday; 中秋 9/25-27, 国庆 10/1-7 off; 10/10 make-up workday.
    assert due.date == datetime.date(2026, 10, 22)
    assert due.confirmed is True
    assert not consultation.feedback_overdue_on(datetime.date(2026, 10, 22))
    assert consultation.feedback_overdue_on(datetime.date(2026, 10, 23))


def test_closed_without_feedback_lists_and_flags_overdue(office):
    consultation = _closing_on_2026_09_18()
    ConsultationFactory(published=True)  # still open: not listed
    _closed_internal = ConsultationFactory(
        internal=True, opens_at=consultation.opens_at, closes_at=consultation.closes_at
    )
    with time_machine.travel(datetime.datetime(2026, 10, 22, 12, 0, tzinfo=TZ), tick=False):
        rows = list(selectors.closed_without_feedback())
        assert rows == [consultation]
        assert rows[0].feedback_overdue is False
    with time_machine.travel(datetime.datetime(2026, 10, 23, 9, 0, tzinfo=TZ), tick=False):
        rows = list(selectors.closed_without_feedback())
        assert rows == [consultation]
        assert rows[0].feedback_overdue is True
        # a feedback draft does not count: only published feedback does
        services.feedback_save(
            consultation=consultation, title="采纳情况", body="<p>共收到0条</p>", acting_user=office
        )
        assert list(selectors.closed_without_feedback()) == [consultation]
        consultation.refresh_from_db()
        publish(consultation.feedback_item)
        assert list(selectors.closed_without_feedback()) == []
        consultation.refresh_from_db()
        assert consultation.feedback_overdue is False


def test_feedback_due_in_an_unconfirmed_year_is_flagged():
    opens = datetime.datetime(2027, 3, 1, 9, 0, tzinfo=TZ)
    closes = datetime.datetime(2027, 3, 31, 17, 0, tzinfo=TZ)
    with time_machine.travel(opens - datetime.timedelta(days=1), tick=False):
        consultation = ConsultationFactory(published=True, opens_at=opens, closes_at=closes)
    assert consultation.feedback_due.confirmed is False


def test_feedback_title_uses_the_document_name_in_book_title_marks():
    assert (
        selectors.draft_name("关于《某办法（征求意见稿）》公开征求意见的公告")
        == "某办法（征求意见稿）"
    )
    assert selectors.draft_name("某办法征求意见") == "某办法征求意见"


# --- attachments of the draft ------------------------------------------------------------


PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("draft.pdf", PDF, content_type="application/pdf")


def test_attachment_refused_once_the_draft_was_submitted_meanwhile(office):
    """The page (and the consultation object it holds) was loaded while the draft was
    a draft; it was submitted for review since. The service re-reads the item under
    a lock and refuses: reviewers approve frozen content."""
    consultation = ConsultationFactory()
    assert consultation.item.status == ItemStatus.DRAFT  # what the page saw
    Item.objects.filter(pk=consultation.item_id).update(status=ItemStatus.FIRST_REVIEW)
    with pytest.raises(services.ConsultationError, match="不能再修改附件"):
        services.consultation_attachment_add(
            consultation=consultation, file=_pdf(), acting_user=office
        )
    assert not consultation.item.attachments.exists()


def test_attachment_delete_refused_once_the_draft_was_submitted_meanwhile(office):
    consultation = ConsultationFactory()
    attachment = services.consultation_attachment_add(
        consultation=consultation, file=_pdf(), acting_user=office
    )
    Item.objects.filter(pk=consultation.item_id).update(status=ItemStatus.FIRST_REVIEW)
    with pytest.raises(services.ConsultationError, match="不能再修改附件"):
        services.consultation_attachment_delete(
            consultation=consultation, attachment_pk=attachment.pk, acting_user=office
        )
    assert consultation.item.attachments.filter(pk=attachment.pk).exists()


def test_attachment_added_and_deleted_while_a_draft(office):
    consultation = ConsultationFactory()
    attachment = services.consultation_attachment_add(
        consultation=consultation, file=_pdf(), title="全文", acting_user=office
    )
    assert attachment.title == "全文" and attachment.content_type == "application/pdf"
    services.consultation_attachment_delete(
        consultation=consultation, attachment_pk=attachment.pk, acting_user=office
    )
    assert not consultation.item.attachments.exists()
