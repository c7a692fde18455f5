"""Demo requests (`manage.py load_demo`, after disclosure.demo): one in every state,
one overdue, one extended, one waiting for a correction, one consulting a third
party, one awaiting a fee; closed requests with various outcomes across last year
and this year (so the annual report has data), complaints, and 复议/诉讼 cases.

Everything goes through the services. Past steps are replayed "on" their day by
pointing the services' clock at that day (`_on`), so every stored date and step
is one the workflow itself would have produced. Dates are relative to today.
Running it again changes nothing (it loads only into an empty requests table).
"""

import contextlib
import datetime
from collections.abc import Iterator

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.demo import demo_user
from accounts.models import User
from accounts.roles import Role
from disclosure.models import Section
from disclosure.selectors import current_organisation
from requests_app import services
from requests_app.models import Channel, DisclosureRequest, PauseKind
from requests_app.outcomes import ApplicantType, OrganisationKind, Outcome, RemedyKind, RemedyResult
from requests_app.services import _common as service_clock
from workcalendar.selectors import WorkCalendar

DAY = datetime.timedelta(days=1)


@contextlib.contextmanager
def _on(day: datetime.date, hour: int = 10) -> Iterator[None]:
    """Run services as if it were `day` at `hour` o'clock (demo history only)."""
    tz = timezone.get_current_timezone()
    saved = service_clock._clock_override
    service_clock._clock_override = datetime.datetime(day.year, day.month, day.day, hour, tzinfo=tz)
    try:
        yield
    finally:
        service_clock._clock_override = saved


def _user(ctx: dict, role: Role, *, office: bool | None = None) -> User | None:
    users = ctx.get("users")
    office_groups = Section.objects.filter(is_office=True).values_list("group_id", flat=True)
    candidates = []
    if isinstance(users, dict):
        candidates = [u for u in users.values() if isinstance(u, User)]
    candidates += list(User.objects.filter(is_active=True).order_by("id"))
    for user in candidates:
        if not user.groups.filter(name=str(role)).exists():
            continue
        in_office = user.groups.filter(id__in=office_groups).exists()
        if office is None or office == in_office:
            return user
    return None


def _office_head(ctx: dict, office_section: Section) -> User:
    """The head of the disclosure office approves extensions (Reg. 33)."""
    head = _user(ctx, Role.SECTION_HEAD, office=True)
    if head is not None:
        return head
    return demo_user(
        username="bgszr",
        full_name="周主任",
        groups=[Group.objects.get(name=str(Role.SECTION_HEAD)), office_section.group],
        label="办公室主任",
        ctx=ctx,
    )


def _section(words: tuple[str, ...]) -> Section | None:
    sections = Section.objects.exclude(is_office=True).order_by("order", "id")
    for word in words:
        match = sections.filter(name__contains=word).first()
        if match is not None:
            return match
    return sections.first()


def _clerk(ctx: dict, section: Section) -> User:
    """A member of `section` who may handle its requests."""
    for user in User.objects.filter(groups=section.group, is_active=True).order_by("id"):
        if user.groups.filter(name__in=[Role.SECTION_CLERK, Role.SECTION_HEAD]).exists():
            return user
    return demo_user(
        username=f"ysq{section.pk}",
        full_name=f"{section.name}信息员",
        groups=[Group.objects.get(name=str(Role.SECTION_CLERK)), section.group],
        label="股室信息员",
        ctx=ctx,
    )


