"""Feedback after a consultation (意见征集及采纳情况), the overdue list, the draft's attachments."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from consultations import selectors, services
from consultations.models import (
    Adoption,
    Phase,
)
from disclosure.choices import NonDisclosureReason, Publicity
from disclosure.models import Item, ItemStatus
from tests.consultations.factories import (
    CommentFactory,
    ConsultationFactory,
    publish,
)
from tests.consultations.services_helpers import TZ
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


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
