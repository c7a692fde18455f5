"""Every `manage.py` command docs/operations.md gives is copy-paste runnable.

A newcomer's path, for real, in child processes: a fresh SQLite database configured
only by a `.env` like the one `make migrate` writes (no other variable set), then
`migrate` (which alone must leave the database ready: the cache table included),
`load_demo` (which prints the address it will be served at, SITE_URL), then every
`manage.py` command found in docs/operations.md, in code blocks and inline code
alike, with its documented options. Each must exit 0 without a traceback. Commands
that cannot run here are listed in SKIPPED with the reason; a command added to the
doc is run, or this test fails until it is classified."""

import datetime
import re
import shlex
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.test_newcomer import MAKE, bare_env, manage

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "operations.md"
SITE_URL = "http://127.0.0.1:8765"

# Commands of the doc not run here, and why.
SKIPPED: dict[str, str] = {}
# Commands that run with production's setting of one variable (the doc says so).
PRODUCTION_ENV: dict[str, dict[str, str]] = {
    # Demo mode runs background tasks inline (TASKS_BACKEND=immediate): there is no
    # queue to prune and the command refuses that backend.
    "prune_db_task_results": {"TASKS_BACKEND": "database"},
}

# Placeholders of the doc and what stands for them here.
YESTERDAY = (datetime.date.today() - datetime.timedelta(days=1)).isoformat()


def documented_commands(text: str) -> list[list[str]]:
    """`manage.py <command> [options]` wherever the doc writes one (code spans, code
    blocks, cron and systemd lines), cut at a shell redirection, pipe, `&&` or
    comment; in the order of the doc, duplicates dropped."""
    found: list[list[str]] = []
    for match in re.finditer(r"manage\.py ([a-z_]+)([^`\n]*)", text):
        rest = re.split(r"\s(?:>|2>|&&|\||#)", match.group(2), maxsplit=1)[0]
        command = [match.group(1), *shlex.split(rest)]
        if command not in found:
            found.append(command)
    return found


def ok(result: subprocess.CompletedProcess, what: str) -> str:
    assert result.returncode == 0, f"{what}: exit {result.returncode}\n{result.stderr[-3000:]}"
    assert "Traceback" not in result.stderr, f"{what}:\n{result.stderr[-3000:]}"
    return result.stdout


def make_dotenv(folder: Path) -> Path:
    """The `.env` the Makefile writes, written by make itself in `folder` (a copy of
    the Makefile there, so the database it names is `folder`/var/db.sqlite3)."""
    for name in ("Makefile", "requirements.lock", "requirements-dev.lock"):
        shutil.copy(ROOT / name, folder / name)
    subprocess.run(
        [MAKE, "--no-print-directory", ".env"],
        cwd=folder,
        env=bare_env(),  # no DATABASE_URL of the test run (CI's PostgreSQL)
        check=True,
        capture_output=True,
        timeout=60,
    )
    return folder / ".env"


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory):
    """A fresh database set up as after `make run`, configured only by the `.env` the
    Makefile writes (plus folders of its own for uploads and backups, and quiet logs)."""
    if MAKE is None:
        pytest.skip("needs make (it writes the .env)")
    folder = tmp_path_factory.mktemp("site")
    dotenv = make_dotenv(folder)
    assert dotenv.read_text(encoding="utf-8").count("DEMO_MODE=1") == 1
    (folder / "var").mkdir()
    with dotenv.open("a", encoding="utf-8") as extra:
        extra.write(f"MEDIA_ROOT={folder / 'media'}\nBACKUP_DIR={folder / 'backups'}\n")
        extra.write("LOG_LEVEL=WARNING\n")
    env = bare_env(PORTAL_DOTENV=str(dotenv))
    ok(manage("migrate", "--noinput", env=env), "migrate")
    with sqlite3.connect(folder / "var" / "db.sqlite3") as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    out = ok(manage("load_demo", env={**env, "SITE_URL": SITE_URL}), "load_demo")
    return {"folder": folder, "env": env, "tables_after_migrate": tables, "load_demo": out}


def test_migrate_alone_creates_the_cache_table(demo_site):
    assert "portal_cache" in demo_site["tables_after_migrate"]


def test_load_demo_prints_the_address_it_is_served_at(demo_site):
    assert f"演示数据已就绪： {SITE_URL}/" in demo_site["load_demo"]
    assert "127.0.0.1:8000" not in demo_site["load_demo"]


def test_the_doc_gives_the_commands_a_newcomer_needs():
    commands = {c[0] for c in documented_commands(DOC.read_text(encoding="utf-8"))}
    assert {"publish_due", "inspect_site", "annual_report", "backup", "restore"} <= commands
    assert set(SKIPPED) <= commands, "SKIPPED names a command the doc no longer gives"


def _concrete(command: list[str], backups: Path) -> list[str]:
    """The doc's placeholders replaced by real values."""
    out = []
    for arg in command:
        if arg == "YYYY-MM-DD":
            arg = YESTERDAY
        elif arg == "FILE" or arg.endswith(".backup"):
            files = sorted(backups.glob("portal-*.backup"))
            assert files, "restore needs the backup the doc's backup command made"
            arg = str(files[-1])
        out.append(arg)
    return out


def test_every_manage_py_command_of_operations_md_runs(demo_site):
    commands = documented_commands(DOC.read_text(encoding="utf-8"))
    # A restore needs a backup: it runs last, on the file the backup command made.
    commands.sort(key=lambda c: c[0] == "restore")
    ran = []
    for command in commands:
        if command[0] in SKIPPED:
            continue
        args = _concrete(command, demo_site["folder"] / "backups")
        env = {**demo_site["env"], **PRODUCTION_ENV.get(command[0], {})}
        ok(manage(*args, env=env), " ".join(args))
        ran.append(command[0])
    assert "restore" in ran and "backup" in ran


def test_the_extraction_finds_inline_and_block_commands():
    text = (
        "Run `python manage.py annual_report 2026 --json` or\n"
        "```\n30 6 * * *  cd /srv/portal && .venv/bin/python manage.py inspect_site "
        ">> /var/log/x.log 2>&1\nExecStart=/srv/.venv/bin/python manage.py inspect_site\n```\n"
        "and `manage.py restore FILE --yes`."
    )
    assert documented_commands(text) == [
        ["annual_report", "2026", "--json"],
        ["inspect_site"],
        ["restore", "FILE", "--yes"],
    ]
