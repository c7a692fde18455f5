"""The back office (Django admin) of the catalogue: each role's boundary from both
sides, anonymous included; saves through the services; Chinese validation; uploads
that store nothing when refused; no publication here."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from disclosure.choices import Publicity
from disclosure.models import Attachment, Item, ItemStatus
from tests.disclosure.admin_helpers import (
    changelist_titles,
    item_post_data,
    login,
    url,
    with_attachment,
)
from tests.disclosure.backoffice import EXE_BYTES, PDF_BYTES
from tests.factories import ItemFactory

pytestmark = pytest.mark.django_db


# --- anonymous ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["changelist", "add"])
def test_anonymous_is_sent_to_login(client, bureau, name):
    response = client.get(url(f"item_{name}"))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_anonymous_cannot_open_an_item(client, bureau):
    for path in (
        url("item_change", bureau.item_a.pk),
        url("item_history", bureau.item_a.pk),
        url("item_delete", bureau.item_a.pk),
    ):
        response = client.get(path)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
    response = client.post(url("item_change", bureau.item_a.pk), item_post_data(bureau.column_a))
    assert response.status_code == 302
    assert Item.objects.get(pk=bureau.item_a.pk).title == "就业股的草稿"


# --- list visibility ------------------------------------------------------------------


@pytest.mark.parametrize(
    "username, expected",
    [
        ("clerk_a", {"就业股的草稿", "就业股已发布的通知"}),
        ("head_a", {"就业股的草稿", "就业股已发布的通知"}),
        ("clerk_b", {"社保股的草稿"}),
        ("head_b", {"社保股的草稿"}),
        ("office", {"就业股的草稿", "就业股已发布的通知", "社保股的草稿"}),
        ("leader", {"就业股的草稿", "就业股已发布的通知", "社保股的草稿"}),
    ],
)
def test_changelist_shows_only_visible_items(client, bureau, username, expected):
    response = login(client, bureau.users[username]).get(url("item_changelist"))
    assert response.status_code == 200
    assert changelist_titles(response) == expected
    text = response.content.decode()
    for hidden in {"就业股的草稿", "就业股已发布的通知", "社保股的草稿"} - expected:
        assert hidden not in text


@pytest.mark.parametrize("username", ["sysadmin", "security", "auditor", "norole"])
def test_roles_without_items_get_no_item_list(client, bureau, username):
    client = login(client, bureau.users[username])
    assert client.get(url("item_changelist")).status_code == 403
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert url("item_changelist") not in index.content.decode()


def test_clerk_without_section_sees_an_empty_module_not_other_items(client, bureau):
    response = login(client, bureau.lonely_clerk).get(url("item_changelist"))
    assert response.status_code == 200 and changelist_titles(response) == set()


def test_list_search_stays_within_visibility(client, bureau):
    response = login(client, bureau.clerk_a).get(url("item_changelist"), {"q": "社保股"})
    assert changelist_titles(response) == set()


def test_list_query_count_does_not_grow_with_items(client, bureau, django_assert_max_num_queries):
    client = login(client, bureau.office)
    client.get(url("item_changelist"))  # warm-up (session, content types)
    with django_assert_max_num_queries(30) as few:
        client.get(url("item_changelist"))
    for n in range(15):
        ItemFactory(column=bureau.column_a, created_by=bureau.clerk_a, title=f"批量草稿{n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("item_changelist"))


# --- change pages: 404 for other sections, read-only when not editable ------------------------


@pytest.mark.parametrize(
    "username, item_attr",
    [
        ("clerk_a", "item_b"),
        ("head_a", "item_b"),
        ("clerk_b", "item_a"),
        ("head_b", "item_a_published"),
        ("sysadmin", "item_a"),
        ("security", "item_a"),
        ("auditor", "item_b"),
        ("lonely_clerk", "item_a"),
    ],
)
def test_other_sections_items_are_404_on_every_admin_url(client, bureau, username, item_attr):
    item = getattr(bureau, item_attr)
    client = login(client, bureau.users[username])
    record = item.history.first()
    for path in (
        url("item_change", item.pk),
        url("item_history", item.pk),
        url("item_delete", item.pk),
        reverse("admin:disclosure_item_simple_history", args=[item.pk, record.history_id]),
    ):
        assert client.get(path).status_code == 404, path
    response = client.post(url("item_change", item.pk), item_post_data(item.column, title="改"))
    assert response.status_code == 404
    assert client.post(url("item_delete", item.pk), {"post": "yes"}).status_code == 404
    assert Item.objects.filter(pk=item.pk, title=item.title).exists()


def test_a_missing_item_is_404_too(client, bureau):
    assert login(client, bureau.office).get(url("item_change", 999999)).status_code == 404


@pytest.mark.parametrize("username", ["clerk_a", "head_a", "office"])
def test_drafters_open_and_see_history_of_their_items(client, bureau, username):
    client = login(client, bureau.users[username])
    response = client.get(url("item_change", bureau.item_a.pk))
    assert response.status_code == 200
    assert response.context["has_change_permission"]
    assert client.get(url("item_history", bureau.item_a.pk)).status_code == 200


def test_leader_sees_items_read_only(client, bureau):
    client = login(client, bureau.leader)
    response = client.get(url("item_change", bureau.item_b.pk))
    assert response.status_code == 200 and not response.context["has_change_permission"]
    response = client.post(url("item_change", bureau.item_b.pk), item_post_data(bureau.column_b))
    assert response.status_code == 403
    assert client.get(url("item_add")).status_code == 403


def test_published_items_are_read_only_for_their_section(client, bureau):
    client = login(client, bureau.clerk_a)
    item = bureau.item_a_published
    response = client.get(url("item_change", item.pk))
    assert response.status_code == 200 and not response.context["has_change_permission"]
    response = client.post(url("item_change", item.pk), item_post_data(item.column, title="偷改"))
    assert response.status_code == 403
    assert Item.objects.get(pk=item.pk).title == "就业股已发布的通知"
    assert client.get(url("item_delete", item.pk)).status_code == 403


def test_old_versions_are_viewable_but_never_restored(client, bureau):
    client = login(client, bureau.clerk_a)
    record = bureau.item_a.history.first()
    path = reverse(
        "admin:disclosure_item_simple_history", args=[bureau.item_a.pk, record.history_id]
    )
    assert client.get(path).status_code == 200
    response = client.post(path, item_post_data(bureau.column_a, title="回滚"))
    assert response.status_code == 403
    assert Item.objects.get(pk=bureau.item_a.pk).title == "就业股的草稿"


# --- column choices and add refusals ---------------------------------------------------------


@pytest.mark.parametrize(
    "username, expected",
    [
        ("clerk_a", {"employment", "employment-policy"}),
        ("head_b", {"insurance"}),
        ("office", {"employment", "employment-policy", "insurance", "notices"}),
    ],
)
def test_column_choices_are_limited_to_the_users_columns(client, bureau, username, expected):
    response = login(client, bureau.users[username]).get(url("item_add"))
    assert response.status_code == 200
    field = response.context["adminform"].form.fields["column"]
    assert {c.slug for c in field.queryset} == expected


def test_a_clerk_cannot_add_into_another_sections_column(client, bureau):
    response = login(client, bureau.clerk_a).post(
        url("item_add"), item_post_data(bureau.column_b, title="越权草稿")
    )
    assert response.status_code == 200
    assert "column" in response.context["adminform"].form.errors
    assert not Item.objects.filter(title="越权草稿").exists()


@pytest.mark.parametrize("username", ["leader", "sysadmin", "security", "auditor", "norole"])
def test_add_is_refused_to_roles_that_do_not_draft(client, bureau, username):
    client = login(client, bureau.users[username])
    assert client.get(url("item_add")).status_code == 403
    response = client.post(url("item_add"), item_post_data(bureau.column_a, title="不该有的草稿"))
    assert response.status_code == 403
    assert not Item.objects.filter(title="不该有的草稿").exists()


def test_clerk_without_section_cannot_add(client, bureau):
    assert login(client, bureau.lonely_clerk).get(url("item_add")).status_code == 403


# --- saving through the services ---------------------------------------------------------------


def test_adding_a_draft_goes_through_the_service(client, bureau):
    response = login(client, bureau.clerk_a).post(
        url("item_add"),
        item_post_data(
            bureau.column_a_child,
            status="published",
            index_number="X/2026-99999",
            published_at="2026-01-01",
        ),
    )
    assert response.status_code == 302
    item = Item.objects.get(title="关于做好2026年高校毕业生就业服务工作的通知")
    assert item.status == ItemStatus.DRAFT
    assert item.index_number is None and item.published_at is None
    assert item.section == bureau.section_a and item.created_by == bureau.clerk_a
    assert "<script>" not in item.body and "各乡镇人民政府" in item.body
    assert item.history.get().history_user == bureau.clerk_a


def test_changing_a_draft_records_who_and_sanitises(client, bureau):
    item = bureau.item_a
    response = login(client, bureau.head_a).post(
        url("item_change", item.pk),
        item_post_data(bureau.column_a, title="改过的标题", body='<p style="color:red">改</p>'),
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "改过的标题" and "style" not in item.body
    assert item.history.first().history_user == bureau.head_a
    assert item.status == ItemStatus.DRAFT and item.created_by == bureau.clerk_a


def test_status_index_number_and_publication_date_are_not_on_the_form(client, bureau):
    response = login(client, bureau.office).get(url("item_change", bureau.item_a_published.pk))
    fields = response.context["adminform"].form.fields
    for name in ("status", "index_number", "published_at", "section", "created_by"):
        assert name not in fields
    text = response.content.decode()
    assert bureau.item_a_published.index_number in text  # shown, read-only


def test_there_is_no_publish_action(client, bureau):
    # Publication is decided by the review workflow only (F3).
    from django.contrib import admin

    client = login(client, bureau.office)
    response = client.get(url("item_changelist"))
    assert admin.site._registry[Item].get_actions(response.wsgi_request) == {}
    assert 'name="action"' not in response.content.decode()
    change = client.get(url("item_change", bureau.item_a.pk)).content.decode()
    assert 'name="action"' not in change
    assert "_publish" not in change and "立即发布" not in change


def test_delete_a_draft_through_the_admin(client, bureau):
    client = login(client, bureau.clerk_a)
    assert client.get(url("item_delete", bureau.item_a.pk)).status_code == 200
    response = client.post(url("item_delete", bureau.item_a.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Item.objects.filter(pk=bureau.item_a.pk).exists()


# --- bad input ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "overrides, field, message",
    [
        ({"publicity": Publicity.ON_REQUEST}, "non_disclosure_reason", "第六条"),
        (
            {"publicity": Publicity.NOT_DISCLOSED, "non_disclosure_reason": "internal_affairs"},
            "publicity_note",
            "具体理由",
        ),
        (
            {"non_disclosure_reason": "state_secret"},
            "non_disclosure_reason",
            "不需要选择不公开理由",
        ),
        ({"written_on": "2026-03-05", "formed_on": "2026-03-03"}, "formed_on", "不能早于成文日期"),
        ({"formed_on": "2099-01-01"}, "formed_on", "不能晚于今天"),
        ({"written_on": "2099-01-01", "formed_on": ""}, "written_on", "不能晚于今天"),
        ({"title": "   "}, "title", "必填"),
        ({"formed_on": "2026-02-30"}, "formed_on", "有效"),
    ],
)
def test_the_item_form_validates_in_chinese_and_keeps_the_input(
    client, bureau, overrides, field, message
):
    data = item_post_data(bureau.column_a, **{"title": "保留我输入的标题", **overrides})
    response = login(client, bureau.clerk_a).post(url("item_add"), data)
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert message in " ".join(form.errors.get(field, [])), form.errors
    if "title" not in overrides:
        assert form["title"].value() == "保留我输入的标题"
    assert form["document_number"].value() == "示人社发〔2026〕12号"
    assert not Item.objects.filter(title="保留我输入的标题").exists()


def test_a_valid_attachment_is_stored_with_type_and_size(client, bureau, settings):
    data = with_attachment(
        item_post_data(bureau.column_a),
        SimpleUploadedFile("实施方案.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    response = login(client, bureau.clerk_a).post(url("item_change", bureau.item_a.pk), data)
    assert response.status_code == 302
    attachment = Attachment.objects.get(item=bureau.item_a)
    assert attachment.title == "实施方案"
    assert attachment.content_type == "application/pdf" and attachment.size == len(PDF_BYTES)


@pytest.mark.parametrize(
    "name, content, limit, message",
    [
        ("通知.pdf", EXE_BYTES, None, "类型不受支持"),
        ("通知.pdf", "纯文本".encode(), None, "扩展名与实际内容不符"),
        ("通知.pdf", PDF_BYTES + b" " * 500, 200, "超过上限"),
    ],
)
@pytest.mark.parametrize("page", ["add", "change"])
def test_a_refused_upload_stores_nothing_and_says_why(
    client, bureau, settings, name, content, limit, message, page
):
    if limit:
        settings.UPLOAD_MAX_BYTES = limit
    data = with_attachment(
        item_post_data(bureau.column_a, title="带附件的草稿"),
        SimpleUploadedFile(name, content, content_type="application/pdf"),
    )
    path = url("item_add") if page == "add" else url("item_change", bureau.item_a.pk)
    response = login(client, bureau.clerk_a).post(path, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    # The item itself is not saved either: the whole form comes back.
    assert not Item.objects.filter(title="带附件的草稿").exists()
    assert response.context["adminform"].form["title"].value() == "带附件的草稿"


def test_attachments_of_a_published_item_cannot_be_changed(client, bureau):
    response = login(client, bureau.clerk_a).get(url("item_change", bureau.item_a_published.pk))
    inline = response.context["inline_admin_formsets"][0]
    assert not inline.has_add_permission and not inline.has_delete_permission


# --- deadlines in the list ------------------------------------------------------------------


def test_deadline_filters_and_flags(client, bureau):
    today = timezone.localdate()
    overdue = ItemFactory(
        column=bureau.column_a,
        title="早已逾期的草稿",
        formed_on=today - datetime.timedelta(days=60),
    )
    client = login(client, bureau.clerk_a)
    response = client.get(url("item_changelist"), {"deadline": "overdue"})
    assert changelist_titles(response) == {overdue.title}
    assert "已逾期" in response.content.decode()
    response = client.get(url("item_changelist"), {"deadline": "due_soon"})
    assert overdue.title not in changelist_titles(response)
    text = client.get(url("item_changelist")).content.decode()
    assert "5 个工作日内到期" in text  # the filter is offered


def test_unconfirmed_due_dates_are_marked(client, bureau):
    ItemFactory(
        column=bureau.column_a, title="跨入未确认年度", formed_on=datetime.date(2026, 12, 21)
    )
    text = login(client, bureau.clerk_a).get(url("item_changelist")).content.decode()
    assert "未确认" in text
