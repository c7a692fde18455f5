"""Writes of inspection and rectification. Views, the `inspect_site` command and the
demo all call these functions.

Rectification workflow (one map, one service per transition):

    待整改 --answer--> 待核验 --verify--> 已办结
    退回重改 --answer--> 待核验 --send_back--> 退回重改
    待整改 / 退回重改 / 待核验 --cancel--> 已撤销
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from common.errors import PortalError
from common.uploads import validate_upload
from disclosure.models import Column, Item, Section
from inspection import permissions, rules
from inspection.models import (
    Evaluation,
    Finding,
    FindingKind,
    InspectionRun,
    RectificationTask,
    RunTrigger,
    TaskAction,
    TaskEvent,
    TaskEvidence,
    TaskStatus,
)

MIN_DEADLINE_WORKDAYS = 1
MAX_DEADLINE_WORKDAYS = 60
DEFAULT_DEADLINE_WORKDAYS = 10
MAX_EVIDENCE_FILES = 10


class InspectionError(PortalError):
    """A refused operation; the message (Chinese) is shown to the user."""


# action -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    TaskAction.ANSWERED: (
        frozenset({TaskStatus.ASSIGNED, TaskStatus.RETURNED}),
        TaskStatus.ANSWERED,
    ),
    TaskAction.VERIFIED: (frozenset({TaskStatus.ANSWERED}), TaskStatus.CLOSED),
    TaskAction.SENT_BACK: (frozenset({TaskStatus.ANSWERED}), TaskStatus.RETURNED),
    TaskAction.CANCELLED: (
        frozenset({TaskStatus.ASSIGNED, TaskStatus.RETURNED, TaskStatus.ANSWERED}),
        TaskStatus.CANCELLED,
    ),
}


def _check_transition(task: RectificationTask, action: str) -> str:
    sources, target = TRANSITIONS[action]
    if task.status not in sources:
        raise InspectionError(
            f"任务当前状态为“{task.get_status_display()}”，不能{TaskAction(action).label}。"
        )
    return target


def due_date(start: datetime.date, workdays: int):
    """`workdays` working days after `start` on the bureau's calendar (F2)."""
    from workcalendar.selectors import add_workdays

    return add_workdays(start, workdays)


def _check_deadline(workdays: int) -> None:
    if not MIN_DEADLINE_WORKDAYS <= int(workdays) <= MAX_DEADLINE_WORKDAYS:
        raise InspectionError(
            f"整改时限应为 {MIN_DEADLINE_WORKDAYS} 至 {MAX_DEADLINE_WORKDAYS} 个工作日。"
        )


# -- Inspection -----------------------------------------------------------------------


def summarise(drafts: list[rules.FindingDraft], *, columns_checked: int) -> dict:
    counts = {kind.value: 0 for kind in FindingKind if kind != FindingKind.EVALUATION}
    for draft in drafts:
        counts[draft.kind] = counts.get(draft.kind, 0) + 1
    idle = counts[FindingKind.COLUMN_IDLE]
    empty = counts[FindingKind.COLUMN_EMPTY]
    home_idle = counts[FindingKind.HOME_IDLE] > 0
    # 国办秘函〔2019〕19号 单项否决指标, as far as this site's data shows them.
    verdicts: list[dict[str, Any]] = [
        {
            "label": "首页栏目信息超过2周未更新",
            "value": "是" if home_idle else "否",
            "failed": home_idle,
        },
        {
            "label": f"栏目不更新（动态要闻超过2周、通知公告政策文件超过6个月）达{rules.IDLE_COLUMNS_FAIL_AT}个及以上",
            "value": f"{idle} 个",
            "failed": idle >= rules.IDLE_COLUMNS_FAIL_AT,
        },
        {
            "label": f"空白栏目达{rules.EMPTY_COLUMNS_FAIL_AT}个及以上",
            "value": f"{empty} 个",
            "failed": empty >= rules.EMPTY_COLUMNS_FAIL_AT,
        },
    ]
    return {
        "counts": counts,
        "total": len(drafts),
        "columns_checked": columns_checked,
        "verdicts": verdicts,
        "failed": any(v["failed"] for v in verdicts),
    }


