"""The search index (disclosure.search_index): complete and exact against a plain
substring scan, for terms of one to six characters; kept in step by the services;
title matches first, then newest; filters combine with the text; counts capped."""

import random

import pytest
from django.urls import reverse
from django.utils import timezone

from common import listing
from common.text import plain_text
from disclosure import search_index, synthetic
from disclosure.models import IndexSerial, Item, Organisation, SearchDocument
from tests.factories import ColumnFactory, ItemFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = reverse("disclosure:search")


def _fields(item: Item) -> list[str]:
    return [
        item.title,
        item.document_number,
        item.index_number or "",
        item.summary,
        item.keywords,
        plain_text(item.body),
    ]


_FIELDS_CACHE: dict[int, list[str]] = {}


def _lowered_fields(item: Item) -> list[str]:
    key = id(item)
    if key not in _FIELDS_CACHE:
        _FIELDS_CACHE[key] = [f.lower() for f in _fields(item)]
    return _FIELDS_CACHE[key]


def _scan(items: list[Item], term: str) -> set[int]:
    """The reference: items with `term` in any searchable field, case ignored."""
    term = term.lower()
    return {i.pk for i in items if any(term in f for f in _lowered_fields(i))}


def _sample_terms(items: list[Item], rng: random.Random, count: int) -> list[str]:
    terms: set[str] = set()
    while len(terms) < count:
        item = rng.choice(items)
        text = rng.choice([f for f in _fields(item) if f])
        size = rng.randint(1, 6)
        if len(text) < size:
            continue
        start = rng.randrange(len(text) - size + 1)
        term = text[start : start + size]
        if not any(c.isspace() for c in term):
            terms.add(term)
    return sorted(terms)


@pytest.fixture
def catalogue():
    for _ in range(4):
        ColumnFactory()
    UserFactory()
    synthetic.generate(1500, seed=7, batch_size=500)
    _FIELDS_CACHE.clear()
    return list(Item.objects.published())


def test_search_equals_a_substring_scan_for_terms_of_one_to_six_characters(catalogue):
    rng = random.Random(11)
    terms = _sample_terms(catalogue, rng, 60)
    terms += ["社", "工伤", "稳岗返还", "社会保险", "人社发", "〔2016〕", "息通知", "不存在的词"]
    terms.append(catalogue[17].index_number)
    lengths = {len(t) for t in terms}
    assert {1, 2, 3, 4, 5, 6} <= lengths  # every length class is tried
    for term in terms:
        query = search_index.Query(terms=(search_index.normalise(term),))
        found = search_index.search_ids(query, limit=10**6)
        assert len(found) == len(set(found)), term
        assert set(found) == _scan(catalogue, term), term


def test_marker_terms_occur_at_their_known_rates(catalogue):
    for marker, every in synthetic.MARKERS.items():
        expected = {i.pk for i in catalogue if i.pk % every == 0}
        query = search_index.Query(terms=(marker,))
        assert set(search_index.search_ids(query, limit=10**6)) == expected


def test_several_terms_must_all_occur(catalogue):
    query = search_index.Query(terms=("工伤", "社会保险"))
    found = set(search_index.search_ids(query, limit=10**6))
    assert found == _scan(catalogue, "工伤") & _scan(catalogue, "社会保险")
    assert found and all(pk % 6 == 0 for pk in found)


def test_results_put_title_matches_first_then_newest(catalogue):
    term = "养老待遇"
    found = search_index.search_ids(search_index.Query(terms=(term,)), limit=10**6)
    by_id = {i.pk: i for i in catalogue}
    in_title = [pk for pk in found if term in by_id[pk].title]
    assert in_title and found[: len(in_title)] == in_title
    for group in (in_title, found[len(in_title) :]):
        keys = [(by_id[pk].published_at, pk) for pk in group]
        assert keys == sorted(keys, reverse=True)


@pytest.mark.parametrize("term", ["社会保险", "人社发", "养老待遇"])
def test_a_capped_search_stops_at_the_newest_matches(catalogue, term):
    """Long terms are confirmed newest first and the query stops at the cap: the
    capped answer must be exactly the head of the whole ordered answer."""
    query = search_index.Query(terms=(term,))
    everything = search_index.search_ids(query, limit=10**6)
    assert len(everything) > 30, term  # the cap really cuts
    assert search_index.search_ids(query, limit=30) == everything[:30]


def test_filters_combine_with_the_text(catalogue):
    column = next(i.column for i in catalogue if i.pk % 12 == 6)  # 工伤 and 2021
    query = search_index.Query(terms=("工伤",), column_ids=(column.pk,), year=2021)
    found = set(search_index.search_ids(query, limit=10**6))
    matches = _scan(catalogue, "工伤")
    expected = {
        i.pk
        for i in catalogue
        if i.pk in matches
        and i.column_id == column.pk
        and timezone.localtime(i.published_at).year == 2021
    }
    assert found == expected and found


def test_rebuild_recreates_every_document(catalogue):
    SearchDocument.objects.all().delete()
    assert search_index.search_ids(search_index.Query(terms=("工伤",)), limit=10) == []
    assert search_index.rebuild(batch_size=400) == len(catalogue)
    query = search_index.Query(terms=("工伤",))
    assert set(search_index.search_ids(query, limit=10**6)) == _scan(catalogue, "工伤")


