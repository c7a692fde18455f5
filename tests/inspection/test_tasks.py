"""Rectification tasks (整改): deadlines in working days, the transitions map, who may
do what, evidence, derived overdue."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from inspection import services
from inspection.models import (
    Evaluation,
    EvaluationKind,
    Finding,
    FindingKind,
    InspectionRun,
    RectificationTask,
    RunTrigger,
    TaskAction,
    TaskEvidence,
    TaskStatus,
)
from inspection.services import TRANSITIONS, InspectionError
from tests.factories import ColumnFactory, SectionFactory, UserFactory, staff
from tests.inspection.factories import minimal_pdf, office_user

pytestmark = pytest.mark.django_db

# A Friday before 中秋 and 国庆 2026: +20 working days is 2026-10-22 (hand-counted).
FRIDAY = datetime.datetime(2026, 9, 18, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture
def office():
    return office_user()


@pytest.fixture
def second_office(office):
    from inspection.permissions import sections_of

    return staff(Role.OFFICE_REVIEWER, section=sections_of(office).get())


@pytest.fixture
def section():
    return SectionFactory(name="就业促进股")


@pytest.fixture
def clerk(section):
    return staff(Role.SECTION_CLERK, section=section)


def make_finding(section, *, kind=FindingKind.COLUMN_IDLE, fingerprint=None):
    run = InspectionRun.objects.create(as_of=datetime.date(2026, 9, 18), trigger=RunTrigger.MANUAL)
    column = ColumnFactory(responsible_section=section)
    return Finding.objects.create(
        run=run,
        kind=kind,
        section=section,
        column=column,
        subject=str(column),
        message="栏目超过2周未更新。",
        fingerprint=fingerprint or f"{kind}:column:{column.pk}",
    )


def make_task(section, office, **kwargs):
    return services.task_create(
        finding=make_finding(section, **kwargs),
        requirement="请及时更新。",
        deadline_workdays=20,
        acting_user=office,
    )


# -- creating -----------------------------------------------------------------------


@time_machine.travel(FRIDAY, tick=False)
def test_task_deadline_counts_working_days_across_holidays(section, office):
    task = make_task(section, office)
    assert task.assigned_on == datetime.date(2026, 9, 18)
    assert task.due_on == datetime.date(2026, 10, 22)
    assert task.due_confirmed is True
    assert task.status == TaskStatus.ASSIGNED
    assert task.section == section
    assert [e.action for e in task.events.all()] == [TaskAction.CREATED]


@time_machine.travel(datetime.datetime(2027, 12, 20, 10, 0, tzinfo=datetime.UTC), tick=False)
def test_deadline_in_a_year_without_confirmed_calendar_is_flagged(section, office):
    task = make_task(section, office)
    assert task.due_confirmed is False


@pytest.mark.parametrize("days", [0, 61])
def test_deadline_out_of_range_is_refused(section, office, days):
    with pytest.raises(InspectionError, match="1 至 60 个工作日"):
        services.task_create(
            finding=make_finding(section),
            requirement="x",
            deadline_workdays=days,
            acting_user=office,
        )
    assert not RectificationTask.objects.exists()


def test_only_the_office_assigns_tasks(section, clerk):
    leader = staff(Role.LEADER)
    for user in (clerk, leader):
        with pytest.raises(InspectionError, match="只有局办公室"):
            services.task_create(finding=make_finding(section), requirement="x", acting_user=user)
    assert not RectificationTask.objects.exists()


def test_task_may_go_to_another_section_than_the_finding_names(section, office):
    other = SectionFactory()
    task = services.task_create(
        finding=make_finding(section), section=other, requirement="x", acting_user=office
    )
    assert task.section == other


def test_a_finding_gets_one_task(section, office):
    finding = make_finding(section)
    services.task_create(finding=finding, requirement="x", acting_user=office)
    with pytest.raises(InspectionError, match="已交办"):
        services.task_create(finding=finding, requirement="x", acting_user=office)


def test_same_problem_from_a_later_run_is_not_assigned_twice_while_open(
    section, office, second_office
):
    first = make_task(section, office, fingerprint="column_idle:column:999")
    again = make_finding(section, fingerprint="column_idle:column:999")
    with pytest.raises(InspectionError, match=f"第 {first.pk} 号"):
        services.task_create(finding=again, requirement="x", acting_user=office)
    # Once the first is closed, the recurring problem is a new task.
    clerk = staff(Role.SECTION_CLERK, section=section)
    services.task_answer(task=first, answer="已更新", acting_user=clerk)
    services.task_verify(task=first, acting_user=second_office)
    assert services.task_create(finding=again, requirement="x", acting_user=office).pk


def test_evaluation_findings_become_tasks_the_same_way(section, office):
    evaluation = services.evaluation_record(
        title="2026年度市政务公开考评",
        kind=EvaluationKind.ANNUAL,
        evaluator="市政务公开办",
        held_on=datetime.date(2026, 11, 10),
        score="92.5",
        acting_user=office,
    )
    finding = services.evaluation_finding_add(
        evaluation=evaluation,
        section=section,
        message="政策解读形式单一。",
        acting_user=office,
    )
    assert finding.kind == FindingKind.EVALUATION and finding.run is None
    task = services.task_create(finding=finding, requirement="丰富解读形式。", acting_user=office)
    assert task.section == section
    assert task.finding.source_label == "考评：2026年度市政务公开考评"


def test_evaluations_are_recorded_only_by_the_office(section, clerk):
    with pytest.raises(InspectionError):
        services.evaluation_record(
            title="x", kind=EvaluationKind.ANNUAL, evaluator="y",
            held_on=datetime.date(2026, 1, 1), acting_user=clerk,
        )  # fmt: skip
    assert not Evaluation.objects.exists()


# -- the transitions map --------------------------------------------------------------

ACTIONS = {
    TaskAction.ANSWERED: lambda task, ctx: services.task_answer(
        task=task, answer="已整改", acting_user=ctx["clerk"]
    ),
    TaskAction.VERIFIED: lambda task, ctx: services.task_verify(
        task=task, acting_user=ctx["office2"]
    ),
    TaskAction.SENT_BACK: lambda task, ctx: services.task_send_back(
        task=task, opinion="未整改到位", acting_user=ctx["office2"]
    ),
    TaskAction.CANCELLED: lambda task, ctx: services.task_cancel(
        task=task, reason="误报", acting_user=ctx["office"]
    ),
}


def put_in_state(task, status):
    RectificationTask.objects.filter(pk=task.pk).update(status=status)
    task.refresh_from_db()
    return task


@pytest.mark.parametrize("action", list(TRANSITIONS))
@pytest.mark.parametrize("status", list(TaskStatus))
def test_every_transition_allowed_and_refused(action, status, section, office, second_office):
    clerk = staff(Role.SECTION_CLERK, section=section)
    ctx = {"clerk": clerk, "office": office, "office2": second_office}
    task = put_in_state(make_task(section, office), status)
    sources, target = TRANSITIONS[action]
    if status in sources:
        if status == TaskStatus.ANSWERED:
            RectificationTask.objects.filter(pk=task.pk).update(answered_by=clerk)
            task.refresh_from_db()
        ACTIONS[action](task, ctx)
        task.refresh_from_db()
        assert task.status == target
        assert task.events.last().action == action
    else:
        with pytest.raises(InspectionError, match="不能"):
            ACTIONS[action](task, ctx)
        task.refresh_from_db()
        assert task.status == status


# -- answering, verifying, sending back ------------------------------------------------


def test_only_members_of_the_responsible_section_answer(section, office):
    task = make_task(section, office)
    outsider = staff(Role.SECTION_CLERK, section=SectionFactory())
    for user in (outsider, staff(Role.LEADER), UserFactory()):
        with pytest.raises(InspectionError, match="责任股室"):
            services.task_answer(task=task, answer="已整改", acting_user=user)
    task.refresh_from_db()
    assert task.status == TaskStatus.ASSIGNED and task.answer == ""


def test_answer_needs_text(section, office, clerk):
    task = make_task(section, office)
    with pytest.raises(InspectionError, match="请填写整改情况"):
        services.task_answer(task=task, answer="  ", acting_user=clerk)


def test_answer_with_evidence_files(section, office, clerk):
    task = make_task(section, office)
    pdf = SimpleUploadedFile("截图.pdf", minimal_pdf(), content_type="application/pdf")
    services.task_answer(task=task, answer="已补充 3 条信息。", files=[pdf], acting_user=clerk)
    task.refresh_from_db()
    assert task.status == TaskStatus.ANSWERED
    assert task.answered_by == clerk
    evidence = TaskEvidence.objects.get()
    assert evidence.title == "截图.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.event.action == TaskAction.ANSWERED
    assert evidence.file.read().startswith(b"%PDF-")


def test_disguised_evidence_is_refused_and_nothing_is_stored(section, office, clerk):
    task = make_task(section, office)
    fake = SimpleUploadedFile("证明.pdf", b"MZ\x90\x00 not a pdf at all" * 10)
    with pytest.raises(ValidationError):
        services.task_answer(task=task, answer="已整改", files=[fake], acting_user=clerk)
    task.refresh_from_db()
    assert task.status == TaskStatus.ASSIGNED
    assert not TaskEvidence.objects.exists()


def test_the_office_does_not_verify_its_own_answer(office, second_office):
    from inspection.permissions import sections_of

    office_section = sections_of(office).get()
    task = make_task(office_section, second_office)
    services.task_answer(task=task, answer="已更新首页", acting_user=office)
    with pytest.raises(InspectionError, match="不能核验自己"):
        services.task_verify(task=task, acting_user=office)
    with pytest.raises(InspectionError, match="不能核验自己"):
        services.task_send_back(task=task, opinion="x", acting_user=office)
    services.task_verify(task=task, acting_user=second_office)
    task.refresh_from_db()
    assert task.status == TaskStatus.CLOSED and task.verified_by == second_office


def test_sections_cannot_verify(section, office, clerk):
    task = make_task(section, office)
    services.task_answer(task=task, answer="已整改", acting_user=clerk)
    head = staff(Role.SECTION_HEAD, section=section)
    with pytest.raises(InspectionError, match="只有局办公室"):
        services.task_verify(task=task, acting_user=head)


def test_send_back_needs_an_opinion_and_sets_a_new_deadline(section, office, clerk):
    with time_machine.travel(FRIDAY, tick=False):
        task = make_task(section, office)
        services.task_answer(task=task, answer="已整改", acting_user=clerk)
        with pytest.raises(InspectionError, match="退回须填写意见"):
            services.task_send_back(task=task, opinion=" ", acting_user=office)
    # Sent back on Wednesday 2026-09-30: 3 working days skip 国庆 (10/8, 10/9) and land
    # on the make-up working Saturday 10-10.
    with time_machine.travel(datetime.datetime(2026, 9, 30, 9, tzinfo=datetime.UTC), tick=False):
        services.task_send_back(
            task=task, opinion="仍有两条未更新", deadline_workdays=3, acting_user=office
        )
    task.refresh_from_db()
    assert task.status == TaskStatus.RETURNED
    assert task.due_on == datetime.date(2026, 10, 10)
    event = task.events.last()
    assert event.action == TaskAction.SENT_BACK and event.note == "仍有两条未更新"
    # The section answers again.
    services.task_answer(task=task, answer="已全部更新", acting_user=clerk)
    task.refresh_from_db()
    assert task.status == TaskStatus.ANSWERED


def test_cancel_needs_a_reason(section, office):
    task = make_task(section, office)
    with pytest.raises(InspectionError, match="撤销须填写理由"):
        services.task_cancel(task=task, reason="", acting_user=office)


# -- overdue is derived ----------------------------------------------------------------


def test_overdue_is_computed_from_the_deadline(section, office, clerk):
    with time_machine.travel(FRIDAY, tick=False):
        task = make_task(section, office)
    due = datetime.date(2026, 10, 22)
    assert not task.is_overdue_on(due)
    assert task.is_overdue_on(due + datetime.timedelta(days=1))
    assert list(RectificationTask.objects.overdue(due)) == []
    assert list(RectificationTask.objects.overdue(due + datetime.timedelta(days=1))) == [task]
    # Answered (waiting for the office) is not the section's delay any more ...
    with time_machine.travel(datetime.datetime(2026, 10, 26, 9, tzinfo=datetime.UTC), tick=False):
        services.task_answer(task=task, answer="已整改", acting_user=clerk)
    task.refresh_from_db()
    assert not task.is_overdue_on(datetime.date(2026, 11, 30))
    assert list(RectificationTask.objects.overdue(datetime.date(2026, 11, 30))) == []
    # ... but the late answer is visible.
    assert task.answered_late
