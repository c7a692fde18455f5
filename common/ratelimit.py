"""A small fixed-window rate limiter on the shared cache (F8: public forms are rate
limited). The cache is the database or Redis (settings.CACHES), so every web
process sees the same counts."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.crypto import salted_hmac


@dataclass(frozen=True)
class Limit:
    """`count` hits per `seconds` for one scope (a form, a lookup)."""

    scope: str
    count: int
    seconds: int


def client_address(request) -> str:
    """The client's address; behind `TRUSTED_PROXY_COUNT` reverse proxies, the
    address the nearest trusted proxy saw (never a value the client alone sets)."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown")


def client_digest(value: str, *, purpose: str) -> str:
    """A keyed digest (HMAC with SECRET_KEY) of a client address or another
    identifier: enough to recognise the same client again, without keeping the
    address itself anywhere (F8: personal data). `purpose` keeps the digests of
    different uses apart."""
    return salted_hmac(f"portal.client.{purpose}", value, algorithm="sha256").hexdigest()


def _key(limit: Limit, ident: str) -> str:
    # The cache (a database table or Redis) holds digests, never addresses or the
    # tracking numbers some limits count by.
    window = int(timezone.now().timestamp()) // limit.seconds
    return f"rl:{limit.scope}:{client_digest(ident, purpose='ratelimit')}:{window}"


def hit(limit: Limit, ident: str) -> bool:
    """Count one attempt; True if it is within the limit."""
    key = _key(limit, ident)
    if cache.add(key, 1, timeout=limit.seconds + 1):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=limit.seconds + 1)
        return True
    return count <= limit.count


def attempts(limit: Limit, ident: str) -> int:
    """Attempts counted so far in the current window (without counting one)."""
    return int(cache.get(_key(limit, ident)) or 0)