# --- kept in step by the services ---------------------------------------------------


def _found(client, q: str) -> list[int]:
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    return [item.pk for item in response.context["items"]]


def test_publication_withdrawal_and_edit_reach_the_index(client, office):
    from review.services import item_update_published, item_withdraw

    item = ItemFactory(published=True, title="关于稳岗返还资金发放的通知")
    assert _found(client, "稳岗返还") == [item.pk]
    item_update_published(
        item=item,
        changes={"title": "关于失业保险金发放的通知"},
        substantive=True,
        note="更正标题",
        acting_user=office,
    )
    assert _found(client, "稳岗返还") == []
    assert _found(client, "失业保险金") == [item.pk]
    item_withdraw(item=Item.objects.get(pk=item.pk), reason="已失效", acting_user=office)
    assert _found(client, "失业保险金") == []
    assert not SearchDocument.objects.filter(pk=item.pk).exists()


def test_drafts_and_non_public_items_are_never_indexed():
    draft = ItemFactory(title="草稿稳岗返还")
    on_request = ItemFactory(published=True, on_request=True, title="依申请稳岗返还")
    assert not SearchDocument.objects.filter(pk__in=[draft.pk, on_request.pk]).exists()
    assert search_index.search_ids(search_index.Query(terms=("稳岗返还",)), limit=10) == []


def test_the_issue_examples_find_what_they_should(client):
    info = ItemFactory(published=True, title="政府信息公开年度报告")
    number = ItemFactory(published=True, title="养老通知", document_number="示县人社发〔2026〕3号")
    other = ItemFactory(published=True, title="劳动合同范本", body="<p>用人单位</p>")
    assert set(_found(client, "社")) == {number.pk}
    assert _found(client, "息公开") == [info.pk]  # a substring across words
    assert _found(client, "人社发") == [number.pk]  # part of a 文号
    assert _found(client, number.index_number) == [number.pk]  # 索引号
    assert _found(client, "劳动合同") == [other.pk]
    assert _found(client, "工伤") == []


# --- counts and deep pages ----------------------------------------------------------


def test_counts_are_exact_up_to_the_cap_and_shown_as_more_beyond(client, monkeypatch):
    monkeypatch.setattr(listing, "LISTING_CAP", 4)
    column = ColumnFactory()
    for n in range(6):
        ItemFactory(published=True, column=column, title=f"就业通知{n}")
    page = client.get(URL, {"q": "就业通知"}).content.decode()
    assert "共找到 <strong>4</strong> 条以上" in page
    assert client.get(URL, {"q": "就业通知0"}).context["page"].paginator.count == 1
    column_page = client.get(reverse("disclosure:column", args=[column.slug])).content.decode()
    assert "条以上" in column_page


def test_deep_pages_are_slices_of_the_capped_list(client, monkeypatch):
    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    column = ColumnFactory()
    items = [ItemFactory(published=True, column=column) for _ in range(5)]
    newest_first = sorted(items, key=lambda i: (i.published_at, i.pk), reverse=True)
    url = reverse("disclosure:column", args=[column.slug])
    assert list(client.get(url, {"page": 3}).context["items"]) == newest_first[4:]
    assert client.get(url, {"page": 4}).status_code == 404
    assert client.get(url, {"page": "x"}).status_code == 404


def test_synthetic_items_hand_the_index_the_same_body_text_the_pages_use():
    rng = random.Random(3)
    for n in range(30):
        fields = synthetic.item_fields(n, rng)
        assert fields["text"] == plain_text(fields["body"])


def _assert_serials_continue(organisation_code: str) -> None:
    """Every year's 索引号 serials run 1..last without a gap or a repeat, and the
    year's counter stands at the last one (the next publication continues there)."""
    numbers = Item.objects.published().values_list("index_number", flat=True)
    by_year: dict[int, list[int]] = {}
    for number in numbers:
        code, rest = number.split("/")
        assert code == organisation_code
        year, serial = rest.split("-")
        by_year.setdefault(int(year), []).append(int(serial))
    assert by_year
    for year, serials in by_year.items():
        assert sorted(serials) == list(range(1, len(serials) + 1)), year
        assert IndexSerial.objects.get(year=year).last_serial == len(serials), year


def test_generated_index_numbers_continue_each_years_serials(db):
    ColumnFactory()
    UserFactory()
    synthetic.generate(100, seed=3, batch_size=30)
    synthetic.generate(50, seed=4, batch_size=7)  # a second run continues the serials
    assert Item.objects.published().count() == 150
    _assert_serials_continue(Organisation.objects.get().code)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_generation_writes_every_item_once_with_distinct_serials():
    ColumnFactory()
    ColumnFactory()
    UserFactory()
    assert synthetic.generate(400, seed=5, batch_size=25, jobs=2) == 400
    assert Item.objects.published().count() == SearchDocument.objects.count() == 400
    _assert_serials_continue(Organisation.objects.get().code)
    # The key sequence continues after the generated keys: a new item gets a free one.
    assert ItemFactory().pk > 400


@pytest.mark.postgres
def test_postgres_search_rows_are_toasted_and_queries_are_not_jit_compiled(db):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute(
            "SELECT reloptions FROM pg_class WHERE relname = 'disclosure_searchdocument'"
        )
        assert "toast_tuple_target=128" in cursor.fetchone()[0]
