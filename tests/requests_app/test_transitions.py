"""Every action refused from every state the transitions map does not allow, and
allowed from every state it does (generated from the map)."""

import pytest

from requests_app import services
from requests_app.models import DisclosureRequest, PauseKind, Status
from requests_app.outcomes import Outcome
from requests_app.services import RequestError
from requests_app.transitions import TRANSITIONS, Action, actions_from
from tests.requests_app.factories import D, applicant_data, assigned, at, draft_args, registered

pytestmark = pytest.mark.django_db

RECEIVED = D(2026, 3, 2)
TODAY = D(2026, 3, 3)


def office_head_of(office):
    from accounts.roles import Role
    from disclosure.models import Section
    from tests.factories import staff

    return staff(Role.SECTION_HEAD, Section.objects.get(is_office=True))


def build(status: Status, office, section, clerk) -> DisclosureRequest:
    """A request in `status`, reached through the services."""
    if status == Status.SUBMITTED:
        with at(RECEIVED):
            return services.request_submit(data=applicant_data()).request
    if status == Status.DISCARDED:
        req = build(Status.SUBMITTED, office, section, clerk)
        with at(RECEIVED):
            services.request_discard_propose(request=req, reason="no_content", acting_user=office)
            return services.request_discard(request=req, acting_user=office_head_of(office))
    if status == Status.RECEIVED:
        return registered(office, RECEIVED)
    req = assigned(office, section, RECEIVED)
    with at(RECEIVED):
        if status == Status.AWAITING_CORRECTION:
            services.request_correction_ask(request=req, items="补充", acting_user=clerk)
        elif status == Status.AWAITING_FEE:
            services.request_fee_notify(request=req, scheme="per_page", pages=50, acting_user=clerk)
        elif status in (Status.DRAFTED, Status.CLOSED):
            services.request_draft_submit(
                request=req, **draft_args(Outcome.DISCLOSED), text="答复", acting_user=clerk
            )
            if status == Status.CLOSED:
                services.request_approve(request=req, acting_user=office)
    req = DisclosureRequest.objects.get(pk=req.pk)
    assert req.status == status
    return req


def call(action: Action, req: DisclosureRequest, user, section):
    """The service of `action` with valid arguments."""
    s = services
    calls = {
        Action.CONFIRM_RECEIPT: lambda: s.request_confirm_receipt(
            request=req, received_on=TODAY, acting_user=user
        ),
        Action.PROPOSE_DISCARD: lambda: s.request_discard_propose(
            request=req, reason="no_content", acting_user=user
        ),
        Action.DISCARD: lambda: s.request_discard(request=req, acting_user=user),
        Action.ASSIGN: lambda: s.request_assign(request=req, section=section, acting_user=user),
        Action.REQUEST_CORRECTION: lambda: s.request_correction_ask(
            request=req, items="x", acting_user=user
        ),
        Action.RECEIVE_CORRECTION: lambda: s.request_correction_receive(
            request=req, received_on=TODAY, acting_user=user
        ),
        Action.LAPSE_CORRECTION: lambda: s.request_correction_lapse(
            request=req, acting_user=user, today=D(2026, 12, 31)
        ),
        Action.START_PAUSE: lambda: s.request_pause_start(
            request=req,
            kind=PauseKind.THIRD_PARTY,
            party="某公司",
            started_on=TODAY,
            acting_user=user,
        ),
        Action.END_PAUSE: lambda: s.request_pause_end(
            request=req, ended_on=TODAY, acting_user=user
        ),
        Action.APPLY_EXTENSION: lambda: s.request_extension_apply(
            request=req, days=5, reason="x", acting_user=user
        ),
        Action.DECIDE_EXTENSION: lambda: s.request_extension_decide(
            request=req, approve=True, acting_user=user
        ),
        Action.NOTIFY_FEE: lambda: s.request_fee_notify(
            request=req, scheme="per_page", pages=40, acting_user=user
        ),
        Action.RECORD_PAYMENT: lambda: s.request_fee_record_payment(
            request=req, paid_on=TODAY, acting_user=user
        ),
        Action.LAPSE_FEE: lambda: s.request_fee_lapse(
            request=req, acting_user=user, today=D(2026, 12, 31)
        ),
        Action.SUBMIT_DRAFT: lambda: s.request_draft_submit(
            request=req, **draft_args(Outcome.DISCLOSED), text="答复", acting_user=user
        ),
        Action.RETURN_DRAFT: lambda: s.request_draft_return(
            request=req, opinion="退回", acting_user=user
        ),
        Action.APPROVE: lambda: s.request_approve(request=req, acting_user=user),
        Action.WITHDRAW: lambda: s.request_withdraw(request=req, note="撤回", acting_user=user),
        Action.ANSWER_ON_SPOT: lambda: s.request_answer_on_the_spot(
            request=req, **draft_args(Outcome.DISCLOSED), acting_user=user
        ),
        Action.ASK_REASONS: lambda: s.request_reasons_ask(
            request=req, items="数量明显超过合理范围", acting_user=user
        ),
        Action.DECIDE_REASONS: lambda: s.request_reasons_decide(
            request=req, decision="reasonable", note="理由合理", answered_on=TODAY, acting_user=user
        ),
    }
    return calls[action]()


STATE_ACTIONS = [a for a in Action if a not in (Action.SUBMIT, Action.REGISTER)]
REFUSALS = [(a, s) for a in STATE_ACTIONS for s in Status if s not in TRANSITIONS[a].sources]


def test_map_covers_every_action_and_targets_are_states():
    assert set(TRANSITIONS) == set(Action)
    for transition in TRANSITIONS.values():
        assert transition.targets
    assert actions_from(Status.CLOSED) == []
    assert actions_from(Status.DISCARDED) == []


@pytest.mark.parametrize(("action", "status"), REFUSALS, ids=lambda v: str(v))
def test_action_refused_outside_its_source_states(
    action, status, office, office_head, section, clerk
):
    req = build(status, office, section, clerk)
    with at(TODAY), pytest.raises(RequestError, match="不能执行"):
        call(action, req, office_head, section)
    assert DisclosureRequest.objects.get(pk=req.pk).status == status


# Allowed moves whose state-independent preconditions the builder meets.
# In Status order (sources are frozensets: their order differs between processes).
ALLOWED = [(a, s) for a in STATE_ACTIONS for s in Status if s in TRANSITIONS[a].sources]
NEEDS_SETUP = {
    # these need an open pause, a pending extension or a passed deadline
    Action.END_PAUSE,
    Action.DECIDE_EXTENSION,
    Action.LAPSE_CORRECTION,
    Action.LAPSE_FEE,
    Action.DISCARD,  # proposed by someone else first (test_discard)
    Action.ANSWER_ON_SPOT,  # the day of an in-person receipt (test_special_answers)
    Action.DECIDE_REASONS,  # reasons asked first (test_special_answers)
}


@pytest.mark.parametrize(
    ("action", "status"), [p for p in ALLOWED if p[0] not in NEEDS_SETUP], ids=lambda v: str(v)
)
def test_action_allowed_from_its_source_states(action, status, office, office_head, section, clerk):
    req = build(status, office, section, clerk)
    with at(TODAY):  # the office head may act as the office; the clerk drafted
        call(action, req, office_head, section)
    after = DisclosureRequest.objects.get(pk=req.pk).status
    assert after in TRANSITIONS[action].targets
