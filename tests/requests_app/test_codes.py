"""Query codes are stored as a keyed hash bound to the tracking number
(requests_app.codes), not with the password hasher."""

import pytest
from django.contrib.auth.hashers import make_password

from requests_app.codes import PREFIX, code_digest, code_matches


def test_the_stored_digest_is_keyed_and_holds_no_code():
    stored = code_digest(tracking_number="YSQ202600001", code="ABCDE23456")
    assert stored.startswith(PREFIX)
    assert "ABCDE23456" not in stored
    assert code_matches(stored=stored, tracking_number="YSQ202600001", code="ABCDE23456")


@pytest.mark.parametrize(
    "number,code",
    [
        ("YSQ202600001", "ABCDE23457"),  # one character off
        ("YSQ202600002", "ABCDE23456"),  # the right code of another request
        ("YSQ202600001", ""),
    ],
    ids=["wrong-code", "other-request", "empty"],
)
def test_a_wrong_pair_does_not_match(number, code):
    stored = code_digest(tracking_number="YSQ202600001", code="ABCDE23456")
    assert not code_matches(stored=stored, tracking_number=number, code=code)


def test_another_key_gives_another_digest_and_fallback_keys_still_verify(settings):
    stored = code_digest(tracking_number="YSQ202600001", code="ABCDE23456")
    old_key = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-key-after-rotation-" + "x" * 40
    assert code_digest(tracking_number="YSQ202600001", code="ABCDE23456") != stored
    assert not code_matches(stored=stored, tracking_number="YSQ202600001", code="ABCDE23456")
    settings.SECRET_KEY_FALLBACKS = [old_key]
    assert code_matches(stored=stored, tracking_number="YSQ202600001", code="ABCDE23456")


def test_codes_stored_by_the_password_hasher_before_still_verify():
    stored = make_password("ABCDE23456")
    assert code_matches(stored=stored, tracking_number="YSQ202500001", code="ABCDE23456")
    assert not code_matches(stored=stored, tracking_number="YSQ202500001", code="ABCDE23457")
