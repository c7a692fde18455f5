"""The drafting side of the release workflow: submission and the release attributes."""

from __future__ import annotations

from django.db import transaction

from accounts.roles import Role, has_role
from audit.models import AuditAction
from disclosure.models import Item
from review import checks, notifications
from review.checks import publicity_problems
from review.models import Action, Interpretation, InterpretationForm, Stage
from review.permissions import can_edit_item_content
from review.scanner import html_to_text
from review.services._common import (
    S,
    TransitionError,
    _audit,
    _begin,
    _lock,
    _record,
    _save,
    _set_status,
    resume_stage,
)
from review.workflow import STAGE_STATUS, stage_of


def item_submit(*, item: Item, acting_user, expected_token: str | None = None) -> Item:
    """Draft or returned → 初审; after a return of unchanged content, the stage that
    returned it (`resume_stage`: any change after an approval restarts at 初审)."""
    with transaction.atomic():
        item, _ = _begin(item, acting_user, expected_token, "submit")
        problems = publicity_problems(item)
        if not html_to_text(item.body).strip() and not item.attachments.exists():
            problems.append("正文和附件均为空。")
        # Other apps' rules hold at submission too (e.g. a consultation names its
        # basis, period and contact before anyone reviews it, Art. 7(3)).
        problems.extend(m for m in checks.other_app_blockers(item) if m not in problems)
        if problems:
            raise TransitionError("不能送审：" + "".join(problems), problems=problems)
        stage = resume_stage(item)
        _set_status(item, STAGE_STATUS[Stage(stage)], acting_user=acting_user)
        _record(item, Action.SUBMIT, acting_user, stage=stage)
        notifications.notify_stage_reached(item)
    return item


def item_recall(*, item: Item, acting_user, expected_token: str | None = None) -> Item:
    """In review → draft, by the drafter, before anyone decided on this submission
    (F3): the item can be changed and submitted again. Recorded and audited."""
    with transaction.atomic():
        item, _ = _begin(item, acting_user, expected_token, "recall")
        stage = stage_of(item.status) or ""
        _set_status(item, S.DRAFT, acting_user=acting_user)
        _record(item, Action.RECALL, acting_user, stage=stage)
        _audit(AuditAction.OTHER, acting_user, item, "起草人撤回送审")
    return item


def item_set_relations(
    *,
    item: Item,
    acting_user,
    is_signed_document: bool,
    needs_interpretation: bool,
    interprets: Item | None,
    responds_to: Item | None,
    signatory: str = "",
    signatory_user=None,
    interpretation_form: str = InterpretationForm.TEXT,
) -> Item:
    """The release attributes the drafter sets before submission: 签发稿, needs an
    interpretation, interprets / responds to another item, the interpretation's form
    and signatory (Art. 7(4), 9(2)). The signatory is chosen from the leader
    accounts (`signatory_user`); its name is the public signature. Only in draft or
    returned state, by the drafting side."""
    if interpretation_form not in InterpretationForm.values:
        raise TransitionError("请选择解读形式。")
    if signatory_user is not None:
        if not has_role(signatory_user, Role.LEADER):
            raise TransitionError("署名须从分管领导（主要负责人）账号中选择。")
        signatory = str(signatory_user)
    signatory = (signatory or "").strip()
    with transaction.atomic():
        item = _lock(item)
        if not can_edit_item_content(acting_user, item):
            raise TransitionError(
                "只有起草人或本栏目责任股室的工作人员可以在草稿或退回状态下修改。"
            )
        problems = []
        if interprets is not None:
            if interprets.pk == item.pk:
                problems.append("信息不能解读自身。")
            elif interprets.interprets_id:
                problems.append("所选信息本身是解读材料，请选择政策文件。")
            elif interprets.status == S.WITHDRAWN:
                problems.append("所选政策文件已撤回。")
            if needs_interpretation:
                problems.append("解读材料本身不需要再解读。")
            if not signatory:
                problems.append("解读材料须由主要负责人或分管负责人署名。")
        if responds_to is not None and responds_to.pk == item.pk:
            problems.append("信息不能回应自身。")
        if problems:
            raise TransitionError("".join(problems), problems=problems)
        item.is_signed_document = is_signed_document
        item.needs_interpretation = needs_interpretation
        item.interprets = interprets
        item.responds_to = responds_to
        item.signatory = signatory
        if interprets is not None:
            Interpretation.objects.update_or_create(
                item=item,
                defaults={"form": interpretation_form, "signatory_user": signatory_user},
            )
        else:
            Interpretation.objects.filter(item=item).delete()
        _save(
            item,
            acting_user,
            "is_signed_document",
            "needs_interpretation",
            "interprets",
            "responds_to",
            "signatory",
        )
    return item


def interpretation_link_imported(
    *, policy: Item, interpretation: Item, signatory: str, acting_user=None
) -> None:
    """Record that two items published before the portal kept the link are a policy
    and its interpretation (Art. 7(4)): an import of legacy content, not a step of
    the workflow, so no decision is recorded. Refused unless both are published."""
    with transaction.atomic():
        pair = {
            i.pk: i
            for i in Item.objects.select_for_update().filter(pk__in=[policy.pk, interpretation.pk])
        }
        policy, interpretation = pair[policy.pk], pair[interpretation.pk]
        if S.PUBLISHED not in (policy.status, interpretation.status) or (
            policy.status != interpretation.status
        ):
            raise TransitionError("只能为两条已发布的信息补录解读关系。")
        policy.needs_interpretation = True
        _save(policy, acting_user, "needs_interpretation")
        interpretation.interprets = policy
        interpretation.signatory = signatory
        _save(interpretation, acting_user, "interprets", "signatory")
