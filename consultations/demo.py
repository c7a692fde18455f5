"""Demo consultations (`manage.py load_demo`, after disclosure.demo and review.demo):
one open, one closed awaiting its feedback (overdue), one concluded with its
feedback and the resulting policy, and one internal consultation; approved,
pending and hidden comments. Dates are relative to today. Running it again
changes nothing (consultations are found by their title)."""

import datetime

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from consultations import selectors, services
from consultations.forms import text_to_html
from consultations.models import Adoption, Consultation, ConsultationKind
from disclosure import services as disclosure_services
from disclosure.choices import ColumnKind, ContentCategory, Topic
from disclosure.models import Column, Item, Section
from disclosure.selectors import current_organisation

DAY = datetime.timedelta(days=1)

OPEN_TITLE = "关于《示例县就业创业补贴实施办法（征求意见稿）》公开征求意见的公告"
CLOSED_TITLE = "关于《示例县灵活就业人员社会保险补贴办法（征求意见稿）》公开征求意见的公告"
CONCLUDED_TITLE = "关于《示例县高技能人才培养补助资金管理办法（征求意见稿）》公开征求意见的公告"
INTERNAL_TITLE = "关于《局机关考勤与请休假管理规定（修订稿）》征求各股室意见的通知"
POLICY_TITLE = "示例县高技能人才培养补助资金管理办法"


def load(ctx: dict) -> None:
    organisation = ctx.get("organisation") or current_organisation()
    if organisation is None:
        return  # no bureau yet (disclosure.demo did not run)
    office_user = _user(ctx, Role.OFFICE_REVIEWER)
    if office_user is None:
        return
    column = _consultation_column(organisation)
    section = _section(("就业促进股", "就业", "职业能力建设股", "职业能力"), exclude_office=True)
    insurance = _section(("社会保险", "社保", "养老保险"), exclude_office=True) or section
    skills = _section(("职业能力", "人才"), exclude_office=True) or section
    office_section = Section.objects.filter(is_office=True).first() or section
    now = timezone.now()

    _open(column, section, office_user, now)
    _closed_awaiting_feedback(column, insurance, office_user, now)
    _concluded(column, skills, office_user, now, ctx)
    _internal(column, office_section, office_user, now)
    _register_catalogue_items(ctx, office_user)
    stdout = ctx.get("stdout")
    if stdout is not None:
        stdout.write(f"意见征集：{Consultation.objects.count()} 项")


# --- the four consultations ------------------------------------------------------------


def _open(column, section, office_user, now):
    if Consultation.objects.filter(item__title=OPEN_TITLE).exists():
        return
    consultation = _create(
        column=column,
        section=section,
        acting_user=office_user,
        title=OPEN_TITLE,
        opens_at=_at(now - 6 * DAY, 9),
        closes_at=_at(now + 24 * DAY, 17),
        body=(
            "<p>为进一步落实就业优先政策，鼓励创业带动就业，我局起草了《示例县就业创业补贴"
            "实施办法（征求意见稿）》，现向社会公开征求意见。</p>"
            "<h3>第一条 适用对象</h3><p>本办法适用于在本县创业的高校毕业生、返乡入乡创业人员"
            "和就业困难人员。</p>"
            "<h3>第二条 一次性创业补贴</h3><p>首次创办小微企业或从事个体经营，正常经营满 6 个月"
            "的，给予一次性创业补贴 5000 元。</p>"
            "<h3>第三条 创业场地租金补贴</h3><p>入驻县创业孵化基地的，按实际租金的 50% 给予补贴，"
            "最长不超过 3 年。</p>"
            "<h3>第四条 申请材料</h3><p>申请人提交申请表、营业执照、场地租赁合同及租金支付凭证。</p>"
        ),
        basis="《中华人民共和国就业促进法》；《国务院关于进一步做好稳就业工作的意见》；"
        "《某省就业补助资金管理办法》。",
        draft_sections="第一条 适用对象\n第二条 一次性创业补贴\n第三条 创业场地租金补贴\n第四条 申请材料",
        contact_person="陈科长",
        contact_method="电话 0572-1234567；电子邮箱 jycj@rsj.example.gov.cn；邮寄地址 示例县人民路 1 号 就业促进股（邮编 313000）",
    )
    _publish(consultation.item, office_user, _at(now - 6 * DAY, 9))
    comments = _comments(
        consultation,
        [
            (
                "王先生",
                "13905721234",
                "第二条 一次性创业补贴",
                "建议将正常经营满 6 个月的条件放宽到 3 个月，初创期资金压力最大。",
            ),
            ("", "", "第三条 创业场地租金补贴", "孵化基地之外的自租场地能否也纳入租金补贴范围？"),
            ("李女士", "li.nv@example.com", "", "希望补贴申请能全程网上办理，减少跑腿。"),
            (
                "张同学",
                "13605720000",
                "第一条 适用对象",
                "毕业 3 年内的高校毕业生是否包含在外地就读、户籍在本县的？",
            ),
            ("推广", "", "", "低价代办各类补贴申请，联系微信 xxxxxx。"),
        ],
        now - 5 * DAY,
    )
    services.comment_approve(comment=comments[0], acting_user=office_user)
    services.comment_approve(comment=comments[2], acting_user=office_user)
    services.comment_hide(
        comment=comments[4], reason="广告信息，与征求意见内容无关。", acting_user=office_user
    )
    # comments[1] and comments[3] wait for moderation.


