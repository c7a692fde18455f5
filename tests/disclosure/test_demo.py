"""The demo bureau (F9): complete enough to show every feature, demo-mode only, and
idempotent (a second run changes nothing)."""

import datetime
import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from guardian.shortcuts import get_perms

from accounts.models import User
from accounts.roles import Role
from common.codes import validate_uscc
from common.sanitize import clean_html
from disclosure import deadlines, demo, permissions
from disclosure.choices import ColumnKind, ContentCategory, Publicity
from disclosure.models import (
    Attachment,
    Column,
    IndexSerial,
    Item,
    ItemStatus,
    Organisation,
    Section,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(settings):
    settings.DEMO_MODE = True
    ctx = {"credentials": []}
    demo.load(ctx)
    return ctx


def snapshot():
    return {
        "items": list(
            Item.objects.order_by("pk").values_list("pk", "updated_at", "status", "index_number")
        ),
        "history": Item.history.count(),
        "attachments": list(Attachment.objects.values_list("pk", "file")),
        "columns": list(Column.objects.values_list("pk", "responsible_section_id", "parent_id")),
        "sections": list(Section.objects.values_list("pk", "group_id")),
        "users": list(User.objects.order_by("pk").values_list("pk", "password", "last_login")),
        "memberships": list(User.groups.through.objects.values_list("user_id", "group_id")),
        "serials": list(IndexSerial.objects.values_list("year", "last_serial")),
        "organisations": Organisation.objects.count(),
    }


def test_a_second_run_changes_nothing(loaded, settings):
    before = snapshot()
    ctx = {"credentials": []}
    with CaptureQueriesContext(connection) as queries:
        demo.load(ctx)
    writes = [
        q["sql"] for q in queries.captured_queries if not q["sql"].lstrip().startswith("SELECT")
    ]
    assert writes == []
    assert snapshot() == before
    # Later loaders still get everything they need from the second run.
    assert set(ctx["items"]) == set(loaded["items"])
    assert ctx["credentials"] == loaded["credentials"]


def test_refused_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(ImproperlyConfigured):
        demo.load({"credentials": []})
    with pytest.raises(CommandError):
        call_command("load_demo")
    assert not User.objects.filter(username__in=["clerk", "office"]).exists()
    assert not Item.objects.exists()


def check_the_bureau_has_the_guides_contact_details(loaded, settings):
    organisation = loaded["organisation"]
    assert organisation.name == "示例县人力资源和社会保障局"
    assert re.fullmatch(r"[0-9A-Z]{18}", organisation.code)
    for field in ("address", "postcode", "office_hours", "phone", "fax", "email"):
        assert getattr(organisation, field), field


def check_office_and_at_least_seven_sections_each_with_its_group(loaded, settings):
    sections = loaded["sections"]
    assert sections["局办公室"].is_office
    assert len([s for s in sections.values() if not s.is_office]) >= 7
    for name, section in sections.items():
        assert section.group.name == f"股室：{name}"


def check_columns_cover_the_sixteen_kinds_of_article_5_and_every_column_kind(loaded, settings):
    columns = loaded["columns"]
    assert {c.content_category for c in columns.values()} >= set(ContentCategory.values)
    assert {c.kind for c in columns.values()} == set(ColumnKind.values)
    assert columns["consultation"].name == "意见征集"
    assert columns["interpretation"].name == "政策解读"
    assert any(c.parent_id for c in columns.values())  # a tree
    for column in columns.values():  # the responsible section may draft there
        assert get_perms(column.responsible_section.group, column) == ["manage_column_items"]


def check_sixty_plus_items_in_every_state(loaded, settings):
    items = list(loaded["items"].values())
    assert len(items) >= 60
    assert len({i.title for i in items}) == len(items)
    by = lambda **kw: [i for i in items if all(getattr(i, k) == v for k, v in kw.items())]  # noqa: E731
    assert len(by(status=ItemStatus.DRAFT, publicity=Publicity.PROACTIVE)) >= 5
    assert len(by(status=ItemStatus.PUBLISHED, publicity=Publicity.PROACTIVE)) >= 50
    for publicity in (Publicity.ON_REQUEST, Publicity.NOT_DISCLOSED):
        with_reason = by(publicity=publicity)
        assert with_reason and all(
            i.non_disclosure_reason and i.publicity_note for i in with_reason
        )
    # Every leaf column has content (empty columns fail an inspection).
    leaves = {c.slug for c in loaded["columns"].values() if not c.children.exists()}
    assert leaves <= {i.column.slug for i in items}
    assert len({i.topic for i in items}) >= 5
    assert any(i.validity == "repealed" for i in items)
    assert sum(1 for i in items if i.document_number) >= 15
    assert all(clean_html(i.body) == i.body and i.body.count("<p>") >= 1 for i in items)


def check_published_items_have_past_dates_numbers_and_mostly_met_the_deadline(loaded, settings):
    published = [i for i in loaded["items"].values() if i.status == ItemStatus.PUBLISHED]
    now = timezone.now()
    assert all(i.published_at < now for i in published)
    years = {timezone.localtime(i.published_at).year for i in published}
    assert years == {2025, 2026}
    numbers = [i.index_number for i in published]
    assert len(set(numbers)) == len(numbers)
    code = loaded["organisation"].code
    # The 前段码 is a 统一社会信用代码 with a valid check character (GB 32100-2015).
    assert validate_uscc(code) == code
    for item in published:
        year = timezone.localtime(item.published_at).year
        assert re.fullmatch(rf"{code}/{year}-\d{{5}}", item.index_number)
    late = [i for i in published if i.published_on_time is False]
    on_time = [i for i in published if i.published_on_time is True]
    assert 2 <= len(late) <= 3 and len(on_time) > 40
    for item in late:
        assert deadlines.item_published_late(item) is True


def check_drafts_include_one_overdue_and_one_due_soon(loaded, settings):
    drafts = Item.objects.filter(status=ItemStatus.DRAFT)
    assert deadlines.overdue_items(drafts).exists()
    assert deadlines.due_soon_items(drafts).exists()


def check_real_pdf_attachments(loaded, settings):
    attachments = list(Attachment.objects.all())
    assert len(attachments) >= 3
    for attachment in attachments:
        assert attachment.content_type == "application/pdf" and attachment.size > 1000
        assert (settings.MEDIA_ROOT / attachment.file.name).read_bytes().startswith(b"%PDF")


def check_one_account_per_role_with_printed_credentials(loaded, settings):
    users = loaded["users"]
    expected_roles = {
        "clerk": Role.SECTION_CLERK,
        "head": Role.SECTION_HEAD,
        "clerk2": Role.SECTION_CLERK,
        "head2": Role.SECTION_HEAD,
        "office": Role.OFFICE_REVIEWER,
        "leader": Role.LEADER,
        "sysadmin": Role.SYSTEM_ADMIN,
        "security": Role.SECURITY_ADMIN,
        "auditor": Role.AUDIT_ADMIN,
    }
    printed = {username: (password, label) for username, password, label in loaded["credentials"]}
    for username, role in expected_roles.items():
        user = users[username]
        assert user.is_staff and user.is_active and not user.is_superuser
        assert user.groups.filter(name=str(role)).exists()
        password, label = printed[username]
        assert user.check_password(password)
        # The rules for a new account (for the saved one it is the current
        # password, which the history rule refuses to see set again).
        validate_password(
            password, User(username=username, email=user.email, full_name=user.full_name)
        )
        assert label
    assert users["clerk"].groups.filter(name="股室：就业促进股").exists()
    assert users["head"].groups.filter(name="股室：就业促进股").exists()
    assert users["clerk2"].groups.filter(name="股室：社会保险股").exists()
    assert users["head2"].groups.filter(name="股室：社会保险股").exists()


def check_demo_accounts_see_what_their_role_allows(loaded, settings):
    users = loaded["users"]
    clerk_items = permissions.items_visible_to(users["clerk"])
    assert clerk_items.exists()
    assert set(clerk_items.values_list("column__responsible_section__name", flat=True)) == {
        "就业促进股"
    }
    clerk2_items = permissions.items_visible_to(users["clerk2"])
    assert not clerk_items.filter(pk__in=clerk2_items).exists()
    assert permissions.items_visible_to(users["office"]).count() == Item.objects.count()
    for username in ("sysadmin", "security", "auditor"):
        assert not permissions.items_visible_to(users[username]).exists()


def check_context_for_later_loaders(loaded, settings):
    assert {"organisation", "sections", "columns", "users", "items", "interpretation_pairs"} <= set(
        loaded
    )
    for policy, interpretation in loaded["interpretation_pairs"]:
        assert loaded["items"][interpretation].column.slug == "interpretation"
        assert loaded["items"][policy].column.slug == "normative"


def check_drafts_are_dated_relative_to_the_load_day(loaded, settings):
    today = timezone.localdate()
    drafts = [i for i in loaded["items"].values() if i.status == ItemStatus.DRAFT]
    assert all(i.formed_on <= today for i in drafts)
    assert any(today - i.formed_on <= datetime.timedelta(days=7) for i in drafts)


def test_the_demo_bureau_shows_every_feature(loaded, settings):
    # One load for all content checks (a load takes seconds); each check names the
    # property it pins.
    check_the_bureau_has_the_guides_contact_details(loaded, settings)
    check_office_and_at_least_seven_sections_each_with_its_group(loaded, settings)
    check_columns_cover_the_sixteen_kinds_of_article_5_and_every_column_kind(loaded, settings)
    check_sixty_plus_items_in_every_state(loaded, settings)
    check_published_items_have_past_dates_numbers_and_mostly_met_the_deadline(loaded, settings)
    check_drafts_include_one_overdue_and_one_due_soon(loaded, settings)
    check_real_pdf_attachments(loaded, settings)
    check_one_account_per_role_with_printed_credentials(loaded, settings)
    check_demo_accounts_see_what_their_role_allows(loaded, settings)
    check_context_for_later_loaders(loaded, settings)
    check_drafts_are_dated_relative_to_the_load_day(loaded, settings)


def test_the_demo_normative_documents_feed_table_two_and_the_expiry_reminder(loaded):
    """Only the bureau's 示人社规 documents count as 行政规范性文件 in table 二 (not the
    laws, 工作要点 or 工作总结 in the same column); the one nearing its 有效期 is
    flagged by the inspection."""
    from inspection import rules
    from inspection.models import FindingKind
    from reports import suggestions

    flagged = set(Item.objects.filter(is_normative=True).values_list("document_number", flat=True))
    assert flagged and all(n.startswith("示人社规") for n in flagged)
    assert suggestions.normative_counts(2026) == {"issued": 1, "repealed": 1, "in_force": 3}
    assert suggestions.normative_counts(2025) == {"issued": 2, "repealed": 0, "in_force": 3}
    expiring = [
        d.item.title
        for d in rules.check_normative_expiry(datetime.date(2026, 12, 5))
        if d.kind == FindingKind.NORMATIVE_EXPIRY
    ]
    assert expiring == ["示例县就业补助资金管理办法"]


def test_the_demo_shows_a_broken_body_link_and_a_stale_other_column(loaded):
    from inspection import rules
    from inspection.models import FindingKind

    drafts = list(rules.run_rules(datetime.date(2026, 12, 5)))
    broken = [d for d in drafts if d.kind == FindingKind.LINK_BROKEN]
    assert [d.item.title for d in broken] == ["全县人社系统开展政府信息公开业务培训"]
    assert "/columns/zwgk-training/" in broken[0].message and "gov.cn" not in broken[0].message
    stale = [d.column.slug for d in drafts if d.kind == FindingKind.COLUMN_STALE]
    assert stale == ["enforcement-basis"]
