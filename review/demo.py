"""Demo data of the release workflow (`manage.py load_demo`, after disclosure.demo).

Items at every stage of the 三审, one returned with an opinion, a policy released
together with its interpretation and a response to it, a signed-document release, a
withdrawn item, a replaced item, a published item with a change note, an approved
item with a personal-data finding awaiting the leader, and the sensitive-word list.
Everything goes through the real services. Items are found by title, so running it
again changes nothing."""

from __future__ import annotations

import contextlib
import datetime
import io

import docx
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Count
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from disclosure import services as disclosure_services
from disclosure.choices import ColumnKind, ContentCategory, Topic
from disclosure.models import Column, Item, ItemStatus, Section
from disclosure.selectors import current_organisation
from review import notifications, services
from review.models import SensitiveWord

S = ItemStatus
DAY = datetime.timedelta(days=1)
# Set through the review workflow's own service, not the catalogue's item_create.
RELATION_FIELDS = (
    "is_signed_document",
    "needs_interpretation",
    "interprets",
    "responds_to",
    "signatory",
)

SENSITIVE_WORDS = [
    ("内部资料", "内部资料不得公开"),
    ("仅供内部参考", "内部参考材料"),
    ("请勿外传", "内部材料的常见标注"),
    ("绝密", "国家秘密密级标志"),
    ("机密★", "国家秘密密级标志"),
    ("秘密★", "国家秘密密级标志"),
]

INTERPRETATION_BODY = """
<h3>一、制定背景</h3><p>为贯彻落实国家和省、市关于促进创业带动就业的决策部署，进一步规范创业担保贷款贴息资金使用，结合我县实际，制定本办法。</p>
<h3>二、起草过程</h3><p>起草过程中，我局赴乡镇（街道）和企业开展调研，公开征求社会公众意见，并经县司法局合法性审查、局党组会议审议通过。</p>
<h3>三、工作目标</h3><p>降低创业融资成本，确保贴息资金精准拨付到符合条件的借款人。</p>
<h3>四、主要内容</h3><p>办法共四章十八条，明确了贷款对象、额度、贴息标准、申报程序和监督管理要求。</p>
<h3>五、创新举措</h3><p>推行贴息“免申即享”，经办银行按季度直接拨付，借款人无需另行申请。</p>
<h3>六、下一步工作考虑</h3><p>加强政策宣传和培训，定期公开资金使用情况，接受社会监督。</p>
"""