def _closed_awaiting_feedback(column, section, office_user, now):
    if Consultation.objects.filter(item__title=CLOSED_TITLE).exists():
        return
    opens_at, closes_at = _at(now - 75 * DAY, 9), _at(now - 45 * DAY, 17)
    consultation = _create(
        column=column,
        section=section,
        acting_user=office_user,
        title=CLOSED_TITLE,
        opens_at=opens_at,
        closes_at=closes_at,
        body=(
            "<p>为减轻灵活就业人员参保缴费负担，我局起草了《示例县灵活就业人员社会保险补贴办法"
            "（征求意见稿）》。</p><h3>第一条 补贴对象</h3><p>以灵活就业方式参加企业职工基本养老保险"
            "的就业困难人员。</p><h3>第二条 补贴标准</h3><p>按实际缴费额的 2/3 给予补贴，"
            "补贴期限最长 3 年。</p>"
        ),
        basis="《中华人民共和国社会保险法》；《某省就业补助资金管理办法》。",
        draft_sections="第一条 补贴对象\n第二条 补贴标准",
        contact_person="周股长",
        contact_method="电话 0572-1234568；电子邮箱 sbk@rsj.example.gov.cn",
    )
    _publish(consultation.item, office_user, opens_at)
    comments = _comments(
        consultation,
        [
            (
                "刘先生",
                "13705725678",
                "第二条 补贴标准",
                "建议补贴期限延长至 5 年，或到退休年龄为止。",
            ),
            ("", "", "第一条 补贴对象", "建议将未就业的高校毕业生灵活就业也纳入补贴对象。"),
            ("孙女士", "sun@example.com", "", "申请补贴时能否不再要求提供缴费凭证原件？"),
        ],
        opens_at + 3 * DAY,
    )
    for comment in comments:
        services.comment_approve(comment=comment, acting_user=office_user)
    services.comment_set_adoption(
        comment=comments[1],
        adoption=Adoption.ADOPTED,
        note="已在第一条中增加离校 2 年内未就业高校毕业生。",
        acting_user=office_user,
    )
    # Closed more than 20 working days ago without published feedback: flagged overdue.


