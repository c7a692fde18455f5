"""What the public item page shows of the release workflow: withdrawal notices,
replacement pointers, change notes, and interpretation / response links both ways."""

import pytest
from django.urls import reverse

from disclosure.models import ItemStatus
from review import services
from tests.review.factories import INTERPRETATION_BODY, draft, walk

S = ItemStatus
pytestmark = pytest.mark.django_db


def page(client, item, status=200) -> str:
    response = client.get(reverse("disclosure:item", args=[item.pk]))
    assert response.status_code == status
    return response.content.decode()


def test_withdrawn_item_shows_notice_and_date_instead_of_content(client, team):
    item = walk(draft(team, body="<p>原公示名单：张三、李四。</p>"), team, S.PUBLISHED)
    services.item_withdraw(
        item=item, reason="名单范围有误，核实后重新发布。", acting_user=team.office
    )
    item.refresh_from_db()
    text = page(client, item)
    assert "本信息已于" in text and f"{item.withdrawn_at:%Y}年" in text
    assert "撤回理由：名单范围有误，核实后重新发布。" in text
    assert "原公示名单" not in text
    assert item.index_number not in text  # the metadata table is not shown either
    assert client.get(reverse("disclosure:item_print", args=[item.pk])).status_code == 404
    assert client.get(reverse("disclosure:api_item", args=[item.pk])).status_code == 404


def test_withdrawn_item_is_gone_from_lists(client, team):
    item = walk(draft(team, title="即将撤回的通知"), team, S.PUBLISHED)
    services.item_withdraw(item=item, reason="有误", acting_user=team.office)
    assert "即将撤回的通知" not in client.get(reverse("home")).content.decode()


def test_never_published_or_on_request_items_stay_404(client, team):
    page(client, walk(draft(team), team, S.APPROVED), status=404)
    on_request = walk(draft(team, on_request=True), team, S.PUBLISHED)
    services.item_withdraw(item=on_request, reason="有误", acting_user=team.office)
    page(client, on_request, status=404)


def test_withdrawal_needs_a_reason(team):
    item = walk(draft(team), team, S.PUBLISHED)
    with pytest.raises(services.TransitionError, match="理由"):
        services.item_withdraw(item=item, reason="", acting_user=team.office)
    item.refresh_from_db()
    assert item.is_public


def test_replaced_item_points_to_the_new_one_and_back(client, team):
    old = walk(draft(team, title="关于职称评审的通知"), team, S.PUBLISHED)
    new = walk(draft(team, title="关于职称评审的通知（更新）"), team, S.PUBLISHED)
    services.item_replace(item=old, replacement=new, acting_user=team.office)
    old_page = page(client, old)
    assert "本信息已被新信息替代" in old_page
    assert f'href="{reverse("disclosure:item", args=[new.pk])}"' in old_page
    new_page = page(client, new)
    assert "本文替代" in new_page
    assert f'href="{reverse("disclosure:item", args=[old.pk])}"' in new_page


def test_withdrawn_and_replaced_item_points_to_the_new_one(client, team):
    old = walk(draft(team), team, S.PUBLISHED)
    new = walk(draft(team, title="更正后的通知"), team, S.PUBLISHED)
    services.item_withdraw(item=old, reason="有误", acting_user=team.office)
    services.item_replace(item=old, replacement=new, acting_user=team.office)
    text = page(client, old)
    assert "请查看替代信息" in text and "更正后的通知" in text


