"""The security check before release (seed Art. 9(1), F3) and the release gate.

`security_check(item)` lists every reason that blocks publication at once:
- no publicity attribute, or 依申请公开/不予公开 without its Art. 6 reason;
- personal data in the text or the attachments (overridable by the leader);
- words of the maintained sensitive-word list (overridable by the leader);
- attachments whose text could not be read (overridable by the leader, who thereby
  confirms a manual check), archives refused as too large once expanded included;
- PDF attachments with JavaScript, an OpenAction or a Launch action (overridable by
  the leader);
- a policy that needs an interpretation without an approved one (Art. 7(4));
- an interpretation without its six parts or its signatory (Art. 7(4)).

`release_problems(item)` adds what the 三审 requires: a complete chain of approvals
given to the current content."""

from __future__ import annotations

from dataclasses import dataclass, field

from disclosure.choices import Publicity
from disclosure.models import Item, ItemStatus
from review.models import Action, Decision, Interpretation, InterpretationForm
from review.revision import content_revision
from review.scanner import (
    ActiveContent,
    Finding,
    ScanResult,
    Unreadable,
    html_to_text,
    scan_item,
)
from review.workflow import READY_STATUSES, STAGE_ORDER

# Art. 7(4)2: an interpretation contains these parts.
INTERPRETATION_PARTS = (
    "制定背景",
    "起草过程",
    "工作目标",
    "主要内容",
    "创新举措",
    "下一步工作考虑",
)


@dataclass(frozen=True)
class Blocker:
    code: str
    message: str
    overridable: bool = False
    findings: tuple[Finding, ...] = ()
    unreadable: tuple[Unreadable, ...] = ()
    active_content: tuple[ActiveContent, ...] = ()


@dataclass(frozen=True)
class SecurityReport:
    revision: str
    scan: ScanResult
    blockers: tuple[Blocker, ...]
    override: Decision | None = None  # a valid leader override covering every finding
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def remaining(self) -> list[Blocker]:
        """Blockers not covered by a valid override."""
        if self.override is None:
            return list(self.blockers)
        return [b for b in self.blockers if not b.overridable]

    @property
    def overridable(self) -> list[Blocker]:
        return [b for b in self.blockers if b.overridable]

    @property
    def ok(self) -> bool:
        return not self.remaining

    def overridable_fingerprint(self) -> list[dict]:
        """The masked findings an override confirms (stored with the decision)."""
        rows = []
        for blocker in self.overridable:
            rows.extend(f.as_public_dict() for f in blocker.findings)
            rows.extend(
                {"kind": "unreadable", "masked": u.reason, "where": u.where}
                for u in blocker.unreadable
            )
            rows.extend(
                {"kind": "active_content", "masked": "、".join(a.kinds), "where": a.where}
                for a in blocker.active_content
            )
        return rows


def publicity_problems(item: Item) -> list[str]:
    """F1 / Art. 7(1): the publicity attribute (and for 依申请公开/不予公开 its reason)."""
    if not item.publicity:
        return ["未设置公开属性（主动公开、依申请公开或不予公开）。"]
    if item.publicity != Publicity.PROACTIVE:
        problems = []
        if not item.non_disclosure_reason:
            problems.append("依申请公开或不予公开的信息必须选择第六条规定的理由。")
        if not (item.publicity_note or "").strip():
            problems.append("请填写不主动公开的具体理由。")
        return problems
    return []


def _summarise(findings: list[Finding]) -> str:
    shown = "；".join(f"{f.kind_label} {f.masked}（{f.where}）" for f in findings[:8])
    more = f" 等共 {len(findings)} 处" if len(findings) > 8 else ""
    return shown + more


def interpretation_form(item: Item) -> str:
    """The interpretation's form; 文字解读 unless the drafter chose another."""
    details = Interpretation.objects.filter(item_id=item.pk).values_list("form", flat=True).first()
    return details or InterpretationForm.TEXT


