"""Who sees and handles 政务咨询. The office (accounts.roles.is_office_member) routes,
answers and publishes; a section's staff see and answer the questions routed to
their section; the leader reads. Anything else is a 404 (views use
`enquiries_visible_to`)."""

from django.db.models import QuerySet

from accounts.roles import SECTION_STAFF, Role, group_ids, has_role, is_office_member
from enquiries.models import Enquiry


def sees_all(user) -> bool:
    return is_office_member(user) or has_role(user, Role.LEADER)


def can_use_enquiries(user) -> bool:
    return sees_all(user) or has_role(user, *SECTION_STAFF)


def enquiries_visible_to(user) -> QuerySet[Enquiry]:
    if sees_all(user):
        return Enquiry.objects.all()
    if has_role(user, *SECTION_STAFF):
        return Enquiry.objects.filter(section__group_id__in=group_ids(user))
    return Enquiry.objects.none()


def can_route(user) -> bool:
    return is_office_member(user)


def can_publish(user) -> bool:
    return is_office_member(user)


def can_answer(user, enquiry: Enquiry) -> bool:
    if is_office_member(user):
        return True
    section = enquiry.section
    return (
        section is not None
        and has_role(user, *SECTION_STAFF)
        and section.group_id in group_ids(user)
    )