def _concluded(column, section, office_user, now, ctx):
    if Consultation.objects.filter(item__title=CONCLUDED_TITLE).exists():
        return
    opens_at, closes_at = _at(now - 120 * DAY, 9), _at(now - 90 * DAY, 17)
    consultation = _create(
        column=column,
        section=section,
        acting_user=office_user,
        title=CONCLUDED_TITLE,
        opens_at=opens_at,
        closes_at=closes_at,
        body=(
            "<p>为加快高技能人才队伍建设，我局起草了《示例县高技能人才培养补助资金管理办法"
            "（征求意见稿）》。</p><h3>第一条 补助对象</h3><p>取得高级工以上职业资格或职业技能等级"
            "证书的本县企业职工。</p><h3>第二条 补助标准</h3><p>高级工 1000 元，技师 2000 元，"
            "高级技师 3000 元。</p>"
        ),
        basis="《中华人民共和国职业教育法》；《关于加强新时代高技能人才队伍建设的意见》。",
        draft_sections="第一条 补助对象\n第二条 补助标准",
        contact_person="吴科长",
        contact_method="电话 0572-1234569；电子邮箱 zynl@rsj.example.gov.cn",
    )
    _publish(consultation.item, office_user, opens_at)
    comments = _comments(
        consultation,
        [
            (
                "郑师傅",
                "13805729999",
                "第二条 补助标准",
                "建议技师和高级技师的补助标准再提高一些，与周边县区持平。",
            ),
            ("", "", "第一条 补助对象", "在本县就业但社保在外地缴纳的职工能否申请？"),
        ],
        opens_at + 5 * DAY,
    )
    for comment in comments:
        services.comment_approve(comment=comment, acting_user=office_user)
    services.comment_set_adoption(
        comment=comments[0],
        adoption=Adoption.PARTLY,
        note="技师、高级技师标准分别提高至 2500 元、4000 元；与周边县区完全持平受财力所限。",
        acting_user=office_user,
    )
    services.comment_set_adoption(
        comment=comments[1],
        adoption=Adoption.NOT_ADOPTED,
        note="补助资金来源于本县就业补助资金，须以在本县参保为条件。",
        acting_user=office_user,
    )
    policy = _policy(ctx, office_user, closes_at + 20 * DAY)
    title, text = selectors.feedback_draft_text(consultation)
    consultation = services.feedback_save(
        consultation=consultation,
        title=title,
        body=text_to_html(text),
        policy_item=policy,
        acting_user=office_user,
        now=closes_at + 10 * DAY,
    )
    _publish(consultation.feedback_item, office_user, closes_at + 12 * DAY)


def _internal(column, section, office_user, now):
    if Consultation.objects.filter(item__title=INTERNAL_TITLE).exists():
        return
    # Art. 7(3): consultations inside the administration are not proactive
    # information; the draft item is 不予公开 and never appears publicly.
    _create(
        column=column,
        section=section,
        acting_user=office_user,
        title=INTERNAL_TITLE,
        opens_at=_at(now - 3 * DAY, 9),
        closes_at=_at(now + 7 * DAY, 17),
        body="<p>请各股室于截止日前将修改意见报局办公室。</p>",
        basis="《机关事业单位工作人员考勤管理办法》。",
        contact_person="局办公室 何主任",
        contact_method="内线 8001",
        is_internal=True,
    )


# The catalogue demo (disclosure.demo) files two consultation notices and one
# feedback in the 意见征集 column as plain items; they get their consultation
# records here, with the window, basis and contact their text announces.
CATALOGUE_CONSULTATIONS = [
    {
        "item": "consult-trainee",
        "feedback": "consult-trainee-feedback",
        "policy": "normative-trainee-2026",
        "opens_at": (2026, 4, 1, 9),
        "closes_at": (2026, 4, 30, 17),
        "basis": "《就业服务与就业管理规定》；《某省就业见习管理暂行办法》。",
        "contact_person": "黄海燕",
        "contact_method": "联系电话：0572-5123458；电子邮箱：rsjzcfg@example.gov.cn；"
        "通信地址：示例县城关镇人民路88号政策法规股",
    },
    {
        "item": "consult-skills",
        "opens_at": (2026, 10, 21, 9),
        "closes_at": (2026, 11, 20, 17),
        "basis": "《关于健全完善新时代技能人才职业技能等级制度的意见》。",
        "contact_person": "朱晓东",
        "contact_method": "联系电话：0572-5123466；电子邮箱：rsjzynl@example.gov.cn",
    },
]


def _register_catalogue_items(ctx, office_user) -> None:
    items = ctx.get("items") or {}
    for spec in CATALOGUE_CONSULTATIONS:
        item = items.get(spec["item"])
        if item is None or Consultation.objects.filter(item=item).exists():
            continue
        feedback = items.get(spec.get("feedback", ""))
        policy = items.get(spec.get("policy", ""))
        Consultation.objects.create(
            item=item,
            basis=spec["basis"],
            opens_at=timezone.make_aware(datetime.datetime(*spec["opens_at"])),
            closes_at=timezone.make_aware(datetime.datetime(*spec["closes_at"])),
            contact_person=spec["contact_person"],
            contact_method=spec["contact_method"],
            feedback_item=feedback,
            policy_item=policy,
            created_by=office_user,
        )


