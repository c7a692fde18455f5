"""The review page masks in its preview whatever personal data the security check
found; the full text is an explicit, audited action for the roles that need it."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditAction, AuditEntry
from disclosure.models import ItemStatus
from review.checks import security_check
from review.masking import masked_preview
from tests.factories import staff
from tests.review.factories import draft, walk

S = ItemStatus
pytestmark = pytest.mark.django_db

ID = "11010519491231002X"
BODY = f"<p>联系人身份证 {ID}，手机 138 1234 5678。</p><p>银行卡 6222 0202 0000 0000 006？</p>"


def page(client, item):
    return client.get(reverse("review:item", args=[item.pk])).content.decode()


def test_preview_masks_the_id_and_mobile_numbers(team):
    item = draft(team, body=BODY, summary="请联系 13812345678")
    preview = masked_preview(item, security_check(item).scan.personal_data)
    assert ID not in preview.html
    assert "13812345678" not in preview.html.replace(" ", "")
    assert "138****5678" in preview.html
    assert "138****5678" in preview.summary and "13812345678" not in preview.summary
    assert not preview.withheld and preview.masked >= 3


def test_review_page_shows_no_full_number_to_a_reviewer(client, team):
    item = walk(draft(team, body=BODY), team, S.FIRST_REVIEW)
    client.force_login(team.head)
    html = page(client, item)
    assert ID not in html and "13812345678" not in html.replace(" ", "")
    assert "已按安全检查结果脱敏" in html and "显示完整内容" in html


def test_reveal_is_audited_and_lasts_for_this_revision_only(client, team):
    item = walk(draft(team, body=BODY), team, S.FIRST_REVIEW)
    client.force_login(team.head)
    response = client.post(reverse("review:reveal", args=[item.pk]))
    assert response.status_code == 302
    assert ID in page(client, item)
    entry = AuditEntry.objects.get(action=AuditAction.VIEW_PERSONAL, actor=team.head)
    assert "审核页查看未脱敏内容" in entry.detail
    # A new revision is masked again.
    item.body = BODY + "<p>补充一句。</p>"
    item.save()
    assert ID not in page(client, item)


def test_a_clerk_who_did_not_draft_it_cannot_reveal(client, team):
    item = walk(draft(team, body=BODY), team, S.FIRST_REVIEW)
    client.force_login(team.clerk2)
    html = page(client, item)
    assert "显示完整内容" not in html and ID not in html
    client.post(reverse("review:reveal", args=[item.pk]))
    assert ID not in page(client, item)
    assert not AuditEntry.objects.filter(action=AuditAction.VIEW_PERSONAL).exists()


def test_reveal_for_an_item_one_cannot_see_is_404(client, team):
    item = walk(draft(team, body=BODY), team, S.FIRST_REVIEW)
    outsider = staff(Role.SECTION_CLERK, team.other_section)
    client.force_login(outsider)
    assert client.post(reverse("review:reveal", args=[item.pk])).status_code == 404
    client.logout()
    assert client.post(reverse("review:reveal", args=[item.pk])).status_code == 302  # login


def test_data_split_by_markup_withholds_the_preview(team):
    item = draft(team, body="<p>手机 138<b>1234</b>5678</p>")
    preview = masked_preview(item, security_check(item).scan.personal_data)
    assert preview.withheld and preview.html == "" and preview.summary == ""


def test_an_item_without_findings_shows_as_written(client, team):
    item = walk(draft(team, body="<p>各有关单位：现将有关事项通知如下。</p>"), team, S.FIRST_REVIEW)
    client.force_login(team.head)
    html = page(client, item)
    assert "现将有关事项通知如下" in html and "显示完整内容" not in html
