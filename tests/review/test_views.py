"""The staff pages: who sees what (404, not 403), thin views over the services,
stale forms refused with a message and nothing typed lost, query counts."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from disclosure.models import Item, ItemStatus
from review import selectors, services
from review.permissions import transition_refusal
from review.workflow import STATUS_STAGE
from tests.factories import UserFactory, staff
from tests.review.factories import draft, walk

S = ItemStatus
pytestmark = pytest.mark.django_db


def item_url(item):
    return reverse("review:item", args=[item.pk])


def action_url(item, action):
    return reverse("review:action", args=[item.pk, action])


def login(client, user):
    client.force_login(user)
    return client


# --- access --------------------------------------------------------------------------


def test_anonymous_is_sent_to_the_login(client, team):
    item = draft(team)
    for url in (reverse("review:dashboard"), item_url(item)):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.post(action_url(item, "submit"), {"token": "x"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_non_staff_user_gets_404(client, team):
    user = UserFactory(is_staff=False)
    login(client, user)
    assert client.get(reverse("review:dashboard")).status_code == 404
    assert client.get(item_url(draft(team))).status_code == 404


def test_staff_of_another_section_cannot_see_the_item(client, team):
    item = draft(team)
    login(client, staff(Role.SECTION_CLERK, team.other_section))
    assert client.get(item_url(item)).status_code == 404
    assert client.post(action_url(item, "submit"), {"token": "x"}).status_code == 404
    item.refresh_from_db()
    assert item.status == S.DRAFT


def test_unknown_action_is_404(client, team):
    login(client, team.clerk)
    assert client.post(action_url(draft(team), "publish-now"), {}).status_code == 404


@pytest.mark.parametrize("who", ["clerk", "head", "office", "leader", "security"])
def test_dashboard_renders_for_each_role(client, team, who):
    walk(draft(team), team, S.FIRST_REVIEW)
    walk(draft(team), team, S.RETURNED)
    login(client, getattr(team, who))
    response = client.get(reverse("review:dashboard"))
    assert response.status_code == 200
    assert "发布审核工作台" in response.content.decode()


def test_dashboard_queue_per_role(client, team):
    first = walk(draft(team, title="待初审的信息"), team, S.FIRST_REVIEW)
    second = walk(draft(team, title="待复审的信息"), team, S.SECOND_REVIEW)
    final = walk(draft(team, title="待终审的信息"), team, S.FINAL_REVIEW)
    ready = walk(draft(team, title="待发布的信息"), team, S.APPROVED)
    assert selectors.queue_for(team.head2) == [first]
    assert selectors.queue_for(team.other_head) == []
    assert selectors.queue_for(team.office2) == [second, ready]
    assert selectors.queue_for(team.leader2) == [final, ready]
    # team.head decided at 初审 of `second`, but it is not at a stage they decide now.
    assert selectors.queue_for(team.clerk) == []


def test_queue_agrees_with_the_permission_rules(team):
    both = UserFactory(roles=[Role.SECTION_HEAD, Role.OFFICE_REVIEWER], section=team.section)
    items = [walk(draft(team), team, S.FIRST_REVIEW) for _ in range(2)]
    services.review_approve(item=items[0], acting_user=both)  # now at 复审, decided by `both`
    items += [walk(draft(team, created_by=both), team, S.DRAFT)]
    services.item_submit(item=items[2], acting_user=both)  # drafted by `both`
    for item in Item.objects.all():
        stage = STATUS_STAGE.get(item.status)
        allowed = transition_refusal(both, item, f"approve_{stage}") is None
        assert (item in selectors.queue_for(both)) == allowed, item.status


def test_dashboard_query_count_does_not_grow_with_items(
    client, team, django_assert_max_num_queries
):
    def fill(n):
        for _ in range(n):
            walk(draft(team), team, S.SECOND_REVIEW)
            walk(draft(team), team, S.RETURNED)
            draft(team, created_by=team.office)

    login(client, team.office)
    fill(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("review:dashboard")).status_code == 200
    fill(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("review:dashboard")).status_code == 200


# --- the review page -------------------------------------------------------------------


def test_review_page_shows_masked_findings_and_history(client, team):
    item = walk(draft(team, body="<p>联系人身份证 11010519491231002X</p>"), team, S.SECOND_REVIEW)
    login(client, team.office)
    text = client.get(item_url(item)).content.decode()
    assert "110***********002X" in text
    assert "审核通过" in text and team.head.full_name in text
    assert 'action="' + action_url(item, "approve") + '"' in text
    assert 'action="' + action_url(item, "override") + '"' not in text  # office may not


def test_leader_sees_the_override_form_and_release_waits_for_it(client, team):
    item = walk(draft(team, body="<p>手机 13812345678</p>"), team, S.APPROVED)
    login(client, team.leader)
    text = client.get(item_url(item)).content.decode()
    assert action_url(item, "override") in text
    assert action_url(item, "release") not in text
    assert "处理后方可发布" in text
    response = client.post(
        action_url(item, "override"), {"token": services.form_token(item), "reason": "单位公开电话"}
    )
    assert response.status_code == 302
    text = client.get(item_url(item)).content.decode()
    assert action_url(item, "release") in text and "单位公开电话" in text


def test_walk_from_draft_to_public_through_the_pages(client, team):
    item = draft(team, title="通过页面发布的通知")
    steps = [
        (team.clerk, "submit", {}, S.FIRST_REVIEW),
        (team.head, "approve", {"opinion": "同意"}, S.SECOND_REVIEW),
        (team.office, "approve", {"opinion": ""}, S.FINAL_REVIEW),
        (team.leader, "approve", {"opinion": "同意发布"}, S.APPROVED),
        (team.office, "release", {}, S.PUBLISHED),
    ]
    for user, action, data, status in steps:
        login(client, user)
        item.refresh_from_db()
        page = client.get(item_url(item)).content.decode()
        assert action_url(item, action) in page, (user, action)
        response = client.post(
            action_url(item, action), {"token": services.form_token(item), **data}
        )
        assert response.status_code == 302 and response["Location"] == item_url(item)
        item.refresh_from_db()
        assert item.status == status
    assert client.get(reverse("disclosure:item", args=[item.pk])).status_code == 200


def test_return_without_opinion_rerenders_with_an_error(client, team):
    item = walk(draft(team), team, S.SECOND_REVIEW)
    login(client, team.office)
    response = client.post(
        action_url(item, "return"), {"token": services.form_token(item), "opinion": ""}
    )
    assert response.status_code == 400
    assert "退回必须填写审核意见" in response.content.decode()
    item.refresh_from_db()
    assert item.status == S.SECOND_REVIEW


def test_refused_action_shows_the_reason(client, team):
    item = walk(draft(team, created_by=team.head), team, S.FIRST_REVIEW)
    login(client, team.head)
    response = client.post(
        action_url(item, "approve"), {"token": services.form_token(item), "opinion": "我同意"}
    )
    assert response.status_code == 400
    assert "不能审核自己起草的信息" in response.content.decode()


# --- stale forms and concurrent decisions (SQLite and PostgreSQL) ----------------------


def test_stale_form_after_a_content_change_is_refused_and_keeps_the_opinion(client, team):
    item = walk(draft(team), team, S.SECOND_REVIEW)
    login(client, team.office)
    client.get(item_url(item))
    token = services.form_token(item)
    Item.objects.filter(pk=item.pk).update(body="<p>打开页面后被改动的正文。</p>")
    response = client.post(
        action_url(item, "return"), {"token": token, "opinion": "第三段需要修改，请核实数据来源。"}
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert "内容在您打开页面后已被修改" in text
    assert "第三段需要修改，请核实数据来源。" in text  # nothing typed is lost
    item.refresh_from_db()
    assert item.status == S.SECOND_REVIEW


def test_second_reviewer_with_the_same_form_gets_a_clear_message(client, team):
    item = walk(draft(team), team, S.SECOND_REVIEW)
    token = services.form_token(item)  # both opened the page at the same time
    login(client, team.office)
    assert (
        client.post(action_url(item, "approve"), {"token": token, "opinion": "同意"}).status_code
        == 302
    )
    login(client, team.office2)
    response = client.post(
        action_url(item, "return"), {"token": token, "opinion": "我认为需要退回。"}
    )
    assert response.status_code == 409
    text = response.content.decode()
    assert f"该信息已由{team.office.full_name}" in text and "审核通过" in text
    assert "我认为需要退回。" in text
    item.refresh_from_db()
    assert item.status == S.FINAL_REVIEW


def test_service_refuses_a_stale_token(team):
    item = walk(draft(team), team, S.FIRST_REVIEW)
    token = services.form_token(item)
    services.review_approve(item=item, acting_user=team.head, expected_token=token)
    with pytest.raises(services.StaleForm, match="已由"):
        services.review_approve(item=item, acting_user=team.office, expected_token=token)


# --- relations form ----------------------------------------------------------------------


def test_drafter_sets_release_attributes_on_the_page(client, team):
    policy = draft(team, title="需要解读的政策", needs_interpretation=True)
    item = draft(team)
    login(client, team.clerk)
    response = client.post(
        action_url(item, "relations"),
        {
            "interprets": policy.pk,
            "interpretation_form": "video",
            "signatory_user": team.leader.pk,
            "responds_to": "",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.interprets == policy and item.signatory == "分管领导庚"
    assert item.interpretation_details.form == "video"
    assert item.interpretation_details.signatory_user == team.leader


def test_signatory_must_be_a_leader_account(client, team):
    policy = draft(team, title="需要解读的政策", needs_interpretation=True)
    item = draft(team)
    login(client, team.clerk)
    response = client.post(
        action_url(item, "relations"),
        {"interprets": policy.pk, "signatory_user": team.head.pk, "responds_to": ""},
    )
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.interprets is None


def test_relations_are_frozen_after_submission(client, team):
    item = walk(draft(team), team, S.FIRST_REVIEW)
    login(client, team.clerk)
    response = client.post(action_url(item, "relations"), {"is_signed_document": "on"})
    assert response.status_code == 400
    item.refresh_from_db()
    assert not item.is_signed_document


@pytest.mark.parametrize("status", list(S))
@pytest.mark.parametrize("who", ["clerk", "head", "office", "leader"])
def test_review_page_renders_in_every_state_for_every_role(client, team, status, who):
    item = walk(draft(team), team, status)
    login(client, getattr(team, who))
    response = client.get(item_url(item))
    assert response.status_code == 200
    assert item.get_status_display() in response.content.decode()