PEOPLE = [
    ("刘建国", "330524198503120016", "13905721234", "示例县城关镇解放街 12 号"),
    ("陈秀英", "330524199107083321", "13757209876", "示例县泗安镇新街 5 号"),
    ("王磊", "33052419780915451X", "18857201122", "示例县和平镇兴和路 88 号"),
    ("赵敏", "330524200001016624", "15157203344", "示例县画溪街道龙山路 3 号"),
    ("孙强", "330524196812240030", "13605725566", "示例县林城镇府前路 20 号"),
]
ORGS = [
    ("示例县宏达机械有限公司", "91330524MA2B3C4D5E", OrganisationKind.COMMERCIAL),
    ("示例县劳动法律援助工作站", "52330524MJ1234567X", OrganisationKind.LEGAL_SERVICE),
    ("某省社会保障研究中心", "12330000470012345A", OrganisationKind.RESEARCH),
    ("示例县阳光助残公益服务中心", "52330524MJ7654321B", OrganisationKind.PUBLIC_INTEREST),
    ("示例县某村经济合作社", "N2330524MF0000001C", OrganisationKind.OTHER),
]
TOPICS = [
    ("2025 年度就业补助资金使用情况", "", ""),
    ("", "示人社发〔2024〕12号", "关于调整企业职工最低工资标准的通知及附件"),
    ("灵活就业人员社会保险补贴发放名单（2025 年第三季度）", "", ""),
    ("", "", "本人 2019 年至 2021 年在县人力资源市场登记失业的记录及相关审批材料"),
    ("示例县 2025 年事业单位公开招聘面试评分细则", "", ""),
    ("", "", "县劳动保障监察大队对某建筑工地欠薪投诉的处理结果"),
    ("示例县高技能人才培养补助资金拨付明细", "", ""),
    ("工伤认定决定书（本人 2024 年工伤）", "", ""),
]


def _data(i: int, *, org: bool = False) -> dict:
    title, number, description = TOPICS[i % len(TOPICS)]
    base = {
        "info_title": title,
        "info_document_number": number,
        "info_description": description,
        "info_form": "electronic" if i % 3 else "paper",
        "delivery_method": "email" if i % 3 else "post",
        "postcode": "313100",
    }
    if org:
        name, code, kind = ORGS[i % len(ORGS)]
        return base | {
            "applicant_type": ApplicantType.ORGANISATION,
            "organisation_kind": kind,
            "applicant_name": name,
            "id_type": "uscc",
            "id_number": _fix_uscc(code),
            "legal_representative": "张经理",
            "contact_person": "李助理",
            "phone": "0572-6021234",
            "email": f"org{i}@example.com",
            "address": "示例县经济开发区创业大道 1 号",
        }
    name, id_number, phone, address = PEOPLE[i % len(PEOPLE)]
    return base | {
        "applicant_type": ApplicantType.NATURAL_PERSON,
        "organisation_kind": "",
        "applicant_name": name,
        "id_type": "id_card",
        "id_number": _fix_id(id_number),
        "phone": phone,
        # An applicant who wants the answer by email gives an address (the form insists).
        "email": f"applicant{i}@example.com" if i % 2 or i % 3 else "",
        "address": address,
    }


def _fix_id(value: str) -> str:
    from requests_app.validators import id_card_check_digit

    return value[:17] + id_card_check_digit(value[:17])


def _fix_uscc(value: str) -> str:
    from requests_app.validators import uscc_check_char

    return value[:17] + uscc_check_char(value[:17])


class _Demo:
    def __init__(self, ctx, office, head, sections, clerks):
        self.ctx = ctx
        self.office = office
        self.head = head
        self.sections = sections
        self.clerks = clerks
        self.n = 0
        self.cal = WorkCalendar()
        self.codes: list[tuple[str, str, str]] = []

    def workdays_before(self, today: datetime.date, n: int) -> datetime.date:
        """The day `n` working days before `today` (a working day)."""
        day = today
        counted = 0
        while counted < n:
            day -= DAY
            if self.cal.is_workday(day):
                counted += 1
        return day

    def received(self, day: datetime.date, *, org=False, channel=Channel.IN_PERSON):
        self.n += 1
        with _on(day):
            sub = services.request_register(
                data=_data(self.n, org=org),
                channel=channel,
                received_on=day,
                receipt_note="演示数据",
                acting_user=self.office,
            )
        return sub.request, sub.query_code

    def assigned(self, day, k=0, **kw):
        req, code = self.received(day, **kw)
        with _on(day, 15):
            services.request_assign(
                request=req, section=self.sections[k % len(self.sections)], acting_user=self.office
            )
        return req, code

    def clerk_of(self, req):
        req = DisclosureRequest.objects.get(pk=req.pk)
        return self.clerks[req.section_id]

    def answered(self, day, answer_day, outcome, text, k=0, **kw):
        req, code = self.assigned(day, k, **kw)
        with _on(answer_day, 9):
            services.request_draft_submit(
                request=req, outcome=outcome, text=text, acting_user=self.clerk_of(req)
            )
        with _on(answer_day, 16):
            services.request_approve(request=req, acting_user=self.office)
        return req, code


