"""Internal consultations (内部征集, Art. 7(3)) and unpublished drafts never appear on
any public surface; comments appear publicly only once approved.

Each test sets a public consultation beside the hidden one (same column, same
search word), so a surface that shows nothing at all cannot pass by accident."""

import json
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import pytest
from django.urls import reverse

from tests.consultations.factories import CommentFactory, ConsultationFactory, consultation_column

pytestmark = pytest.mark.django_db

WORD = "征询检索词"
PUBLIC_TITLE = f"公开征求意见{WORD}甲"
HIDDEN_TITLE = f"内部征求意见{WORD}乙"


def _make_hidden(kind):
    if kind == "internal":
        # The worst case: the internal draft's item went all the way to published.
        return ConsultationFactory(internal=True, published=True, item__title=HIDDEN_TITLE)
    return ConsultationFactory(item__title=HIDDEN_TITLE)  # a draft never released


@pytest.fixture(params=["internal", "unreleased"])
def pair(request):
    public = ConsultationFactory(published=True, item__title=PUBLIC_TITLE)
    hidden = _make_hidden(request.param)
    return public, hidden


def _get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response


def _html_lists(url_for):
    def check(client, public, hidden):
        text = _get(client, url_for(public)).content.decode()
        public_links = (
            f'href="{reverse("disclosure:item", args=[public.item_id])}"',
            f'href="{reverse("consultations:detail", args=[public.pk])}"',
        )
        assert any(link in text for link in public_links)
        # The title may be highlighted (search): look for a piece without the word.
        assert HIDDEN_TITLE.replace(WORD, "")[:4] not in text
        assert reverse("disclosure:item", args=[hidden.item_id]) not in text
        assert reverse("consultations:detail", args=[hidden.pk]) not in text

    return check


def _feed(url_for):
    def check(client, public, hidden):
        root = ET.fromstring(_get(client, url_for(public)).content)
        titles = [t.text for t in root.iter("title")]
        assert PUBLIC_TITLE in titles
        assert HIDDEN_TITLE not in titles

    return check


def _sitemap(client, public, hidden):
    text = _get(client, reverse("disclosure:sitemap_section", args=["items"])).content.decode()
    assert reverse("disclosure:item", args=[public.item_id]) in text
    assert reverse("disclosure:item", args=[hidden.item_id]) not in text
    assert reverse("consultations:detail", args=[hidden.pk]) not in text


def _api_list(client, public, hidden):
    url = reverse("disclosure:api_items") + "?" + urlencode({"q": WORD})
    data = json.loads(_get(client, url).content)
    assert [row["id"] for row in data["results"]] == [public.item_id]


def _api_detail(client, public, hidden):
    _get(client, reverse("disclosure:api_item", args=[public.item_id]))
    _get(client, reverse("disclosure:api_item", args=[hidden.item_id]), 404)


def _item_page(client, public, hidden):
    _get(client, reverse("disclosure:item", args=[public.item_id]))
    _get(client, reverse("disclosure:item", args=[hidden.item_id]), 404)
    _get(client, reverse("disclosure:item_print", args=[hidden.item_id]), 404)


def _consultation_page(client, public, hidden):
    _get(client, reverse("consultations:detail", args=[public.pk]))
    _get(client, reverse("consultations:detail", args=[hidden.pk]), 404)


def _comment_post(client, public, hidden):
    response = client.post(
        reverse("consultations:comment", args=[hidden.pk]), {"body": "想对内部征集提意见。"}
    )
    assert response.status_code == 404
    assert not hidden.comments.exists()


def _catalogue_count(client, public, hidden):
    response = _get(client, reverse("disclosure:catalogue"))
    nodes = {n.column.pk: n.count for n in response.context["tree"]}
    assert nodes[consultation_column().pk] == 1


SURFACES = {
    "consultation_list": _html_lists(lambda p: reverse("consultations:list")),
    "consultation_list_open": _html_lists(lambda p: reverse("consultations:list") + "?phase=open"),
    "consultation_page": _consultation_page,
    "comment_post": _comment_post,
    "home": _html_lists(lambda p: reverse("home")),
    "catalogue_count": _catalogue_count,
    "column": _html_lists(lambda p: reverse("disclosure:column", args=[p.item.column.slug])),
    "section": _html_lists(lambda p: reverse("disclosure:section", args=[p.item.section_id])),
    "search": _html_lists(lambda p: reverse("disclosure:search") + "?" + urlencode({"q": WORD})),
    "feed_latest": _feed(lambda p: reverse("disclosure:feed_latest")),
    "feed_column": _feed(lambda p: reverse("disclosure:feed_column", args=[p.item.column.slug])),
    "sitemap": _sitemap,
    "api_list": _api_list,
    "api_detail": _api_detail,
    "item_page": _item_page,
}


@pytest.mark.parametrize("surface", SURFACES)
def test_hidden_consultations_are_absent_from_every_public_surface(client, pair, surface):
    public, hidden = pair
    SURFACES[surface](client, public, hidden)


# --- comments: nothing public before approval -----------------------------------------


COMMENT_TEXT = {
    "approved": "已审核的意见：建议提高补贴标准。",
    "pending": "待审核的意见：建议取消户籍限制。",
    "hidden": "已屏蔽的意见：含有不当言论。",
}


@pytest.fixture
def comments():
    consultation = ConsultationFactory(published=True, item__title=PUBLIC_TITLE)
    for status, text in COMMENT_TEXT.items():
        CommentFactory(
            consultation=consultation, status=status, body=text, contact=f"{status}@example.com"
        )
    return consultation


@pytest.mark.parametrize(
    "url_for",
    [
        lambda c: reverse("consultations:detail", args=[c.pk]),
        lambda c: reverse("consultations:list"),
        lambda c: reverse("disclosure:item", args=[c.item_id]),
        lambda c: reverse("disclosure:search") + "?" + urlencode({"q": "意见"}),
        lambda c: reverse("disclosure:api_item", args=[c.item_id]),
    ],
    ids=["consultation", "list", "item", "search", "api"],
)
def test_only_approved_comments_are_shown_and_never_contacts(client, comments, url_for):
    text = _get(client, url_for(comments)).content.decode()
    assert COMMENT_TEXT["pending"] not in text
    assert COMMENT_TEXT["hidden"] not in text
    assert "@example.com" not in text


def test_approved_comment_is_shown_on_the_consultation_page(client, comments):
    text = _get(client, reverse("consultations:detail", args=[comments.pk])).content.decode()
    assert COMMENT_TEXT["approved"] in text


def test_comments_of_an_internal_consultation_are_never_public(client):
    consultation = ConsultationFactory(internal=True, published=True)
    CommentFactory(consultation=consultation, approved=True, body="内部意见：同意。")
    from consultations.models import Comment

    assert not Comment.objects.public().exists()


def test_consultation_sitemap_lists_only_public_consultations(pair):
    from consultations.sitemaps import ConsultationSitemap

    public, hidden = pair
    locations = [ConsultationSitemap().location(c) for c in ConsultationSitemap().items()]
    assert locations == [reverse("consultations:detail", args=[public.pk])]
