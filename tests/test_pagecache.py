"""Public pages from the shared cache (common.pagecache): anonymous visitors get a
copy made under the current catalogue version; every change that shows on public
pages makes the next request show it; conditional GETs get a 304."""

import os
import subprocess
import sys
import textwrap

import pytest
from django.db import connection
from django.urls import reverse

from common import pagecache
from disclosure import services
from tests.factories import ColumnFactory, ItemFactory

pytestmark = pytest.mark.django_db

PUBLIC_URLS = [
    ("home", lambda item: reverse("home")),
    ("catalogue", lambda item: reverse("disclosure:catalogue")),
    ("column", lambda item: reverse("disclosure:column", args=[item.column.slug])),
    ("item", lambda item: reverse("disclosure:item", args=[item.pk])),
    ("search", lambda item: reverse("disclosure:search") + "?q=%E9%80%9A%E7%9F%A5"),
    ("feed", lambda item: reverse("disclosure:feed_latest")),
    ("api", lambda item: reverse("disclosure:api_items")),
]


@pytest.fixture
def item():
    return ItemFactory(published=True, title="关于第一批补贴的通知")


@pytest.mark.parametrize("name,url", PUBLIC_URLS, ids=[n for n, _ in PUBLIC_URLS])
def test_anonymous_visitors_get_the_cached_copy(client, item, name, url):
    first = client.get(url(item))
    second = client.get(url(item))
    assert first.status_code == second.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert second["X-Page-Cache"] == "hit"
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]
    # Each response still passes the middleware: security headers are there.
    assert "Content-Security-Policy" in second
    assert second["X-Content-Type-Options"] == "nosniff"


def test_logged_in_users_always_get_a_fresh_page(client, item, office):
    client.force_login(office)
    client.get(reverse("home"))
    response = client.get(reverse("home"))
    assert "X-Page-Cache" not in response


def test_switched_off_no_copy_is_made(client, item, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get(reverse("home"))
    assert "X-Page-Cache" not in client.get(reverse("home"))


def test_a_publication_shows_at_once(client, item):
    client.get(reverse("home"))
    newer = ItemFactory(published=True, column=item.column, title="关于第二批补贴的通知")
    for url in (reverse("home"), reverse("disclosure:column", args=[item.column.slug])):
        response = client.get(url)
        assert newer.title in response.content.decode(), url


def test_a_withdrawal_shows_at_once(client, item, office):
    from review.services import item_withdraw

    assert client.get(reverse("disclosure:item", args=[item.pk]))["X-Page-Cache"] == "miss"
    assert item.title in client.get(reverse("home")).content.decode()
    item_withdraw(item=item, reason="政策已调整", acting_user=office)
    page = client.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    assert "政策已调整" in page
    assert item.title not in client.get(reverse("home")).content.decode()


def test_an_edit_after_publication_shows_at_once(client, item, office):
    from review.services import item_update_published

    client.get(reverse("disclosure:item", args=[item.pk]))
    item_update_published(
        item=item,
        changes={"title": "关于第一批补贴（修订）的通知"},
        substantive=True,
        note="修订",
        acting_user=office,
    )
    page = client.get(reverse("disclosure:item", args=[item.pk])).content.decode()
    assert "关于第一批补贴（修订）的通知" in page


def test_a_column_rename_shows_at_once(client, item):
    url = reverse("disclosure:catalogue")
    client.get(url)
    services.column_update(column=item.column, acting_user=None, name="就业创业专栏")
    assert "就业创业专栏" in client.get(url).content.decode()


def test_a_change_gives_a_new_version(client, item):
    before = pagecache.catalogue_version()
    pagecache.catalogue_changed()
    assert pagecache.catalogue_version() != before


def test_a_lost_version_key_never_revives_old_copies(client, item):
    """A flushed or culled version key restarts from the clock, not from 1."""
    from django.core.cache import cache

    old = pagecache.catalogue_version()
    cache.delete(pagecache.VERSION_KEY)
    assert pagecache.catalogue_version() > old


def test_etag_and_last_modified_give_a_304(client, item):
    url = reverse("disclosure:item", args=[item.pk])
    response = client.get(url)
    etag, modified = response["ETag"], response["Last-Modified"]
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get(url, HTTP_IF_NONE_MATCH='"other"').status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        lambda item: reverse("disclosure:column", args=[item.column.slug]),
        lambda item: reverse("disclosure:feed_latest"),
    ],
    ids=["column", "feed"],
)
def test_column_pages_and_feeds_answer_conditional_gets(client, item, url):
    first = client.get(url(item))
    assert client.get(url(item), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_after_a_change_the_old_etag_no_longer_matches(client, item):
    url = reverse("disclosure:column", args=[item.column.slug])
    etag = client.get(url)["ETag"]
    ItemFactory(published=True, column=item.column, title="新通知")
    assert client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_errors_and_hidden_items_are_not_cached(client):
    draft = ItemFactory(title="草稿")
    url = reverse("disclosure:item", args=[draft.pk])
    assert client.get(url).status_code == 404
    assert "X-Page-Cache" not in client.get(url)


CHILD = textwrap.dedent(
    """
    import os, sys, django
    os.environ["DJANGO_SETTINGS_MODULE"] = "portal.settings"
    django.setup()
    from django.test import Client
    response = Client(HTTP_HOST="localhost").get(sys.argv[1])
    print(response.status_code, response.get("X-Page-Cache", "-"))
    print(response.content.decode())
    """
)


def _other_process(url: str) -> tuple[str, str]:
    env = dict(os.environ)
    db = connection.settings_dict
    env["DATABASE_URL"] = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    env.pop("PYTEST_XDIST_WORKER", None)
    env["TESTING"] = "1"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, url], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    status, _, body = done.stdout.partition("\n")
    return status, body


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_publication_in_one_process_shows_in_another():
    """Two processes share the cache (here the database cache): a page cached by
    one is served by the other, and a publication in this one invalidates it there."""
    column = ColumnFactory()
    ItemFactory(published=True, column=column, title="第一条通知")
    url = reverse("disclosure:column", args=[column.slug])
    status, body = _other_process(url)
    assert status == "200 miss" and "第一条通知" in body
    status, body = _other_process(url)
    assert status == "200 hit"
    ItemFactory(published=True, column=column, title="第二条通知")
    status, body = _other_process(url)
    assert status == "200 miss" and "第二条通知" in body


