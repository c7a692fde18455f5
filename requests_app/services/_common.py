"""Helpers shared by the services: the clock seam, locking, the transitions check,
dated steps, mail to the applicant, serial numbers and files."""

import datetime
import logging
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any

from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from common.errors import PortalError
from common.links import absolute_url
from common.mail import send_later
from common.uploads import validate_upload
from requests_app.models import (
    DisclosureRequest,
    RequestEvent,
    RequestFile,
    Status,
)
from requests_app.transitions import TRANSITIONS, Action

logger = logging.getLogger(__name__)


class RequestError(PortalError):
    """A refused operation; the message (Chinese) is shown to the user."""


# The secret query code: 10 characters without look-alikes (0/O, 1/I/L).
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10

APPLICANT_FIELDS = (
    "applicant_type",
    "organisation_kind",
    "applicant_name",
    "id_type",
    "id_number",
    "legal_representative",
    "contact_person",
    "phone",
    "email",
    "address",
    "postcode",
    "info_title",
    "info_document_number",
    "info_description",
    "info_form",
    "delivery_method",
)


@dataclass(frozen=True)
class Seams:
    """What a replay may change about the services' surroundings. Tests travel in time
    with time-machine; the demo replays past steps "on" their day and, its applicants
    being invented, sends them no mail. Nothing else changes these."""

    now: datetime.datetime | None = None  # the services' clock; None: the real time
    mail_applicants: bool = True


# One context variable, not module globals: a change is scoped to a `with` block
# (and to its thread or task), and undone on leaving it.
SEAMS: ContextVar[Seams] = ContextVar("requests_app_service_seams", default=Seams())


@contextmanager
def seams(**changes: Any) -> Iterator[Seams]:
    """Run the services with `changes` to SEAMS (`now=`, `mail_applicants=`)."""
    token = SEAMS.set(replace(SEAMS.get(), **changes))
    try:
        yield SEAMS.get()
    finally:
        SEAMS.reset(token)


def _known[T](value: T | None, what: str) -> T:
    """`value`, which the request's state guarantees (a received request has its date,
    a running clock its deadline); a refusal rather than a crash if it is missing."""
    if value is None:
        raise RequestError(f"申请缺少{what}，不能执行此操作。")
    return value


def _now() -> datetime.datetime:
    return SEAMS.get().now or timezone.now()


def _today() -> datetime.date:
    return timezone.localdate(_now())


def normalise_code(code: str) -> str:
    return "".join(code.split()).replace("-", "").upper()


def normalise_tracking_number(number: str) -> str:
    return "".join(number.split()).replace("-", "").upper()


def format_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def _lock(request: DisclosureRequest) -> DisclosureRequest:
    return (
        DisclosureRequest.objects.select_for_update(of=("self",))
        .select_related("section", "section__group")
        .get(pk=request.pk)
    )


def _check(action: Action, req: DisclosureRequest) -> None:
    if Status(req.status) not in TRANSITIONS[action].sources:
        raise RequestError(
            f"申请当前状态为“{req.get_status_display()}”，不能执行“{action.label}”。"
        )


def _move(action: Action, req: DisclosureRequest, target: Status) -> None:
    if target not in TRANSITIONS[action].targets:  # a programming error, not a refusal
        raise ValueError(f"{action} does not lead to {target}")
    req.status = target


def _event(
    req: DisclosureRequest,
    action: Action | str,
    *,
    actor=None,
    on: datetime.date | None = None,
    public_text: str = "",
    note: str = "",
) -> RequestEvent:
    return RequestEvent.objects.create(
        request=req,
        action=str(action),
        at=_now(),
        on=on,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        public_text=public_text[:300],
        note=note,
    )


def _mail_applicant(req: DisclosureRequest, subject: str, body: str) -> None:
    """Mail the applicant, if they gave an address: queued, sent once the step
    commits (common.mail)."""
    if not req.email or not SEAMS.get().mail_applicants:
        return
    email = req.email
    text = (
        f"{body}\n\n申请编号：{req.tracking_number}\n"
        f"查询办理进度：{absolute_url(reverse('requests_app:track'))}\n"
        "（本邮件由系统自动发送，请勿直接回复。）"
    )
    send_later(f"【政府信息公开申请】{subject}", text, [email])


def _begin(
    request: DisclosureRequest,
    action: Action,
    acting_user: User | None = None,
    *,
    may: Callable[[User, DisclosureRequest], bool] | None = None,
    refusal: str = "您没有权限执行此操作。",
) -> DisclosureRequest:
    """The start of every transition service: lock the request, check the acting
    user's right (`may`, unless the caller checked it before locking, or the caller
    is a system job: `acting_user` None), then the source state in TRANSITIONS."""
    req = _lock(request)
    if may is not None and acting_user is not None:
        _require(may(acting_user, req), refusal)
    _check(action, req)
    return req


def _require(ok: bool, message: str = "您没有权限执行此操作。") -> None:
    if not ok:
        raise RequestError(message)


def _store_files(req, files, *, kind: str, acting_user=None) -> list[RequestFile]:
    stored = []
    for f in files or []:
        checked = validate_upload(f)  # raises ValidationError (Chinese) on bad content/size
        stored.append(
            RequestFile.objects.create(
                request=req,
                kind=kind,
                file=f,
                name=f.name[:200],
                content_type=checked.content_type,
                size=checked.size,
                uploaded_by=acting_user
                if getattr(acting_user, "is_authenticated", False)
                else None,
            )
        )
    return stored


def _close(req: DisclosureRequest, action: Action, outcome: str, on: datetime.date) -> None:
    """Conclude: outcome and closing date together (the annual report reads them)."""
    _move(action, req, Status.CLOSED)
    req.outcome = outcome
    req.closed_on = on
    # A pause cannot outlive the request.
    req.pauses.filter(ended_on=None).update(ended_on=on)
