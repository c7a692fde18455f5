"""No dead ends in the 三审 (F3): a 股室负责人's own item is reviewed at 初审 by another
head of his section or by the head of the office, and a drafter recalls (撤回送审) a
submission nobody has decided on yet."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from disclosure.models import ItemStatus
from review import selectors, services
from review.models import Action, Decision, Stage
from review.permissions import can_view_item, transition_refusal
from tests.factories import staff
from tests.review.factories import draft, walk

S = ItemStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def office_head(team):
    """The head of the office: a 股室负责人 of the office section."""
    return staff(Role.SECTION_HEAD, team.office_section, full_name="办公室主任")


def login(client, user):
    client.force_login(user)


# --- 初审 of a head's own item ----------------------------------------------------------


def test_only_head_of_a_section_drafts_and_the_office_head_reviews_at_first(team, office_head):
    team.head2.groups.remove(team.section.group)  # 股长丙 is now the section's only head
    item = draft(team, created_by=team.head)
    services.item_submit(item=item, acting_user=team.head)
    with pytest.raises(services.TransitionError, match="自己起草"):
        services.review_approve(item=item, acting_user=team.head)
    assert item in selectors.queue_for(office_head)
    assert can_view_item(office_head, item)
    services.review_approve(item=item, acting_user=office_head, opinion="同意")
    item.refresh_from_db()
    assert item.status == S.SECOND_REVIEW
    decision = Decision.objects.get(item=item, action=Action.APPROVE)
    assert (decision.stage, decision.actor) == (Stage.FIRST, office_head)


def test_another_head_of_the_section_may_review_a_heads_item(team, office_head):
    item = walk(draft(team, created_by=team.head), team, S.DRAFT)
    services.item_submit(item=item, acting_user=team.head)
    assert item in selectors.queue_for(team.head2)
    assert item not in selectors.queue_for(team.head)
    # The office head may too: the drafter is a head.
    assert transition_refusal(office_head, item, "approve_first") is None
    services.review_approve(item=item, acting_user=team.head2)


def test_office_head_may_return_at_first_review_too(team, office_head):
    item = draft(team, created_by=team.head)
    services.item_submit(item=item, acting_user=team.head)
    services.review_return(item=item, acting_user=office_head, opinion="请补充政策依据。")
    item.refresh_from_db()
    assert item.status == S.RETURNED


def test_office_head_does_not_take_first_review_of_a_clerks_item_when_the_section_has_heads(
    team, office_head
):
    item = walk(draft(team), team, S.FIRST_REVIEW)
    assert item not in selectors.queue_for(office_head)
    with pytest.raises(services.TransitionError, match="初审须由信息产生股室的负责人"):
        services.review_approve(item=item, acting_user=office_head)


def test_office_head_takes_first_review_of_a_section_with_no_head(team, office_head):
    for head in (team.head, team.head2):
        head.groups.remove(team.section.group)
    item = walk(draft(team), team, S.FIRST_REVIEW)
    assert item in selectors.queue_for(office_head)
    services.review_approve(item=item, acting_user=office_head)


def test_an_inactive_head_does_not_count_as_another_head(team, office_head):
    team.head2.is_active = False
    team.head2.save()
    item = draft(team, created_by=team.head)
    services.item_submit(item=item, acting_user=team.head)
    assert transition_refusal(office_head, item, "approve_first") is None


def test_a_head_of_another_section_still_may_not_review_at_first(team, office_head):
    item = draft(team, created_by=team.head)
    services.item_submit(item=item, acting_user=team.head)
    with pytest.raises(services.TransitionError, match="初审须由"):
        services.review_approve(item=item, acting_user=team.other_head)
    assert item not in selectors.queue_for(team.other_head)


def test_office_head_who_reviewed_first_may_not_decide_second(team, office_head):
    office_head.groups.add(staff(Role.OFFICE_REVIEWER).groups.get(name=Role.OFFICE_REVIEWER))
    team.head2.groups.remove(team.section.group)
    item = draft(team, created_by=team.head)
    services.item_submit(item=item, acting_user=team.head)
    services.review_approve(item=item, acting_user=office_head)
    office_head = type(office_head).objects.get(pk=office_head.pk)  # fresh role cache
    with pytest.raises(services.TransitionError, match="两个环节"):
        services.review_approve(item=item, acting_user=office_head)
    services.review_approve(item=item, acting_user=team.office)


def test_the_office_head_is_emailed_when_he_is_the_first_reviewer(
    team, office_head, mailoutbox, django_capture_on_commit_callbacks
):
    office_head.email = "head@example.org"
    office_head.save()
    team.head2.groups.remove(team.section.group)
    item = draft(team, created_by=team.head)
    with django_capture_on_commit_callbacks(execute=True):
        services.item_submit(item=item, acting_user=team.head)
    assert "head@example.org" in [m.to[0] for m in mailoutbox]


# --- recall ----------------------------------------------------------------------------


def test_drafter_recalls_before_the_first_decision(team):
    item = walk(draft(team), team, S.FIRST_REVIEW)
    services.item_recall(item=item, acting_user=team.clerk)
    item.refresh_from_db()
    assert item.status == S.DRAFT
    recall = Decision.objects.filter(item=item).latest("id")
    assert (recall.action, recall.stage, recall.actor) == (Action.RECALL, Stage.FIRST, team.clerk)
    assert AuditEntry.objects.filter(detail="起草人撤回送审", actor=team.clerk).exists()
    # Changed and submitted again: 初审 as before.
    item.title = "关于调整申报时间的通知"
    item.save()
    services.item_submit(item=item, acting_user=team.clerk)
    item.refresh_from_db()
    assert item.status == S.FIRST_REVIEW


def test_recall_refused_after_a_decision(team):
    item = walk(draft(team), team, S.SECOND_REVIEW)
    with pytest.raises(services.TransitionError, match="已作出审核决定"):
        services.item_recall(item=item, acting_user=team.clerk)
    item.refresh_from_db()
    assert item.status == S.SECOND_REVIEW


def test_recall_refused_to_anyone_but_the_drafter(team):
    item = walk(draft(team), team, S.FIRST_REVIEW)
    for user in (team.clerk2, team.head, team.office):
        with pytest.raises(services.TransitionError):
            services.item_recall(item=item, acting_user=user)
    item.refresh_from_db()
    assert item.status == S.FIRST_REVIEW


def test_recall_refused_outside_review(team):
    for status in (S.DRAFT, S.RETURNED, S.APPROVED, S.PUBLISHED):
        item = walk(draft(team), team, status)
        with pytest.raises(services.TransitionError, match="不能撤回送审"):
            services.item_recall(item=item, acting_user=team.clerk)


def test_recall_after_a_resubmission_is_allowed_until_the_next_decision(team):
    item = walk(draft(team), team, S.SECOND_REVIEW)
    services.review_return(item=item, acting_user=team.office, opinion="请核对数字。")
    services.item_submit(item=item, acting_user=team.clerk)  # unchanged: back at 复审
    item.refresh_from_db()
    assert item.status == S.SECOND_REVIEW
    services.item_recall(item=item, acting_user=team.clerk)
    item.refresh_from_db()
    assert item.status == S.DRAFT


def test_heads_own_item_can_be_recalled_by_him(team):
    team.head2.groups.remove(team.section.group)
    item = draft(team, created_by=team.head)
    services.item_submit(item=item, acting_user=team.head)
    services.item_recall(item=item, acting_user=team.head)
    item.refresh_from_db()
    assert item.status == S.DRAFT


# --- the review page -------------------------------------------------------------------


def test_drafter_sees_the_recall_button_and_uses_it(client, team):
    item = walk(draft(team), team, S.FIRST_REVIEW)
    login(client, team.clerk)
    page = client.get(reverse("review:item", args=[item.pk])).content.decode()
    assert "撤回送审" in page
    token = services.form_token(item)
    response = client.post(reverse("review:action", args=[item.pk, "recall"]), {"token": token})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == S.DRAFT


def test_reviewer_does_not_see_the_recall_button(client, team):
    item = walk(draft(team), team, S.FIRST_REVIEW)
    login(client, team.head)
    page = client.get(reverse("review:item", args=[item.pk])).content.decode()
    assert 'action="' + reverse("review:action", args=[item.pk, "recall"]) not in page


def test_no_release_button_while_an_earlier_stage_approval_is_void(client, team):
    item = walk(draft(team), team, S.APPROVED)
    Decision.objects.filter(item=item, stage=Stage.SECOND).update(revision="0" * 16)
    login(client, team.office2)
    page = client.get(reverse("review:item", args=[item.pk])).content.decode()
    assert 'action="' + reverse("review:action", args=[item.pk, "release"]) not in page
    assert "复审意见针对的是旧版本内容" in page
    assert "三审未完成" in page


def test_review_page_shows_the_revision_each_stage_approved(client, team):
    from review.revision import content_revision

    item = walk(draft(team), team, S.APPROVED)
    login(client, team.office)
    page = client.get(reverse("review:item", args=[item.pk])).content.decode()
    assert page.count("版本 <code>" + content_revision(item)[:8]) == 3
    assert 'action="' + reverse("review:action", args=[item.pk, "release"]) in page
