"""deploy/systemd/: the web service restarts whatever happens, a worker runs the
tasks, every scheduled command has a timer, and `systemd-analyze verify` accepts
every unit; deploy/backup.sh dumps the database and the uploads together."""

import configparser
import os
import re
import shutil
import subprocess
import tarfile

import pytest
from django.core.management import get_commands

from tests.deploy import stack

UNITS = stack.ROOT / "deploy" / "systemd"
ANALYZE = shutil.which("systemd-analyze")
PG_ISREADY, PG_RESTORE, PSQL = (shutil.which(t) for t in ("pg_isready", "pg_restore", "psql"))
# Every job docs/deployment.md schedules, and when.
SCHEDULED = {
    "publish_due": "*-*-* *:*:00",
    "close_lapsed_requests": "*-*-* 00:30:00",
    "inspect_site": "*-*-* 06:30:00",
    "prune_audit": "*-*-01 03:00:00",
    "clearsessions": "*-*-* 03:15:00",
    "prune_db_task_results": "*-*-* 03:30:00",
}


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(UNITS / name, encoding="utf-8")
    return parser


def test_the_web_service_always_comes_back():
    unit = _unit("portal-web.service")
    assert unit["Service"]["Restart"] == "always"
    assert unit["Service"]["Type"] == "notify"  # gunicorn tells systemd when it is ready
    assert "gunicorn portal.wsgi" in unit["Service"]["ExecStart"]
    assert "--bind 127.0.0.1:8000" in unit["Service"]["ExecStart"]  # only nginx reaches it
    assert unit["Install"]["WantedBy"] == "multi-user.target"


def test_the_task_worker_runs_and_comes_back():
    unit = _unit("portal-worker.service")
    assert unit["Service"]["Restart"] == "always"
    assert unit["Service"]["ExecStart"].endswith("manage.py db_worker --interval 2")


def test_every_scheduled_command_has_a_timer_and_exists():
    timers = {p.name[len("portal-job@") : -len(".timer")] for p in UNITS.glob("portal-job@*.timer")}
    assert timers == set(SCHEDULED)
    commands = get_commands()
    for name, calendar in SCHEDULED.items():
        assert name in commands, f"{name} is not a management command"
        timer = _unit(f"portal-job@{name}.timer")
        assert timer["Timer"]["OnCalendar"] == calendar
        assert timer["Timer"]["Persistent"] == "true"
        assert timer["Install"]["WantedBy"] == "timers.target"
    job = _unit("portal-job@.service")["Service"]
    assert job["Type"] == "oneshot"
    assert job["ExecStart"].endswith("manage.py %i")


def test_the_backup_runs_nightly():
    assert _unit("portal-backup.timer")["Timer"]["OnCalendar"] == "*-*-* 02:00:00"
    assert _unit("portal-backup.service")["Service"]["ExecStart"] == "/srv/portal/deploy/backup.sh"


def test_every_service_reads_the_same_environment_file_and_runs_as_portal():
    for path in UNITS.glob("*.service"):
        service = _unit(path.name)["Service"]
        assert service["EnvironmentFile"] == "/etc/portal/portal.env", path.name
        assert service["User"] == "portal", path.name
        assert service["NoNewPrivileges"] == "yes", path.name


@pytest.mark.skipif(ANALYZE is None, reason="systemd-analyze is not installed")
def test_systemd_analyze_verify_accepts_every_unit(tmp_path):
    # The units name /srv/portal and /etc/portal: point them at this checkout so
    # that verify can check the programs exist. Any message at all is a failure
    # (verify exits 0 on many mistakes and only prints them).
    env_file = tmp_path / "portal.env"
    env_file.write_text("DEBUG=0\n")
    for path in UNITS.iterdir():
        text = path.read_text(encoding="utf-8")
        text = text.replace("/etc/portal/portal.env", str(env_file))
        text = text.replace("/srv/portal", str(stack.ROOT))
        text = text.replace("/var/backups/portal", str(tmp_path))
        (tmp_path / path.name).write_text(text, encoding="utf-8")
    units = sorted(p.name for p in UNITS.iterdir() if not p.name.endswith("@.service"))
    result = subprocess.run(
        [ANALYZE, "verify", "--man=no", *[f"./{u}" for u in units]],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "SYSTEMD_LOG_LEVEL": "notice"},
    )
    messages = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        # This machine's own units and a container without systemd running.
        if "portal" in line and "Failed to connect" not in line
    ]
    assert result.returncode == 0, result.stderr
    assert messages == []


