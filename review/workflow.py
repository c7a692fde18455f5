"""The release workflow of seed Art. 9 as one transitions map.

    draft ──submit──▶ 初审 ──approve──▶ 复审 ──approve──▶ 终审 ──approve──▶ approved
      ▲ ▲              │                 │                 │                │  │
      │ └──── returned ◀┴──── return ─────┴──── return ─────┘        release │  │ schedule
      │  (resubmission: unchanged content resumes at the stage that          │  │
      │   returned it; any change after an approval restarts at 初审)        ▼  ▼
      └── recall (the drafter, before the first decision of the round)
    draft/returned ──publish_signed (签发稿, Art. 9(2))──────────────▶ published ◀─ scheduled
                                                                  (publish_due)
    published ──withdraw──▶ withdrawn;  published/withdrawn ──replace──▶ (pointer to the new item)

Every service in `review.services` looks its transition up here: the source states,
the roles that may take it, and the target. Guards that depend on the item (the
section of the 初审 reviewer, separation of duties, the security check) live in the
services and `review.permissions`."""

from dataclasses import dataclass

from accounts.roles import Role
from disclosure.models import ItemStatus
from review.models import Stage

S = ItemStatus


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    # None: the target is computed (submit resumes at the returning stage) or the
    # status does not change (override, replace, update).
    target: str | None
    roles: frozenset[Role]
    # Taken by the system (publish_due), never by a person.
    system_only: bool = False
    stage: str = ""
    # The action on the item's review page (its form, its button, its service) that
    # takes this transition; "" for the name itself. None: no page action.
    action: str | None = ""

    @property
    def page_action(self) -> str | None:
        return None if self.action is None or self.system_only else self.action or self.name


_DRAFTERS = frozenset({Role.SECTION_CLERK, Role.SECTION_HEAD, Role.OFFICE_REVIEWER})
_OFFICE_OR_LEADER = frozenset({Role.OFFICE_REVIEWER, Role.LEADER})

# The role that decides at each stage (Art. 9(2), F3).
STAGE_ROLE = {
    Stage.FIRST: Role.SECTION_HEAD,
    Stage.SECOND: Role.OFFICE_REVIEWER,
    Stage.FINAL: Role.LEADER,
}
STAGE_STATUS = {
    Stage.FIRST: S.FIRST_REVIEW,
    Stage.SECOND: S.SECOND_REVIEW,
    Stage.FINAL: S.FINAL_REVIEW,
}
STATUS_STAGE = {status: stage for stage, status in STAGE_STATUS.items()}
STAGE_ORDER = [Stage.FIRST, Stage.SECOND, Stage.FINAL]
NEXT_STATUS = {Stage.FIRST: S.SECOND_REVIEW, Stage.SECOND: S.FINAL_REVIEW, Stage.FINAL: S.APPROVED}

# Statuses in which the drafting side may still change the content.
EDITABLE_STATUSES = frozenset({S.DRAFT, S.RETURNED})
# Statuses of an item that passed the review and waits to go public.
READY_STATUSES = frozenset({S.APPROVED, S.SCHEDULED})
IN_REVIEW_STATUSES = frozenset({S.FIRST_REVIEW, S.SECOND_REVIEW, S.FINAL_REVIEW})

TRANSITIONS: dict[str, Transition] = {
    t.name: t
    for t in [
        Transition("submit", "提交送审", frozenset({S.DRAFT, S.RETURNED}), None, _DRAFTERS),
        # The drafter takes a submission back before anyone decided on it (F3): no
        # dead end for an item submitted by mistake or waiting for an absent reviewer.
        Transition("recall", "撤回送审", IN_REVIEW_STATUSES, S.DRAFT, _DRAFTERS),
        *[
            Transition(
                f"approve_{stage}",
                f"{stage.label}通过",
                frozenset({STAGE_STATUS[stage]}),
                NEXT_STATUS[stage],
                frozenset({STAGE_ROLE[stage]}),
                stage=stage,
                action="approve",
            )
            for stage in STAGE_ORDER
        ],
        *[
            Transition(
                f"return_{stage}",
                f"{stage.label}退回",
                frozenset({STAGE_STATUS[stage]}),
                S.RETURNED,
                frozenset({STAGE_ROLE[stage]}),
                stage=stage,
                action="return",
            )
            for stage in STAGE_ORDER
        ],
        # An approved item found wanting before it goes public goes back too; the
        # office's return resumes at 复审, the leader's at 终审.
        Transition(
            "return_approved",
            "发布前退回",
            READY_STATUSES,
            S.RETURNED,
            _OFFICE_OR_LEADER,
            action="return",
        ),
        # Only the leader releases over a personal-data or sensitive-word finding.
        Transition(
            "override",
            "确认越过安全检查",
            frozenset({S.DRAFT, S.RETURNED, S.FINAL_REVIEW, S.APPROVED, S.SCHEDULED}),
            None,
            frozenset({Role.LEADER}),
        ),
        Transition("release", "立即发布", frozenset({S.APPROVED}), S.PUBLISHED, _OFFICE_OR_LEADER),
        Transition("schedule", "定时发布", frozenset({S.APPROVED}), S.SCHEDULED, _OFFICE_OR_LEADER),
        Transition(
            "unschedule", "取消定时发布", frozenset({S.SCHEDULED}), S.APPROVED, _OFFICE_OR_LEADER
        ),
        Transition(
            "publish_scheduled",
            "定时发布执行",
            frozenset({S.SCHEDULED}),
            S.PUBLISHED,
            frozenset(),
            system_only=True,
        ),
        # Art. 9(2): a signed document with a clear publicity attribute is released on
        # its sign-off record; the office (or the leader) records it and releases.
        Transition(
            "publish_signed",
            "按签发稿发布",
            frozenset({S.DRAFT, S.RETURNED}),
            S.PUBLISHED,
            _OFFICE_OR_LEADER,
            action="sign",
        ),
        Transition("withdraw", "撤回", frozenset({S.PUBLISHED}), S.WITHDRAWN, _OFFICE_OR_LEADER),
        Transition(
            "replace",
            "替换为新信息",
            frozenset({S.PUBLISHED, S.WITHDRAWN}),
            None,
            _OFFICE_OR_LEADER,
        ),
        Transition("update", "发布后更新", frozenset({S.PUBLISHED}), None, _OFFICE_OR_LEADER),
    ]
}


# The review page's actions, each with the transitions it may take (derived: the
# views' action table, the buttons and the service map all follow from this).
def _page_actions() -> dict[str, tuple[str, ...]]:
    actions: dict[str, tuple[str, ...]] = {}
    for transition in TRANSITIONS.values():
        if transition.page_action is not None:
            actions[transition.page_action] = (
                *actions.get(transition.page_action, ()),
                transition.name,
            )
    return actions


PAGE_ACTIONS = _page_actions()


def stage_of(status: str) -> str | None:
    return STATUS_STAGE.get(status)


def transitions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS.values() if status in t.sources]
