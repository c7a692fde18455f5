"""Who may see and do what with disclosure requests. The only module of this app
that calls django-guardian.

- The office (`accounts.roles.is_office_member`: the 办公室审核员 role, or the head
  of the office, a 股室负责人 of the section marked `is_office`) sees and handles
  every request: confirms receipt, registers paper requests, assigns, approves
  answers, records 复议/诉讼, answers complaints.
- A section's staff (股室信息员, 股室负责人) see and handle only the requests assigned
  to their section: `handle_request` is granted on the request to the section's
  member group when the office assigns it (and taken back on reassignment).
- The leader in charge (分管领导) oversees every request, with the applicants'
  personal data masked: they do not handle requests.
- Only the head of the disclosure office approves an extension (Reg. 33(2)).
- Anyone else, anonymous users included, sees nothing (404).
"""

from django.db.models import QuerySet
from guardian.shortcuts import assign_perm, get_objects_for_user, remove_perm

from accounts.roles import (
    SECTION_STAFF,
    Role,
    has_role,
    is_active_user,
    is_office_head,
    is_office_member,
)
from disclosure.models import Section
from requests_app.models import Complaint, DisclosureRequest, RemedyCase

HANDLE = "requests_app.handle_request"


def sync_request_permissions(*, request: DisclosureRequest, old_section: Section | None) -> None:
    """Give the assigned section's group `handle_request` on `request`; take it from
    the previous section's group."""
    if old_section is not None and old_section.pk != request.section_id:
        remove_perm("handle_request", old_section.group, request)
    section = request.section if request.section_id else None
    if section is not None:
        assign_perm("handle_request", section.group, request)


def requests_handled_by(user) -> QuerySet[DisclosureRequest]:
    """Requests `user` handles (sees unmasked)."""
    if not is_active_user(user):
        return DisclosureRequest.objects.none()
    if is_office_member(user):
        return DisclosureRequest.objects.all()
    if has_role(user, *SECTION_STAFF):
        return get_objects_for_user(
            user,
            HANDLE,
            klass=DisclosureRequest,
            use_groups=True,
            with_superuser=False,
            accept_global_perms=False,
        )
    return DisclosureRequest.objects.none()


def requests_visible_to(user) -> QuerySet[DisclosureRequest]:
    """Requests `user` may see in the back office."""
    if not is_active_user(user):
        return DisclosureRequest.objects.none()
    if is_office_member(user) or has_role(user, Role.LEADER):
        return DisclosureRequest.objects.all()
    return requests_handled_by(user)


def can_use_requests(user) -> bool:
    """May open the staff pages of this app at all."""
    return (
        is_office_member(user) or has_role(user, Role.LEADER, *SECTION_STAFF)
    ) and is_active_user(user)


def can_view_request(user, request: DisclosureRequest) -> bool:
    return requests_visible_to(user).filter(pk=request.pk).exists()


def can_handle_request(user, request: DisclosureRequest) -> bool:
    """Section work on the request: drafting, consultations, fees, corrections."""
    return requests_handled_by(user).filter(pk=request.pk).exists()


def can_see_personal_data(user, request: DisclosureRequest) -> bool:
    """Unmasked applicant data only for those who handle the request."""
    return can_handle_request(user, request)


def handled_ids(user, requests) -> set[int]:
    """Of `requests`, the ids `user` handles (one query, for lists)."""
    if is_office_member(user):
        return {r.pk for r in requests}
    ids = [r.pk for r in requests]
    return set(requests_handled_by(user).filter(pk__in=ids).values_list("pk", flat=True))


def can_manage_requests(user) -> bool:
    """The office's acts: confirm receipt, register, assign, approve, return, discard."""
    return is_office_member(user)


def can_decide_extension(user, request: DisclosureRequest) -> bool:
    """Reg. 33(2): 经政府信息公开工作机构负责人同意."""
    return is_office_head(user)


def can_decide_discard(user) -> bool:
    """Not taking an online submission as a request: the head of the office decides
    (no submission disappears on one person's word)."""
    return is_office_head(user)


def can_record_remedy(user) -> bool:
    return is_office_member(user)


def remedies_visible_to(user) -> QuerySet[RemedyCase]:
    if not is_active_user(user):
        return RemedyCase.objects.none()
    return RemedyCase.objects.filter(request__in=requests_visible_to(user))


def complaints_visible_to(user) -> QuerySet[Complaint]:
    if not is_active_user(user):
        return Complaint.objects.none()
    return Complaint.objects.filter(request__in=requests_visible_to(user))


def can_answer_complaints(user) -> bool:
    return is_office_member(user)


def can_answer_complaint(user, complaint: Complaint) -> bool:
    return can_answer_complaints(user)


# Which role may take which action (the transitions map says *when*).
def _office_actions():
    from requests_app.transitions import Action

    return {
        Action.CONFIRM_RECEIPT,
        Action.PROPOSE_DISCARD,
        Action.ASSIGN,
        Action.RETURN_DRAFT,
        Action.APPROVE,
        Action.WITHDRAW,
        Action.ANSWER_ON_SPOT,
        Action.DECIDE_REASONS,
    }


def _handler_actions():
    from requests_app.transitions import Action

    return {
        Action.REQUEST_CORRECTION,
        Action.RECEIVE_CORRECTION,
        Action.LAPSE_CORRECTION,
        Action.START_PAUSE,
        Action.END_PAUSE,
        Action.APPLY_EXTENSION,
        Action.NOTIFY_FEE,
        Action.RECORD_PAYMENT,
        Action.LAPSE_FEE,
        Action.SUBMIT_DRAFT,
        Action.ASK_REASONS,
    }


def can_take_action(user, action, request: DisclosureRequest) -> bool:
    """Whether `user`'s role allows `action` on `request` (the state is checked by
    the transitions map, in the service)."""
    from requests_app.transitions import Action

    if action == Action.DECIDE_EXTENSION:
        return can_decide_extension(user, request)
    if action == Action.DISCARD:
        return can_decide_discard(user)
    if action in _office_actions():
        return can_manage_requests(user)
    if action in _handler_actions():
        return can_handle_request(user, request)
    return False


def can_configure_notices(user) -> bool:
    """The office names the 复议机关, the court and the complaint route once, and
    uploads the seal image, for every 告知书."""
    return is_office_member(user)
