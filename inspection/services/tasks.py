"""Rectification tasks (整改): created, answered, verified, sent back, cancelled."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from common.uploads import validate_upload
from disclosure.models import Section
from inspection import permissions
from inspection.models import (
    Finding,
    RectificationTask,
    TaskAction,
    TaskEvent,
    TaskEvidence,
)
from inspection.services._common import (
    DEFAULT_DEADLINE_WORKDAYS,
    MAX_EVIDENCE_FILES,
    InspectionError,
    _check_deadline,
    _check_transition,
    due_date,
)


def open_task_for(finding: Finding) -> RectificationTask | None:
    """An open task for the same problem (same fingerprint), from any run."""
    if hasattr(finding, "task"):
        return finding.task if finding.task.is_open else None
    if not finding.fingerprint:
        return None
    return RectificationTask.objects.open().filter(finding__fingerprint=finding.fingerprint).first()


def _event(task, action, actor, note="") -> TaskEvent:
    return TaskEvent.objects.create(
        task=task,
        action=action,
        actor=actor,
        note=note,
        status_after=task.status,
        due_on_after=task.due_on,
    )


def task_create(
    *,
    finding: Finding,
    requirement: str,
    deadline_workdays: int = DEFAULT_DEADLINE_WORKDAYS,
    section: Section | None = None,
    title: str = "",
    acting_user,
) -> RectificationTask:
    """Assign `finding` to its responsible section (or `section`) with a deadline of
    `deadline_workdays` working days from today."""
    if not permissions.can_create_task(acting_user):
        raise InspectionError("只有局办公室可以交办整改任务。")
    _check_deadline(deadline_workdays)
    section = section or finding.section
    if section is None:
        raise InspectionError("请指定责任股室。")
    if not requirement.strip():
        raise InspectionError("请填写整改要求。")
    with transaction.atomic():
        finding = Finding.objects.select_for_update().get(pk=finding.pk)
        if RectificationTask.objects.filter(finding=finding).exists():
            raise InspectionError("该问题已交办整改任务。")
        existing = open_task_for(finding)
        if existing is not None:
            raise InspectionError(
                f"同一问题已有未办结的整改任务（第 {existing.pk} 号），请勿重复交办。"
            )
        today = timezone.localdate()
        due = due_date(today, int(deadline_workdays))
        task = RectificationTask.objects.create(
            finding=finding,
            section=section,
            title=(title.strip() or f"{finding.get_kind_display()}：{finding.subject}")[:300],
            requirement=requirement.strip(),
            assigned_on=today,
            deadline_workdays=int(deadline_workdays),
            due_on=due.date,
            due_confirmed=due.confirmed,
            created_by=acting_user,
        )
        _event(task, TaskAction.CREATED, acting_user, task.requirement)
        _notify_section(task, "新的整改任务")
    return task


def _locked(task: RectificationTask) -> RectificationTask:
    return RectificationTask.objects.select_for_update().get(pk=task.pk)


def task_answer(
    *, task: RectificationTask, answer: str, files=(), acting_user
) -> RectificationTask:
    """The section reports what it did, with evidence files (checked by content)."""
    files = list(files or [])
    if not answer.strip():
        raise InspectionError("请填写整改情况。")
    if len(files) > MAX_EVIDENCE_FILES:
        raise InspectionError(f"佐证材料最多上传 {MAX_EVIDENCE_FILES} 个文件。")
    checked = [validate_upload(f) for f in files]  # raises ValidationError in Chinese
    with transaction.atomic():
        task = _locked(task)
        target = _check_transition(task, TaskAction.ANSWERED)
        if not permissions.can_answer_task(acting_user, task):
            raise InspectionError("只有责任股室的工作人员可以反馈整改情况。")
        task.status = target
        task.answer = answer.strip()
        task.answered_at = timezone.now()
        task.answered_by = acting_user
        task.save(update_fields=["status", "answer", "answered_at", "answered_by", "updated_at"])
        event = _event(task, TaskAction.ANSWERED, acting_user, task.answer)
        for upload, info in zip(files, checked, strict=True):
            evidence = TaskEvidence(
                task=task,
                event=event,
                title=upload.name[:200],
                size=info.size,
                content_type=info.content_type,
                uploaded_by=acting_user,
            )
            evidence.file.save(upload.name, upload, save=False)
            evidence.save()
    return task


def task_verify(*, task: RectificationTask, note: str = "", acting_user) -> RectificationTask:
    """The office checks the answer and closes the task (Art. 4 (五): 检查并反馈整改成效)."""
    with transaction.atomic():
        task = _locked(task)
        target = _check_transition(task, TaskAction.VERIFIED)
        if not permissions.can_manage_tasks(acting_user):
            raise InspectionError("只有局办公室可以核验整改情况。")
        if not permissions.can_verify_task(acting_user, task):
            raise InspectionError("不能核验自己反馈的整改情况，请由办公室其他人员核验。")
        task.status = target
        task.verified_at = timezone.now()
        task.verified_by = acting_user
        task.save(update_fields=["status", "verified_at", "verified_by", "updated_at"])
        _event(task, TaskAction.VERIFIED, acting_user, note.strip())
    return task


def task_send_back(
    *,
    task: RectificationTask,
    opinion: str,
    deadline_workdays: int = 5,
    acting_user,
) -> RectificationTask:
    """The answer does not fix the problem: back to the section with an opinion and a
    new deadline counted from today."""
    if not opinion.strip():
        raise InspectionError("退回须填写意见。")
    _check_deadline(deadline_workdays)
    with transaction.atomic():
        task = _locked(task)
        target = _check_transition(task, TaskAction.SENT_BACK)
        if not permissions.can_manage_tasks(acting_user):
            raise InspectionError("只有局办公室可以退回整改任务。")
        if not permissions.can_verify_task(acting_user, task):
            raise InspectionError("不能核验自己反馈的整改情况，请由办公室其他人员核验。")
        due = due_date(timezone.localdate(), int(deadline_workdays))
        task.status = target
        task.deadline_workdays = int(deadline_workdays)
        task.due_on = due.date
        task.due_confirmed = due.confirmed
        task.save(
            update_fields=["status", "deadline_workdays", "due_on", "due_confirmed", "updated_at"]
        )
        _event(task, TaskAction.SENT_BACK, acting_user, opinion.strip())
        _notify_section(task, "整改任务被退回")
    return task


def task_cancel(*, task: RectificationTask, reason: str, acting_user) -> RectificationTask:
    """Withdraw a task (e.g. the finding was mistaken), with a reason."""
    if not reason.strip():
        raise InspectionError("撤销须填写理由。")
    with transaction.atomic():
        task = _locked(task)
        target = _check_transition(task, TaskAction.CANCELLED)
        if not permissions.can_manage_tasks(acting_user):
            raise InspectionError("只有局办公室可以撤销整改任务。")
        task.status = target
        task.save(update_fields=["status", "updated_at"])
        _event(task, TaskAction.CANCELLED, acting_user, reason.strip())
    return task


def _notify_section(task: RectificationTask, subject: str) -> None:
    """Email the section's members (queued, sent once the change commits)."""
    from django.urls import reverse

    from common.links import absolute_url
    from common.mail import send_later

    recipients = list(
        task.section.group.user_set.filter(is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    send_later(
        f"【整改任务】{subject}：{task.title}"[:200],
        (
            f"{task.section.name}：\n\n局办公室交办的整改任务“{task.title}”"
            f"请于 {task.due_on:%Y-%m-%d} 前完成整改并反馈。\n\n"
            f"整改要求：{task.requirement}\n\n"
            # reverse(): the link carries the URL prefix when the portal runs as a
            # channel of the county's site (settings.URL_PREFIX).
            f"{absolute_url(reverse('inspection:task_detail', args=[task.pk]))}"
        ),
        recipients,
    )
