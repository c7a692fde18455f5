"""F1: only published 主动公开 items appear on public pages. Every other combination
of status and publicity attribute is a 404 on every item URL and absent from every
list, count, feed, sitemap and API answer.

Each test puts one public item and one hidden item side by side (same column,
topic, section, year and search word), so a surface that shows nothing at all
cannot pass by accident."""

import datetime
import json
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from disclosure import services
from disclosure.choices import Publicity, Topic
from disclosure.models import ItemStatus
from tests.disclosure.factories import AttachmentFactory
from tests.factories import ColumnFactory, ItemFactory

WORD = "专项检索词"
PUBLIC_TITLE = f"公开通知{WORD}甲"
HIDDEN_TITLE = f"隐藏通知{WORD}乙"

PUBLICITIES = [Publicity.PROACTIVE, Publicity.ON_REQUEST, Publicity.NOT_DISCLOSED, ""]
HIDDEN_COMBINATIONS = [
    pytest.param(status, publicity, id=f"{status.value}-{publicity or 'unset'}")
    for status in ItemStatus
    for publicity in PUBLICITIES
    if not (status == ItemStatus.PUBLISHED and publicity == Publicity.PROACTIVE)
]

_TRAITS = {
    Publicity.PROACTIVE: {},
    Publicity.ON_REQUEST: {"on_request": True},
    Publicity.NOT_DISCLOSED: {"not_disclosed": True},
    "": {"publicity": ""},
}


def make_hidden(status: ItemStatus, publicity: str, **fields):
    """An item in `status` with `publicity`, looking as public as it can: dated,
    with an 索引号 where it would have one, and an attachment."""
    traits = _TRAITS[publicity]
    if status == ItemStatus.PUBLISHED:
        item = ItemFactory(published=True, **traits, **fields)
    else:
        extra = {"published_at": timezone.now(), "index_number": f"TEST/hidden-{status}"}
        if status == ItemStatus.WITHDRAWN:
            extra["withdrawal_reason"] = "内容有误，予以撤回"
        if status == ItemStatus.SCHEDULED:
            extra["scheduled_at"] = timezone.now() + datetime.timedelta(days=1)
        item = ItemFactory(status=status, **traits, **extra, **fields)
    AttachmentFactory(item=item)
    return item


@pytest.fixture
def pair():
    column = ColumnFactory(slug="vis-column")
    public = ItemFactory(
        published=True, column=column, title=PUBLIC_TITLE, topic=Topic.LABOUR_EMPLOYMENT
    )
    return column, public


