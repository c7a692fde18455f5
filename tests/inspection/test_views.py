"""Inspection pages: who sees what (404 for what is not theirs), the office's button,
forms that keep what was typed."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import Role
from disclosure.choices import ColumnKind
from inspection import services
from inspection.models import Finding, FindingKind, InspectionRun, RectificationTask, TaskStatus
from tests.factories import ColumnFactory, SectionFactory, UserFactory, staff
from tests.inspection.factories import minimal_pdf, office_user, published_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    return office_user()


@pytest.fixture
def section():
    return SectionFactory(name="社会保险股")


@pytest.fixture
def clerk(section):
    return staff(Role.SECTION_CLERK, section=section)


@pytest.fixture
def task(section, office):
    column = ColumnFactory(responsible_section=section, kind=ColumnKind.NEWS)
    run = InspectionRun.objects.create(as_of=datetime.date(2026, 11, 1), trigger="manual")
    finding = Finding.objects.create(
        run=run,
        kind=FindingKind.COLUMN_IDLE,
        section=section,
        column=column,
        subject=str(column),
        message="栏目超过2周未更新。",
        fingerprint=f"column_idle:column:{column.pk}",
    )
    return services.task_create(finding=finding, requirement="请更新。", acting_user=office)


def test_anonymous_is_sent_to_login(client):
    response = client.get(reverse("inspection:dashboard"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    "name", ["inspection:dashboard", "inspection:run_list", "inspection:evaluation_list"]
)
def test_staff_without_role_or_section_get_404(client, name):
    client.force_login(UserFactory())
    assert client.get(reverse(name)).status_code == 404


def test_office_runs_an_inspection_from_the_dashboard(client, office):
    column = ColumnFactory(kind=ColumnKind.NEWS)
    published_on(datetime.date.today() - datetime.timedelta(days=40), column=column)
    client.force_login(office)
    assert "立即巡查" in client.get(reverse("inspection:dashboard")).content.decode()
    response = client.post(reverse("inspection:run_create"))
    run = InspectionRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("inspection:run_detail", args=[run.pk])
    assert run.started_by == office and run.trigger == "manual"
    page = client.get(response["Location"]).content.decode()
    assert column.name in page and "栏目未按时更新" in page and "交办整改" in page


def test_run_button_needs_post(client, office):
    client.force_login(office)
    assert client.get(reverse("inspection:run_create")).status_code == 405


def test_leader_reads_reports_but_cannot_run_or_assign(client, task):
    leader = staff(Role.LEADER)
    client.force_login(leader)
    assert (
        client.get(reverse("inspection:run_detail", args=[task.finding.run.pk])).status_code == 200
    )
    client.post(reverse("inspection:run_create"))
    assert InspectionRun.objects.count() == 1
    assert client.get(reverse("inspection:task_create", args=[task.finding.pk])).status_code == 404


def test_section_sees_its_own_tasks_only(client, task, clerk):
    other_clerk = staff(Role.SECTION_CLERK, section=SectionFactory())
    client.force_login(clerk)
    assert task.title in client.get(reverse("inspection:dashboard")).content.decode()
    assert client.get(reverse("inspection:task_detail", args=[task.pk])).status_code == 200
    assert (
        client.get(reverse("inspection:run_detail", args=[task.finding.run.pk])).status_code == 404
    )
    client.force_login(other_clerk)
    assert client.get(reverse("inspection:task_detail", args=[task.pk])).status_code == 404
    assert task.title not in client.get(reverse("inspection:task_list")).content.decode()
    response = client.post(reverse("inspection:task_answer", args=[task.pk]), {"answer": "x"})
    assert response.status_code == 404
    task.refresh_from_db()
    assert task.status == TaskStatus.ASSIGNED


def test_office_assigns_a_finding_with_a_form(client, office, section):
    run = InspectionRun.objects.create(as_of=datetime.date(2026, 11, 1), trigger="manual")
    finding = Finding.objects.create(
        run=run, kind=FindingKind.COLUMN_EMPTY, section=section, subject="栏目A", message="空白"
    )
    client.force_login(office)
    url = reverse("inspection:task_create", args=[finding.pk])
    assert "请补充本栏目" in client.get(url).content.decode()
    bad = client.post(
        url, {"section": section.pk, "requirement": "补充信息", "deadline_workdays": 0}
    )
    assert bad.status_code == 200
    assert "整改时限至少 1 个工作日" in bad.content.decode()
    assert "补充信息" in bad.content.decode()  # what was typed is kept
    response = client.post(
        url, {"section": section.pk, "requirement": "补充信息", "deadline_workdays": 5}
    )
    task = RectificationTask.objects.get()
    assert response["Location"] == reverse("inspection:task_detail", args=[task.pk])
    assert task.deadline_workdays == 5 and task.section == section


def test_answer_form_keeps_text_when_a_file_is_refused(client, task, clerk):
    client.force_login(clerk)
    fake = SimpleUploadedFile("evidence.pdf", b"MZ\x90\x00 not a pdf" * 20)
    response = client.post(
        reverse("inspection:task_answer", args=[task.pk]),
        {"answer": "已更新三条动态", "files": [fake]},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "已更新三条动态" in text
    assert "类型不受支持" in text
    task.refresh_from_db()
    assert task.status == TaskStatus.ASSIGNED


def test_answer_verify_round_trip_and_evidence_download(client, task, clerk, office):
    client.force_login(clerk)
    pdf = SimpleUploadedFile("佐证.pdf", minimal_pdf(), content_type="application/pdf")
    response = client.post(
        reverse("inspection:task_answer", args=[task.pk]), {"answer": "已更新", "files": [pdf]}
    )
    assert response.status_code == 302
    evidence = task.evidence.get()
    download = client.get(reverse("inspection:evidence_download", args=[task.pk, evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    # Evidence is internal: a download, never cached (common.exports.file_response).
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Cache-Control"] == "no-store"
    # Another section cannot fetch the file.
    client.force_login(staff(Role.SECTION_CLERK, section=SectionFactory()))
    url = reverse("inspection:evidence_download", args=[task.pk, evidence.pk])
    assert client.get(url).status_code == 404
    # The office verifies.
    client.force_login(office)
    page = client.get(reverse("inspection:task_detail", args=[task.pk])).content.decode()
    assert "核验通过" in page and "佐证.pdf" in page
    client.post(reverse("inspection:task_verify", args=[task.pk]), {"note": "已核实"})
    task.refresh_from_db()
    assert task.status == TaskStatus.CLOSED


def test_send_back_without_opinion_is_refused_with_a_message(client, task, clerk, office):
    services.task_answer(task=task, answer="已更新", acting_user=clerk)
    client.force_login(office)
    response = client.post(
        reverse("inspection:task_send_back", args=[task.pk]),
        {"opinion": "", "deadline_workdays": 5},
    )
    assert response.status_code == 400
    assert "退回须填写意见" in response.content.decode()
    task.refresh_from_db()
    assert task.status == TaskStatus.ANSWERED


def test_overdue_tasks_show_on_the_dashboard(client, task, office):
    RectificationTask.objects.filter(pk=task.pk).update(due_on=datetime.date(2020, 1, 2))
    client.force_login(office)
    page = client.get(reverse("inspection:dashboard")).content.decode()
    assert "逾期未整改" in page and task.title in page
    overdue_list = client.get(reverse("inspection:task_list") + "?overdue=1").content.decode()
    assert "已逾期" in overdue_list


def test_evaluation_is_recorded_and_its_findings_assigned(client, office, section):
    client.force_login(office)
    response = client.post(
        reverse("inspection:evaluation_create"),
        {
            "title": "2026年市级政务公开第三方评估",
            "kind": "third_party",
            "evaluator": "市政务公开办",
            "held_on": "2026-10-20",
            "score": "88.5",
            "conclusion": "总体良好",
        },
    )
    assert response.status_code == 302
    detail = response["Location"]
    bad = client.post(detail, {"section": section.pk, "message": ""})
    assert bad.status_code == 400 and "请填写问题描述" in bad.content.decode()
    client.post(detail, {"section": section.pk, "message": "部分栏目更新不及时"})
    finding = Finding.objects.get(kind=FindingKind.EVALUATION)
    assert finding.section == section
    assert "交办整改" in client.get(detail).content.decode()


def test_evaluation_form_errors_in_chinese(client, office):
    client.force_login(office)
    response = client.post(reverse("inspection:evaluation_create"), {"title": "考评"})
    text = response.content.decode()
    assert "请填写考评（检查）单位" in text and "请填写考评日期" in text
    assert 'value="考评"' in text


def test_overdue_tasks_show_on_the_review_dashboard_for_their_section_only(client, task, section):
    """F7: overdue rectification tasks show on the staff dashboards, to whom they concern."""
    RectificationTask.objects.filter(pk=task.pk).update(due_on=datetime.date(2020, 1, 2))
    member = staff(Role.SECTION_CLERK, section=section)
    client.force_login(member)
    page = client.get(reverse("review:dashboard")).content.decode()
    assert "逾期未整改" in page and task.title in page
    client.force_login(staff(Role.SECTION_CLERK, section=SectionFactory()))
    assert task.title not in client.get(reverse("review:dashboard")).content.decode()


def test_task_list_is_paginated_so_no_task_drops_out_of_it(client, office, monkeypatch):
    from tests.inspection.test_queries import add_findings

    monkeypatch.setattr("common.pagination.PAGE_SIZE", 2)
    run = InspectionRun.objects.create(as_of=datetime.date(2026, 11, 1), trigger="manual")
    add_findings(run, office, 3)
    client.force_login(office)
    url = reverse("inspection:task_list")
    first, second = client.get(url), client.get(url, {"page": 2})
    assert len(first.context["tasks"]) == 2 and len(second.context["tasks"]) == 1
    shown = {t.pk for t in [*first.context["tasks"], *second.context["tasks"]]}
    assert shown == set(RectificationTask.objects.values_list("pk", flat=True))
    assert client.get(url, {"page": "x"}).status_code == 404


def test_with_a_task_queue_the_run_is_queued_and_the_worker_makes_it(client, office, settings):
    from django_tasks_db.models import DBTaskResult

    from inspection.background import run_inspection

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(office)
    response = client.post(reverse("inspection:run_create"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("inspection:run_list")
    assert "已开始巡查" in response.content.decode()
    assert InspectionRun.objects.count() == 0  # nothing done inside the request
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "inspection.background.run_inspection"
    # What the worker does with it.
    run_pk = run_inspection.call(**queued.args_kwargs["kwargs"])
    run = InspectionRun.objects.get(pk=run_pk)
    assert run.started_by == office and run.trigger == "manual"


def test_a_refused_run_queues_nothing(client, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(staff(Role.LEADER))
    response = client.post(reverse("inspection:run_create"), follow=True)
    assert "只有局办公室可以发起巡查" in response.content.decode()
    assert DBTaskResult.objects.count() == 0