def test_replacement_must_be_public_and_not_itself_replaced(team):
    old = walk(draft(team), team, S.PUBLISHED)
    pending = walk(draft(team), team, S.APPROVED)
    with pytest.raises(services.TransitionError, match="已发布的主动公开"):
        services.item_replace(item=old, replacement=pending, acting_user=team.office)
    with pytest.raises(services.TransitionError, match="自身"):
        services.item_replace(item=old, replacement=old, acting_user=team.office)
    newer = walk(draft(team), team, S.PUBLISHED)
    newest = walk(draft(team), team, S.PUBLISHED)
    services.item_replace(item=newer, replacement=newest, acting_user=team.office)
    with pytest.raises(services.TransitionError, match="最新"):
        services.item_replace(item=old, replacement=newer, acting_user=team.office)
    services.item_replace(item=old, replacement=newest, acting_user=team.office)
    with pytest.raises(services.TransitionError, match="已被替代"):
        services.item_replace(item=old, replacement=newest, acting_user=team.office)


def test_substantive_change_needs_a_note_shown_with_its_date(client, team):
    item = walk(draft(team, body="<p>申报截止日期为9月30日。</p>"), team, S.PUBLISHED)
    with pytest.raises(services.TransitionError, match="变更说明"):
        services.item_update_published(
            item=item,
            changes={"body": "<p>申报截止日期为10月20日。</p>"},
            substantive=True,
            note="",
            acting_user=team.office,
        )
    services.item_update_published(
        item=item,
        changes={"body": "<p>申报截止日期为10月20日。</p>"},
        substantive=True,
        note="申报截止日期调整为10月20日。",
        acting_user=team.office,
    )
    text = page(client, item)
    assert "更新说明" in text and "申报截止日期调整为10月20日。" in text
    assert "申报截止日期为10月20日" in text


def test_minor_correction_can_skip_the_note_and_is_not_shown(client, team):
    item = walk(draft(team, title="关于做好就业见习工作的通和"), team, S.PUBLISHED)
    services.item_update_published(
        item=item,
        changes={"title": "关于做好就业见习工作的通知"},
        substantive=False,
        note="",
        acting_user=team.office,
    )
    text = page(client, item)
    assert "关于做好就业见习工作的通知" in text
    assert "更新说明" not in text
    assert item.change_notes.get().substantive is False


def test_update_with_personal_data_is_refused(team):
    item = walk(draft(team), team, S.PUBLISHED)
    with pytest.raises(services.TransitionError, match="138\\*\\*\\*\\*5678"):
        services.item_update_published(
            item=item,
            changes={"body": "<p>联系人 13812345678</p>"},
            substantive=True,
            note="补充联系人",
            acting_user=team.office,
        )
    item.refresh_from_db()
    assert "13812345678" not in item.body


def test_update_is_for_the_office_and_the_leader(team):
    item = walk(draft(team), team, S.PUBLISHED)
    with pytest.raises(services.TransitionError):
        services.item_update_published(
            item=item, changes={"title": "新"}, substantive=True, note="改", acting_user=team.clerk
        )


def test_policy_and_interpretation_link_both_ways(client, team):
    policy = draft(team, title="关于进一步稳定就业的若干措施", needs_interpretation=True)
    interpretation = draft(
        team,
        title="《关于进一步稳定就业的若干措施》解读",
        interprets=policy,
        body=INTERPRETATION_BODY,
        signatory="局长 王某某",
    )
    walk(policy, team, S.APPROVED)
    walk(interpretation, team, S.APPROVED)
    services.item_release(item=policy, acting_user=team.office)
    response = walk(
        draft(team, title="关于稳就业措施的回应", responds_to=policy), team, S.PUBLISHED
    )
    policy_page = page(client, policy)
    assert "政策解读" in policy_page and "《关于进一步稳定就业的若干措施》解读" in policy_page
    assert "关于稳就业措施的回应" in policy_page
    interpretation_page = page(client, interpretation)
    assert "本文为以下政策文件的解读" in interpretation_page
    assert "署名：局长 王某某" in interpretation_page
    assert "本文回应" in page(client, response)


def test_links_to_items_that_are_not_public_are_not_shown(client, team):
    policy = walk(draft(team), team, S.PUBLISHED)
    draft(team, title="尚未发布的回应", responds_to=policy)
    assert "尚未发布的回应" not in page(client, policy)
