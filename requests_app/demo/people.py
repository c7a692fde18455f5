"""The people, applicants and helpers of the requests demo."""

import contextlib
import datetime
from collections.abc import Iterator

from django.contrib.auth.models import Group
from django.utils import timezone

from accounts.demo import demo_user
from accounts.models import User
from accounts.roles import Role
from disclosure.models import Section
from requests_app import services
from requests_app.grounds import Ground, WithheldBasis
from requests_app.models import Channel, DisclosureRequest
from requests_app.outcomes import ApplicantType, OrganisationKind, Outcome
from workcalendar.selectors import WorkCalendar

DAY = datetime.timedelta(days=1)


@contextlib.contextmanager
def _on(day: datetime.date, hour: int = 10) -> Iterator[None]:
    """Run services as if it were `day` at `hour` o'clock (demo history only)."""
    tz = timezone.get_current_timezone()
    with services.seams(now=datetime.datetime(day.year, day.month, day.day, hour, tzinfo=tz)):
        yield


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

    def answered(self, day, answer_day, outcome, k=0, **kw):
        req, code = self.assigned(day, k, **kw)
        ground, details, text = ANSWERS[outcome]
        with _on(answer_day, 9):
            services.request_draft_submit(
                request=req,
                ground=ground,
                details=details,
                text=text,
                acting_user=self.clerk_of(req),
            )
        with _on(answer_day, 16):
            services.request_approve(request=req, acting_user=self.office)
        return req, code


# Each demo answer: its legal ground, what that ground asks for, and a remark.
ANSWERS = {
    Outcome.DISCLOSED: (
        Ground.DISCLOSED,
        {"access": "按您选择的获取方式提供，电子邮件请查收附件，邮寄请注意签收。"},
        "",
    ),
    Outcome.PARTIAL: (
        Ground.PARTIAL,
        {
            "access": "按您选择的获取方式提供可以公开的部分。",
            "basis": WithheldBasis.THIRD_PARTY,
            "reason": "名单中的身份证号码、联系电话属于个人隐私，已作区分处理。",
        },
        "",
    ),
    Outcome.WITHHELD_PROCESS_INFO: (
        Ground.WITHHELD,
        {
            "basis": WithheldBasis.PROCESS_INFO,
            "reason": "您申请的材料为内部讨论稿，尚未形成正式文件。",
        },
        "",
    ),
    Outcome.WITHHELD_THIRD_PARTY: (
        Ground.WITHHELD,
        {
            "basis": WithheldBasis.THIRD_PARTY,
            "reason": "经征求第三方意见，第三方不同意公开，且不公开不会对公共利益造成重大影响。",
        },
        "",
    ),
    Outcome.UNAVAILABLE_NOT_HELD: (
        Ground.NOT_OURS,
        {"agency_name": "示例县统计局", "agency_contact": "0572-6020000"},
        "全县分行业就业人数统计由统计部门制作和保存。",
    ),
    Outcome.UNAVAILABLE_NEEDS_CREATION: (
        Ground.NEEDS_CREATION,
        {},
        "您要求的统计汇总需要对现有数据进行加工分析。",
    ),
    Outcome.NOT_PROCESSED_PETITION: (
        Ground.PETITION,
        {"channel": "县劳动保障监察大队，投诉电话 12333。"},
        "",
    ),
    Outcome.NOT_PROCESSED_REPEAT: (
        Ground.REPEAT,
        {"earlier_reply": "人社依申告〔2025〕3号"},
        "",
    ),
    Outcome.NOT_PROCESSED_PUBLICATION: (
        Ground.PUBLICATION,
        {"channel": "该文件已刊登于《示例县人民政府公报》2025 年第 3 期，可在县图书馆查阅。"},
        "",
    ),
    Outcome.WITHHELD_ENFORCEMENT_FILE: (
        Ground.WITHHELD,
        {
            "basis": WithheldBasis.ENFORCEMENT_FILE,
            "reason": "您申请的材料属于行政执法案卷，当事人可依法申请查阅案卷。",
        },
        "",
    ),
}
