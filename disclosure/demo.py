"""The demo bureau (F9): a county 人力资源和社会保障局 with its office and sections, a
column tree covering the 16 kinds of Art. 5 and the Reg. 20 items beyond them, 70-odd items in every catalogue state
(their texts in `demo_files/items.json`, read by `read_items`), a few real PDF
attachments and one account per role (`accounts.demo`).

`load(ctx)` is called by `manage.py load_demo` (demo mode only) and is idempotent:
everything is looked up by a natural key (organisation code, section name, column
slug, username, item title) and only created when missing, so a second run changes
nothing. It leaves for later loaders in `ctx`:

- `organisation`: the bureau;
- `sections`: {name: Section}; `columns`: {slug: Column};
- `users`: {username: User} (`clerk`/`head` of 就业促进股, `clerk2`/`head2` of
  社会保险股, `office`, `leader`, `sysadmin`, `security`, `auditor`, and one clerk for
  each other section);
- `items`: {key: Item}; `interpretation_pairs`: [(policy key, interpretation key)]
  for the review workflow to link (F4);
- `credentials`: (username, password, role label) appended for printing.
"""

import datetime
import json
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files import File
from django.utils import timezone

from accounts.demo import demo_users
from accounts.models import User
from disclosure import services
from disclosure.choices import ColumnKind, DocumentType, Publicity, Topic, Validity
from disclosure.models import Column, Item, Matter, Organisation, Section, SiteIdentity
from workcalendar.selectors import WorkCalendar

DEMO_FILES = Path(__file__).resolve().parent / "demo_files"

ORGANISATION = {
    "code": "113305990024861574",
    "name": "示例县人力资源和社会保障局",
    "address": "示例县城关镇人民路88号行政中心3号楼",
    "postcode": "313399",
    "office_hours": "工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）",
    "phone": "0572-5123456",
    "fax": "0572-5123457",
    "email": "rsjgk@example.gov.cn",
    "disclosure_office": "局办公室",
}

OFFICE = "局办公室"
POLICY = "政策法规股"
EMPLOYMENT = "就业促进股"
INSURANCE = "社会保险股"
LABOUR = "劳动关系股"
PERSONNEL = "人事管理股"
SKILLS = "职业能力建设股"
INSPECTION = "劳动保障监察大队"
INSURANCE_CENTRE = "社会保险事业管理中心"
SECTIONS = [
    OFFICE,
    POLICY,
    EMPLOYMENT,
    INSURANCE,
    LABOUR,
    PERSONNEL,
    SKILLS,
    INSPECTION,
    INSURANCE_CENTRE,
]

