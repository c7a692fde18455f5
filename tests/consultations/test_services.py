"""F5 / seed Art. 7(3): the consultations services — required fields before release,
the comment window, rate limit and duplicates, moderation, adoption, feedback."""

import datetime

import pytest
from django.utils import timezone

from consultations import services
from consultations.models import (
    Consultation,
)
from disclosure.choices import NonDisclosureReason, Publicity
from disclosure.models import Item, ItemStatus
from tests.consultations.factories import (
    ConsultationFactory,
    consultation_column,
)
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


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
