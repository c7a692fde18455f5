"""Rendering deploy/nginx/portal.conf (a template) for one machine.

The values that must match the application — the largest request body and the
folders of static and uploaded files — come from the settings; the rest (host
name, certificate paths, addresses, ports, the gunicorn address) from the caller.
`standalone()` wraps the result in a complete nginx configuration with its own
pid, log and temporary folders: what `nginx -t` in CI and the end-to-end test run."""

from __future__ import annotations

import getpass
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

TEMPLATE = Path(settings.BASE_DIR) / "deploy" / "nginx" / "portal.conf"
_PLACEHOLDER = re.compile(r"\$\{(PORTAL_[A-Z0-9_]+)\}")
MIME_TYPES = Path("/etc/nginx/mime.types")


@dataclass
class Site:
    server_name: str
    tls_cert: str
    tls_key: str
    upstreams: list[str] = field(default_factory=lambda: ["127.0.0.1:8000"])
    listen_v4: str = "0.0.0.0"  # noqa: S104 - nginx listens for the public
    listen_v6: str = "[::]"
    http_port: int = 80
    https_port: int = 443
    static_root: str = ""
    media_root: str = ""

    def values(self) -> dict[str, str]:
        return {
            "PORTAL_SERVER_NAME": self.server_name,
            "PORTAL_TLS_CERT": self.tls_cert,
            "PORTAL_TLS_KEY": self.tls_key,
            "PORTAL_LISTEN_V4": self.listen_v4,
            "PORTAL_LISTEN_V6": self.listen_v6,
            "PORTAL_HTTP_PORT": str(self.http_port),
            "PORTAL_HTTPS_PORT": str(self.https_port),
            "PORTAL_UPSTREAM": self.upstreams[0],
            "PORTAL_STATIC_ROOT": str(self.static_root or settings.STATIC_ROOT).rstrip("/"),
            "PORTAL_MEDIA_ROOT": str(self.media_root or settings.MEDIA_ROOT).rstrip("/"),
            "PORTAL_BODY_MAX": str(settings.REQUEST_BODY_MAX_BYTES),
        }


def render(site: Site, template: str | None = None) -> str:
    """The template with every placeholder filled; an unknown one is an error."""
    text = template if template is not None else TEMPLATE.read_text(encoding="utf-8")
    values = site.values()

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"deploy/nginx/portal.conf uses an unknown placeholder {name}")
        return values[name]

    text = _PLACEHOLDER.sub(fill, text)
    # Further web nodes: one more `server` line each in the upstream block.
    first = f"    server {site.upstreams[0]} "
    extra = "".join(f"    server {u} max_fails=3 fail_timeout=10s;\n" for u in site.upstreams[1:])
    if extra:
        start = text.index(first)
        end = text.index("\n", start) + 1
        text = text[:end] + extra + text[end:]
    return text


def standalone(site: Site, directory: Path) -> Path:
    """Write portal.conf and a main nginx.conf around it into `directory` (pid,
    logs, temporary files all inside it; runs in the foreground). Returns the main
    file, for `nginx -t -c` or `nginx -c`."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "portal.conf").write_text(render(site), encoding="utf-8")
    temp = "\n".join(
        f"    {name}_temp_path {directory / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    # nginx started by root would run its workers as nobody, who may not read the
    # test's folders: keep the current user.
    user = f"user {getpass.getuser()};\n" if os.geteuid() == 0 else ""
    mime = f"    include {MIME_TYPES};\n" if MIME_TYPES.exists() else ""
    main = directory / "nginx.conf"
    main.write_text(
        f"""{user}worker_processes 1;
daemon off;
pid {directory / "nginx.pid"};
error_log {directory / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
{mime}    default_type application/octet-stream;
    access_log {directory / "access.log"};
{temp}
    include {directory / "portal.conf"};
}}
""",
        encoding="utf-8",
    )
    return main