def interpretation_problems(item: Item) -> list[Blocker]:
    blockers = []
    if item.needs_interpretation:
        interpretations = list(item.interpretations.exclude(status=ItemStatus.WITHDRAWN))
        approved = [
            i for i in interpretations if i.status in READY_STATUSES | {ItemStatus.PUBLISHED}
        ]
        if not interpretations:
            blockers.append(
                Blocker(
                    "interpretation_missing",
                    "本政策文件需要解读，但尚未关联解读材料（第七条第四项：同步组织、同步审签、同步部署）。",
                )
            )
        elif not approved:
            blockers.append(
                Blocker(
                    "interpretation_missing",
                    "本政策文件的解读材料尚未审核通过，政策文件不能先行发布（第七条第四项）。",
                )
            )
    if item.interprets_id:
        policy = item.interprets
        if policy.status == ItemStatus.WITHDRAWN:
            blockers.append(
                Blocker("interpretation_policy", f"所解读的政策文件《{policy.title}》已撤回。")
            )
        elif policy.status not in READY_STATUSES | {ItemStatus.PUBLISHED}:
            blockers.append(
                Blocker(
                    "interpretation_policy",
                    f"解读材料须与所解读的政策文件《{policy.title}》同步发布，"
                    "该政策文件尚未审核通过（第七条第四项）。",
                )
            )
        form = interpretation_form(item)
        text = html_to_text(item.body)
        if form == InterpretationForm.TEXT:
            missing = [part for part in INTERPRETATION_PARTS if part not in text]
            if missing:
                blockers.append(
                    Blocker(
                        "interpretation_incomplete",
                        "文字解读缺少必备内容：" + "、".join(missing) + "（第七条第四项）。",
                    )
                )
        elif form == InterpretationForm.INTERVIEW:
            if not text.strip() and not item.attachments.exists():
                blockers.append(
                    Blocker(
                        "interpretation_incomplete",
                        "访谈/新闻发布会解读须有文字实录或音视频附件。",
                    )
                )
        elif not item.attachments.exists():
            label = InterpretationForm(form).label
            blockers.append(
                Blocker("interpretation_incomplete", f"{label}须上传{label}文件作为附件。")
            )
        if not (item.signatory or "").strip():
            blockers.append(
                Blocker(
                    "interpretation_incomplete",
                    "解读材料须由主要负责人或分管负责人署名（第七条第四项）。",
                )
            )
    return blockers


# Release rules of other apps: each a function item -> list of Chinese messages
# (e.g. a consultation must name its basis, period and contact, Art. 7(3)).
OTHER_RELEASE_CHECKS = ("consultations.services.release_blockers",)


def other_app_blockers(item: Item) -> list[str]:
    from django.utils.module_loading import import_string

    messages = []
    for dotted in OTHER_RELEASE_CHECKS:
        try:
            check = import_string(dotted)
        except (ImportError, RuntimeError):  # that app is not part of this deployment
            continue
        messages.extend(check(item))
    return messages


def security_check(item: Item, *, scan: ScanResult | None = None) -> SecurityReport:
    """Every blocking reason at once, with a valid leader override if there is one."""
    revision = content_revision(item)
    scan = scan if scan is not None else scan_item(item)
    blockers: list[Blocker] = [Blocker("publicity", msg) for msg in publicity_problems(item)]
    if scan.personal_data:
        blockers.append(
            Blocker(
                "personal_data",
                "发现个人信息：" + _summarise(scan.personal_data) + "。请删除或脱敏后再发布。",
                overridable=True,
                findings=tuple(scan.personal_data),
            )
        )
    if scan.sensitive_words:
        blockers.append(
            Blocker(
                "sensitive_word",
                "发现敏感词：" + _summarise(scan.sensitive_words) + "。",
                overridable=True,
                findings=tuple(scan.sensitive_words),
            )
        )
    if scan.unreadable:
        blockers.append(
            Blocker(
                "attachment_unreadable",
                "附件无法读取，未能完成检查："
                + "；".join(f"{u.where}（{u.reason}）" for u in scan.unreadable),
                overridable=True,
                unreadable=tuple(scan.unreadable),
            )
        )
    if scan.active_content:
        blockers.append(
            Blocker(
                "attachment_active_content",
                "PDF 附件含可执行内容，可能在读者电脑上自动运行："
                + "；".join(f"{a.where}（{a.label}）" for a in scan.active_content)
                + "。请改用不含脚本和动作的 PDF（如重新导出或打印为 PDF）。",
                overridable=True,
                active_content=tuple(scan.active_content),
            )
        )
    blockers.extend(interpretation_problems(item))
    blockers.extend(Blocker("other", message) for message in other_app_blockers(item))
    report = SecurityReport(revision=revision, scan=scan, blockers=tuple(blockers))
    override = valid_override(item, report)
    if override is not None:
        report = SecurityReport(
            revision=revision, scan=scan, blockers=tuple(blockers), override=override
        )
    return report


