"""Writes of 政务咨询: submit (public form), route (office), answer (the section or the
office), publish in the Q&A (office)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from audit.models import AuditAction
from audit.services import audit_record
from common.errors import PortalError
from common.ratelimit import client_digest
from disclosure.models import Section
from enquiries import permissions
from enquiries.models import Enquiry, EnquiryStatus


class EnquiryError(PortalError):
    """A refused operation; the message (Chinese) is shown to the user."""


def enquiry_submit(
    *, subject: str, question: str, contact: str, name: str = "", client: str = ""
) -> Enquiry:
    """Record a citizen's question. Name optional, contact required (it is how the
    answer reaches them); neither is ever public."""
    enquiry = Enquiry(
        subject=(subject or "").strip(),
        question=(question or "").strip(),
        contact=(contact or "").strip(),
        name=(name or "").strip(),
        client_digest=client_digest(client, purpose="enquiry") if client else "",
    )
    enquiry.full_clean()
    enquiry.save()
    return enquiry


def _locked(enquiry: Enquiry) -> Enquiry:
    return Enquiry.objects.select_for_update().get(pk=enquiry.pk)


def enquiry_route(*, enquiry: Enquiry, section: Section, acting_user) -> Enquiry:
    """The office sends a question to the section responsible for the matter."""
    if not permissions.can_route(acting_user):
        raise EnquiryError("只有局办公室可以分办政务咨询。")
    with transaction.atomic():
        locked = _locked(enquiry)
        if locked.status == EnquiryStatus.ANSWERED:
            raise EnquiryError("该咨询已答复，不能再分办。")
        locked.section = section
        locked.status = EnquiryStatus.ROUTED
        locked.routed_at = timezone.now()
        locked.save(update_fields=["section", "status", "routed_at"])
    return locked


def enquiry_answer(*, enquiry: Enquiry, answer: str, acting_user) -> Enquiry:
    """Answer a question (the section it was routed to, or the office)."""
    answer = (answer or "").strip()
    if not answer:
        raise EnquiryError("请填写答复内容。")
    with transaction.atomic():
        locked = _locked(enquiry)
        if not permissions.can_answer(acting_user, locked):
            raise EnquiryError("您无权答复该咨询。")
        if locked.status == EnquiryStatus.ANSWERED:
            raise EnquiryError("该咨询已答复。")
        locked.answer = answer
        locked.status = EnquiryStatus.ANSWERED
        locked.answered_at = timezone.now()
        locked.answered_by = acting_user
        locked.save(update_fields=["answer", "status", "answered_at", "answered_by"])
    return locked


def enquiry_publish(*, enquiry: Enquiry, publish: bool, acting_user) -> Enquiry:
    """Show (or withdraw) an answered question in the public Q&A; the asker's name
    and contact never are."""
    from common.pagecache import catalogue_changed

    if not permissions.can_publish(acting_user):
        raise EnquiryError("只有局办公室可以公开政务咨询。")
    with transaction.atomic():
        locked = _locked(enquiry)
        if publish and locked.status != EnquiryStatus.ANSWERED:
            raise EnquiryError("只有已答复的咨询可以公开。")
        locked.is_published = publish
        locked.save(update_fields=["is_published"])
        audit_record(
            action=AuditAction.OTHER,
            actor=acting_user,
            target=locked,
            detail="公开政务咨询" if publish else "撤回公开的政务咨询",
        )
        catalogue_changed()
    return locked
