"""Background work on Django's tasks framework (settings.TASKS).

In production the queue is a table in the portal's own database (django-tasks-db)
and `manage.py db_worker` runs the tasks; the demo and the tests run them inline
(ImmediateBackend). Two helpers every app uses:

- `enqueue(task, after_commit=…, **kwargs)`: queue a task from inside a service.
  A queue in the same database takes its row inside the service's transaction —
  committed or rolled back with the change, so nothing is lost between the two and
  nothing runs for a change that did not happen. Inline, the task runs at once
  (`after_commit=False`, e.g. the search index, which the same transaction reads)
  or once the transaction has committed (`after_commit=True`, e.g. mail: a rolled
  back step sends nothing).
- `retry_later(task, attempt=…, kwargs=…)`: inside a task whose work failed for a
  reason that passes (a mail server down), queue the same task again after a
  growing delay; False when the attempts are used up or the backend cannot defer
  (the caller then raises, and the failure is recorded with the task)."""

from __future__ import annotations

import datetime
import logging
from functools import partial
from typing import Any

from django.db import transaction
from django.tasks import Task
from django.utils import timezone

logger = logging.getLogger(__name__)

# Delays before attempts 2, 3, …: a minute, then longer, about a day in all.
RETRY_DELAYS = (60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600)
MAX_ATTEMPTS = len(RETRY_DELAYS) + 1


def _queued_in_database(task: Task) -> bool:
    return type(task.get_backend()).__module__.startswith("django_tasks_db")


def enqueue(task: Task, *, after_commit: bool, **kwargs: Any) -> None:
    if _queued_in_database(task):
        task.enqueue(**kwargs)
    elif after_commit:
        transaction.on_commit(partial(task.enqueue, **kwargs), robust=True)
    else:
        task.enqueue(**kwargs)


def retry_later(task: Task, *, attempt: int, kwargs: dict[str, Any]) -> bool:
    if attempt >= MAX_ATTEMPTS or not task.get_backend().supports_defer:
        return False
    delay = RETRY_DELAYS[attempt - 1]
    run_after = timezone.now() + datetime.timedelta(seconds=delay)
    task.using(run_after=run_after).enqueue(**{**kwargs, "attempt": attempt + 1})
    logger.warning(
        "task %s failed (attempt %d of %d); again in %d s",
        task.name,
        attempt,
        MAX_ATTEMPTS,
        delay,
    )
    return True