# --- helpers ---------------------------------------------------------------------------


def _create(**fields) -> Consultation:
    # The demo's drafts are 行政规范性文件 (their minimum: 7 working days, 国办发〔2018〕37号).
    return services.consultation_create(
        topic=Topic.LABOUR_EMPLOYMENT, kind=ConsultationKind.NORMATIVE, **fields
    )


def _publish(item: Item, acting_user, when: datetime.datetime) -> None:
    """The end of the release workflow (review.demo walks items through the 三审
    itself; these demo drafts are recorded as released on their publication date)."""
    # Demo history: the draft was formed the working day before it went out.
    formed_on = timezone.localdate(when) - DAY
    if item.formed_on is None or item.formed_on > formed_on:
        disclosure_services.item_draft_revise(
            item=item, acting_user=acting_user, formed_on=formed_on
        )
    disclosure_services.item_mark_published(item=item, when=when, acting_user=acting_user)


def _comments(consultation, rows, first_at):
    comments = []
    for n, (name, contact, draft_section, body) in enumerate(rows):
        comments.append(
            services.comment_submit(
                consultation=consultation,
                author_name=name,
                contact=contact,
                draft_section=draft_section,
                body=body,
                client_address=f"198.51.100.{n + 10}",  # TEST-NET-2
                now=first_at + n * datetime.timedelta(hours=7),
            )
        )
    return comments


def _policy(ctx, office_user, published_at) -> Item:
    """The policy issued after the consultation, in the normative documents column."""
    existing = Item.objects.filter(title=POLICY_TITLE).first()
    if existing is not None:
        return existing
    column = (
        (ctx.get("columns") or {}).get("normative")
        or Column.objects.filter(kind=ColumnKind.POLICY).order_by("order", "id").first()
        or Column.objects.order_by("order", "id").first()
    )
    item = disclosure_services.item_create(
        acting_user=office_user,
        column=column,
        title=POLICY_TITLE,
        body=(
            "<p>第一条 为加快高技能人才队伍建设，制定本办法。</p>"
            "<p>第二条 补助标准：高级工 1000 元，技师 2500 元，高级技师 4000 元。</p>"
        ),
        topic=Topic.LABOUR_EMPLOYMENT,
        content_category=ContentCategory.LAWS,
        document_number="示人社〔2026〕12号",
        written_on=timezone.localdate(published_at) - 3 * DAY,
        formed_on=timezone.localdate(published_at) - 3 * DAY,
        publicity="proactive",
    )
    _publish(item, office_user, published_at)
    return item


def _consultation_column(organisation) -> Column:
    column = selectors.consultation_columns().first()
    if column is not None:
        return column
    office = Section.objects.filter(organisation=organisation, is_office=True).first()
    office = office or Section.objects.filter(organisation=organisation).first()
    return disclosure_services.column_create(
        acting_user=None,
        responsible_section=office,
        name="意见征集",
        slug="yijian-zhengji",
        kind=ColumnKind.NOTICE,
        content_category=ContentCategory.NORMATIVE_DRAFTS,
        description="规范性文件和政策措施公开征求意见（第五条第十六项、第七条第三项）。",
    )


def _section(words: tuple[str, ...], *, exclude_office: bool) -> Section | None:
    sections = Section.objects.order_by("order", "id")
    if exclude_office:
        sections = sections.exclude(is_office=True)
    for word in words:
        match = sections.filter(name__contains=word).first()
        if match is not None:
            return match
    return sections.first()


def _user(ctx: dict, role: Role) -> User | None:
    users = ctx.get("users")
    if isinstance(users, dict):
        for user in users.values():
            if isinstance(user, User) and user.groups.filter(name=str(role)).exists():
                return user
    return User.objects.filter(groups__name=str(role), is_active=True).order_by("id").first()


def _at(moment: datetime.datetime, hour: int) -> datetime.datetime:
    """That day at `hour`:00, local time."""
    local = timezone.localtime(moment)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)