ANSWERS = {
    Outcome.DISCLOSED: "现将该信息以电子邮件方式提供给您，请查收附件。",
    Outcome.PARTIAL: "该信息中涉及个人身份信息的部分已作区分处理，其余部分予以提供。",
    Outcome.WITHHELD_PROCESS_INFO: "您申请的材料为内部讨论稿，尚未形成正式文件。",
    Outcome.WITHHELD_THIRD_PARTY: "经征求第三方意见，第三方不同意公开，且不公开不会对公共利益造成重大影响。",
    Outcome.UNAVAILABLE_NOT_HELD: "经检索，本机关未制作或获取该信息；该信息可能由县统计局掌握，联系电话 0572-6020000。",
    Outcome.UNAVAILABLE_NEEDS_CREATION: "您要求的统计汇总需要对现有数据进行加工分析，本机关不予提供。",
    Outcome.NOT_PROCESSED_PETITION: "您反映的欠薪问题请向县劳动保障监察大队投诉，电话 12333。",
    Outcome.NOT_PROCESSED_REPEAT: "本机关已于此前就相同内容作出答复。",
    Outcome.NOT_PROCESSED_PUBLICATION: "该文件已刊登于《示例县人民政府公报》2025 年第 3 期，可在县图书馆查阅。",
    Outcome.WITHHELD_ENFORCEMENT_FILE: "您申请的材料属于行政执法案卷，可依法申请查阅案卷。",
}


def load(ctx: dict) -> None:
    organisation = ctx.get("organisation") or current_organisation()
    if organisation is None or DisclosureRequest.objects.exists():
        return
    office = _user(ctx, Role.OFFICE_REVIEWER)
    office_section = Section.objects.filter(is_office=True).first()
    if office is None or office_section is None:
        return
    head = _office_head(ctx, office_section)
    sections = [
        s
        for s in (
            _section(("就业",)),
            _section(("社会保险", "社保", "养老")),
            _section(("劳动关系", "监察", "仲裁")),
        )
        if s is not None
    ]
    sections = list(dict.fromkeys(sections))
    if not sections:
        return
    clerks = {s.pk: _clerk(ctx, s) for s in sections}
    demo = _Demo(ctx, office, head, sections, clerks)
    today = timezone.localdate()
    if not demo.cal.is_workday(today):
        today = demo.workdays_before(today, 1)
    # The demo applicants' addresses are invented: send them nothing.
    service_clock.MAIL_APPLICANTS = False
    try:
        _history(demo, today)
        _current(demo, today)
    finally:
        service_clock.MAIL_APPLICANTS = True
    stdout = ctx.get("stdout")
    if stdout is not None:
        stdout.write(f"依申请公开：{DisclosureRequest.objects.count()} 件申请")
        for label, number, code in demo.codes:
            stdout.write(
                f"  演示查询（{label}）：申请编号 {number}  查询码 {services.format_code(code)}"
            )


