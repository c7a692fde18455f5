"""Starting and changing a consultation: its draft is a disclosure item, written through disclosure's services."""

import datetime

from django.db import transaction
from django.utils import timezone

from consultations import permissions
from consultations.models import Consultation, ConsultationKind
from consultations.services._common import (
    EDITABLE_ITEM_STATUSES,
    INTERNAL_PUBLICITY_NOTE,
    ConsultationError,
)
from disclosure import services as disclosure_services
from disclosure.choices import ContentCategory, NonDisclosureReason, Publicity, Topic
from disclosure.models import Column, Item, Section


def _publicity_fields(is_internal: bool) -> dict:
    if is_internal:
        # Art. 7(3): internal consultations are not proactive information; Art. 6(3).
        return {
            "publicity": Publicity.NOT_DISCLOSED,
            "non_disclosure_reason": NonDisclosureReason.INTERNAL_AFFAIRS,
            "publicity_note": INTERNAL_PUBLICITY_NOTE,
        }
    return {"publicity": Publicity.PROACTIVE, "non_disclosure_reason": "", "publicity_note": ""}


def consultation_create(
    *,
    section: Section,
    column: Column,
    title: str,
    body: str,
    basis: str = "",
    opens_at: datetime.datetime | None = None,
    closes_at: datetime.datetime | None = None,
    contact_person: str = "",
    contact_method: str = "",
    is_internal: bool = False,
    draft_sections: str = "",
    topic: str = Topic.LABOUR,
    kind: str = ConsultationKind.OTHER,
    market_related: bool = False,
    shortened_reason: str = "",
    acting_user,
) -> Consultation:
    """Start a consultation: a draft item in `column`, produced by `section`, and the
    consultation's own fields. Required fields may still be missing; they are
    checked before release (`release_blockers`)."""
    if not permissions.member_sections(acting_user).filter(pk=section.pk).exists():
        raise ConsultationError("您无权以该股室名义发起意见征集。")
    _check_window(opens_at, closes_at)
    with transaction.atomic():
        item = disclosure_services.item_draft_store(
            column=column,
            section=section,
            acting_user=acting_user,
            title=title.strip(),
            body=body,
            topic=topic,
            content_category=ContentCategory.NORMATIVE_DRAFTS,  # Art. 5(16)
            formed_on=timezone.localdate(),
            **_publicity_fields(is_internal),
        )
        return Consultation.objects.create(
            item=item,
            basis=basis.strip(),
            opens_at=opens_at,
            closes_at=closes_at,
            contact_person=contact_person.strip(),
            contact_method=contact_method.strip(),
            is_internal=is_internal,
            draft_sections=draft_sections.strip(),
            kind=kind,
            market_related=market_related,
            shortened_reason=shortened_reason.strip(),
            created_by=acting_user,
        )


def _check_window(opens_at, closes_at) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise ConsultationError("截止时间必须晚于开始时间。")


def consultation_update(
    *,
    consultation: Consultation,
    acting_user,
    title: str,
    body: str,
    basis: str,
    opens_at,
    closes_at,
    contact_person: str,
    contact_method: str,
    is_internal: bool,
    draft_sections: str,
    topic: str,
    kind: str = ConsultationKind.OTHER,
    market_related: bool = False,
    shortened_reason: str = "",
) -> Consultation:
    """Change a draft that has not entered review (or was returned)."""
    if not permissions.can_manage_consultation(acting_user, consultation):
        raise ConsultationError("您无权修改该意见征集。")
    _check_window(opens_at, closes_at)
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        item = Item.objects.select_for_update().get(pk=locked.item_id)
        if item.status not in EDITABLE_ITEM_STATUSES:
            raise ConsultationError(
                f"征求意见稿当前状态为“{item.get_status_display()}”，只有草稿或被退回时才能修改。"
            )
        item = disclosure_services.item_draft_revise(
            item=item,
            acting_user=acting_user,
            title=title.strip(),
            body=body,
            topic=topic,
            **_publicity_fields(is_internal),
        )
        locked.basis = basis.strip()
        locked.opens_at = opens_at
        locked.closes_at = closes_at
        locked.contact_person = contact_person.strip()
        locked.contact_method = contact_method.strip()
        locked.is_internal = is_internal
        locked.draft_sections = draft_sections.strip()
        locked.kind = kind
        locked.market_related = market_related
        locked.shortened_reason = shortened_reason.strip()
        locked.save(
            update_fields=[
                "kind",
                "market_related",
                "shortened_reason",
                "basis",
                "opens_at",
                "closes_at",
                "contact_person",
                "contact_method",
                "is_internal",
                "draft_sections",
                "updated_at",
            ]
        )
    locked.item = item
    return locked


def consultation_extend(
    *, consultation: Consultation, closes_at: datetime.datetime, reason: str, acting_user
) -> Consultation:
    """Move an open public consultation's closing time later. Recorded (who, when,
    why, the old and new times), audited, and shown on the public page."""
    from audit.models import AuditAction
    from audit.services import audit_record
    from common.pagecache import catalogue_changed
    from consultations.models import Extension

    if not permissions.can_manage_consultation(acting_user, consultation):
        raise ConsultationError("您无权延长该意见征集。")
    reason = (reason or "").strip()
    if not reason:
        raise ConsultationError("请填写延长征集期限的理由，理由将向社会公开。")
    now = timezone.now()
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        previous = locked.closes_at
        if (
            previous is None
            or locked.is_internal
            or not locked.is_public
            or not locked.is_open_at(now)
        ):
            raise ConsultationError("只有正在公开征集的意见征集可以延长期限。")
        if closes_at <= previous:
            raise ConsultationError(
                f"新的截止时间须晚于原截止时间（{timezone.localtime(previous):%Y-%m-%d %H:%M}）。"
            )
        Extension.objects.create(
            consultation=locked,
            previous_closes_at=previous,
            closes_at=closes_at,
            reason=reason,
            extended_by=acting_user,
            extended_at=now,
        )
        locked.closes_at = closes_at
        locked.save(update_fields=["closes_at", "updated_at"])
        audit_record(
            action=AuditAction.OTHER,
            actor=acting_user,
            target=locked,
            detail=f"延长意见征集期限至 {timezone.localtime(closes_at):%Y-%m-%d %H:%M}：{reason}",
        )
        catalogue_changed()  # the public page shows the new closing time
    return locked
