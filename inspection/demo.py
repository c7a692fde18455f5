"""Demo inspection data (`manage.py load_demo`, after every other app's demo): real
inspection runs over the demo bureau, with findings of every kind, rectification
tasks in every state (one overdue), and an evaluation whose findings became tasks.

Where the demo catalogue happens to have no example of a kind of problem, one is
added the way such problems arise in practice (an old notice published with a
list of names and ID numbers, an attachment whose file was lost, a draft left
past its deadline, a news column left idle, an empty column). Running it again
changes nothing (it stops when a run exists)."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from disclosure import services as disclosure_services
from disclosure.choices import ColumnKind, ContentCategory, Topic
from disclosure.models import Column, Item, Section
from disclosure.selectors import current_organisation
from inspection import rules, services
from inspection.models import (
    EvaluationKind,
    Finding,
    FindingKind,
    InspectionRun,
    RectificationTask,
    RunTrigger,
    TaskEvent,
)
from workcalendar.selectors import add_workdays

DAY = datetime.timedelta(days=1)


def load(ctx: dict) -> None:
    organisation = ctx.get("organisation") or current_organisation()
    if organisation is None or InspectionRun.objects.exists():
        return
    office = _users(Role.OFFICE_REVIEWER).first()
    if office is None or not Section.objects.exists():
        return
    today = timezone.localdate()
    _ensure_problems(office, today)
    _past_run_with_idle_home(today)
    run = services.inspection_run(acting_user=office, trigger=RunTrigger.MANUAL)
    _tasks(run, office, today)
    _evaluation(office, today)
    for task in RectificationTask.objects.all():
        _spread_events(task, today)
    stdout = ctx.get("stdout")
    if stdout is not None:
        stdout.write(
            f"巡查整改：巡查报告 {InspectionRun.objects.count()} 份，"
            f"发现问题 {run.findings.count()} 个，整改任务 {RectificationTask.objects.count()} 件"
        )


# A PDF whose stored file the demo then loses (a broken-attachment finding).
LOST_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _users(role):
    return User.objects.filter(groups__name=str(role), is_active=True).order_by("id")


def _member(section: Section) -> User | None:
    return section.group.user_set.filter(is_active=True).order_by("id").first()


def _sections_with_members() -> list[Section]:
    return [
        s for s in Section.objects.filter(is_office=False).order_by("order", "id") if _member(s)
    ]


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


# -- problems the demo catalogue may lack -----------------------------------------------


def _ensure_problems(office, today):
    kinds = {d.kind for d in rules.run_rules(today)}
    sections = _sections_with_members() or list(Section.objects.order_by("id"))
    section = sections[0]
    # Name lists, circulars and notices belong in a 通知公告 column.
    leaves = Column.objects.filter(children__isnull=True).order_by("order", "id")
    column = (
        leaves.filter(responsible_section=section, kind=ColumnKind.NOTICE).first()
        or leaves.filter(kind=ColumnKind.NOTICE).first()
        or leaves.filter(responsible_section=section).first()
        or leaves.first()
    )
    if column is None:
        return
    if FindingKind.PERSONAL_DATA not in kinds:
        _published(
            column,
            "2025年第二批就业见习补贴拟发放人员名单公示",
            "<p>根据就业见习补贴有关规定，现将拟发放人员名单公示如下：</p>"
            "<table><tr><th>姓名</th><th>身份证号</th><th>联系电话</th></tr>"
            "<tr><td>王某某</td><td>330524199003154212</td><td>13957212345</td></tr></table>"
            "<p>公示期为5个工作日。</p>",
            office,
            today - 200 * DAY,
        )
    if FindingKind.SENSITIVE_WORD not in kinds:
        from review.scanner import maintained_sensitive_words

        words = maintained_sensitive_words()
        if words:
            # An internal circular published by mistake, its marking left in the text.
            word = "内部资料" if "内部资料" in words else words[0]
            _published(
                column,
                "关于2026年上半年企业职工养老保险扩面工作情况的通报",
                f"<p>（{word}）</p><p>各有关单位：现将今年上半年企业职工养老保险扩面工作"
                "情况通报如下。截至6月底，全县新增参保 1260 人……</p>",
                office,
                today - 75 * DAY,
            )
    if FindingKind.ATTACHMENT_BROKEN not in kinds:
        item = _published(
            column,
            "关于印发《就业创业服务指南（2025年版）》的通知",
            "<p>现将《就业创业服务指南（2025年版）》印发给你们，请遵照执行。</p>",
            office,
            today - 120 * DAY,
        )
        with transaction.atomic():
            attachment = disclosure_services.attachment_store(
                item=item,
                file=SimpleUploadedFile("guide-2025.pdf", LOST_PDF),
                title="就业创业服务指南（2025年版）",
            )
        # The stored file was lost (e.g. a failed migration of the file server).
        attachment.file.storage.delete(attachment.file.name)
    if FindingKind.ITEM_OVERDUE not in kinds:
        disclosure_services.item_draft_store(
            column=column,
            section=column.responsible_section,
            acting_user=_member(column.responsible_section) or office,
            title="关于2026年第三季度职业技能培训补贴发放情况的公示",
            body="<p>（草稿）</p>",
            topic=Topic.LABOUR_EMPLOYMENT,
            content_category=ContentCategory.POLICY_MEASURES,
            formed_on=today - 45 * DAY,
            written_on=today - 45 * DAY,
            publicity="proactive",
        )
    if FindingKind.COLUMN_IDLE not in kinds:
        idle = disclosure_services.column_create(
            acting_user=None,
            name="乡镇人社动态",
            slug="demo-township-news",
            kind=ColumnKind.NEWS,
            responsible_section=section,
            order=900,
        )
        _published(
            idle,
            "城关镇开展春风行动专场招聘会",
            "<p>提供岗位 320 个。</p>",
            office,
            today - 40 * DAY,
        )
    if FindingKind.COLUMN_EMPTY not in kinds:
        # A sub-column opened but never filled (a top-level one would put an empty
        # panel on the home page).
        disclosure_services.column_create(
            acting_user=None,
            parent=Column.objects.filter(slug="personnel").first(),
            name="高层次人才引进",
            slug="talent-introduction",
            kind=ColumnKind.OTHER,
            content_category=ContentCategory.TALENT_FUNDING,
            responsible_section=sections[-1],
            order=901,
        )


def _published(column, title, body, office, day):
    existing = Item.objects.filter(title=title).first()
    if existing is not None:
        return existing
    item = disclosure_services.item_draft_store(
        column=column,
        section=column.responsible_section,
        acting_user=office,
        title=title,
        body=body,
        topic=Topic.LABOUR_EMPLOYMENT,
        content_category=ContentCategory.POLICY_MEASURES,
        formed_on=day - 3 * DAY,
        written_on=day - 3 * DAY,
        publicity="proactive",
    )
    return disclosure_services.item_mark_published(item=item, when=_at(day))


def _past_run_with_idle_home(today):
    """A scheduled run on a day when the home page had gone more than 2 weeks
    without an update, if the catalogue's history has such a day."""
    days = sorted(
        {
            timezone.localdate(p)
            for p in Item.objects.published()
            .filter(published_at__isnull=False)
            .values_list("published_at", flat=True)
        }
    )
    # The most recent such day.
    for earlier, later in reversed(list(zip(days, days[1:], strict=False))):
        gap_day = earlier + (rules.HOME_IDLE_DAYS + 1) * DAY
        if gap_day < later and gap_day < today:
            services.inspection_run(as_of=gap_day, trigger=RunTrigger.SCHEDULED)
            return