def test_systemd_analyze_verify_would_catch_a_mistake(tmp_path):
    if ANALYZE is None:
        pytest.skip("systemd-analyze is not installed")
    bad = tmp_path / "portal-bad.service"
    bad.write_text("[Service]\nExecStart=/bin/true\nRestart=sometimes\n")
    result = subprocess.run(
        [ANALYZE, "verify", "--man=no", f"./{bad.name}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert "sometimes" in result.stderr  # what the test above looks for


# --- deploy/backup.sh ------------------------------------------------------------


def _pg_available() -> bool:
    return bool(shutil.which("pg_dump") and PG_ISREADY and PG_RESTORE and PSQL) and (
        subprocess.run(
            [PG_ISREADY, "-h", "127.0.0.1", "-p", "5432", "-q"], capture_output=True
        ).returncode
        == 0
    )


@pytest.mark.skipif(not _pg_available(), reason="needs pg_dump and PostgreSQL on 127.0.0.1:5432")
def test_backup_dumps_database_and_uploads_and_drops_old_copies(tmp_path):
    db = "portal_backup_script_test"
    psql = [PSQL, "-h", "127.0.0.1", "-U", "postgres", "-q", "-v", "ON_ERROR_STOP=1"]
    subprocess.run([*psql, "-c", f"DROP DATABASE IF EXISTS {db}"], check=True)
    subprocess.run([*psql, "-c", f"CREATE DATABASE {db}"], check=True)
    try:
        subprocess.run(
            [
                *psql,
                "-d",
                db,
                "-c",
                "CREATE TABLE marker (v text); INSERT INTO marker VALUES ('x')",
            ],
            check=True,
        )
        media = tmp_path / "media" / "attachments"
        media.mkdir(parents=True)
        (media / "通知.pdf").write_bytes(b"%PDF-1.4 test")
        out = tmp_path / "backups"
        out.mkdir()
        old = out / "db-20200101T000000Z.dump"
        old.write_bytes(b"old")
        os.utime(old, (0, 0))
        env = {
            "PATH": os.environ["PATH"],
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{db}",
            "MEDIA_ROOT": str(tmp_path / "media"),
            "BACKUP_DIR": str(out),
            "BACKUP_KEEP_DAYS": "14",
        }
        result = subprocess.run(
            [str(stack.ROOT / "deploy" / "backup.sh")], env=env, capture_output=True, text=True
        )
        assert result.returncode == 0, result.stderr
        [dump] = out.glob("db-2*.dump")
        assert re.fullmatch(r"db-\d{8}T\d{6}Z\.dump", dump.name)
        listing = subprocess.run([PG_RESTORE, "--list", str(dump)], capture_output=True, text=True)
        assert "TABLE public marker" in listing.stdout
        [archive] = out.glob("media-*.tar.gz")
        with tarfile.open(archive) as tar:
            assert "./attachments/通知.pdf" in tar.getnames()
        assert not old.exists()  # older than BACKUP_KEEP_DAYS
        assert oct(dump.stat().st_mode & 0o777) == "0o600"  # personal data inside
    finally:
        subprocess.run([*psql, "-c", f"DROP DATABASE IF EXISTS {db}"], check=True)


def test_backup_refuses_a_database_it_cannot_dump(tmp_path):
    result = subprocess.run(
        [str(stack.ROOT / "deploy" / "backup.sh")],
        env={
            "PATH": os.environ["PATH"],
            "DATABASE_URL": f"sqlite:///{tmp_path}/db.sqlite3",
            "BACKUP_DIR": str(tmp_path / "b"),
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "nothing was backed up" in result.stderr


def test_gunicorn_tells_systemd_it_is_ready(tmp_path):
    """portal-web.service is Type=notify: systemd waits for READY=1 on the notify
    socket (and kills the service if it never comes). A socket of our own stands in."""
    import socket as sockets

    notify = tmp_path / "notify.sock"
    listener = sockets.socket(sockets.AF_UNIX, sockets.SOCK_DGRAM)
    listener.bind(str(notify))
    listener.settimeout(60)
    env = stack.production_env(tmp_path, NOTIFY_SOCKET=str(notify))
    stack.prepare(env, static=False)
    proc = stack.start_gunicorn(env, stack.free_port(), tmp_path / "gunicorn.log", workers=1)
    try:
        message = listener.recv(1024).decode()
    finally:
        stack.stop(proc)
        listener.close()
    assert "READY=1" in message.splitlines()