# (slug, name, kind, Art. 5 category, responsible section, parent slug, description)
COLUMNS = [
    ("about", "机构职能", ColumnKind.OTHER, "a05_01", OFFICE, None, "本局职责、领导信息、内设机构和联系方式。"),
    ("leaders", "领导信息", ColumnKind.OTHER, "a05_01", OFFICE, "about", "局领导班子成员及分工。"),
    ("structure", "内设机构", ColumnKind.OTHER, "a05_01", OFFICE, "about", "内设股室和下属单位及其职责。"),
    ("contact", "联系方式", ColumnKind.OTHER, "a05_01", OFFICE, "about", "各股室（单位）办公地址和电话。"),
    ("news", "工作动态", ColumnKind.NEWS, "a05_05", OFFICE, None, "人社工作重大活动和工作动态。"),
    ("notices", "通知公告", ColumnKind.NOTICE, "", OFFICE, None, "面向社会的通知、公告。"),
    ("policies", "政策文件", ColumnKind.POLICY, "a05_02", POLICY, None, "法律法规、规章和规范性文件。"),
    ("laws", "法律法规", ColumnKind.POLICY, "a05_02", POLICY, "policies", "人社领域法律、行政法规和规章。"),
    ("normative", "规范性文件", ColumnKind.POLICY, "a05_16", POLICY, "policies", "本局制定的行政规范性文件。"),
    ("other-docs", "其他文件", ColumnKind.POLICY, "a05_03", POLICY, "policies", "工作计划、总结等其他文件。"),
    ("interpretation", "政策解读", ColumnKind.POLICY, "a05_03", POLICY, None, "政策文件的解读材料（第七条第四项）。"),
    ("consultation", "意见征集", ColumnKind.NOTICE, "a05_16", POLICY, None, "规范性文件和政策的公开征求意见及采纳情况（第七条第三项）。"),
    ("employment", "就业创业", ColumnKind.NEWS, "a05_03", EMPLOYMENT, None, "就业创业政策措施及其实施情况。"),
    ("employment-policy", "就业政策落实", ColumnKind.POLICY, "a05_03", EMPLOYMENT, "employment", "就业补助资金、创业担保贷款等政策落实情况。"),
    ("labour-market", "人力资源市场供求", ColumnKind.OTHER, "a05_08", EMPLOYMENT, "employment", "人力资源市场供求状况和工资价位。"),
    ("insurance", "社会保险", ColumnKind.NEWS, "a05_03", INSURANCE, None, "社会保险政策及其实施情况。"),
    ("drug-catalogue", "医保和工伤保险药品目录", ColumnKind.OTHER, "a05_12", INSURANCE, "insurance", "基本医疗保险和工伤保险药品目录。"),
    ("insurance-funds", "社会保险基金收支", ColumnKind.OTHER, "a05_11", INSURANCE_CENTRE, "insurance", "社会保险基金收支情况。"),
    ("authorised-services", "授权服务事项办理", ColumnKind.OTHER, "a05_14", INSURANCE_CENTRE, "insurance", "授权的人社服务项目办理情况。"),
    ("labour-relations", "劳动关系", ColumnKind.OTHER, "a05_08", LABOUR, None, "最低工资标准、工资指导线和人工成本信息。"),
    ("wage-guidelines", "工资指导线", ColumnKind.OTHER, "a05_08", LABOUR, "labour-relations", "企业工资指导线。"),
    ("personnel", "人事人才", ColumnKind.OTHER, "a05_07", PERSONNEL, None, "事业单位人事管理和人才工作。"),
    ("recruitment", "事业单位公开招聘", ColumnKind.NOTICE, "a05_07", PERSONNEL, "personnel", "事业单位公开招聘计划、公告和结果。"),
    ("talent-funding", "人才资助项目", ColumnKind.OTHER, "a05_13", PERSONNEL, "personnel", "人才资助各类项目实施情况。"),
    ("title-exams", "职称考试", ColumnKind.NOTICE, "a05_09", SKILLS, "personnel", "专业技术资格、职称考试计划及实施方案。"),
    ("title-evaluation", "职称评审", ColumnKind.NOTICE, "a05_10", SKILLS, "personnel", "评聘专业技术资格的条件、程序和结果。"),
    ("enforcement", "行政执法", ColumnKind.OTHER, "a05_04", INSPECTION, None, "行政执法依据、职权、责任、监督和结果。"),
    ("enforcement-basis", "执法依据与职责", ColumnKind.OTHER, "a05_04", INSPECTION, "enforcement", "劳动保障监察执法依据和职责。"),
    ("enforcement-results", "执法结果公示", ColumnKind.OTHER, "a05_04", INSPECTION, "enforcement", "“双随机、一公开”抽查结果和行政处罚决定。"),
    ("approvals", "行政审批", ColumnKind.OTHER, "a05_06", POLICY, None, "行政许可和非行政许可审批事项目录及办事指南。"),
    ("major-projects", "重大建设项目", ColumnKind.OTHER, "a05_15", OFFICE, None, "重大建设项目批准和招投标情况。"),
    # Reg. 20's items beyond Art. 5, and what 考核 checks besides.
    ("finance", "财政信息", ColumnKind.OTHER, "r20_07", OFFICE, None, "部门预算、决算和“三公”经费（条例第二十条第（七）项）。"),
    ("budget", "部门预算", ColumnKind.OTHER, "r20_07", OFFICE, "finance", "本局年度部门预算及说明。"),
    ("final-accounts", "部门决算", ColumnKind.OTHER, "r20_07", OFFICE, "finance", "本局年度部门决算及说明。"),
    ("three-public", "“三公”经费", ColumnKind.OTHER, "r20_07", OFFICE, "finance", "因公出国（境）费、公务用车购置及运行费、公务接待费预决算。"),
    ("plans", "规划计划", ColumnKind.OTHER, "r20_03", POLICY, None, "人力资源和社会保障事业发展规划、专项规划及相关政策。"),
    ("statistics", "统计信息", ColumnKind.OTHER, "r20_04", OFFICE, None, "人力资源和社会保障统计数据和统计公报。"),
    ("fees", "行政事业性收费", ColumnKind.OTHER, "r20_08", OFFICE, None, "行政事业性收费项目及其依据、标准。"),
    ("procurement", "政府集中采购", ColumnKind.OTHER, "r20_09", OFFICE, None, "政府集中采购项目的目录、标准及实施情况。"),
    ("emergency", "应急管理", ColumnKind.OTHER, "r20_12", LABOUR, None, "突发公共事件的应急预案、预警信息及应对情况。"),
    ("supervision", "监督检查", ColumnKind.OTHER, "r20_13", INSPECTION, None, "人力资源服务机构、职业技能培训机构等监督检查情况。"),
    ("proposals", "建议提案办理", ColumnKind.OTHER, "x_01", OFFICE, None, "人大代表建议和政协提案办理结果。"),
    ("powers", "权责清单", ColumnKind.OTHER, "x_02", POLICY, None, "本局行政权力事项和责任事项清单。"),
]  # fmt: skip