# -- tasks in every state ---------------------------------------------------------------


def _shift(task: RectificationTask, assigned_on: datetime.date) -> None:
    """Move a task's history back to `assigned_on` (the demo's past)."""
    due = add_workdays(assigned_on, task.deadline_workdays)
    RectificationTask.objects.filter(pk=task.pk).update(
        assigned_on=assigned_on, due_on=due.date, due_confirmed=due.confirmed
    )
    TaskEvent.objects.filter(task=task).update(at=_at(assigned_on, 9), due_on_after=due.date)
    task.refresh_from_db()


def _spread_events(task: RectificationTask, today: datetime.date) -> None:
    """Space the task's later steps over the days since it was assigned (a demo
    history rather than everything at the same minute)."""
    events = list(task.events.order_by("at", "id"))
    span = max((today - task.assigned_on).days, 1)
    step = max(span // max(len(events), 1), 1)
    for index, event in enumerate(events[1:], start=1):
        day = min(task.assigned_on + index * step * DAY, today)
        TaskEvent.objects.filter(pk=event.pk).update(at=_at(day, 15))
        if event.action == "answered":
            RectificationTask.objects.filter(pk=task.pk, answered_by=event.actor).update(
                answered_at=_at(day, 15)
            )
        if event.action == "verified":
            RectificationTask.objects.filter(pk=task.pk).update(verified_at=_at(day, 15))


def _assignable(finding: Finding) -> Section | None:
    if finding.section and _member(finding.section):
        return finding.section
    sections = _sections_with_members()
    return sections[0] if sections else None


def _assign(finding, office, requirement, days, assigned_on):
    section = _assignable(finding)
    if section is None:
        return None, None
    task = services.task_create(
        finding=finding,
        section=section,
        requirement=requirement,
        deadline_workdays=days,
        acting_user=office,
    )
    _shift(task, assigned_on)
    return task, _member(section)


def _first(run, kind):
    return run.findings.filter(kind=kind).order_by("id").first()


def _tasks(run, office, today):
    from inspection.views import REQUIREMENTS

    def req(kind):
        return REQUIREMENTS.get(kind, "请整改并反馈。")

    # 待整改, overdue: assigned three weeks ago with 10 working days.
    finding = _first(run, FindingKind.COLUMN_IDLE)
    if finding:
        _assign(finding, office, req(finding.kind), 10, today - 21 * DAY)
    # 待整改, in time.
    finding = _first(run, FindingKind.CONSULTATION_NO_FEEDBACK)
    if finding:
        _assign(finding, office, req(finding.kind), 10, today - 2 * DAY)
    # 待核验: the section answered with evidence.
    finding = _first(run, FindingKind.COLUMN_EMPTY)
    if finding:
        task, member = _assign(finding, office, req(finding.kind), 10, today - 6 * DAY)
        if task:
            services.task_answer(
                task=task,
                answer="已梳理本栏目应公开事项，补充发布2025年度人才资助项目实施情况1条；"
                "另建议将本栏目与“人才人事”栏目合并。",
                files=[
                    SimpleUploadedFile(
                        "整改情况说明.txt",
                        "栏目补充信息清单：\n1. 2025年度人才资助项目实施情况\n".encode(),
                    )
                ],
                acting_user=member,
            )
    # 退回重改: answered, the office found it not done.
    finding = _first(run, FindingKind.PERSONAL_DATA)
    if finding:
        task, member = _assign(finding, office, req(finding.kind), 3, today - 8 * DAY)
        if task:
            services.task_answer(task=task, answer="已删除正文中的联系电话。", acting_user=member)
            services.task_send_back(
                task=task,
                opinion="正文表格中仍有完整身份证号码，请按“保留前2位和后3位”的方式处理后重新发布。",
                deadline_workdays=2,
                acting_user=office,
            )
    # 已办结: answered and verified.
    finding = _first(run, FindingKind.ATTACHMENT_BROKEN)
    if finding:
        task, member = _assign(finding, office, req(finding.kind), 5, today - 12 * DAY)
        if task:
            services.task_answer(
                task=task,
                answer="已重新上传附件原件，经测试可正常下载打开。",
                files=[SimpleUploadedFile("附件下载测试截图说明.txt", "下载正常。\n".encode())],
                acting_user=member,
            )
            services.task_verify(task=task, note="经核验，附件已可正常打开。", acting_user=office)
    # 已撤销.
    finding = _first(run, FindingKind.ITEM_OVERDUE)
    if finding:
        task, _ = _assign(finding, office, req(finding.kind), 5, today - 5 * DAY)
        if task:
            services.task_cancel(
                task=task,
                reason="经核实，该信息涉及个人信息，确定为依申请公开，不再主动公开。",
                acting_user=office,
            )


def _evaluation(office, today):
    evaluation = services.evaluation_record(
        title=f"{today.year}年度县政务公开工作第三方评估",
        kind=EvaluationKind.THIRD_PARTY,
        evaluator="县政务公开工作领导小组办公室",
        held_on=today - 30 * DAY,
        score="91.50",
        conclusion="总体良好。政策文件发布规范，依申请公开办理及时；政策解读形式较单一，"
        "部分业务栏目更新频率不足。",
        acting_user=office,
    )
    sections = _sections_with_members()
    if not sections:
        return
    first = services.evaluation_finding_add(
        evaluation=evaluation,
        section=sections[0],
        subject="政策解读",
        message="政策解读以文字解读为主，缺少图解、视频等多样化解读形式。",
        acting_user=office,
    )
    second = services.evaluation_finding_add(
        evaluation=evaluation,
        section=sections[-1],
        subject="社会保险基金收支情况",
        message="社会保险基金收支情况未按季度更新。",
        acting_user=office,
    )
    task = services.task_create(
        finding=first,
        requirement="对年内出台的政策文件补充图解解读，并建立解读形式清单。",
        deadline_workdays=20,
        acting_user=office,
    )
    _shift(task, today - 25 * DAY)
    member = _member(task.section)
    services.task_answer(
        task=task,
        answer="已对本年度3件政策文件补充图解解读，并制定《政策解读工作规范》。",
        acting_user=member,
    )
    services.task_verify(task=task, note="已核实。", acting_user=office)
    task = services.task_create(
        finding=second,
        requirement="按季度发布社会保险基金收支情况，补发本年第三季度数据。",
        deadline_workdays=15,
        acting_user=office,
    )
    _shift(task, today - 4 * DAY)