def test_visitors_with_a_session_or_a_message_waiting_get_their_own_page(client, item):
    url = reverse("home")
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    client.cookies["messages"] = "pending"
    assert "X-Page-Cache" not in client.get(url)
    del client.cookies["messages"]
    client.cookies["sessionid"] = "someone"
    assert "X-Page-Cache" not in client.get(url)


def test_only_public_catalogue_pages_are_stored(client, item):
    for url in (reverse("requests_app:apply"), reverse("requests_app:track")):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url)


def test_a_copy_carries_the_stack_headers_but_no_nonce_and_no_cookie(client, item):
    url = reverse("disclosure:item", args=[item.pk])
    client.get(url)
    hit = client.get(url)
    assert hit["X-Page-Cache"] == "hit"
    assert "nonce-" not in hit["Content-Security-Policy"]
    assert "script-src" in hit["Content-Security-Policy"]
    assert hit["X-Frame-Options"] == "DENY"
    assert not hit.cookies


def test_a_new_column_and_an_organisation_edit_show_at_once(client, item):
    from disclosure.models import Organisation

    url = reverse("disclosure:catalogue")
    client.get(url)
    services.column_create(
        acting_user=None,
        responsible_section=item.section,
        name="新设栏目",
        slug="xinshe",
    )
    assert "新设栏目" in client.get(url).content.decode()

    from django.contrib.admin.sites import site
    from django.test import RequestFactory

    organisation = Organisation.objects.get()
    organisation.phone = "0572-7654321"
    admin = site._registry[Organisation]
    admin.save_model(RequestFactory().post("/"), organisation, None, True)
    assert "0572-7654321" in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("keep", [pagecache.cached_versioned, pagecache.versioned_local])
def test_derived_values_are_computed_once_per_version(keep):
    """In the shared cache (`cached_versioned`) or in this process (`versioned_local`)."""
    calls = []

    def compute():
        calls.append(1)
        return len(calls)

    assert keep("t", compute) == 1
    assert keep("t", compute) == 1
    pagecache.catalogue_changed()
    assert keep("t", compute) == 2
    assert len(calls) == 2


def test_while_another_process_computes_a_value_nobody_gets_an_older_one(monkeypatch):
    """The lock is held elsewhere: this process waits for the new value and then,
    if it never comes, computes it itself — never the previous version's."""
    from django.core.cache import cache

    pagecache.cached_versioned("t2", lambda: "old")
    pagecache.catalogue_changed()
    key = "cv:" + __import__("hashlib").sha256(b"t2").hexdigest()[:32]
    cache.add(f"{key}:lock", 1, timeout=30)
    monkeypatch.setattr(pagecache, "WAIT_SECONDS", 0.2)
    assert pagecache.cached_versioned("t2", lambda: "new") == "new"


def test_the_catalogue_counts_outlive_the_page_copies(monkeypatch):
    """Counting a million items takes a second: the counts stay until the catalogue
    changes (up to a day), not only as long as a page copy."""
    from disclosure.selectors import catalogue_counts

    stored = {}
    real_set = pagecache.cache.set

    def spy(key, value, timeout=None, **kwargs):
        stored[key] = timeout
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(pagecache.cache, "set", spy)
    pagecache.catalogue_changed()
    catalogue_counts()
    assert pagecache.DERIVED_TIMEOUT in stored.values()
    assert pagecache.DERIVED_TIMEOUT >= 24 * 3600 > pagecache.PAGE_TIMEOUT
