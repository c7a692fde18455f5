"""Who may do what in inspection and rectification (seed Art. 4).

- The office (`accounts.roles.is_office_member`: the 办公室审核员 role or the head of
  the office) runs inspections, records evaluations, turns findings into
  tasks, verifies and closes or sends back answers, cancels tasks.
- The leader in charge (分管领导) reads everything, changes nothing.
- A section's members (the users in `section.group`) see their own section's tasks
  and answer them; nothing else here.
Anything a user may not see is a 404 (views use the `*_visible_to` querysets)."""

from django.db.models import QuerySet

from accounts.roles import Role, has_role, is_active_user, is_office_member
from disclosure.permissions import sections_of
from inspection.models import (
    SECTION_OWES,
    Evaluation,
    InspectionRun,
    RectificationTask,
    RectificationTaskQuerySet,
    TaskStatus,
)


def sees_all(user) -> bool:
    """The office and the leader in charge see the whole site's findings and tasks."""
    return is_office_member(user) or has_role(user, Role.LEADER)


def can_view_dashboard(user) -> bool:
    return sees_all(user) or sections_of(user).exists()


def can_view_inspections(user) -> bool:
    """Inspection reports and evaluations (the whole site's findings)."""
    return sees_all(user)


def runs_visible_to(user) -> QuerySet[InspectionRun]:
    return (
        InspectionRun.objects.all() if can_view_inspections(user) else InspectionRun.objects.none()
    )


def evaluations_visible_to(user) -> QuerySet[Evaluation]:
    return Evaluation.objects.all() if can_view_inspections(user) else Evaluation.objects.none()


def can_run_inspection(user) -> bool:
    return is_office_member(user)


def can_record_evaluation(user) -> bool:
    return is_office_member(user)


def can_create_task(user) -> bool:
    return is_office_member(user)


def can_manage_tasks(user) -> bool:
    """The office's side of a task: verify, send back, cancel."""
    return is_office_member(user)


def tasks_visible_to(user) -> RectificationTaskQuerySet:
    if not is_active_user(user):
        return RectificationTask.objects.none()
    if sees_all(user):
        return RectificationTask.objects.all()
    return RectificationTask.objects.filter(section__in=sections_of(user))


def can_view_task(user, task: RectificationTask) -> bool:
    return tasks_visible_to(user).filter(pk=task.pk).exists()


def can_answer_task(user, task: RectificationTask) -> bool:
    """Members of the responsible section answer while the task waits on them."""
    return task.status in SECTION_OWES and sections_of(user).filter(pk=task.section_id).exists()


def can_verify_task(user, task: RectificationTask) -> bool:
    """The office verifies, but never its own answer (the office is a section too)."""
    return (
        can_manage_tasks(user)
        and task.status == TaskStatus.ANSWERED
        and task.answered_by_id != getattr(user, "pk", None)
    )


def can_cancel_task(user, task: RectificationTask) -> bool:
    return can_manage_tasks(user) and task.is_open


def can_handle_corrections(user) -> bool:
    """Visitors' 纠错 reports reach the office (seed Art. 4: it maintains the site)."""
    return is_office_member(user)
