"""Who may take which step of the release workflow. The services call
`transition_refusal` before every transition; views and templates use `can_take` to
show only the actions one may take.

Rules (seed Art. 3(3), 9(2); F3):
- 初审 is decided by a 股室负责人 of the section that produced the item; 复审 by an
  办公室审核员; 终审 by a 分管领导. An item drafted by a 股室负责人, or produced by a
  section with no other head, may also be reviewed at 初审 by the head of the office
  (no item waits for a reviewer who cannot exist).
- The drafter may recall (撤回送审) a submission before the first decision on it.
- Separation of duties: nobody decides on an item they drafted, and nobody decides at
  two stages of the same item.
- Only the leader confirms a release over personal-data or sensitive-word findings.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from accounts.roles import Role, group_ids, has_role, is_active_user, is_office_head
from disclosure import permissions as disclosure_permissions
from disclosure.models import Item
from review.models import Action, Decision, Stage
from review.workflow import TRANSITIONS

REVIEW_ROLES = (Role.SECTION_CLERK, Role.SECTION_HEAD, Role.OFFICE_REVIEWER, Role.LEADER)


def can_use_review(user) -> bool:
    """Staff may open the dashboard (the staff navigation links it for all of them);
    what they see in it is limited by `review_items_visible_to`."""
    return is_active_user(user) and user.is_staff


def review_items_visible_to(user) -> QuerySet[Item]:
    """Items `user` may open in the review pages: those the catalogue lets them see,
    and those produced by their own section (the 初审 reviewer's section)."""
    if not can_use_review(user) or not has_role(user, *REVIEW_ROLES):
        return Item.objects.none()
    if is_office_head(user):
        # The head of the office acts for the office (and reviews at 初审 where the
        # section cannot, `office_head_reviews_first`).
        return Item.objects.all()
    visible = disclosure_permissions.items_visible_to(user)
    own_section = Item.objects.filter(section__group__in=group_ids(user))
    return Item.objects.filter(Q(pk__in=visible.values("pk")) | Q(pk__in=own_section.values("pk")))


def can_view_item(user, item: Item) -> bool:
    return review_items_visible_to(user).filter(pk=item.pk).exists()


def in_section(user, item: Item) -> bool:
    """Member of the group of the section that produced `item` (read once per user)."""
    return item.section.group_id in group_ids(user)


def section_head_ids(item: Item) -> frozenset[int]:
    """The active 股室负责人 of the section that produced `item`."""
    return frozenset(
        get_user_model()
        .objects.filter(is_active=True, groups__name=Role.SECTION_HEAD)
        .filter(groups=item.section.group_id)
        .values_list("pk", flat=True)
    )


def office_head_reviews_first(item: Item, heads: frozenset[int] | None = None) -> bool:
    """F3 / Art. 9(2): a 股室负责人 does not review his own item; another head of his
    section does, or the head of the office, who is also the 初审 reviewer of a
    section with no other head (never a dead end)."""
    heads = section_head_ids(item) if heads is None else heads
    return item.created_by_id in heads or not (heads - {item.created_by_id})


def may_review_first(user, item: Item) -> bool:
    """At 初审: a head of the producing section, or the head of the office where
    `office_head_reviews_first` (the role check comes first)."""
    return in_section(user, item) or (is_office_head(user) and office_head_reviews_first(item))


def decided_since_submission(item: Item) -> bool:
    """Whether anyone approved or returned `item` since its latest submission."""
    submission = Decision.objects.filter(item=item, action=Action.SUBMIT).order_by("-id").first()
    if submission is None:
        return False
    return Decision.objects.filter(
        item=item, action__in=[Action.APPROVE, Action.RETURN], id__gt=submission.id
    ).exists()


def reviewer_stage(user) -> str:
    """The stage at which an office reviewer or a leader returns an approved item."""
    return Stage.FINAL if has_role(user, Role.LEADER) else Stage.SECOND


def _decided_at_other_stage(user, item: Item, stage: str) -> Decision | None:
    return (
        Decision.objects.filter(item=item, actor=user, action__in=[Action.APPROVE, Action.RETURN])
        .exclude(stage=stage)
        .first()
    )


def transition_refusal(user, item: Item, name: str) -> str | None:
    """Why `user` may not take transition `name` on `item` (ignoring its status), or
    None if they may. Messages are shown to the user."""
    transition = TRANSITIONS[name]
    if transition.system_only:
        return "该操作只能由系统按设定时间自动执行。"
    if not is_active_user(user) or not user.is_staff:
        return "请先以工作人员身份登录。"
    if not has_role(user, *transition.roles):
        roles = "、".join(str(r) for r in transition.roles)
        return f"只有{roles}可以执行“{transition.label}”。"
    drafted = user.pk == item.created_by_id
    if name == "submit":
        # "谁产生，谁公开" (Art. 3(3)): the producing side submits, not a reviewer.
        if not (drafted or in_section(user, item)):
            return "只有起草人或信息产生股室的工作人员可以提交送审。"
        return None
    if name == "recall":
        if not drafted:
            return "只有起草人本人可以撤回送审。"
        if decided_since_submission(item):
            return "审核人已作出审核决定，不能撤回送审；如需修改，请联系审核人退回。"
        return None
    stage = transition.stage or (reviewer_stage(user) if name == "return_approved" else "")
    if stage:
        if drafted:
            return "不能审核自己起草的信息（审核与起草分离）。"
        if stage == Stage.FIRST and not may_review_first(user, item):
            return (
                "初审须由信息产生股室的负责人进行（股室负责人本人起草的信息，"
                "由本股室其他负责人或办公室负责人初审）。"
            )
        earlier = _decided_at_other_stage(user, item, stage)
        if earlier is not None:
            return (
                f"您已在本信息的{earlier.get_stage_display()}环节作出审核决定，"
                "同一人不能审核两个环节。"
            )
    if name in ("publish_signed", "override") and drafted:
        return "不能由起草人自己确认发布本信息。"
    return None


def can_take(user, item: Item, name: str) -> bool:
    return item.status in TRANSITIONS[name].sources and transition_refusal(user, item, name) is None


def can_edit_item_content(user, item: Item) -> bool:
    """The release attributes (签发稿, interpretation, response) are set by the
    drafting side (the drafter or the producing section) while the catalogue lets
    them change the item: before submission or after a return
    (`disclosure.permissions.can_change_item`)."""
    if not is_active_user(user):
        return False
    drafting_side = user.pk == item.created_by_id or in_section(user, item)
    return drafting_side and disclosure_permissions.can_change_item(user, item)


def can_reveal_content(user, item: Item) -> bool:
    """See the review preview unmasked (an audited action): the drafting side, who
    wrote it, and the reviewers who must judge the finding (股室负责人, 办公室审核员,
    分管领导). Section clerks other than the drafter see the masked preview only."""
    if not is_active_user(user) or not can_view_item(user, item):
        return False
    if user.pk == item.created_by_id:
        return True
    return has_role(user, Role.SECTION_HEAD, Role.OFFICE_REVIEWER, Role.LEADER)


def can_manage_sensitive_words(user) -> bool:
    """The 安全管理员 maintains the list (三员 separation)."""
    return has_role(user, Role.SECURITY_ADMIN)
