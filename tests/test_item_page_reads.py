"""What every page reads once per catalogue version and process (`versioned_local`):
the column tree, the bureau's name and contacts, which items have relations, change
notes or consultations. A plain item page then costs two queries; and every change
made through a service shows on the next page, with the page cache on or off."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from common import pagecache
from consultations import services as consultation_services
from disclosure import services
from review.services import interpretation_link_imported, item_update_published
from tests.consultations.factories import ConsultationFactory
from tests.factories import ColumnFactory, ItemFactory, staff

pytestmark = pytest.mark.django_db

# Public pages named in the catalogue's budget: at most this many queries each.
MAX_QUERIES = 8


def _page_queries(queries) -> list[str]:
    """The page's own queries, without the database cache's (Redis in production)
    and the connection's health check."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if "portal_cache" not in q["sql"] and "SAVEPOINT" not in q["sql"]
    ]


@pytest.fixture(params=[True, False], ids=["page-cache-on", "page-cache-off"])
def page_cache(request, settings):
    settings.PAGE_CACHE_ENABLED = request.param
    return request.param


def test_a_plain_item_page_reads_the_item_and_its_attachments_only(client, settings):
    settings.PAGE_CACHE_ENABLED = False
    item = ItemFactory(published=True, title="关于发放稳岗补贴的通知")
    url = reverse("disclosure:item", args=[item.pk])
    pagecache.catalogue_changed()
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url).status_code == 200
    assert len(_page_queries(cold)) <= MAX_QUERIES, _page_queries(cold)
    with CaptureQueriesContext(connection) as warm:
        page = client.get(url).content.decode()
    assert "关于发放稳岗补贴的通知" in page
    queries = _page_queries(warm)
    assert len(queries) == 2, queries
    assert "disclosure_item" in queries[0] and "disclosure_attachment" in queries[1]


@pytest.mark.parametrize(
    "url",
    [
        lambda item: reverse("home"),
        lambda item: reverse("disclosure:catalogue"),
        lambda item: reverse("disclosure:column", args=[item.column.slug]),
        lambda item: reverse("disclosure:item", args=[item.pk]),
        lambda item: reverse("disclosure:search") + "?q=%E8%A1%A5%E8%B4%B4",  # 补贴
        lambda item: reverse("disclosure:search") + "?q=%E8%A1%A5",  # 补
        lambda item: reverse("disclosure:api_items"),
    ],
    ids=["home", "catalogue", "column", "item", "search", "search-1-char", "api"],
)
def test_every_public_page_stays_within_the_query_budget_after_a_change(client, settings, url):
    settings.PAGE_CACHE_ENABLED = False
    item = ItemFactory(published=True, title="关于发放稳岗补贴的通知")
    pagecache.catalogue_changed()  # everything per version is read afresh
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(item)).status_code == 200
    assert len(_page_queries(queries)) <= MAX_QUERIES, _page_queries(queries)


def test_a_column_rename_shows_on_its_page(client, page_cache):
    item = ItemFactory(published=True)
    url = reverse("disclosure:column", args=[item.column.slug])
    client.get(url)
    services.column_update(column=item.column, acting_user=None, name="就业创业专栏")
    assert "就业创业专栏" in client.get(url).content.decode()
    assert "就业创业专栏" in client.get(reverse("disclosure:item", args=[item.pk])).content.decode()


def test_an_unknown_column_is_404_and_a_new_one_is_found(client, page_cache):
    item = ItemFactory(published=True)
    assert client.get(reverse("disclosure:column", args=["xinshe"])).status_code == 404
    services.column_create(
        acting_user=None, responsible_section=item.section, name="新设栏目", slug="xinshe"
    )
    response = client.get(reverse("disclosure:column", args=["xinshe"]))
    assert response.status_code == 200 and "新设栏目" in response.content.decode()


def test_a_site_identity_change_shows_in_the_footer(client, page_cache):
    sysadmin = staff(Role.SYSTEM_ADMIN, username="sysadmin")
    item = ItemFactory(published=True)
    url = reverse("disclosure:item", args=[item.pk])
    client.get(url)
    services.site_identity_update(data={"icp_number": "浙ICP备05001234号-1"}, acting_user=sysadmin)
    assert "浙ICP备05001234号-1" in client.get(url).content.decode()


def test_a_linked_interpretation_shows_on_the_policy_page(client, page_cache):
    policy = ItemFactory(published=True, title="就业补贴办法")
    reading = ItemFactory(published=True, title="《就业补贴办法》政策解读")
    url = reverse("disclosure:item", args=[policy.pk])
    assert "政策解读" not in client.get(url).content.decode()
    interpretation_link_imported(policy=policy, interpretation=reading, signatory="局长 张三")
    page = client.get(url).content.decode()
    assert "《就业补贴办法》政策解读" in page
    back = client.get(reverse("disclosure:item", args=[reading.pk])).content.decode()
    assert "就业补贴办法" in back and "本文为以下政策文件的解读" in back