# 更新周期 of the 其他 columns that must be updated regularly (the rest: 不定期).
UPDATE_MONTHS = {
    "labour-market": 3,
    "statistics": 3,
    "insurance-funds": 6,
    "supervision": 6,
    "budget": 12,
    "final-accounts": 12,
    "three-public": 12,
    "fees": 12,
    "procurement": 12,
    "proposals": 12,
    "powers": 12,
    "talent-funding": 12,
    "enforcement-basis": 12,
}


@dataclass(frozen=True)
class DemoItem:
    key: str
    column: str
    author: str
    title: str
    # A date, or for drafts an int: that many days before the day the demo is loaded
    # (so the demo always shows drafts that are fresh, due soon and overdue).
    formed: datetime.date | int
    paragraphs: tuple[str, ...]
    topic: str = Topic.LABOUR_EMPLOYMENT
    category: str = ""  # the column's Art. 5 category unless given
    doc: str = ""
    doc_type: str = ""  # 文种
    joint: str = ""  # 联合发文机关
    normative: bool = False  # a 行政规范性文件 of the bureau (示人社规)
    normative_code: str = ""
    effective: datetime.date | None = None
    valid_until: datetime.date | None = None
    repealed: datetime.date | None = None
    written: datetime.date | None = None
    publish_after: int | None = None  # working days after formation; None: a draft
    publicity: str = Publicity.PROACTIVE
    reason: str = ""
    note: str = ""
    validity: str = Validity.VALID
    keywords: str = ""
    attachment: tuple[str, str] | None = None  # (file in demo_files, title)


ITEMS_FILE = DEMO_FILES / "items.json"
# Fields of items.json that name a member of a choices class (readable in the file).
CHOICE_FIELDS = {
    "topic": Topic,
    "publicity": Publicity,
    "validity": Validity,
    "doc_type": DocumentType,
}
DATE_FIELDS = ("written", "effective", "valid_until", "repealed")


def read_items(path: Path = ITEMS_FILE) -> list[DemoItem]:
    """The demo items of `path`: a JSON list of objects with DemoItem's fields; dates
    are ISO strings, choices are member names (`"GENERAL_AFFAIRS"`)."""
    items = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        fields = dict(record)
        for name, choices in CHOICE_FIELDS.items():
            if name in fields:
                fields[name] = choices[fields[name]]
        if isinstance(fields["formed"], str):
            fields["formed"] = datetime.date.fromisoformat(fields["formed"])
        for name in DATE_FIELDS:
            if fields.get(name):
                fields[name] = datetime.date.fromisoformat(fields[name])
        fields["paragraphs"] = tuple(fields["paragraphs"])
        if fields.get("attachment"):
            fields["attachment"] = tuple(fields["attachment"])
        items.append(DemoItem(**fields))
    return items


ITEMS: list[DemoItem] = read_items()


INTERPRETATION_PAIRS = [
    ("normative-employment-funds", "interp-employment-funds"),
    ("normative-flexible-pension", "interp-flexible-pension"),
    ("normative-trainee-2026", "interp-trainee"),
    ("normative-skills-draft", "interp-skills-draft"),
]


def load(ctx: dict) -> None:
    """Create the demo bureau where it is missing (see the module docstring)."""
    if not settings.DEMO_MODE:
        raise ImproperlyConfigured("演示数据只能在演示模式（DEMO_MODE=1）下载入。")
    organisation = _organisation()
    sections = _sections(organisation)
    columns = _columns(sections)
    users = demo_users(section_groups={name: s.group for name, s in sections.items()}, ctx=ctx)
    items = _items(columns, users)
    _site_identity(users["sysadmin"])
    _map_matters(columns)
    ctx["organisation"] = organisation
    ctx.setdefault("sections", {}).update(sections)
    ctx.setdefault("columns", {}).update(columns)
    ctx.setdefault("users", {}).update(users)
    ctx.setdefault("items", {}).update(items)
    ctx.setdefault("interpretation_pairs", []).extend(
        p for p in INTERPRETATION_PAIRS if p not in ctx["interpretation_pairs"]
    )


def _organisation() -> Organisation:
    fields = dict(ORGANISATION)
    organisation, _ = Organisation.objects.get_or_create(code=fields.pop("code"), defaults=fields)
    return organisation


# The county portal's identifiers, which the bureau's channel shows (国办发〔2017〕47号).
# Example values: a real site takes them from its 开办 records.
SITE_IDENTITY = {
    "site_name": "示例县人民政府门户网站",
    "site_domain": "www.shixian.gov.cn",
    "site_id_code": "3305990001",
    "channel_name": "县人力社保局",
    "icp_number": "浙ICP备05001234号-1",
    "police_number": "浙公网安备 33059902000123号",
    "gov_mark_url": "https://bszs.conac.cn/sitename?method=show&id=3305990001",
}