def valid_override(item: Item, report: SecurityReport) -> Decision | None:
    """The leader's latest override, if it was given to the current content and covers
    every current overridable finding (a new sensitive word added to the list later
    is not covered)."""
    if not report.overridable:
        return None
    override = (
        Decision.objects.filter(item=item, action=Action.OVERRIDE, revision=report.revision)
        .select_related("actor")
        .order_by("-id")
        .first()
    )
    if override is None:
        return None
    confirmed = {(r["kind"], r["masked"], r["where"]) for r in override.findings}
    current = {(r["kind"], r["masked"], r["where"]) for r in report.overridable_fingerprint()}
    return override if current <= confirmed else None


# --- the 三审 chain -------------------------------------------------------------------


def current_round(item: Item) -> Decision | None:
    """The submission that started the current pass through the stages."""
    return Decision.objects.filter(item=item, action=Action.SUBMIT).order_by("-id").first()


def stage_decisions(item: Item) -> dict[str, Decision]:
    """Each stage's latest decision (approval or return) on `item`, whatever the round:
    the one that counts for that stage now."""
    latest: dict[str, Decision] = {}
    for decision in (
        Decision.objects.filter(item=item, action__in=[Action.APPROVE, Action.RETURN])
        .select_related("actor")
        .order_by("id")
    ):
        latest[decision.stage] = decision
    return latest


def first_open_stage(item: Item, *, revision: str | None = None) -> str | None:
    """The first stage whose latest decision is not an approval of the current content
    (F3: every stage approves the revision that goes public). A change of content after
    any approval therefore sends the item back to 初审; a resubmission of unchanged
    content resumes at the stage that returned it. None: all three stages approved
    the current content."""
    revision = revision or content_revision(item)
    latest = stage_decisions(item)
    for stage in STAGE_ORDER:
        decision = latest.get(stage)
        if decision is None or decision.action != Action.APPROVE or decision.revision != revision:
            return stage
    return None


def approval_problems(item: Item, *, revision: str | None = None) -> list[str]:
    """Why the 三审 chain does not cover the current content, or [] if it does.

    Every stage's latest decision must be an approval given to the current content
    (an approval of an earlier revision is void: 已失效), and the content must be the
    one last submitted."""
    revision = revision or content_revision(item)
    submission = current_round(item)
    if submission is None:
        return ["本信息未经三审（初审、复审、终审）。"]
    problems = []
    if submission.revision != revision:
        problems.append("内容在送审后已被修改，此前的审核意见已失效，须退回起草人后重新送审。")
    latest = stage_decisions(item)
    for stage in STAGE_ORDER:
        decision = latest.get(stage)
        if decision is None:
            problems.append(f"缺少{stage.label}意见。")
        elif decision.action != Action.APPROVE:
            problems.append(f"{stage.label}已退回，尚未重新审核通过。")
        elif decision.revision != revision:
            problems.append(
                f"{stage.label}意见针对的是旧版本内容（版本 {decision.revision[:8]}），已失效。"
            )
    return problems


def release_problems(
    item: Item, *, report: SecurityReport | None = None, signed: bool = False
) -> list[str]:
    """Everything that stops `item` going public now, as messages."""
    report = report or security_check(item)
    problems = [b.message for b in report.remaining]
    if not signed:
        problems.extend(approval_problems(item, revision=report.revision))
    return problems
