"""The back office's read-only views and staff downloads of attachments."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from disclosure.models import Item, ItemStatus
from tests.disclosure.admin_helpers import (
    login,
    url,
)
from tests.disclosure.backoffice import PDF_BYTES

pytestmark = pytest.mark.django_db


# --- read-only views and staff downloads -------------------------------------------------------


@pytest.mark.parametrize("username", ["office", "leader", "clerk_a"])
def test_a_published_item_renders_read_only_with_its_body_as_html(client, bureau, username):
    item = bureau.item_a_published
    attachment = _attach(bureau, item)  # read-only inline rows too
    Item.objects.filter(pk=item.pk).update(
        body="<p>第一段</p><script>x()</script>", status=ItemStatus.PUBLISHED
    )
    response = login(client, bureau.users[username]).get(url("item_change", item.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert reverse("admin:disclosure_item_attachment", args=[item.pk, attachment.pk]) in text
    assert "/media/" not in text
    assert "<p>第一段</p>" in text and "<script>x()" not in text  # rendered, cleaned again
    assert "&lt;p&gt;第一段" not in text
    # The column is plain text for viewers: section staff may not open columns.
    assert url("column_change", item.column.pk) not in text


def _attach(bureau, item):
    from disclosure import services

    Item.objects.filter(pk=item.pk).update(status=ItemStatus.DRAFT)
    attachment = services.attachment_add(
        item=Item.objects.get(pk=item.pk),
        file=SimpleUploadedFile("方案.pdf", PDF_BYTES),
        title="实施方案",
        acting_user=bureau.clerk_a,
    )
    return attachment


@pytest.mark.parametrize("username, status", [("clerk_a", 200), ("office", 200), ("leader", 200)])
def test_staff_who_see_the_item_download_its_attachments(client, bureau, username, status):
    attachment = _attach(bureau, bureau.item_a)
    path = reverse("admin:disclosure_item_attachment", args=[bureau.item_a.pk, attachment.pk])
    response = login(client, bureau.users[username]).get(path)
    assert response.status_code == status
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]  # a draft's file stays out of caches
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("username", ["clerk_b", "head_b", "sysadmin", "security", "auditor"])
def test_attachments_of_other_sections_items_are_404(client, bureau, username):
    attachment = _attach(bureau, bureau.item_a)
    path = reverse("admin:disclosure_item_attachment", args=[bureau.item_a.pk, attachment.pk])
    assert login(client, bureau.users[username]).get(path).status_code == 404


def test_an_attachment_is_only_found_under_its_own_item(client, bureau):
    attachment = _attach(bureau, bureau.item_a)
    path = reverse(
        "admin:disclosure_item_attachment", args=[bureau.item_a_published.pk, attachment.pk]
    )
    assert login(client, bureau.clerk_a).get(path).status_code == 404


def test_anonymous_cannot_download(client, bureau):
    attachment = _attach(bureau, bureau.item_a)
    path = reverse("admin:disclosure_item_attachment", args=[bureau.item_a.pk, attachment.pk])
    response = client.get(path)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_change_page_links_attachments_through_the_admin_not_media(client, bureau):
    attachment = _attach(bureau, bureau.item_a)
    text = login(client, bureau.clerk_a).get(url("item_change", bureau.item_a.pk)).content.decode()
    assert (
        reverse("admin:disclosure_item_attachment", args=[bureau.item_a.pk, attachment.pk]) in text
    )
    assert "/media/" not in text


def test_the_user_list_hides_guardians_anonymous_account(client, bureau):
    from guardian.utils import get_anonymous_user

    anonymous = get_anonymous_user()
    response = login(client, bureau.sysadmin).get(reverse("admin:accounts_user_changelist"))
    assert anonymous not in response.context["cl"].result_list
    assert bureau.clerk_a in response.context["cl"].result_list


def test_history_shows_who_changed_what_including_publication(client, bureau):
    from disclosure import services

    item = bureau.item_a
    services.item_update(item=item, acting_user=bureau.head_a, title="改过的标题")
    services.item_mark_published(item=item, acting_user=bureau.office)
    response = login(client, bureau.clerk_a).get(url("item_history", item.pk))
    assert response.status_code == 200
    text = response.content.decode()
    assert "标题" in text and "改过的标题" in text
    assert "状态" in text and "草稿 → 已发布" in text
    assert "索引号" in text and item.history.first().index_number in text
    assert str(bureau.head_a) in text and str(bureau.office) in text
    assert "Changes" not in text and "None" not in text


def test_the_change_page_links_to_the_review_workflow(client, bureau):
    text = login(client, bureau.clerk_a).get(url("item_change", bureau.item_a.pk)).content.decode()
    assert reverse("review:item", args=[bureau.item_a.pk]) in text
