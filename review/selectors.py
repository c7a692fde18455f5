"""Reads of the release workflow: the staff dashboard's lists and an item's history."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from accounts.roles import Role, group_ids, has_role, is_office_head
from common.pagecache import versioned_local
from disclosure import deadlines
from disclosure.models import Item, ItemStatus
from review.models import Action, ChangeNote, Decision
from review.permissions import (
    can_edit_item_content,
    can_take,
    office_head_reviews_first,
    review_items_visible_to,
    section_head_ids,
)
from review.revision import content_revision
from review.workflow import PAGE_ACTIONS, READY_STATUSES, STATUS_STAGE
from workcalendar.selectors import WorkCalendar

S = ItemStatus
_LIST_RELATED = ("column", "section", "created_by")


def _base(user) -> QuerySet[Item]:
    return review_items_visible_to(user).select_related(*_LIST_RELATED)


def queue_for(user) -> list[Item]:
    """Items waiting for `user`: at a stage they decide (初审 for the heads of the
    producing section, 复审 for the office, 终审 for the leader) and approved items
    waiting for release (office, leader); minus what separation of duties forbids
    (`permissions.transition_refusal`, applied here in bulk: three queries in all,
    and for the head of the office one more per section whose 初审 he may take)."""
    statuses = []
    if has_role(user, Role.SECTION_HEAD):
        statuses.append(S.FIRST_REVIEW)
    if has_role(user, Role.OFFICE_REVIEWER):
        statuses.append(S.SECOND_REVIEW)
    if has_role(user, Role.LEADER):
        statuses.append(S.FINAL_REVIEW)
    if has_role(user, Role.OFFICE_REVIEWER, Role.LEADER):
        statuses.append(S.APPROVED)
    if not statuses:
        return []
    items = list(
        _base(user)
        .filter(status__in=statuses)
        .exclude(created_by=user)
        .order_by("updated_at", "pk")
    )
    section_groups = group_ids(user)
    office_head = is_office_head(user)
    heads: dict[int, frozenset[int]] = {}  # per section group, read once
    decided: dict[int, set[str]] = {}
    for item_id, decided_stage in Decision.objects.filter(
        actor=user, item__in=[i.pk for i in items], action__in=[Action.APPROVE, Action.RETURN]
    ).values_list("item_id", "stage"):
        decided.setdefault(item_id, set()).add(decided_stage)
    queue = []
    for item in items:
        stage = STATUS_STAGE.get(ItemStatus(item.status))
        if stage is None:
            queue.append(item)  # approved: waiting for release
            continue
        if stage == "first" and item.section.group_id not in section_groups:
            if not office_head:
                continue
            group = item.section.group_id
            if group not in heads:
                heads[group] = section_head_ids(item)
            if not office_head_reviews_first(item, heads[group]):
                continue
        if decided.get(item.pk, set()) - {stage}:
            continue  # decided at another stage of this item
        queue.append(item)
    return queue


def returned_items(user) -> QuerySet[Item]:
    """Returned items: those the user drafted, and those the user returned."""
    returned_by_me = Decision.objects.filter(actor=user, action=Action.RETURN).values("item_id")
    return (
        _base(user)
        .filter(status=S.RETURNED)
        .filter(Q(created_by=user) | Q(pk__in=returned_by_me))
        .order_by("-updated_at")
    )


def my_drafts(user) -> QuerySet[Item]:
    return _base(user).filter(status=S.DRAFT, created_by=user).order_by("-updated_at")


def my_in_review(user) -> QuerySet[Item]:
    """What the user drafted that is somewhere in the workflow."""
    return (
        _base(user)
        .filter(created_by=user, status__in=[*STATUS_STAGE, *READY_STATUSES])
        .order_by("-updated_at")
    )


def scheduled_items(user) -> QuerySet[Item]:
    return _base(user).filter(status=S.SCHEDULED).order_by("scheduled_at")


@dataclass(frozen=True)
class DeadlineRow:
    item: Item
    due_on: datetime.date
    confirmed: bool


def _with_due(items) -> list[DeadlineRow]:
    calendar = WorkCalendar()  # reads each calendar year once for the whole list
    rows = []
    for item in items:
        due = deadlines.item_due_date(item, calendar=calendar)
        rows.append(DeadlineRow(item, due.date, due.confirmed))
    return sorted(rows, key=lambda r: r.due_on)


def overdue_for(user, *, limit: int = 50) -> list[DeadlineRow]:
    """Unpublished 主动公开 items past their 20-working-day deadline (Art. 7(2))."""
    items = deadlines.overdue_items(_base(user).exclude(status=S.WITHDRAWN))
    return _with_due(items.order_by("formed_on")[:limit])


def due_soon_for(user, *, limit: int = 50) -> list[DeadlineRow]:
    """Unpublished items due within the next 5 working days."""
    items = deadlines.due_soon_items(_base(user).exclude(status=S.WITHDRAWN))
    return _with_due(items.order_by("formed_on")[:limit])


def item_history(item: Item) -> list[Decision]:
    """Every decision on `item`, oldest first, each marked `void` when it approved
    content that has since changed."""
    current = content_revision(item)
    decisions = list(
        Decision.objects.filter(item=item).select_related("actor").order_by("created_at", "id")
    )
    for decision in decisions:
        decision.void = (  # type: ignore[attr-defined]  # shown by the history template
            decision.action in (Action.APPROVE, Action.OVERRIDE) and decision.revision != current
        )
    return decisions


def public_links(item: Item) -> dict:
    """The public relations of an item, both ways, limited to public items (F4).

    One query over the relation columns (each indexed); publicity is checked here
    rather than in SQL so the database uses those indexes, not a scan of every
    published item."""
    targets = [pk for pk in (item.interprets_id, item.responds_to_id, item.replaced_by_id) if pk]
    if not targets and item.pk not in _linked_items().relation_targets:
        return {  # nothing points here, and this item points nowhere: no query
            "policy": None,
            "interpretations": [],
            "responds_to": None,
            "responses": [],
            "replaced_by": None,
            "replaces": [],
        }
    related = [
        other
        for other in Item.objects.filter(
            Q(pk__in=targets) | Q(interprets=item) | Q(responds_to=item) | Q(replaced_by=item)
        )
        .exclude(pk=item.pk)
        .only(
            "pk",
            "title",
            "published_at",
            "status",
            "publicity",
            "interprets_id",
            "responds_to_id",
            "replaced_by_id",
        )  # fmt: skip
        .order_by("published_at", "pk")
        if other.is_public
    ]

    def one(pk):
        return next((other for other in related if other.pk == pk), None) if pk else None

    def pointing(field):
        return [other for other in related if getattr(other, field) == item.pk]

    return {
        "policy": one(item.interprets_id),
        "interpretations": pointing("interprets_id"),
        "responds_to": one(item.responds_to_id),
        "responses": pointing("responds_to_id"),
        "replaced_by": one(item.replaced_by_id),
        "replaces": pointing("replaced_by_id"),
    }


def public_change_notes(item: Item) -> list:
    """Substantive change notes, newest first (minor corrections are not shown)."""
    if item.pk not in _linked_items().noted:
        return []  # no query for the many items never changed after publication
    return list(item.change_notes.filter(substantive=True).order_by("-changed_at"))


@dataclass(frozen=True)
class _LinkedItems:
    relation_targets: frozenset[int]  # items another item interprets, answers or replaces
    noted: frozenset[int]  # items with a substantive change note


def _linked_items() -> _LinkedItems:
    """Which items an item page must look up relations or change notes for: kept per
    catalogue version and process (the services that link items or record notes
    change the catalogue), so the item pages of the rest run no query for them."""

    def compute() -> _LinkedItems:
        linked = Item.objects.filter(
            Q(interprets__isnull=False)
            | Q(responds_to__isnull=False)
            | Q(replaced_by__isnull=False)
        ).values_list("interprets_id", "responds_to_id", "replaced_by_id")
        noted = ChangeNote.objects.filter(substantive=True).values_list("item_id", flat=True)
        return _LinkedItems(
            relation_targets=frozenset(pk for row in linked for pk in row if pk),
            noted=frozenset(noted),
        )

    return versioned_local("review-linked-items", compute)


def page_actions(user, item: Item, report, approval_problems: list[str]) -> dict[str, bool]:
    """The buttons of the item's review page: each page action of the transitions map
    (PAGE_ACTIONS) the user may take now (`can_take`), shown only where it can succeed
    (a release needs a passed check; an override only a finding to override). The
    services check all of it again."""
    may = {
        action: any(can_take(user, item, name) for name in names)
        for action, names in PAGE_ACTIONS.items()
    }
    releasable = report.ok and not approval_problems
    needs_override = bool(report.overridable) and report.override is None
    return {
        **may,
        "override": needs_override
        and may["override"]
        and (item.status not in (S.DRAFT, S.RETURNED) or item.is_signed_document),
        "release": releasable and may["release"],
        "schedule": releasable and may["schedule"],
        "release_blocked": not releasable and may["release"],
        "sign": item.is_signed_document and report.ok and may["sign"],
        "sign_blocked": item.is_signed_document and not report.ok and may["sign"],
        "replace": may["replace"] and not item.replaced_by_id,
        "relations": can_edit_item_content(user, item),
    }
