"""Pages of inspection and rectification. Thin: check permission, call a service or a
selector, render or redirect. What a user may not see is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.exports import file_response
from common.pagination import page_or_404
from inspection import background, permissions, selectors, services
from inspection.forms import (
    EvaluationFindingForm,
    EvaluationForm,
    TaskAnswerForm,
    TaskCancelForm,
    TaskCreateForm,
    TaskSendBackForm,
    TaskVerifyForm,
)
from inspection.models import (
    Evaluation,
    Finding,
    FindingKind,
    InspectionRun,
    TaskStatus,
)
from inspection.requirements import REQUIREMENTS
from inspection.services import InspectionError


def _require(condition: bool) -> None:
    if not condition:
        raise Http404


@login_required
def dashboard(request):
    user = request.user
    _require(permissions.can_view_dashboard(user))
    today = timezone.localdate()
    context = {
        "today": today,
        "counts": selectors.task_counts(user, today),
        "overdue_tasks": selectors.overdue_tasks_for(user),
        "my_tasks": selectors.tasks_for(user).open()[:50],
        "sees_all": permissions.can_view_inspections(user),
        "can_run": permissions.can_run_inspection(user),
    }
    if context["sees_all"]:
        context.update(
            latest_run=selectors.latest_run(),
            recent_runs=InspectionRun.objects.order_by("-started_at")[:5],
            awaiting=selectors.tasks_for(user, status=TaskStatus.ANSWERED)[:20],
            by_section=selectors.open_tasks_by_section(today),
            evaluations=Evaluation.objects.order_by("-held_on")[:5],
            kinds=FindingKind,
        )
    return render(request, "inspection/dashboard.html", context)


@login_required
@require_POST
def run_create(request):
    _require(permissions.can_view_inspections(request.user))
    try:
        result = background.request_run(acting_user=request.user)
    except InspectionError as exc:
        messages.error(request, str(exc))
        return redirect("inspection:dashboard")
    run = background.finished_run(result)  # inline: finished already
    if run is not None:
        messages.success(request, f"巡查完成，发现问题 {run.summary.get('total', 0)} 个。")
        return redirect("inspection:run_detail", pk=run.pk)
    if background.failed(result):
        messages.error(request, "巡查未能完成，请稍后重试。")
    else:
        messages.success(request, "已开始巡查。巡查需要几分钟，完成后报告列在巡查报告中。")
    return redirect("inspection:run_list")


@login_required
def run_list(request):
    runs = permissions.runs_visible_to(request.user)
    _require(permissions.can_view_inspections(request.user))
    return render(
        request,
        "inspection/run_list.html",
        {"runs": runs.select_related("started_by").order_by("-started_at")[:100]},
    )


@login_required
def run_detail(request, pk: int):
    run = get_object_or_404(permissions.runs_visible_to(request.user), pk=pk)
    summary = run.summary or {}
    counts = summary.get("counts", {})
    return render(
        request,
        "inspection/run_detail.html",
        {
            "run": run,
            "summary": summary,
            "count_rows": [
                (k.label, counts.get(k.value, 0)) for k in selectors.KIND_ORDER if k.value in counts
            ],
            "groups": selectors.run_findings(run),
            "can_create_task": permissions.can_create_task(request.user),
        },
    )


def _finding_for(user, pk: int) -> Finding:
    finding = get_object_or_404(
        Finding.objects.select_related("run", "evaluation", "section"), pk=pk
    )
    _require(permissions.can_view_inspections(user))
    return finding


@login_required
def task_create(request, pk: int):
    finding = _finding_for(request.user, pk)
    if not permissions.can_create_task(request.user):
        raise Http404
    existing = services.open_task_for(finding)
    if request.method == "POST":
        form = TaskCreateForm(request.POST)
        if form.is_valid():
            try:
                task = services.task_create(
                    finding=finding,
                    section=form.cleaned_data["section"],
                    title=form.cleaned_data["title"],
                    requirement=form.cleaned_data["requirement"],
                    deadline_workdays=form.cleaned_data["deadline_workdays"],
                    acting_user=request.user,
                )
            except InspectionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"已交办整改任务，期限 {task.due_on:%Y-%m-%d}。")
                return redirect("inspection:task_detail", pk=task.pk)
    else:
        form = TaskCreateForm(
            initial={
                "section": finding.section_id,
                "title": f"{finding.get_kind_display()}：{finding.subject}"[:300],
                "requirement": _default_requirement(finding),
            }
        )
    return render(
        request,
        "inspection/task_create.html",
        {"finding": finding, "form": form, "existing": existing},
    )


def _default_requirement(finding: Finding) -> str:
    return REQUIREMENTS.get(finding.kind, "")


@login_required
def task_list(request):
    user = request.user
    _require(permissions.can_view_dashboard(user))
    status = request.GET.get("status", "")
    if status not in TaskStatus.values:
        status = ""
    overdue = request.GET.get("overdue") == "1"
    try:
        section_id = int(request.GET.get("section") or 0) or None
    except ValueError:
        section_id = None
    page = page_or_404(
        request,
        selectors.tasks_for(user, status=status, section_id=section_id, overdue=overdue),
    )
    return render(
        request,
        "inspection/task_list.html",
        {
            "page": page,
            "tasks": page.object_list,
            "status": status,
            "overdue": overdue,
            "statuses": TaskStatus.choices,
            "today": timezone.localdate(),
            "sees_all": permissions.can_view_inspections(user),
        },
    )


def _task_for(user, pk: int):
    return get_object_or_404(
        permissions.tasks_visible_to(user).select_related(
            "section", "finding", "finding__run", "finding__evaluation", "created_by"
        ),
        pk=pk,
    )


def _task_page(request, task, **forms):
    user = request.user
    context = {
        "task": task,
        "events": task.events.select_related("actor").prefetch_related("evidence"),
        "today": timezone.localdate(),
        "sees_all": permissions.can_view_inspections(user),
        "can_answer": permissions.can_answer_task(user, task),
        "can_verify": permissions.can_verify_task(user, task),
        "can_cancel": permissions.can_cancel_task(user, task),
        "answer_form": forms.get("answer_form") or TaskAnswerForm(),
        "verify_form": forms.get("verify_form") or TaskVerifyForm(),
        "send_back_form": forms.get("send_back_form") or TaskSendBackForm(),
        "cancel_form": forms.get("cancel_form") or TaskCancelForm(),
        "own_answer_pending": (
            permissions.can_manage_tasks(user)
            and task.status == TaskStatus.ANSWERED
            and task.answered_by_id == user.pk
        ),
    }
    return render(request, "inspection/task_detail.html", context, status=forms.get("status", 200))


@login_required
def task_detail(request, pk: int):
    return _task_page(request, _task_for(request.user, pk))


def _task_action(request, pk: int, *, form_class, form_name: str, act, done):
    """One of the task's POST actions: validate `form_class`, call the service through
    `act(task, cleaned_data)`, then redirect with `done(result)`; a refusal renders
    the task page again (400) with the form as typed and the reason."""
    task = _task_for(request.user, pk)
    form = form_class(request.POST, request.FILES)
    if form.is_valid():
        try:
            result = act(task, form.cleaned_data)
        except ValidationError as exc:
            form.add_error("files" if "files" in form.fields else None, exc)
        except InspectionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, done(result))
            return redirect("inspection:task_detail", pk=task.pk)
    return _task_page(request, task, **{form_name: form}, status=400)


@login_required
@require_POST
def task_answer(request, pk: int):
    return _task_action(
        request,
        pk,
        form_class=TaskAnswerForm,
        form_name="answer_form",
        act=lambda task, data: services.task_answer(
            task=task, answer=data["answer"], files=data["files"], acting_user=request.user
        ),
        done=lambda task: "已反馈整改情况，等待局办公室核验。",
    )


@login_required
@require_POST
def task_verify(request, pk: int):
    return _task_action(
        request,
        pk,
        form_class=TaskVerifyForm,
        form_name="verify_form",
        act=lambda task, data: services.task_verify(
            task=task, note=data["note"], acting_user=request.user
        ),
        done=lambda task: "已核验，整改任务办结。",
    )


@login_required
@require_POST
def task_send_back(request, pk: int):
    return _task_action(
        request,
        pk,
        form_class=TaskSendBackForm,
        form_name="send_back_form",
        act=lambda task, data: services.task_send_back(
            task=task,
            opinion=data["opinion"],
            deadline_workdays=data["deadline_workdays"],
            acting_user=request.user,
        ),
        done=lambda task: f"已退回重改，新期限 {task.due_on:%Y-%m-%d}。",
    )


@login_required
@require_POST
def task_cancel(request, pk: int):
    return _task_action(
        request,
        pk,
        form_class=TaskCancelForm,
        form_name="cancel_form",
        act=lambda task, data: services.task_cancel(
            task=task, reason=data["reason"], acting_user=request.user
        ),
        done=lambda task: "已撤销整改任务。",
    )


@login_required
def evidence_download(request, pk: int, evidence_pk: int):
    task = _task_for(request.user, pk)
    evidence = get_object_or_404(task.evidence.all(), pk=evidence_pk)
    try:
        handle = evidence.file.open("rb")
    except OSError as exc:
        raise Http404 from exc
    return file_response(
        handle, filename=evidence.title, content_type=evidence.content_type, private=True
    )


@login_required
def evaluation_list(request):
    _require(permissions.can_view_inspections(request.user))
    return render(
        request,
        "inspection/evaluation_list.html",
        {
            "evaluations": permissions.evaluations_visible_to(request.user).order_by("-held_on"),
            "can_record": permissions.can_record_evaluation(request.user),
        },
    )


@login_required
def evaluation_create(request):
    _require(permissions.can_record_evaluation(request.user))
    form = EvaluationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = services.evaluation_record(acting_user=request.user, **form.cleaned_data)
        except InspectionError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "已登记考评，请逐条录入考评指出的问题。")
            return redirect("inspection:evaluation_detail", pk=evaluation.pk)
    return render(request, "inspection/evaluation_form.html", {"form": form})


@login_required
def evaluation_detail(request, pk: int):
    evaluation = get_object_or_404(permissions.evaluations_visible_to(request.user), pk=pk)
    form = EvaluationFindingForm()
    status = 200
    if request.method == "POST":
        _require(permissions.can_record_evaluation(request.user))
        form = EvaluationFindingForm(request.POST)
        if form.is_valid():
            try:
                services.evaluation_finding_add(
                    evaluation=evaluation, acting_user=request.user, **form.cleaned_data
                )
            except InspectionError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "已录入问题。")
                return redirect("inspection:evaluation_detail", pk=evaluation.pk)
        status = 400
    findings = list(evaluation.findings.select_related("section", "task").order_by("id"))
    for finding in findings:
        finding.open_task = getattr(finding, "task", None) if selectors._has_task(finding) else None
    return render(
        request,
        "inspection/evaluation_detail.html",
        {
            "evaluation": evaluation,
            "findings": findings,
            "form": form,
            "can_record": permissions.can_record_evaluation(request.user),
        },
        status=status,
    )
