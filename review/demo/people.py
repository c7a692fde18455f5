"""The people and the columns the release workflow's demo works with, and the catalogue's policy/interpretation pairs."""

from __future__ import annotations

import datetime

from accounts.models import User
from accounts.roles import Role
from disclosure.choices import ColumnKind
from disclosure.models import Column, ItemStatus, Section
from review import services
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