def test_a_substantive_change_note_shows_on_the_page(client, page_cache, office):
    item = ItemFactory(published=True, title="关于第一批补贴的通知")
    url = reverse("disclosure:item", args=[item.pk])
    client.get(url)
    item_update_published(
        item=item,
        changes={"body": "<p>补贴标准调整为每人每月500元。</p>"},
        substantive=True,
        note="调整补贴标准",
        acting_user=office,
    )
    assert "调整补贴标准" in client.get(url).content.decode()


def test_a_policy_linked_to_a_consultation_shows_the_link(client, page_cache, office):
    opens = timezone.now() - datetime.timedelta(days=40)
    closes = timezone.now() - datetime.timedelta(days=10)
    with time_machine.travel(opens - datetime.timedelta(days=1)):
        consultation = ConsultationFactory(published=True, opens_at=opens, closes_at=closes)
    policy = ItemFactory(published=True, title="就业补贴办法")
    url = reverse("disclosure:item", args=[policy.pk])
    assert "本文件制定过程中公开征求意见" not in client.get(url).content.decode()
    consultation_services.consultation_link_policy(
        consultation=consultation, policy_item=policy, acting_user=office
    )
    page = client.get(url).content.decode()
    assert "本文件制定过程中公开征求意见" in page
    assert consultation.item.title in page


def test_what_a_page_adds_to_its_columns_stays_off_the_next_pages(client, settings):
    """Copies handed out are the caller's own: a page that annotates its columns
    (the home page's newest items) leaves nothing on the next page's."""
    settings.PAGE_CACHE_ENABLED = False
    parent = ColumnFactory(name="一级栏目")
    ItemFactory(published=True, column=parent, title="第一条通知")
    client.get(reverse("home"))
    from disclosure.selectors import all_columns

    assert not any(hasattr(column, "latest") for column in all_columns())


def test_the_version_is_read_once_per_request_and_again_after_a_change():
    from django.core.cache import cache

    pagecache._request.open = True
    try:
        first = pagecache.request_version()
        cache.incr(pagecache.VERSION_KEY)  # another process's change, mid-request
        assert pagecache.request_version() == first  # one page, one version
        pagecache.catalogue_changed()  # this request's own change
        assert pagecache.request_version() > first
    finally:
        pagecache._request.open, pagecache._request.version = False, None
    assert pagecache.request_version() == pagecache.catalogue_version()


@pytest.mark.parametrize(
    "name,value",
    [("disclosure:item", 7), ("disclosure:item", 123456789), ("disclosure:column", "ldgx-2")],
)
def test_path_for_gives_what_reverse_gives(name, value):
    from django.urls import reverse, set_script_prefix

    from common.links import path_for

    assert path_for(name, value) == reverse(name, args=[value])
    set_script_prefix("/rsj/")
    try:
        assert path_for(name, value) == reverse(name, args=[value])
        assert path_for(name, value).startswith("/rsj/")
    finally:
        set_script_prefix("/")


def test_path_for_refuses_a_url_without_one_argument():
    from django.urls import NoReverseMatch

    from common.links import path_for

    with pytest.raises(NoReverseMatch):
        path_for("home", 1)


def test_lists_link_every_item_and_column(client):
    """The links written with `public_path` lead to the pages (no empty href)."""
    child = ColumnFactory(parent=ColumnFactory(name="一级栏目"), name="二级栏目")
    item = ItemFactory(published=True, column=child, title="关于发放补贴的通知")
    column_link = f'href="{reverse("disclosure:column", args=[child.slug])}"'
    item_link = f'href="{reverse("disclosure:item", args=[item.pk])}"'
    pages = {  # page: the links it must carry
        reverse("home"): [item_link],
        reverse("disclosure:catalogue"): [column_link],
        reverse("disclosure:column", args=[child.parent.slug]): [column_link, item_link],
        reverse("disclosure:search") + "?q=%E8%A1%A5%E8%B4%B4": [item_link],
        reverse("site_map"): [column_link],
    }
    for url, links in pages.items():
        page = client.get(url).content.decode()
        assert 'href=""' not in page, url
        for link in links:
            assert link in page, (url, link)


def test_the_side_navigation_marks_each_column_and_follows_renames(client, page_cache):
    first = ColumnFactory(name="就业创业", slug="jycy")
    second = ColumnFactory(name="社会保险", slug="shbx")
    for column in (first, second):
        ItemFactory(published=True, column=column)

    def current(slug: str) -> str:
        page = client.get(reverse("disclosure:column", args=[slug])).content.decode()
        nav = page[page.index('class="side-nav"') :]
        return nav[: nav.index('aria-current="page"')].rsplit('href="', 1)[1]

    assert current("jycy").startswith("/columns/jycy/")
    assert current("shbx").startswith("/columns/shbx/")
    services.column_update(column=second, acting_user=None, name="养老保险")
    page = client.get(reverse("disclosure:column", args=["jycy"])).content.decode()
    assert "养老保险" in page[page.index('class="side-nav"') :]
