"""Property-based tests (hypothesis): arbitrary text, sizes and encodings thrown at
every public form, the search, the tracking pages and the JSON API. Whatever comes
in, the answer is a clean 4xx or a success, never a 500, and a refused submission
writes nothing (no half-written request, file or comment).

Example counts stay modest so the suite stays fast; run with
`--hypothesis-seed=<n>` to replay a failure. They run on SQLite and, with
DATABASE_URL, on PostgreSQL (where a NUL used to reach the queries)."""

from urllib.parse import quote, quote_from_bytes, urlencode

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from consultations.models import Comment
from requests_app.models import DisclosureRequest, RequestEvent, RequestFile
from tests.consultations.factories import ConsultationFactory
from tests.factories import ItemFactory
from tests.requests_app.factories import applicant_data

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any text (NUL, controls, CJK, emoji, combining marks), and long runs of it.
any_text = st.text(max_size=200)
long_text = st.builds(lambda s, n: s * n, st.text(min_size=1, max_size=8), st.integers(1, 4000))
# Text with a NUL somewhere: what PostgreSQL cannot store (rare in plain st.text()).
with_nul = st.builds(lambda a, b: f"{a}\x00{b}", any_text, any_text)
texts = st.one_of(
    any_text, long_text, with_nul, st.sampled_from(["", " ", "\x00", "０", "'\"<>&;--"])
)
raw_bytes = st.binary(max_size=300)
charsets = st.sampled_from(["utf-8", "gbk", "gb18030", "latin-1", "utf-16", "x-no-such-charset"])


def assert_clean(response, allowed=None):
    status = response.status_code
    event(f"status {status}")  # --hypothesis-show-statistics shows the mix
    assert status < 500, (status, response.content[:300])
    if allowed is not None:
        assert status in allowed, status


def counts():
    return (
        DisclosureRequest.objects.count(),
        RequestFile.objects.count(),
        RequestEvent.objects.count(),
    )


@pytest.fixture
def published(db):
    return ItemFactory(published=True, title="就业补助资金管理办法", summary="概述")


# --- the search and the JSON API --------------------------------------------------------


SEARCH_KEYS = ["q", "column", "topic", "year", "section", "page", "page_size", "sort"]


@FUZZ
@given(params=st.dictionaries(st.sampled_from(SEARCH_KEYS) | any_text, texts, max_size=5))
def test_search_answers_any_parameters_cleanly(client, published, params):
    assert_clean(client.get(reverse("disclosure:search"), params), {200, 400, 404})


@FUZZ
@given(params=st.dictionaries(st.sampled_from(SEARCH_KEYS) | any_text, texts, max_size=5))
def test_the_api_answers_any_parameters_with_json(client, published, params):
    response = client.get(reverse("disclosure:api_items"), params)
    assert_clean(response, {200, 400, 404})
    if response.status_code != 400 or "json" in response["Content-Type"]:
        assert response.json() is not None


@FUZZ
@given(ident=st.one_of(st.integers(-(2**70), 2**70).map(str), any_text))
def test_the_api_item_path_answers_cleanly(client, published, ident):
    assert_clean(client.get(f"/api/v1/items/{quote(ident, safe='')}/"), {200, 301, 400, 404})


@FUZZ
@given(query=raw_bytes)
def test_raw_query_strings_in_any_encoding_are_answered_cleanly(client, published, query):
    for url in (reverse("disclosure:search"), reverse("disclosure:api_items")):
        assert_clean(client.get(url, QUERY_STRING=quote_from_bytes(query, safe="=&")))


# --- the tracking pages -----------------------------------------------------------------


@FUZZ
@given(number=st.one_of(texts, raw_bytes.map(lambda b: b.decode("latin-1"))))
def test_tracking_paths_answer_cleanly(client, number):
    encoded = quote(number, safe="") or "x"
    for suffix in ("", "notice/", "files/1/"):
        assert_clean(client.get(f"/requests/track/{encoded}/{suffix}"), {200, 302, 400, 404})


