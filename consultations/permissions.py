"""Who may see and do what with consultations and their comments.

- The office (`accounts.roles.is_office_member`: the 办公室审核员 role or the head of
  the office) manages every consultation: drafts, moderates, writes the feedback, exports with
  contacts (seed Art. 4: the office leads disclosure work).
- Staff of the responsible section (the draft item's producing section, Art. 3(3)
  "谁产生，谁公开，谁负责") — 股室信息员 and 股室负责人 who are members of the
  section's group — manage that section's consultations the same way.
- The leader in charge (分管领导) sees every consultation and may export its
  comments, with the commenters' contacts masked.
- Everyone else sees nothing here (404).
"""

from django.db.models import QuerySet

from accounts.roles import (
    SECTION_STAFF,
    Role,
    group_ids,
    has_role,
    is_active_user,
    is_office_member,
)
from consultations.models import Consultation
from disclosure.models import Section


def is_section_staff(user, section: Section) -> bool:
    """A 股室信息员 or 股室负责人 who belongs to `section`."""
    return has_role(user, *SECTION_STAFF) and section.group_id in group_ids(user)


def member_sections(user) -> QuerySet[Section]:
    """Sections in which `user` may start a consultation."""
    if not is_active_user(user):
        return Section.objects.none()
    if is_office_member(user):
        return Section.objects.all()
    if has_role(user, *SECTION_STAFF):
        return Section.objects.filter(group_id__in=group_ids(user))
    return Section.objects.none()


def consultations_visible_to(user) -> QuerySet[Consultation]:
    """Consultations `user` may see in the back office (any state, internal ones too)."""
    if not is_active_user(user):
        return Consultation.objects.none()
    if is_office_member(user) or has_role(user, Role.LEADER):
        return Consultation.objects.all()
    if has_role(user, *SECTION_STAFF):
        return Consultation.objects.filter(item__section__group_id__in=group_ids(user))
    return Consultation.objects.none()


def can_use_staff_pages(user) -> bool:
    """The consultations back office: the office, the leader and section staff."""
    return is_office_member(user) or has_role(user, Role.LEADER, *SECTION_STAFF)


def can_view_consultation(user, consultation: Consultation) -> bool:
    return consultations_visible_to(user).filter(pk=consultation.pk).exists()


def can_create_consultation(user) -> bool:
    return member_sections(user).exists()


def can_manage_consultation(user, consultation: Consultation) -> bool:
    """Edit the draft, moderate comments, record adoption, draft the feedback."""
    if not is_active_user(user):
        return False
    return is_office_member(user) or is_section_staff(user, consultation.item.section)


# Moderation and the feedback belong to the same people as the draft.
can_moderate_comments = can_manage_consultation
can_draft_feedback = can_manage_consultation


def can_see_contacts(user, consultation: Consultation) -> bool:
    """Commenters' contacts: the office and the responsible section's staff only;
    everyone else who may see the comments sees them masked (F8: personal data)."""
    return can_manage_consultation(user, consultation)


def can_export_comments(user, consultation: Consultation) -> bool:
    return can_view_consultation(user, consultation)