# 标准目录事项 (preloaded by migration) and the demo columns that carry them.
MATTER_COLUMNS = {
    ("就业信息服务", "就业政策法规咨询"): ["employment-policy"],
    ("就业信息服务", "职业培训信息发布"): ["employment"],
    ("就业信息服务", "岗位信息发布"): ["employment"],
    ("社会保险登记", "企业社会保险登记"): ["authorised-services"],
    ("社会保险参保信息维护", "个人基本信息变更"): ["authorised-services"],
}


def _map_matters(columns: dict[str, Column]) -> None:
    for (level1, level2), slugs in MATTER_COLUMNS.items():
        matter = Matter.objects.filter(level1=level1, level2=level2).first()
        if matter is not None and not matter.columns.exists():
            matter.columns.add(*(columns[s] for s in slugs))


def _site_identity(sysadmin: User) -> None:
    if not SiteIdentity.objects.exists():
        services.site_identity_update(data=dict(SITE_IDENTITY), acting_user=sysadmin)


def _sections(organisation: Organisation) -> dict[str, Section]:
    sections = {}
    for order, name in enumerate(SECTIONS):
        section = Section.objects.filter(organisation=organisation, name=name).first()
        if section is None:
            section = services.section_create(
                organisation=organisation, name=name, is_office=name == OFFICE, order=order
            )
        sections[name] = section
    return sections


def _columns(sections: dict[str, Section]) -> dict[str, Column]:
    columns: dict[str, Column] = {}
    for order, (slug, name, kind, category, section, parent, description) in enumerate(COLUMNS):
        column = Column.objects.filter(slug=slug).first()
        if column is None:
            column = services.column_create(
                acting_user=None,
                responsible_section=sections[section],
                parent=columns[parent] if parent else None,
                name=name,
                slug=slug,
                kind=kind,
                content_category=category,
                update_months=UPDATE_MONTHS.get(slug),
                description=description,
                order=order,
            )
        columns[slug] = column
    return columns


def _items(columns: dict[str, Column], users: dict[str, User]) -> dict[str, Item]:
    today = timezone.localdate()
    calendar = WorkCalendar()
    existing = {
        item.title: item for item in Item.objects.filter(title__in=[d.title for d in ITEMS])
    }
    items: dict[str, Item] = {}
    # Publish in date order so 索引号 serials follow the publication dates.
    to_publish: list[tuple[datetime.datetime, str]] = []
    for number, demo in enumerate(ITEMS):
        item = existing.get(demo.title)
        if item is None:
            item, when = _create_item(demo, number, columns, users, today, calendar)
            if when is not None:
                to_publish.append((when, demo.key))
        items[demo.key] = item
    for when, key in sorted(to_publish):
        items[key] = services.item_mark_published(
            item=items[key], when=when, acting_user=users["office"]
        )
    return items


def _create_item(demo: DemoItem, number: int, columns, users, today, calendar):
    column = columns[demo.column]
    author = users[demo.author]
    formed = (
        demo.formed
        if isinstance(demo.formed, datetime.date)
        else today - datetime.timedelta(demo.formed)
    )
    body = "".join(f"<p>{p}</p>" for p in demo.paragraphs)
    item = services.item_create(
        acting_user=author,
        column=column,
        title=demo.title,
        body=body,
        summary=demo.paragraphs[0][:120] if len(demo.paragraphs) > 1 else "",
        keywords=demo.keywords,
        topic=demo.topic,
        content_category=demo.category or column.content_category,
        document_type=demo.doc_type,
        document_number=demo.doc,
        joint_issuers=demo.joint,
        is_normative=demo.normative,
        normative_code=demo.normative_code,
        effective_on=demo.effective,
        valid_until=demo.valid_until,
        repealed_on=demo.repealed,
        written_on=demo.written if demo.written else (formed if demo.doc else None),
        formed_on=formed,
        validity=demo.validity,
        publicity=demo.publicity,
        non_disclosure_reason=demo.reason,
        publicity_note=demo.note,
    )
    if demo.attachment:
        filename, title = demo.attachment
        with (DEMO_FILES / filename).open("rb") as handle:
            services.attachment_add(
                item=item, file=File(handle, name=filename), title=title, acting_user=author
            )
    if demo.publish_after is None:
        return item, None
    day = calendar.add_workdays(formed, demo.publish_after).date
    # Office hours, spread over the morning so the list is not all at one minute.
    when = datetime.datetime.combine(
        day, datetime.time(9, 0), tzinfo=timezone.get_current_timezone()
    ) + datetime.timedelta(minutes=(number * 37) % 180)
    return item, when
