"""The office's "立即巡查" as a background task (common.tasks). An inspection reads
every public attachment: minutes on a large site, longer than a request may take.
(Named `background`, not `tasks`: in this app a task is a 整改任务.)

`request_run` checks the permission and queues the run; inline (demo, tests) the
run has finished when it returns, in production the worker does it."""

from __future__ import annotations

from django.tasks import TaskResult, TaskResultStatus, task

from accounts.models import User
from inspection import permissions
from inspection.models import InspectionRun, RunTrigger
from inspection.services import InspectionError, inspection_run


@task
def run_inspection(*, user_id: int) -> int:
    """Inspect the site today for `user_id` (who asked); returns the run's id."""
    user = User.objects.get(pk=user_id)
    return inspection_run(acting_user=user, trigger=RunTrigger.MANUAL).pk


def request_run(*, acting_user: User) -> TaskResult:
    if not permissions.can_run_inspection(acting_user):
        raise InspectionError("只有局办公室可以发起巡查。")
    return run_inspection.enqueue(user_id=acting_user.pk)


def finished_run(result: TaskResult) -> InspectionRun | None:
    """The report, when the run has already finished (tasks run inline)."""
    if result.status != TaskResultStatus.SUCCESSFUL:
        return None
    return InspectionRun.objects.get(pk=result.return_value)


def failed(result: TaskResult) -> bool:
    return result.status == TaskResultStatus.FAILED