def inspection_run(
    *,
    acting_user=None,
    as_of: datetime.date | None = None,
    trigger: str = RunTrigger.MANUAL,
) -> InspectionRun:
    """Inspect the site as it stands on `as_of` (default today) and store the report.
    `acting_user` None means the scheduled job (`manage.py inspect_site`)."""
    if acting_user is not None and not permissions.can_run_inspection(acting_user):
        raise InspectionError("只有局办公室可以发起巡查。")
    as_of = as_of or timezone.localdate()
    started = timezone.now()
    drafts = rules.run_rules(as_of)
    columns_checked = rules.leaf_columns().count()
    with transaction.atomic():
        run = InspectionRun.objects.create(
            as_of=as_of,
            trigger=trigger,
            started_by=acting_user,
            started_at=started,
            home_last_update=rules.home_last_update(as_of),
        )
        Finding.objects.bulk_create(
            Finding(
                run=run,
                kind=d.kind,
                section=d.section,
                column=d.column,
                item=d.item,
                attachment=d.attachment,
                subject=d.subject[:300],
                subject_url=d.subject_url,
                message=d.message,
                detail=d.detail,
                fingerprint=d.fingerprint[:120],
            )
            for d in drafts
        )
        run.summary = summarise(drafts, columns_checked=columns_checked)
        run.finished_at = timezone.now()
        run.save(update_fields=["summary", "finished_at"])
    return run


# -- Evaluations (考评迎检) --------------------------------------------------------------


def evaluation_record(
    *,
    title: str,
    kind: str,
    evaluator: str,
    held_on: datetime.date,
    score=None,
    conclusion: str = "",
    acting_user,
) -> Evaluation:
    if not permissions.can_record_evaluation(acting_user):
        raise InspectionError("只有局办公室可以登记考评迎检。")
    return Evaluation.objects.create(
        title=title.strip(),
        kind=kind,
        evaluator=evaluator.strip(),
        held_on=held_on,
        score=score,
        conclusion=conclusion.strip(),
        recorded_by=acting_user,
    )


def evaluation_finding_add(
    *,
    evaluation: Evaluation,
    section: Section,
    message: str,
    subject: str = "",
    column: Column | None = None,
    item: Item | None = None,
    acting_user,
) -> Finding:
    """A problem the evaluators named; it becomes a task like an inspection finding."""
    if not permissions.can_record_evaluation(acting_user):
        raise InspectionError("只有局办公室可以登记考评发现的问题。")
    if not message.strip():
        raise InspectionError("请填写问题描述。")
    return Finding.objects.create(
        evaluation=evaluation,
        kind=FindingKind.EVALUATION,
        section=section,
        column=column,
        item=item,
        subject=(subject or (item.title if item else str(column) if column else ""))[:300],
        message=message.strip(),
        fingerprint="",  # each evaluation finding stands on its own
    )


# -- Rectification tasks ----------------------------------------------------------------


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
        transaction.on_commit(lambda: _notify_section(task, "新的整改任务"))
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
        transaction.on_commit(lambda: _notify_section(task, "整改任务被退回"))
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
    """Email the section's members (console backend by default)."""
    from django.conf import settings
    from django.core.mail import send_mail

    recipients = list(
        task.section.group.user_set.filter(is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    if not recipients:
        return
    send_mail(
        f"【整改任务】{subject}：{task.title}"[:200],
        (
            f"{task.section.name}：\n\n局办公室交办的整改任务“{task.title}”"
            f"请于 {task.due_on:%Y-%m-%d} 前完成整改并反馈。\n\n"
            f"整改要求：{task.requirement}\n\n"
            f"{settings.SITE_URL}/inspection/tasks/{task.pk}/"
        ),
        None,
        recipients,
        fail_silently=True,
    )
