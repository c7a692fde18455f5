"""Login lockout (F8, 等保2.0 三级), on top of django-axes.

- django-axes locks an account *from one address* after `AXES_FAILURE_LIMIT`
  failures (settings.AXES_LOCKOUT_PARAMETERS). The address is the real client's,
  through `common.ratelimit.client_ip` (the function the rate limits use, which
  honours `TRUSTED_PROXY_COUNT`): behind the reverse proxy, an attacker locks only
  themselves out, never the account for its owner.
- Here, a limit per address across all usernames (password spraying): after
  `LOGIN_ADDRESS_FAILURE_LIMIT` failures from one address within the cool-off
  window, that address may not try any account. Higher than the per-account
  limit: a whole office may sit behind one address.

Both lockouts end after the cool-off time or when the security administrator
(安全保密管理员) lifts them."""

from __future__ import annotations

from django.conf import settings

from common.ratelimit import Limit, attempts, client_address, hit

LOCKOUT_MESSAGE = (
    "登录失败次数过多，为保护账户安全，登录已被暂时锁定。请 30 分钟后再试，"
    "或联系安全保密管理员（安全管理员）核实后解除锁定。"
)


def address_limit() -> Limit:
    return Limit(
        "login-address",
        count=getattr(settings, "LOGIN_ADDRESS_FAILURE_LIMIT", 20),
        seconds=int(float(settings.AXES_COOLOFF_TIME) * 3600),
    )


def enabled() -> bool:
    return bool(getattr(settings, "AXES_ENABLED", True))


def address_locked(request) -> bool:
    """Too many failed logins from this request's address, whatever the usernames."""
    limit = address_limit()
    return enabled() and attempts(limit, client_address(request)) >= limit.count


def count_failure(request) -> None:
    if enabled() and request is not None:
        hit(address_limit(), client_address(request))
