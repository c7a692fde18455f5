"""E-mail through the task queue (common.tasks): a page never waits for the mail
server, and a mail server that is down delays mail without losing it — each message
is a queued task, tried again after a growing delay (about a day in all) and, if
it still fails, kept as a failed task the administrator sees in the back office.

Call `send_later` inside the service's transaction: the message goes only if the
change commits."""

from __future__ import annotations

import logging
import smtplib

from django.core.mail import send_mail
from django.tasks import task

from common.tasks import enqueue, retry_later

logger = logging.getLogger(__name__)


@task
def deliver(*, subject: str, body: str, to: list[str], attempt: int = 1) -> str:
    """Send one message (DEFAULT_FROM_EMAIL as the sender)."""
    try:
        send_mail(subject, body, None, to)
    except (smtplib.SMTPException, OSError):
        # The server refused, was unreachable or timed out: that passes. Neither the
        # address nor the text goes to the log (personal data).
        if retry_later(
            deliver, attempt=attempt, kwargs={"subject": subject, "body": body, "to": to}
        ):
            return "retry"
        logger.exception("mail %r could not be sent after %d attempts", subject, attempt)
        raise
    return "sent"


def send_later(subject: str, body: str, to: list[str]) -> None:
    """Queue one message to `to` (one address, or a few who may see each other)."""
    if to:
        enqueue(deliver, after_commit=True, subject=subject, body=body, to=list(to))
