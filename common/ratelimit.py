"""A small fixed-window rate limiter on the shared cache (F8: public forms are rate
limited). The cache is the database or Redis (settings.CACHES), so every web
process sees the same counts."""

import ipaddress
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


def _valid_ip(value: str) -> bool:
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def client_address(request) -> str:
    """The client's address; behind `TRUSTED_PROXY_COUNT` reverse proxies, the
    address the nearest trusted proxy saw (never a value the client alone sets).

    The one definition for rate limits, the login lockout (django-axes through
    `client_ip`) and the audit log. A forwarded value that is not an IP address
    (a misconfigured proxy) is not trusted: the direct peer's address is used."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()
        ]
        if len(forwarded) >= proxies and _valid_ip(forwarded[-proxies]):
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "unknown") or "unknown"


def client_ip(request) -> str | None:
    """`client_address` as an IP address, or None when there is none (what
    django-axes stores: settings.AXES_CLIENT_IP_CALLABLE)."""
    address = client_address(request)
    return address if _valid_ip(address) else None


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
