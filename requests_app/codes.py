"""The applicant's query code (查询码), stored as a keyed hash.

The code is random (`CODE_LENGTH` characters of `CODE_ALPHABET`, about 50 bits),
shown once, and checked on every look-up of a request's progress. A keyed hash —
HMAC-SHA256 under a key derived from the deployment's SECRET_KEY, bound to the
tracking number — is as strong as a password hash against someone holding a copy
of the database without the key, and costs microseconds instead of the 1.3 s of CPU
the password hasher spent on every submission and look-up (repeated wrong guesses
are locked out separately). Keys in SECRET_KEY_FALLBACKS still verify, so a key
rotation does not lock applicants out; codes stored by the password hasher before
this change still verify too."""

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.utils.crypto import constant_time_compare, salted_hmac

PREFIX = "hmac-sha256$"
_SALT = "requests_app.query_code"


def _digest(tracking_number: str, code: str, secret: str) -> str:
    value = f"{tracking_number}:{code}"
    return salted_hmac(_SALT, value, secret=secret, algorithm="sha256").hexdigest()


def code_digest(*, tracking_number: str, code: str) -> str:
    """What is stored for `code` of request `tracking_number`."""
    return PREFIX + _digest(tracking_number, code, settings.SECRET_KEY)


def code_matches(*, stored: str, tracking_number: str, code: str) -> bool:
    if not code or not stored:
        return False
    if not stored.startswith(PREFIX):
        return check_password(code, stored)  # stored before keyed hashes were used
    digest = stored.removeprefix(PREFIX)
    return any(
        constant_time_compare(digest, _digest(tracking_number, code, secret))
        for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    )
