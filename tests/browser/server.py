"""The live portal the browser journeys drive: the demo bureau in a SQLite file,
served by gunicorn on a free loopback port.

The prepared database (`migrate`, `createcachetable`, `load_demo`, and a known TOTP
device for every account that needs a second factor) is built once and kept under
`var/browser-db/<key>/` with its media folder. The key is a digest of the
migrations and the demo loaders plus the day (the demo's dates follow today), so a
later run starts in seconds. Each test session serves a copy: journeys change data.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.deploy import stack

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
CACHE_DIR = ROOT / "var" / "browser-db"
# Debian's Chromium (no browser download by Playwright).
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))

# The demo accounts' printed password (accounts.demo.DEMO_PASSWORD).
PASSWORD = "Demo-2026-gkpt"
# One authenticator key for every account that must give a second factor (hex, as
# django-otp stores it); the journeys compute its codes (tests/browser/visitor.py).
TOTP_KEY = "3132333435363738393031323334353637383930"
SECOND_FACTOR_USERS = ("office", "bgszr", "leader", "sysadmin", "security", "auditor")

_DEVICES = f"""
from django_otp.plugins.otp_totp.models import TOTPDevice
from accounts.models import User
for name in {SECOND_FACTOR_USERS!r}:
    user = User.objects.get(username=name)
    TOTPDevice.objects.get_or_create(
        user=user, name="浏览器测试", defaults={{"key": {TOTP_KEY!r}, "confirmed": True}}
    )
"""


def skip_reason() -> str:
    """Why the browser tests cannot run here ("" when they can)."""
    if os.environ.get("BROWSER_TESTS", "1") == "0":
        return "browser tests off (BROWSER_TESTS=0)"
    if not CHROMIUM.exists():
        return f"browser tests need Chromium at {CHROMIUM}: apt-get install chromium fonts-noto-cjk"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "browser tests need Playwright: make install (requirements-dev.lock)"
    return ""


def server_env(folder: Path) -> dict[str, str]:
    """Demo mode with the test settings (fast password hashing, static files from
    the app folders), the second factor required as in production, mail kept in
    memory, one proxy in front; the database and media in `folder`."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTEST", "DJANGO", "DATABASE_URL", "REDIS_URL", "URL_PREFIX"))
    }
    env.update(
        {
            "DEMO_MODE": "1",
            "TESTING": "1",
            "DEBUG": "0",
            "SECOND_FACTOR_REQUIRED": "1",
            "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
            "MEDIA_ROOT": str(folder / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            # Each browser context says it is another client (X-Forwarded-For), so
            # the per-client rate limits of one journey do not meet the next one's.
            "TRUSTED_PROXY_COUNT": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
            "DJANGO_SETTINGS_MODULE": "portal.settings",
        }
    )
    return env


def _cache_key() -> str:
    digest = hashlib.sha256()
    sources = sorted(ROOT.glob("*/migrations/*.py"))
    sources += sorted(ROOT.glob("*/demo.py")) + sorted(ROOT.glob("*/demo/*.py"))
    sources += sorted(ROOT.glob("*/demo_files/*"))
    sources += [ROOT / "portal/management/commands/load_demo.py", Path(__file__)]
    for path in sources:
        if path.is_file():
            digest.update(str(path.relative_to(ROOT)).encode())
            digest.update(path.read_bytes())
    today = (datetime.now(UTC) + timedelta(hours=8)).date().isoformat()  # Beijing's day
    return f"{today}-{digest.hexdigest()[:16]}"


def prepared_database() -> Path:
    """The folder of the prepared demo database (built when missing)."""
    key = _cache_key()
    target = CACHE_DIR / key
    if (target / "db.sqlite3").exists():
        return target
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    building = CACHE_DIR / f".building-{os.getpid()}"
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()
    env = server_env(building)
    stack.manage(env, "migrate", "--noinput", "-v0")
    stack.manage(env, "load_demo")
    stack.manage(env, "shell", "-c", _DEVICES)
    for old in CACHE_DIR.iterdir():  # earlier days and migrations
        if old.name != building.name and not old.name.startswith(".building-"):
            shutil.rmtree(old, ignore_errors=True)
    try:
        building.rename(target)
    except OSError:  # another session built it meanwhile
        shutil.rmtree(building, ignore_errors=True)
    return target


def _death_signal():
    """A function for the child before exec: gunicorn gets SIGTERM if the test
    session dies (Linux prctl PR_SET_PDEATHSIG), instead of serving on after a
    killed run. Everything is looked up here, in the parent."""
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return lambda: prctl(1, signal.SIGTERM)


class LiveServer:
    """gunicorn on a copy of the prepared database in `folder`."""

    def __init__(self, folder: Path):
        shutil.copytree(prepared_database(), folder, dirs_exist_ok=True)
        self.folder = folder
        self.port = stack.free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = open(folder / "gunicorn.log", "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                str(VENV_BIN / "gunicorn"),
                "portal.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                "2",
                "--timeout",
                "120",
                # Not the shared default socket (~/.gunicorn/gunicorn.ctl) that any
                # other gunicorn on the machine would take over.
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=server_env(folder),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            preexec_fn=_death_signal(),
        )
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=5) as answer:  # noqa: S310 - loopback
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError("gunicorn did not start:\n" + self.output())

    def output(self) -> str:
        return (self.folder / "gunicorn.log").read_text(errors="replace")[-5000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