def _history(demo: _Demo, today: datetime.date) -> None:
    """Closed requests across last year and this year, with complaints and cases."""
    last = today.year - 1
    plan = [
        (datetime.date(last, 2, 18), 12, Outcome.DISCLOSED, False),
        (datetime.date(last, 4, 8), 10, Outcome.UNAVAILABLE_NOT_HELD, False),
        (datetime.date(last, 6, 10), 18, Outcome.WITHHELD_PROCESS_INFO, True),
        (datetime.date(last, 9, 3), 8, Outcome.NOT_PROCESSED_PETITION, False),
        (datetime.date(last, 11, 12), 15, Outcome.PARTIAL, True),
        # received last year, answered this year (carried over)
        (datetime.date(last, 12, 15), 19, Outcome.DISCLOSED, False),
        (datetime.date(today.year, 1, 12), 9, Outcome.DISCLOSED, False),
        (datetime.date(today.year, 3, 9), 14, Outcome.NOT_PROCESSED_REPEAT, False),
        (datetime.date(today.year, 4, 20), 12, Outcome.UNAVAILABLE_NEEDS_CREATION, True),
        (datetime.date(today.year, 6, 1), 16, Outcome.WITHHELD_ENFORCEMENT_FILE, False),
        (datetime.date(today.year, 7, 6), 11, Outcome.NOT_PROCESSED_PUBLICATION, True),
        (datetime.date(today.year, 8, 17), 13, Outcome.DISCLOSED, False),
    ]
    closed = []
    for k, (received, workdays, outcome, org) in enumerate(plan):
        if not demo.cal.is_workday(received):
            received = demo.workdays_before(received, 1)
        answer_day = demo.cal.add_workdays(received, workdays).date
        if answer_day >= today:
            continue
        req, code = demo.answered(received, answer_day, outcome, ANSWERS[outcome], k, org=org)
        closed.append((req, answer_day))
    if not closed:
        return
    demo.codes.append(("已答复", closed[-1][0].tracking_number, code))

    # 逾期不补正 (Reg. 30) and 逾期未缴费 (109号) this year.
    received = demo.workdays_before(datetime.date(today.year, 5, 15), 0)
    if demo.cal.is_workday(received) and received < today - 60 * DAY:
        req, _ = demo.assigned(received, 1)
        with _on(received + DAY):
            services.request_correction_ask(
                request=req,
                items="请写明所需补贴名单的年份和补贴类别",
                days=10,
                acting_user=demo.clerk_of(req),
            )
        lapse = demo.cal.add_workdays(req.correction.due_on, 1).date
        with _on(lapse):
            services.requests_close_lapsed()
    received = datetime.date(today.year, 9, 1)
    if demo.cal.is_workday(received) and received < today - 60 * DAY:
        req, _ = demo.assigned(received, 2, org=True)
        with _on(received + 2 * DAY):
            services.request_fee_notify(
                request=req, scheme="per_page", pages=260, acting_user=demo.clerk_of(req)
            )
        req.refresh_from_db()
        with _on(demo.cal.add_workdays(req.fee_due_on, 1).date):
            services.requests_close_lapsed()

    # Complaints: one answered, one still open.
    first, first_day = closed[0]
    with _on(first_day + 3 * DAY):
        complaint = services.complaint_submit(
            request=first, kind="complaint", text="答复未附全部附件，请补充提供。"
        )
    with _on(first_day + 10 * DAY):
        services.complaint_answer(
            complaint=complaint,
            answer="经核查，已于当日补充发送全部附件。",
            acting_user=demo.office,
        )
    recent, _recent_day = closed[-1]
    with _on(demo.workdays_before(today, 3)):
        services.complaint_submit(
            request=recent, kind="appeal", text="对答复内容有异议，认为应当全部公开。"
        )

    # 行政复议 / 行政诉讼 (table 四).
    cases = [
        (0, RemedyKind.REVIEW, 20, RemedyResult.UPHELD, 60),
        (2, RemedyKind.REVIEW, 25, RemedyResult.CORRECTED, 55),
        (2, RemedyKind.LITIGATION_AFTER_REVIEW, 90, RemedyResult.UPHELD, 150),
        (4, RemedyKind.LITIGATION_DIRECT, 30, None, None),
        (8, RemedyKind.REVIEW, 15, None, None),
    ]
    for index, kind, after, result, concluded_after in cases:
        if index >= len(closed):
            continue
        req, answered_on = closed[index]
        filed = answered_on + after * DAY
        if filed >= today:
            continue
        with _on(filed):
            case = services.remedy_record(
                request=req,
                kind=kind,
                filed_on=filed,
                case_number=f"（{filed.year}）示复字第{index + 1}号"
                if kind == RemedyKind.REVIEW
                else f"（{filed.year}）示行初字第{index + 1}号",
                authority="示例县人民政府" if kind == RemedyKind.REVIEW else "示例县人民法院",
                acting_user=demo.office,
            )
        if result is not None:
            concluded = filed + concluded_after * DAY
            if concluded < today:
                with _on(concluded):
                    services.remedy_conclude(
                        case=case, result=result, concluded_on=concluded, acting_user=demo.office
                    )


