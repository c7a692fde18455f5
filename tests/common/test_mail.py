"""Mail through the task queue (common.mail, common.tasks): nothing for a step that
did not commit, and an SMTP outage delays mail without losing any."""

import datetime
import socket

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from common import tasks
from common.mail import send_later
from tests.common.smtp_server import SMTPServer

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _smtp(settings, port: int) -> None:
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 5},
        }
    }


def _work() -> None:
    """What the worker process does: run every task that is due, then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


# --- inline (the demo and the tests) ------------------------------------------------


@pytest.mark.django_db
def test_inline_mail_goes_when_the_step_commits(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_later("【已发布】通知", "正文", ["clerk@rsj.example.gov.cn"])
        assert mailoutbox == []  # not before the commit
    [message] = mailoutbox
    assert message.subject == "【已发布】通知"
    assert message.to == ["clerk@rsj.example.gov.cn"]


@pytest.mark.django_db
def test_inline_mail_of_a_rolled_back_step_never_goes(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        try:
            with transaction.atomic():
                send_later("【已发布】通知", "正文", ["clerk@rsj.example.gov.cn"])
                raise RuntimeError("the step failed")
        except RuntimeError:
            pass
    assert mailoutbox == []


def test_nobody_to_write_to_queues_nothing(mailoutbox):
    send_later("x", "y", [])
    assert mailoutbox == []


# --- queued in the database (production) ------------------------------------------


@pytest.mark.django_db
def test_the_message_is_queued_with_the_step_and_rolled_back_with_it(settings):
    settings.TASKS = DB_TASKS
    with transaction.atomic():
        send_later("【已发布】通知", "正文", ["a@example.gov.cn"])
        assert DBTaskResult.objects.count() == 1
    try:
        with transaction.atomic():
            send_later("【退回修改】通知", "正文", ["b@example.gov.cn"])
            raise RuntimeError("the step failed")
    except RuntimeError:
        pass
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "common.mail.deliver"
    assert queued.args_kwargs["kwargs"]["subject"] == "【已发布】通知"
    assert mail.outbox == []  # nothing sent inside the request


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_smtp_outage_delays_mail_and_loses_none(settings):
    settings.TASKS = DB_TASKS
    port = _free_port()
    _smtp(settings, port)  # nothing listens there yet: the mail server is down
    send_later(
        "【政府信息公开申请】申请已答复", "请凭申请编号查看答复。", ["applicant@example.com"]
    )

    _work()  # refused: tried again in a minute
    [first, retry] = DBTaskResult.objects.order_by("enqueued_at")
    assert first.return_value == "retry"
    assert retry.args_kwargs["kwargs"]["attempt"] == 2
    assert retry.status == "READY"
    assert retry.run_after > timezone.now() + datetime.timedelta(seconds=50)

    _work()  # not due yet: nothing happens
    assert DBTaskResult.objects.count() == 2

    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=61), tick=True):
        _work()  # still down: the next delay is 5 minutes
    assert DBTaskResult.objects.count() == 3

    with SMTPServer(port) as server:  # the mail server is back
        with time_machine.travel(timezone.now() + datetime.timedelta(minutes=7), tick=True):
            _work()
        _work()  # nothing left to do: no duplicate
    [(recipients, message)] = server.messages
    assert recipients == ["applicant@example.com"]
    assert message["Subject"] == "【政府信息公开申请】申请已答复"
    assert "请凭申请编号查看答复。" in message.get_content()
    last = DBTaskResult.objects.order_by("-enqueued_at").first()
    assert last.return_value == "sent"
    assert DBTaskResult.objects.filter(status="FAILED").count() == 0


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_message_that_never_goes_is_kept_as_a_failed_task(settings, monkeypatch):
    settings.TASKS = DB_TASKS
    _smtp(settings, _free_port())  # down for good
    monkeypatch.setattr(tasks, "RETRY_DELAYS", (0, 0))
    monkeypatch.setattr(tasks, "MAX_ATTEMPTS", 3)
    send_later("【整改任务】新的整改任务", "正文", ["section@example.gov.cn"])
    for _ in range(4):
        _work()
    results = list(DBTaskResult.objects.order_by("enqueued_at"))
    assert [r.args_kwargs["kwargs"].get("attempt", 1) for r in results] == [1, 2, 3]
    assert [r.status for r in results] == ["SUCCESSFUL", "SUCCESSFUL", "FAILED"]
    # The failed task keeps the whole message: the administrator can send it again.
    assert results[-1].args_kwargs["kwargs"]["to"] == ["section@example.gov.cn"]
    assert "ConnectionRefusedError" in results[-1].exception_class_path
