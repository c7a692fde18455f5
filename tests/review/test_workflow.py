"""Every transition of the map, allowed and refused, per role and per state —
generated from `review.workflow.TRANSITIONS`, so a change to the map changes the
tests with it."""

import datetime

import pytest
from django.utils import timezone

from accounts.roles import Role
from disclosure.models import ItemStatus
from review import services, views
from review.workflow import PAGE_ACTIONS, TRANSITIONS
from tests.review.factories import draft, walk

S = ItemStatus
ALL_ROLES = list(Role)

# The status the item is in before the transition, for the "allowed" case: the
# reachable source states of each transition.
REACHABLE = [
    S.DRAFT,
    S.RETURNED,
    S.FIRST_REVIEW,
    S.SECOND_REVIEW,
    S.FINAL_REVIEW,
    S.APPROVED,
    S.SCHEDULED,
    S.PUBLISHED,
    S.WITHDRAWN,
]


def make_item(team, name: str, status: str):
    """An item in `status` on which transition `name` can succeed if allowed."""
    body = "<p>各有关单位：现将有关事项通知如下。</p>"
    if name == "override":
        body = "<p>联系人手机：13812345678</p>"  # a finding the leader may confirm
    item = draft(
        team,
        body=body,
        is_signed_document=name in ("publish_signed", "override"),
    )
    if name == "override" and status == S.SCHEDULED:
        item = walk(item, team, S.APPROVED)
        services.review_override(item=item, acting_user=team.leader, reason="经核实为单位公开电话")
        services.item_schedule(
            item=item, when=timezone.now() + datetime.timedelta(hours=1), acting_user=team.office
        )
        item.refresh_from_db()
        return item
    if name == "override" and status in (S.PUBLISHED, S.WITHDRAWN):
        item.body = "<p>无个人信息</p>"
        item.save()
    return walk(item, team, status)


def make_recallable(team, status: str, drafter):
    """An item drafted by `drafter` in `status` with no decision since its submission:
    at 复审 or 终审 that is a resubmission of unchanged content after a return there."""
    item = draft(team, created_by=drafter)
    if status == S.FIRST_REVIEW:
        return walk(item, team, status)
    walk(item, team, status)
    returner = team.office if status == S.SECOND_REVIEW else team.leader
    services.review_return(item=item, acting_user=returner, opinion="请核对数字。")
    services.item_submit(item=item, acting_user=team.clerk)
    item.refresh_from_db()
    assert item.status == status
    return item


def actor_for(team, name: str, role: Role):
    """The user of `role` who would take `name` if the role may (not the drafter, in
    the item's section, not having decided at another stage)."""
    return {
        Role.SECTION_CLERK: team.clerk2,
        Role.SECTION_HEAD: team.head2 if name != "submit" else team.head,
        # The office submits items its own section produced.
        Role.OFFICE_REVIEWER: team.office_in_section
        if name in ("submit", "recall")
        else team.office,
        Role.LEADER: team.leader,
        Role.SECURITY_ADMIN: team.security,
        Role.SYSTEM_ADMIN: team.sysadmin,
        Role.AUDIT_ADMIN: team.audit,
    }[role]


def perform(team, name: str, item, user):
    service = services.SERVICES[name]
    kwargs = {"item": item, "acting_user": user}
    if name.startswith(("approve_", "return_")):
        kwargs["stage"] = name.split("_", 1)[1]
    if name.startswith("return_"):
        kwargs["opinion"] = "请修改第二段表述。"
    elif name == "override":
        kwargs["reason"] = "经核实为单位公开电话，可以公开。"
    elif name == "schedule":
        kwargs["when"] = timezone.now() + datetime.timedelta(hours=3)
    elif name == "publish_signed":
        kwargs.update(signer="局长 王某", signed_on=timezone.localdate())
    elif name == "withdraw":
        kwargs["reason"] = "内容有误"
    elif name == "replace":
        kwargs["replacement"] = walk(draft(team, title="新版通知"), team, S.PUBLISHED)
    elif name == "update":
        kwargs.update(
            changes={"title": "关于调整申报时间的通知"}, substantive=True, note="调整申报时间"
        )
    elif name == "publish_scheduled":
        kwargs["now"] = timezone.now() + datetime.timedelta(days=1)
    return service(**kwargs)


ALLOWED = [
    (name, status, role)
    for name, t in TRANSITIONS.items()
    for status in REACHABLE
    if status in t.sources
    for role in sorted(t.roles)
]
REFUSED_ROLE = [
    (name, sorted(t.sources, key=REACHABLE.index)[0], role)
    for name, t in TRANSITIONS.items()
    for role in ALL_ROLES
    if role not in t.roles
]
REFUSED_STATE = [
    (name, status)
    for name, t in TRANSITIONS.items()
    for status in REACHABLE
    if status not in t.sources
]


@pytest.fixture
def team(team):
    from tests.factories import staff

    team.audit = staff(Role.AUDIT_ADMIN)
    team.office_in_section = staff(Role.OFFICE_REVIEWER, team.section)
    return team


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "status", "role"), ALLOWED)
def test_transition_allowed(team, name, status, role):
    user = actor_for(team, name, role)
    if name == "recall":  # the drafter's own step
        item = make_recallable(team, status, user)
    else:
        item = make_item(team, name, status)
    perform(team, name, item, user)
    item.refresh_from_db()
    target = TRANSITIONS[name].target
    if name == "submit":
        # `walk` returns items at 初审, so a resubmission resumes there too.
        assert item.status == S.FIRST_REVIEW
    elif target is not None:
        assert item.status == target
    else:
        assert item.status == status  # override, replace, update keep the status


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "status", "role"), REFUSED_ROLE)
def test_transition_refused_for_role(team, name, status, role):
    item = make_item(team, name, status)
    with pytest.raises(services.TransitionError):
        perform(team, name, item, actor_for(team, name, role))
    item.refresh_from_db()
    assert item.status == status


@pytest.mark.django_db
def test_publish_scheduled_is_taken_by_the_system_only(team):
    item = make_item(team, "publish_scheduled", S.SCHEDULED)
    outcome = perform(team, "publish_scheduled", item, None)
    item.refresh_from_db()
    assert item.status == S.PUBLISHED
    assert outcome.published[0].pk == item.pk


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "status"), REFUSED_STATE)
def test_transition_refused_in_state(team, name, status):
    item = make_item(team, name, status)
    roles = sorted(TRANSITIONS[name].roles)
    user = actor_for(team, name, roles[0]) if roles else None
    if name == "publish_scheduled":
        # The system finds nothing to publish in any other state.
        outcome = perform(team, name, item, None)
        assert outcome.published == []
    else:
        with pytest.raises(services.TransitionError):
            perform(team, name, item, user)
    item.refresh_from_db()
    assert item.status == status


def test_every_transition_has_a_service():
    assert set(services.SERVICES) == set(TRANSITIONS)


def test_the_page_actions_forms_and_services_follow_from_the_transitions_map():
    # Every transition a person takes has a page action; each page action has its form
    # and its service; the release attributes are the one form outside the map.
    people_take = {t.name for t in TRANSITIONS.values() if not t.system_only}
    assert {n for names in PAGE_ACTIONS.values() for n in names} == people_take
    assert set(views.ACTIONS) == set(PAGE_ACTIONS) | {"relations"}
    assert set(services.SERVICE_OF_ACTION) == set(PAGE_ACTIONS) | {"publish_scheduled"}
    assert services.SERVICES["approve_second"] is services.review_approve
    assert services.SERVICES["return_approved"] is services.review_return
    assert services.SERVICES["publish_signed"] is services.item_publish_signed
