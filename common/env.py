"""Reading settings from environment variables."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_url_prefix(name: str) -> str:
    """A path prefix the site is served under ("" or "/a/b", no trailing slash):
    letters, digits, "-", "_", "." and "/" only, so it is safe in URLs and cookies."""
    import re

    raw = os.environ.get(name, "").strip().strip("/")
    if not raw:
        return ""
    if not re.fullmatch(r"[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*", raw):
        raise ImproperlyConfigured(f"{name} must be a path such as /rsj, not {raw!r}.")
    return "/" + raw