def _current(demo: _Demo, today: datetime.date) -> None:
    """Open requests in every state, relative to today."""
    # Submitted online, not yet confirmed.
    with _on(today, 8):
        sub = services.request_submit(data=_data(90))
    demo.codes.append(("待确认", sub.request.tracking_number, sub.query_code))
    # A submission discarded as not a request.
    with _on(demo.workdays_before(today, 2)):
        junk = services.request_submit(data=_data(91)).request
        services.request_discard(
            request=junk, reason="重复提交（与前一份内容相同）", acting_user=demo.office
        )
    # Received, not yet assigned.
    demo.received(demo.workdays_before(today, 1), channel=Channel.POST_SIGNED)
    # Overdue: received 24 working days ago, still being handled.
    demo.assigned(demo.workdays_before(today, 24), 0)
    # Due soon: received 17 working days ago.
    req, code = demo.assigned(demo.workdays_before(today, 17), 1, org=True)
    demo.codes.append(("即将到期", req.tracking_number, code))
    # Extended: received 18 working days ago, 15 more approved by the office head.
    req, _ = demo.assigned(demo.workdays_before(today, 18), 2)
    with _on(demo.workdays_before(today, 2)):
        services.request_extension_apply(
            request=req,
            days=15,
            reason="申请内容涉及多个年度的档案，需调取、整理",
            acting_user=demo.clerk_of(req),
        )
    with _on(demo.workdays_before(today, 1)):
        services.request_extension_decide(request=req, approve=True, acting_user=demo.head)
    # An extension waiting for the office head.
    req, _ = demo.assigned(demo.workdays_before(today, 12), 0)
    with _on(today, 9):
        services.request_extension_apply(
            request=req,
            days=10,
            reason="需协调社会保险经办机构提供数据",
            acting_user=demo.clerk_of(req),
        )
    # Waiting for a correction (asked within 7 working days of receipt).
    req, code = demo.assigned(demo.workdays_before(today, 3), 1)
    with _on(demo.workdays_before(today, 1)):
        services.request_correction_ask(
            request=req,
            items="申请内容描述不明确：请写明所需信息的年份、补贴项目名称，或提供文件的文号。",
            days=10,
            acting_user=demo.clerk_of(req),
        )
    demo.codes.append(("待补正", req.tracking_number, code))
    # Consulting a third party (Reg. 32).
    req, _ = demo.assigned(demo.workdays_before(today, 8), 2, org=True)
    with _on(demo.workdays_before(today, 4)):
        services.request_pause_start(
            request=req,
            kind=PauseKind.THIRD_PARTY,
            party="示例县宏达机械有限公司",
            started_on=demo.workdays_before(today, 4),
            note="涉及企业用工及工资支付信息",
            acting_user=demo.clerk_of(req),
        )
    # Awaiting a fee (按量计收).
    req, _ = demo.assigned(demo.workdays_before(today, 6), 0, org=True)
    with _on(demo.workdays_before(today, 2)):
        services.request_fee_notify(
            request=req, scheme="per_page", pages=150, acting_user=demo.clerk_of(req)
        )
    # A draft waiting for the office's approval.
    req, _ = demo.assigned(demo.workdays_before(today, 9), 1)
    with _on(today, 9):
        services.request_draft_submit(
            request=req,
            outcome=Outcome.DISCLOSED,
            text="现将 2025 年度就业补助资金使用情况的公开文本提供给您。",
            acting_user=demo.clerk_of(req),
        )
    # Answered today.
    req, _ = demo.answered(
        demo.workdays_before(today, 5), today, Outcome.PARTIAL, ANSWERS[Outcome.PARTIAL], 2
    )
