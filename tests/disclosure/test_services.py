"""The catalogue's write services: permission refusals, sanitising, the producing
section, structure changes and their object permissions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from guardian.shortcuts import get_perms

from disclosure import services
from disclosure.choices import ContentCategory, Publicity, Topic
from disclosure.models import Column, Item, ItemStatus, Section
from tests.disclosure.backoffice import make_bureau

pytestmark = pytest.mark.django_db


@pytest.fixture
def bureau():
    return make_bureau()


def draft_fields(**overrides):
    fields = {
        "title": "关于开展2026年春风行动的通知",
        "body": "<p>各乡镇人民政府：</p>",
        "topic": Topic.LABOUR_EMPLOYMENT,
        "content_category": ContentCategory.POLICY_MEASURES,
        "formed_on": datetime.date.today() - datetime.timedelta(days=1),
        "publicity": Publicity.PROACTIVE,
    }
    fields.update(overrides)
    return fields


# --- item_create ---------------------------------------------------------------------


def test_item_create_sets_section_creator_status_and_sanitises(bureau):
    item = services.item_create(
        acting_user=bureau.clerk_a,
        column=bureau.column_a_child,
        **draft_fields(body='<p onclick="x()">正文</p><script>alert(1)</script>'),
    )
    assert item.section == bureau.section_a
    assert item.created_by == bureau.clerk_a
    assert item.status == ItemStatus.DRAFT
    assert item.index_number is None and item.published_at is None
    assert "script" not in item.body and "onclick" not in item.body
    assert "正文" in item.body
    record = item.history.get()
    assert record.history_type == "+" and record.history_user == bureau.clerk_a


@pytest.mark.parametrize("username", ["clerk_b", "leader", "sysadmin", "security", "auditor"])
def test_item_create_refuses_users_who_may_not_draft_in_the_column(bureau, username):
    with pytest.raises(PermissionDenied):
        services.item_create(
            acting_user=bureau.users[username], column=bureau.column_a, **draft_fields()
        )
    assert not Item.objects.filter(title=draft_fields()["title"]).exists()


def test_office_drafts_in_any_column_for_the_columns_section(bureau):
    item = services.item_create(acting_user=bureau.office, column=bureau.column_b, **draft_fields())
    assert item.section == bureau.section_b


def test_item_create_refuses_fields_that_only_services_set(bureau):
    with pytest.raises(TypeError):
        services.item_create(
            acting_user=bureau.clerk_a, column=bureau.column_a, status="published", **draft_fields()
        )


@pytest.mark.parametrize("publicity", [Publicity.ON_REQUEST, Publicity.NOT_DISCLOSED])
def test_item_create_requires_a_reason_unless_proactive(bureau, publicity):
    with pytest.raises(ValidationError) as exc:
        services.item_create(
            acting_user=bureau.clerk_a, column=bureau.column_a, **draft_fields(publicity=publicity)
        )
    assert "第六条" in str(exc.value)


def test_item_create_refuses_written_after_formed(bureau):
    with pytest.raises(ValidationError) as exc:
        services.item_create(
            acting_user=bureau.clerk_a,
            column=bureau.column_a,
            **draft_fields(
                written_on=datetime.date(2026, 3, 2), formed_on=datetime.date(2026, 3, 1)
            ),
        )
    assert "成文日期" in str(exc.value)


# --- item_update ---------------------------------------------------------------------


def test_item_update_changes_only_what_changed_and_records_who(bureau):
    item = services.item_update(
        item=bureau.item_a, acting_user=bureau.head_a, title="新标题", body="<p>新正文</p>"
    )
    assert item.title == "新标题"
    latest = item.history.first()
    assert latest.history_user == bureau.head_a and latest.history_type == "~"
    count = item.history.count()
    services.item_update(item=item, acting_user=bureau.head_a, title="新标题")
    assert item.history.count() == count  # nothing changed, nothing recorded


def test_item_update_sanitises_the_body(bureau):
    item = services.item_update(
        item=bureau.item_a, acting_user=bureau.clerk_a, body='<a href="javascript:x()">链接</a>'
    )
    assert "javascript" not in item.body


def test_item_update_compares_with_the_stored_row(bureau):
    # A bound admin form writes the new values onto the instance before saving.
    stale = Item.objects.get(pk=bureau.item_a.pk)
    stale.title = "表单里的新标题"
    services.item_update(item=stale, acting_user=bureau.clerk_a, title="表单里的新标题")
    assert Item.objects.get(pk=stale.pk).title == "表单里的新标题"


@pytest.mark.parametrize("username", ["clerk_b", "head_b", "leader", "sysadmin", "auditor"])
def test_item_update_refuses_other_sections_and_non_drafters(bureau, username):
    with pytest.raises(PermissionDenied):
        services.item_update(item=bureau.item_a, acting_user=bureau.users[username], title="改")
    assert Item.objects.get(pk=bureau.item_a.pk).title == "就业股的草稿"


@pytest.mark.parametrize(
    "status",
    [s for s in ItemStatus if s not in (ItemStatus.DRAFT, ItemStatus.RETURNED)],
)
def test_item_update_refuses_items_past_drafting(bureau, status):
    Item.objects.filter(pk=bureau.item_a.pk).update(
        status=status,
        scheduled_at=timezone.now(),  # constraints of scheduled and withdrawn items
        withdrawal_reason="内容有误",
    )
    with pytest.raises(PermissionDenied):
        services.item_update(item=bureau.item_a, acting_user=bureau.clerk_a, title="改")


def test_item_update_allows_returned_items(bureau):
    Item.objects.filter(pk=bureau.item_a.pk).update(status=ItemStatus.RETURNED)
    item = services.item_update(item=bureau.item_a, acting_user=bureau.clerk_a, title="已修改")
    assert item.title == "已修改" and item.status == ItemStatus.RETURNED


def test_moving_an_item_needs_the_right_to_draft_in_the_target_column(bureau):
    with pytest.raises(PermissionDenied):
        services.item_update(item=bureau.item_a, acting_user=bureau.clerk_a, column=bureau.column_b)
    item = services.item_update(
        item=bureau.item_a, acting_user=bureau.office, column=bureau.column_b
    )
    assert item.column == bureau.column_b and item.section == bureau.section_b


# --- item_delete ---------------------------------------------------------------------


def test_item_delete_removes_a_draft_and_keeps_its_history(bureau):
    pk = bureau.item_a.pk
    services.item_delete(item=bureau.item_a, acting_user=bureau.clerk_a)
    assert not Item.objects.filter(pk=pk).exists()
    assert Item.history.filter(id=pk, history_type="-").exists()


def test_item_delete_refuses_published_items_and_other_sections(bureau):
    with pytest.raises(PermissionDenied):
        services.item_delete(item=bureau.item_a_published, acting_user=bureau.clerk_a)
    with pytest.raises(PermissionDenied):
        services.item_delete(item=bureau.item_a, acting_user=bureau.clerk_b)
    assert Item.objects.filter(pk__in=[bureau.item_a.pk, bureau.item_a_published.pk]).count() == 2


# --- sections and columns -------------------------------------------------------------


def test_section_create_gives_the_section_its_member_group(bureau):
    section = services.section_create(
        organisation=bureau.organisation, name="劳动关系股", acting_user=bureau.sysadmin
    )
    assert section.group.name == "股室：劳动关系股"


@pytest.mark.parametrize("username", ["office", "leader", "clerk_a", "security"])
def test_section_create_refuses_everyone_but_the_system_administrator(bureau, username):
    with pytest.raises(PermissionDenied):
        services.section_create(
            organisation=bureau.organisation, name="劳动关系股", acting_user=bureau.users[username]
        )
    assert not Section.objects.filter(name="劳动关系股").exists()


def test_section_update_renames_its_group(bureau):
    services.section_update(
        section=bureau.section_a,
        acting_user=bureau.sysadmin,
        name="就业促进和失业保险股",
        is_office=False,
        order=3,
    )
    bureau.section_a.group.refresh_from_db()
    assert bureau.section_a.group.name == "股室：就业促进和失业保险股"


def test_column_create_grants_the_responsible_section(bureau):
    column = services.column_create(
        acting_user=bureau.sysadmin,
        responsible_section=bureau.section_b,
        name="社保基金收支",
        slug="funds",
        parent=bureau.column_b,
    )
    assert get_perms(bureau.section_b.group, column) == ["manage_column_items"]
    assert get_perms(bureau.section_a.group, column) == []


def test_column_create_refuses_the_office(bureau):
    # The office assigns columns; creating the structure is the system administrator's.
    with pytest.raises(PermissionDenied):
        services.column_create(
            acting_user=bureau.office, responsible_section=bureau.section_b, name="x", slug="x"
        )


def test_column_assign_section_moves_the_object_permission(bureau):
    services.column_assign_section(
        column=bureau.column_a, section=bureau.section_b, acting_user=bureau.office
    )
    assert get_perms(bureau.section_b.group, bureau.column_a) == ["manage_column_items"]
    assert get_perms(bureau.section_a.group, bureau.column_a) == []
    # Items already there keep their producing section (a historical fact).
    assert Item.objects.get(pk=bureau.item_a.pk).section == bureau.section_a


def test_column_assign_section_reads_the_old_section_from_the_database(bureau):
    # The admin form has already written the new section onto the instance.
    column = Column.objects.get(pk=bureau.column_a.pk)
    column.responsible_section = bureau.section_b
    services.column_assign_section(
        column=column, section=bureau.section_b, acting_user=bureau.sysadmin
    )
    assert get_perms(bureau.section_a.group, column) == []


@pytest.mark.parametrize("username", ["leader", "clerk_a", "head_a", "security", "auditor"])
def test_column_assign_section_refuses_others(bureau, username):
    with pytest.raises(PermissionDenied):
        services.column_assign_section(
            column=bureau.column_a, section=bureau.section_b, acting_user=bureau.users[username]
        )
    assert get_perms(bureau.section_a.group, bureau.column_a) == ["manage_column_items"]


def test_column_update_routes_the_section_change_through_the_assignment(bureau):
    services.column_update(
        column=bureau.column_a,
        acting_user=bureau.office,
        name="就业创业服务",
        responsible_section=bureau.section_b,
    )
    column = Column.objects.get(pk=bureau.column_a.pk)
    assert column.name == "就业创业服务" and column.responsible_section == bureau.section_b
    assert get_perms(bureau.section_a.group, column) == []


def test_column_update_refuses_a_cycle(bureau):
    with pytest.raises(ValidationError):
        services.column_update(
            column=bureau.column_a, acting_user=bureau.sysadmin, parent=bureau.column_a_child
        )
    with pytest.raises(ValidationError):
        services.column_update(
            column=bureau.column_a, acting_user=bureau.sysadmin, parent=bureau.column_a
        )
    assert Column.objects.get(pk=bureau.column_a.pk).parent is None
