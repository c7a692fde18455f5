"""The one transitions map of a request's workflow. Every service that changes a
request checks its action here first; tests generate the refusals from this map."""

from dataclasses import dataclass

from requests_app.models.choices import Action, Status

S = Status

__all__ = ["TRANSITIONS", "Action", "Transition"]


@dataclass(frozen=True)
class Transition:
    sources: frozenset[Status]
    # The possible resulting states; the source state itself when the action does not
    # move the request (a pause, an extension).
    targets: frozenset[Status]


def _t(sources, targets) -> Transition:
    return Transition(frozenset(sources), frozenset(targets))


_CLOCK_RUNNING = (S.RECEIVED, S.ASSIGNED, S.DRAFTED)
_ALL_OPEN = (S.RECEIVED, S.ASSIGNED, S.AWAITING_CORRECTION, S.AWAITING_FEE, S.DRAFTED)

TRANSITIONS: dict[Action, Transition] = {
    Action.SUBMIT: _t((), (S.SUBMITTED,)),  # creation, online
    Action.REGISTER: _t((), (S.RECEIVED,)),  # creation by staff, received at once
    Action.CONFIRM_RECEIPT: _t((S.SUBMITTED,), (S.RECEIVED,)),
    Action.PROPOSE_DISCARD: _t((S.SUBMITTED,), (S.SUBMITTED,)),
    Action.DISCARD: _t((S.SUBMITTED,), (S.DISCARDED,)),
    Action.ASSIGN: _t((S.RECEIVED, S.ASSIGNED), (S.ASSIGNED,)),
    # Reg. 30: the correction comes before any answer is drafted.
    Action.REQUEST_CORRECTION: _t((S.RECEIVED, S.ASSIGNED), (S.AWAITING_CORRECTION,)),
    Action.RECEIVE_CORRECTION: _t((S.AWAITING_CORRECTION,), (S.RECEIVED, S.ASSIGNED)),
    Action.LAPSE_CORRECTION: _t((S.AWAITING_CORRECTION,), (S.CLOSED,)),
    Action.START_PAUSE: _t((S.RECEIVED, S.ASSIGNED), (S.RECEIVED, S.ASSIGNED)),
    Action.END_PAUSE: _t(_CLOCK_RUNNING, _CLOCK_RUNNING),
    Action.APPLY_EXTENSION: _t(_CLOCK_RUNNING, _CLOCK_RUNNING),
    Action.DECIDE_EXTENSION: _t(_CLOCK_RUNNING, _CLOCK_RUNNING),
    Action.NOTIFY_FEE: _t((S.ASSIGNED,), (S.AWAITING_FEE,)),
    Action.RECORD_PAYMENT: _t((S.AWAITING_FEE,), (S.ASSIGNED,)),
    Action.LAPSE_FEE: _t((S.AWAITING_FEE,), (S.CLOSED,)),
    Action.SUBMIT_DRAFT: _t((S.ASSIGNED,), (S.DRAFTED,)),
    Action.RETURN_DRAFT: _t((S.DRAFTED,), (S.ASSIGNED,)),
    Action.APPROVE: _t((S.DRAFTED,), (S.CLOSED,)),
    Action.WITHDRAW: _t(_ALL_OPEN, (S.CLOSED,)),
    # Reg. 33(1): answered while the applicant is there, on the day of receipt.
    Action.ANSWER_ON_SPOT: _t((S.RECEIVED, S.ASSIGNED), (S.CLOSED,)),
    # Reg. 35: the applicant is asked for reasons, and the office decides on them.
    Action.ASK_REASONS: _t((S.RECEIVED, S.ASSIGNED), (S.RECEIVED, S.ASSIGNED)),
    Action.DECIDE_REASONS: _t((S.RECEIVED, S.ASSIGNED), (S.RECEIVED, S.ASSIGNED)),
}


def allowed(action: Action, status: str) -> bool:
    return Status(status) in TRANSITIONS[action].sources


def actions_from(status: str) -> list[Action]:
    """The actions the map allows from `status` (creation actions excluded)."""
    return [a for a, t in TRANSITIONS.items() if Status(status) in t.sources]