@FUZZ
@given(number=texts, code=texts, n=texts)
def test_the_tracking_form_answers_cleanly(client, number, code, n):
    cache.clear()  # the failure limit is not what is tested here
    url = reverse("requests_app:track") + "?" + urlencode({"n": n})
    response = client.post(url, {"tracking_number": number, "query_code": code})
    assert_clean(response, {200, 302, 400, 429})


# --- the request form -------------------------------------------------------------------

APPLY_FIELDS = [*applicant_data(), "declaration", "website", "files"]


@FUZZ
@given(
    overrides=st.dictionaries(st.sampled_from(APPLY_FIELDS) | any_text, texts, max_size=6),
    drop=st.sets(st.sampled_from(APPLY_FIELDS), max_size=3),
)
def test_the_request_form_never_half_writes(client, overrides, drop):
    cache.clear()  # the hourly limit per address is tested elsewhere
    data = {**applicant_data(), "declaration": "on"}
    data.update(overrides)
    for name in drop:
        data.pop(name, None)
    before = counts()
    response = client.post(reverse("requests_app:apply"), data)
    assert_clean(response, {200, 302, 400, 429})
    after = counts()
    if response.status_code == 302:
        req = DisclosureRequest.objects.order_by("-pk").first()
        assert after[0] == before[0] + 1 and after[2] > before[2]
        assert req.tracking_number and req.applicant_name == data["applicant_name"].strip()
    else:
        assert after == before


@FUZZ
@given(body=raw_bytes, charset=charsets)
def test_the_request_form_takes_any_bytes_in_any_charset(client, body, charset):
    cache.clear()
    before = counts()
    response = client.generic(
        "POST",
        reverse("requests_app:apply"),
        quote_from_bytes(body, safe="=&").encode("ascii"),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert_clean(response, {200, 400, 429})
    assert counts() == before


def multipart(fields: dict, file_name: str, content: bytes) -> tuple[bytes, str]:
    """A multipart body built by hand, so that any file name (slashes, quotes,
    line breaks, NUL) reaches the server as sent."""
    boundary = "----fuzzboundary7MA4YWxkTrZu0gW"
    parts = []
    for key, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'.encode()
            + str(value).encode()
            + b"\r\n"
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; '.encode()
        + b'filename="'
        + file_name.encode("utf-8", "surrogatepass")
        + b'"\r\nContent-Type: application/octet-stream\r\n\r\n'
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@FUZZ
@given(name=texts, content=raw_bytes)
def test_uploads_with_any_name_and_content_never_half_write(client, name, content):
    cache.clear()
    body, content_type = multipart({**applicant_data(), "declaration": "on"}, name, content)
    before = counts()
    response = client.generic(
        "POST", reverse("requests_app:apply"), body, content_type=content_type
    )
    assert_clean(response, {200, 302, 400, 429})
    if response.status_code != 302:
        assert counts() == before


# --- the consultation comment -----------------------------------------------------------


@pytest.fixture
def consultation(db):
    return ConsultationFactory(published=True)


COMMENT_FIELDS = ["author_name", "contact", "draft_section", "body", "website"]


@FUZZ
@given(data=st.dictionaries(st.sampled_from(COMMENT_FIELDS) | any_text, texts, max_size=6))
def test_a_comment_is_stored_whole_or_not_at_all(client, consultation, data):
    cache.clear()
    before = Comment.objects.count()
    url = reverse("consultations:comment", args=[consultation.pk])
    response = client.post(url, data)
    assert_clean(response, {302, 400, 429})
    if response.status_code == 302:
        comment = Comment.objects.order_by("-pk").first()
        assert Comment.objects.count() == before + 1
        assert comment.body == data["body"].strip()
    else:
        assert Comment.objects.count() == before


@FUZZ
@given(body=raw_bytes, charset=charsets)
def test_a_comment_in_any_bytes_and_charset_is_answered_cleanly(
    client, consultation, body, charset
):
    cache.clear()
    before = Comment.objects.count()
    response = client.generic(
        "POST",
        reverse("consultations:comment", args=[consultation.pk]),
        quote_from_bytes(body, safe="=&").encode("ascii"),
        content_type=f"application/x-www-form-urlencoded; charset={charset}",
    )
    assert_clean(response, {302, 400, 429})
    if response.status_code != 302:
        assert Comment.objects.count() == before
