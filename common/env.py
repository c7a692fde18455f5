"""Reading settings from environment variables (and, for development, a local `.env`)."""

import os
from pathlib import Path

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
        raise ImproperlyConfigured(f"{name} 应为整数，而不是 {raw!r}。") from None


def env_url_prefix(name: str) -> str:
    """A path prefix the site is served under ("" or "/a/b", no trailing slash):
    letters, digits, "-", "_", "." and "/" only, so it is safe in URLs and cookies."""
    import re

    raw = os.environ.get(name, "").strip().strip("/")
    if not raw:
        return ""
    if not re.fullmatch(r"[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*", raw):
        raise ImproperlyConfigured(f"{name} 应为 /rsj 这样的路径，而不是 {raw!r}。")
    return "/" + raw


def load_dotenv(path: Path) -> Path | None:
    """Put the `NAME=value` lines of a local `.env` (written by `make migrate` for
    development, git-ignored) into the environment, without overriding variables
    already set, so `manage.py` works by hand as it does under `make`.

    PORTAL_DOTENV=0 (production, and the tests) reads no file; PORTAL_DOTENV=<path>
    reads that file instead. Returns the file read, or None. Blank lines and lines
    starting with # are skipped; a value may be quoted with ' or "."""
    choice = os.environ.get("PORTAL_DOTENV", "").strip()
    if choice.lower() in {"0", "false", "no", "off"}:
        return None
    if choice and choice.lower() not in {"1", "true", "yes", "on"}:
        path = Path(choice)
    if not path.is_file():
        return None
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, value = line.removeprefix("export ").partition("=")
        name, value = name.strip(), value.strip()
        if not sep or not name.isidentifier():
            raise ImproperlyConfigured(f"{path.name} 第 {number} 行应为“名称=值”：{line!r}")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        os.environ.setdefault(name, value)
    return path