def load(ctx: dict) -> None:
    organisation = ctx.get("organisation") or current_organisation()
    if organisation is None:
        return  # disclosure.demo did not run
    people = _people(ctx)
    if people is None:
        _say(
            ctx, "发布审核：缺少演示账户（股室信息员、股室负责人、办公室审核员、分管领导），跳过。"
        )
        return
    _sensitive_words(people["security"] or people["office"])
    with notifications.muted():
        _link_catalogue_pairs(ctx, people)
        Demo(people, ctx).run()
    counts = dict(
        Item.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    summary = "，".join(f"{S(s).label} {n}" for s, n in counts.items())
    _say(ctx, f"发布审核：{summary}")


def _say(ctx: dict, message: str) -> None:
    stdout = ctx.get("stdout")
    if stdout is not None:
        stdout.write(message)


def _in_role(ctx: dict, role: Role, section: Section | None = None) -> list[User]:
    users = User.objects.filter(groups__name=str(role), is_active=True)
    if section is not None:
        users = users.filter(groups=section.group)
    return list(users.order_by("id").distinct())


def _people(ctx: dict) -> dict | None:
    """The demo's drafter, the head of the drafter's section, an office reviewer and a
    leader: disclosure.demo's `clerk`, `head`, `office`, `leader` when it ran, else
    the first users with those roles."""
    known = ctx.get("users") if isinstance(ctx.get("users"), dict) else {}
    clerk = known.get("clerk") or next(iter(_in_role(ctx, Role.SECTION_CLERK)), None)
    if clerk is None:
        return None
    section = Section.objects.filter(group__in=clerk.groups.all(), is_office=False).first()
    if section is None or not Column.objects.filter(responsible_section=section).exists():
        return None
    head = known.get("head")
    if head is None or not head.groups.filter(pk=section.group_id).exists():
        head = next((h for h in _in_role(ctx, Role.SECTION_HEAD, section) if h != clerk), None)
    office = known.get("office") or next(iter(_in_role(ctx, Role.OFFICE_REVIEWER)), None)
    leader = known.get("leader") or next(iter(_in_role(ctx, Role.LEADER)), None)
    if head is None or office is None or leader is None:
        return None
    security = known.get("security") or next(iter(_in_role(ctx, Role.SECURITY_ADMIN)), None)
    return {
        "clerk": clerk,
        "head": head,
        "office": office,
        "leader": leader,
        "security": security,
        "section": section,
        "column": _column(section, (ColumnKind.NOTICE, ColumnKind.NEWS, ColumnKind.OTHER)),
        "policy_column": _column(section, (ColumnKind.POLICY, ColumnKind.NOTICE)),
    }


def _column(section: Section, kinds) -> Column:
    columns = Column.objects.filter(responsible_section=section).order_by("order", "id")
    for kind in kinds:
        found = columns.filter(kind=kind).first()
        if found is not None:
            return found
    return columns.first()


def _link_catalogue_pairs(ctx: dict, people: dict) -> None:
    """disclosure.demo's policies and their interpretations (Art. 7(4)). Published
    pairs are legacy content, published before the portal kept the links: the link is
    recorded as an import. Draft pairs get their links through the workflow's service,
    as a drafter would set them."""
    items = ctx.get("items") or {}
    for policy_key, interpretation_key in ctx.get("interpretation_pairs") or []:
        policy, interpretation = items.get(policy_key), items.get(interpretation_key)
        if policy is None or interpretation is None:
            continue
        policy.refresh_from_db()
        interpretation.refresh_from_db()
        if interpretation.interprets_id == policy.pk:
            continue
        if interpretation.status == S.PUBLISHED and policy.status == S.PUBLISHED:
            services.interpretation_link_imported(
                policy=policy,
                interpretation=interpretation,
                signatory=interpretation.signatory or "局长 王某某",
            )
        elif interpretation.status in (S.DRAFT, S.RETURNED) and policy.status in (
            S.DRAFT,
            S.RETURNED,
        ):
            drafter = policy.created_by
            services.item_set_relations(
                item=policy,
                acting_user=drafter,
                is_signed_document=policy.is_signed_document,
                needs_interpretation=True,
                interprets=None,
                responds_to=policy.responds_to,
                signatory=policy.signatory,
            )
            services.item_set_relations(
                item=interpretation,
                acting_user=interpretation.created_by,
                is_signed_document=interpretation.is_signed_document,
                needs_interpretation=False,
                interprets=policy,
                responds_to=None,
                signatory=interpretation.signatory or "局长 王某某",
            )


def _sensitive_words(user) -> None:
    for word, note in SENSITIVE_WORDS:
        SensitiveWord.objects.get_or_create(word=word, defaults={"note": note, "created_by": user})


class Demo:
    def __init__(self, people: dict, ctx: dict):
        self.p = people
        self.ctx = ctx
        self.today = timezone.localdate()

    # --- helpers ---------------------------------------------------------------------

    def item(
        self, title: str, *, body: str, days_ago: int = 3, column=None, **fields
    ) -> Item | None:
        """A new draft by the clerk, or None when it exists (the demo ran before)."""
        if Item.objects.filter(title=title).exists():
            return None
        formed = self.today - days_ago * DAY
        relations = {name: fields.pop(name) for name in RELATION_FIELDS if name in fields}
        item = disclosure_services.item_create(
            acting_user=self.p["clerk"],
            column=column or self.p["column"],
            title=title,
            body=body,
            summary=fields.pop("summary", ""),
            topic=fields.pop("topic", Topic.LABOUR_EMPLOYMENT),
            content_category=fields.pop("content_category", ContentCategory.POLICY_MEASURES),
            formed_on=formed,
            written_on=fields.pop("written_on", formed),
            publicity=fields.pop("publicity", "proactive"),
            **fields,
        )
        if relations:
            item = services.item_set_relations(
                item=item,
                acting_user=self.p["clerk"],
                is_signed_document=relations.get("is_signed_document", False),
                needs_interpretation=relations.get("needs_interpretation", False),
                interprets=relations.get("interprets"),
                responds_to=relations.get("responds_to"),
                signatory=relations.get("signatory", ""),
            )
        return item

    def to(self, item: Item, status: str) -> Item:
        """Walk `item` through the stages up to `status`."""
        path = [S.FIRST_REVIEW, S.SECOND_REVIEW, S.FINAL_REVIEW, S.APPROVED]
        services.item_submit(item=item, acting_user=self.p["clerk"])
        reviewers = [self.p["head"], self.p["office"], self.p["leader"]]
        opinions = ["内容属实，同意报送。", "格式规范，同意。", "同意发布。"]
        for target, reviewer, opinion in zip(path[1:], reviewers, opinions, strict=True):
            if path.index(status) < path.index(target):
                break
            services.review_approve(item=item, acting_user=reviewer, opinion=opinion)
        item.refresh_from_db()
        return item

    def publish(self, item: Item) -> Item:
        self.to(item, S.APPROVED)
        services.item_release(item=item, acting_user=self.p["office"])
        item.refresh_from_db()
        return item

    # --- the demo items ----------------------------------------------------------------

    def run(self) -> None:
        self.stages()
        self.returned()
        self.pending_leader()
        self.policy_and_interpretation()
        self.signed()
        self.withdrawn()
        self.replaced()
        self.changed()
        self.scheduled()

    def stages(self) -> None:
        texts = {
            S.DRAFT: ("关于开展2026年度企业薪酬调查工作的通知", 2),
            S.FIRST_REVIEW: ("关于公布第三批县级技能大师工作室名单的公告", 4),
            S.SECOND_REVIEW: ("关于做好高校毕业生就业见习补贴申领工作的通知", 17),
            S.FINAL_REVIEW: ("示例县2026年第三季度人力资源市场供求分析", 10),
            S.APPROVED: ("关于举办2026年秋季大型人才招聘会的公告", 6),
        }
        for status, (title, days_ago) in texts.items():
            item = self.item(
                title,
                body=f"<p>{title}。</p><p>各有关单位：现将有关事项通知如下，请认真贯彻执行。</p>",
                days_ago=days_ago,
            )
            if item is not None and status != S.DRAFT:
                self.to(item, status)
        # A draft past its 20-working-day deadline (shown as overdue).
        self.item(
            "关于调整失业保险金标准的通知",
            body="<p>根据省人力社保厅有关规定，现就调整我县失业保险金标准有关事项通知如下。</p>",
            days_ago=35,
        )

    def returned(self) -> None:
        item = self.item(
            "关于发放2026年第二批稳岗返还资金的公示",
            body=(
                "<p>经审核，以下企业符合稳岗返还条件，现予公示。</p>"
                "<p>联系人：李某某，联系电话：13857201234。</p>"
            ),
            days_ago=8,
        )
        if item is None:
            return
        document = docx.Document()
        document.add_paragraph("稳岗返还企业名单")
        document.add_paragraph("经办人：张某某，身份证号：330524198511200014")
        buffer = io.BytesIO()
        document.save(buffer)
        upload = SimpleUploadedFile("稳岗返还企业名单.docx", buffer.getvalue())
        with contextlib.suppress(ValidationError):  # the demo works without the attachment
            disclosure_services.attachment_add(
                item=item, file=upload, acting_user=self.p["clerk"], title="稳岗返还企业名单"
            )
        self.to(item, S.SECOND_REVIEW)
        services.review_return(
            item=item,
            acting_user=self.p["office"],
            opinion="正文中的联系人手机号码和附件中的经办人身份证号码属于个人信息，请删除或改为单位办公电话后重新送审。",
        )

    def pending_leader(self) -> None:
        item = self.item(
            "关于开展2026年度劳动用工和社会保险专项检查的通知",
            body=(
                "<p>请各用人单位于规定时间内完成自查。</p>"
                "<p>联系人：王科长，手机：13957209876（工作手机）。</p>"
            ),
            days_ago=5,
        )
        if item is not None:
            self.to(item, S.APPROVED)  # the office cannot release it; the leader must decide

    def policy_and_interpretation(self) -> None:
        title = "示例县创业担保贷款贴息管理办法"
        if Item.objects.filter(title=title).exists():
            return
        policy = self.item(
            title,
            body="<p>第一条　为支持创业带动就业，规范创业担保贷款贴息资金管理，制定本办法。</p><p>第二条　本办法适用于本县行政区域内个人创业担保贷款和小微企业创业担保贷款的贴息。</p><p>第三条　个人创业担保贷款最高额度为30万元，贴息期限不超过3年。</p>",
            column=self.p["policy_column"],
            document_number="示人社规〔2026〕5号",
            content_category=ContentCategory.LAWS,
            needs_interpretation=True,
            days_ago=6,
        )
        interpretation = self.item(
            "《示例县创业担保贷款贴息管理办法》政策解读",
            body=INTERPRETATION_BODY,
            column=self.p["policy_column"],
            interprets=policy,
            signatory="局长 王某某",
            days_ago=6,
        )
        self.to(policy, S.APPROVED)
        self.to(interpretation, S.APPROVED)
        services.item_release(item=policy, acting_user=self.p["office"])  # both, together
        response = self.item(
            "关于创业担保贷款贴息“免申即享”有关问题的回应",
            body="<p>近期，部分创业者关心贴息如何申领。现回应如下：符合条件的借款人无需另行申请，经办银行按季度直接将贴息资金拨付至借款人账户。</p>",
            responds_to=policy,
            signatory="副局长 李某某",
            days_ago=2,
        )
        self.publish(response)
        # A second pair still in review: the policy waits for its interpretation.
        policy2 = self.item(
            "示例县零工市场建设补助实施细则",
            body="<p>第一条　为规范零工市场建设，促进灵活就业，制定本细则。</p>",
            column=self.p["policy_column"],
            content_category=ContentCategory.LAWS,
            needs_interpretation=True,
            days_ago=9,
        )
        interpretation2 = self.item(
            "《示例县零工市场建设补助实施细则》政策解读",
            body="<h3>一、制定背景</h3><p>（撰写中）</p>",
            column=self.p["policy_column"],
            interprets=policy2,
            signatory="局长 王某某",
            days_ago=9,
        )
        self.to(policy2, S.APPROVED)
        services.item_submit(item=interpretation2, acting_user=self.p["clerk"])

    def signed(self) -> None:
        item = self.item(
            "示例县人力资源和社会保障局关于印发《2026年度就业创业工作要点》的通知",
            body="<p>各股室、局属各单位：</p><p>现将《2026年度就业创业工作要点》印发给你们，请结合实际认真抓好落实。</p>",
            document_number="示人社〔2026〕21号",
            is_signed_document=True,
            days_ago=3,
        )
        if item is not None:
            services.item_publish_signed(
                item=item,
                signer="王某某",
                signer_title="局长",
                signed_on=item.written_on,
                acting_user=self.p["office"],
            )

    def withdrawn(self) -> None:
        item = self.item(
            "关于公布2026年上半年社会保险待遇资格认证结果的通知",
            body="<p>现将2026年上半年待遇资格认证结果予以公布。</p>",
            days_ago=30,
        )
        if item is None:
            return
        self.publish(item)
        services.item_withdraw(
            item=item,
            reason="公布的名单范围有误，经核实后将重新发布。",
            acting_user=self.p["office"],
        )

    def replaced(self) -> None:
        old = self.item(
            "关于2026年度职称评审工作有关事项的通知",
            body="<p>2026年度职称评审申报时间为9月1日至9月30日。</p>",
            days_ago=40,
        )
        if old is None:
            return
        self.publish(old)
        new = self.item(
            "关于2026年度职称评审工作有关事项的通知（更新）",
            body="<p>2026年度职称评审申报时间调整为9月1日至10月20日，其他事项不变。</p>",
            days_ago=12,
        )
        self.publish(new)
        services.item_replace(
            item=old, replacement=new, acting_user=self.p["office"], note="申报时间调整"
        )

    def changed(self) -> None:
        item = self.item(
            "示例县2026年度企业工资指导线",
            body="<p>2026年度我县企业工资指导线基准线为6%，上线为9%，下线为3%。</p>",
            days_ago=14,
            content_category=ContentCategory.LABOUR_MARKET,
        )
        if item is None:
            return
        self.publish(item)
        services.item_update_published(
            item=item,
            changes={"body": item.body + "<p>本指导线自发布之日起执行。</p>"},
            substantive=True,
            note="补充执行日期。",
            acting_user=self.p["office"],
        )

    def scheduled(self) -> None:
        item = self.item(
            "关于2026年第四季度城乡居民养老保险缴费的提醒",
            body="<p>请参保人员于12月20日前完成2026年度城乡居民养老保险缴费。</p>",
            days_ago=2,
        )
        if item is None:
            return
        self.to(item, S.APPROVED)
        tomorrow_nine = timezone.make_aware(
            datetime.datetime.combine(self.today + DAY, datetime.time(9, 0))
        )
        services.item_schedule(item=item, when=tomorrow_nine, acting_user=self.p["office"])