def _text(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


# --- surfaces that list items: the public one is there, the hidden one is not ---


def _list_html(url_for):
    def check(client, column, public, hidden):
        text = _text(client, url_for(column, public))
        assert f'href="{reverse("disclosure:item", args=[public.pk])}"' in text
        assert f'href="{reverse("disclosure:item", args=[hidden.pk])}"' not in text
        # The title may be highlighted (search): look for a piece without the word.
        assert HIDDEN_TITLE.replace(WORD, "")[:4] not in text

    return check


def _catalogue_counts(client, column, public, hidden):
    response = client.get(reverse("disclosure:catalogue"))
    nodes = {n.column.pk: n.count for n in response.context["tree"]}
    assert nodes[column.pk] == 1
    topics = {t.code: t.count for t in response.context["topics"]}
    assert topics[Topic.LABOUR.value] == 1
    sections = {s.pk: s.public_count for s in response.context["sections"]}
    assert sections == {public.section.pk: 1}
    assert [count for _year, count in response.context["years"]] == [1]


def _topic_list_counts(client, column, public, hidden):
    response = client.get(reverse("disclosure:topics"))
    labour = next(t for t in response.context["topics"] if t.code == Topic.LABOUR.value)
    assert labour.count == 1
    employment = next(t for t in labour.children if t.code == Topic.LABOUR_EMPLOYMENT.value)
    assert employment.count == 1


def _feed(url_for):
    def check(client, column, public, hidden):
        root = ET.fromstring(client.get(url_for(column, public)).content)
        titles = [t.text for t in root.iter("title")]
        assert PUBLIC_TITLE in titles
        assert HIDDEN_TITLE not in titles

    return check


def _sitemap(client, column, public, hidden):
    text = _text(client, reverse("disclosure:sitemap_section", args=["items"]))
    assert reverse("disclosure:item", args=[public.pk]) in text
    assert reverse("disclosure:item", args=[hidden.pk]) not in text


def _api_list(query):
    def check(client, column, public, hidden):
        data = json.loads(client.get(reverse("disclosure:api_items") + query).content)
        ids = [row["id"] for row in data["results"]]
        assert ids == [public.pk]
        assert data["count"] == 1

    return check


# --- surfaces for one item: 404 for the hidden one, never 403 ---


def _item_url(name):
    def check(client, column, public, hidden):
        assert client.get(reverse(name, args=[public.pk])).status_code == 200
        response = client.get(reverse(name, args=[hidden.pk]))
        if name == "disclosure:item" and _withdrawn_after_publication(hidden):
            # F3: the page of a withdrawn 主动公开 item shows a notice, not the content.
            assert response.status_code == 200
            assert "本信息已于" in response.content.decode()
            assert hidden.body not in response.content.decode()
        else:
            assert response.status_code == 404

    return check


def _withdrawn_after_publication(item) -> bool:
    return (
        item.status == ItemStatus.WITHDRAWN
        and item.publicity == Publicity.PROACTIVE
        and item.published_at is not None
    )


def _attachment(client, column, public, hidden):
    mine = AttachmentFactory(item=public)
    theirs = hidden.attachments.get()
    assert (
        client.get(reverse("disclosure:attachment", args=[public.pk, mine.pk])).status_code == 200
    )
    url = reverse("disclosure:attachment", args=[hidden.pk, theirs.pk])
    assert client.get(url).status_code == 404
    # Nor through a public item's URL.
    url = reverse("disclosure:attachment", args=[public.pk, theirs.pk])
    assert client.get(url).status_code == 404


def _api_detail(client, column, public, hidden):
    assert client.get(reverse("disclosure:api_item", args=[public.pk])).status_code == 200
    response = client.get(reverse("disclosure:api_item", args=[hidden.pk]))
    assert response.status_code == 404
    assert json.loads(response.content) == {"error": "未找到该信息。"}


def _year(column, public):
    return reverse("disclosure:year", args=[timezone.localtime(public.published_at).year])


SURFACES = {
    "home": _list_html(lambda c, p: reverse("home")),
    "catalogue_counts": _catalogue_counts,
    "column": _list_html(lambda c, p: reverse("disclosure:column", args=[c.slug])),
    "topic_list_counts": _topic_list_counts,
    "topic": _list_html(lambda c, p: reverse("disclosure:topic", args=[Topic.LABOUR.value])),
    "sub_topic": _list_html(
        lambda c, p: reverse("disclosure:topic", args=[Topic.LABOUR_EMPLOYMENT.value])
    ),
    "section": _list_html(lambda c, p: reverse("disclosure:section", args=[p.section.pk])),
    "year": _list_html(_year),
    "search": _list_html(lambda c, p: reverse("disclosure:search") + "?" + urlencode({"q": WORD})),
    "search_filters_only": _list_html(
        lambda c, p: reverse("disclosure:search") + f"?column={c.slug}"
    ),
    "feed_latest": _feed(lambda c, p: reverse("disclosure:feed_latest")),
    "feed_column": _feed(lambda c, p: reverse("disclosure:feed_column", args=[c.slug])),
    "sitemap": _sitemap,
    "api_list": _api_list(""),
    "api_search": _api_list("?" + urlencode({"q": WORD, "column": "vis-column"})),
    "item": _item_url("disclosure:item"),
    "item_print": _item_url("disclosure:item_print"),
    "attachment": _attachment,
    "api_detail": _api_detail,
}


@pytest.mark.django_db
@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize(("status", "publicity"), HIDDEN_COMBINATIONS)
def test_only_published_proactive_items_are_public(client, pair, surface, status, publicity):
    column, public = pair
    hidden = make_hidden(
        status,
        publicity,
        column=column,
        section=public.section,
        title=HIDDEN_TITLE,
        topic=Topic.LABOUR_EMPLOYMENT,
    )
    SURFACES[surface](client, column, public, hidden)


@pytest.mark.django_db
def test_matrix_covers_every_status_and_publicity():
    """The matrix above is generated from the choices: a new status or publicity
    attribute is tested without anyone remembering to add it."""
    assert len(HIDDEN_COMBINATIONS) == len(ItemStatus) * len(PUBLICITIES) - 1


@pytest.mark.django_db
def test_item_published_then_withdrawn_disappears(client, pair, office):
    """A real transition, not a fixture state: once withdrawn, the item leaves every
    list and its page keeps only the withdrawal notice (F3), never the content —
    also where the pages had been served (and cached) before the withdrawal."""
    from review.services import item_withdraw

    column, public = pair
    item = ItemFactory(published=True, column=column, title=HIDDEN_TITLE)
    assert client.get(reverse("disclosure:item", args=[item.pk])).status_code == 200
    assert HIDDEN_TITLE in _text(client, reverse("home"))
    item_withdraw(item=item, reason="撤回", acting_user=office)
    page = _text(client, reverse("disclosure:item", args=[item.pk]))
    assert "撤回" in page and item.body not in page
    assert client.get(reverse("disclosure:item_print", args=[item.pk])).status_code == 404
    assert HIDDEN_TITLE not in _text(client, reverse("home"))


@pytest.mark.django_db
def test_publicity_changed_after_publication_hides_the_item(client, pair):
    column, public = pair
    item = services.item_mark_published(item=ItemFactory(column=column, title=HIDDEN_TITLE))
    type(item).objects.filter(pk=item.pk).update(
        publicity=Publicity.NOT_DISCLOSED,
        non_disclosure_reason="internal_affairs",
        publicity_note="内部事务",
    )
    assert client.get(reverse("disclosure:item", args=[item.pk])).status_code == 404
    assert client.get(reverse("disclosure:api_item", args=[item.pk])).status_code == 404
