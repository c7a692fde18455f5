"""deploy/systemd/: the web service restarts whatever happens, a worker runs the
tasks, every scheduled command has a timer, and `systemd-analyze verify` accepts
every unit; deploy/backup.sh runs the encrypted backup (manage.py backup)."""

import configparser
import os
import shutil
import subprocess

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


def _fake_python(tmp_path):
    """A stand-in for the portal's Python that records how the script called it."""
    calls = tmp_path / "calls"
    fake = tmp_path / "python"
    fake.write_text(f'#!/bin/sh\necho "$PWD $*" >> {calls}\n', encoding="utf-8")
    fake.chmod(0o755)
    return fake, calls


def test_backup_script_runs_the_encrypted_backup_with_retention(tmp_path):
    fake, calls = _fake_python(tmp_path)
    out = tmp_path / "backups" / "nightly"
    env = {
        "PATH": os.environ["PATH"],
        "PORTAL_PYTHON": str(fake),
        "BACKUP_DIR": str(out),
        "BACKUP_KEEP_DAYS": "30",
    }
    result = subprocess.run(
        [str(stack.ROOT / "deploy" / "backup.sh")], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert calls.read_text(encoding="utf-8").split() == [
        str(stack.ROOT),
        "manage.py",
        "backup",
        "--output",
        str(out),
        "--keep-days",
        "30",
    ]
    assert oct(out.stat().st_mode & 0o777) == "0o700"  # personal data inside


def test_backup_script_keeps_two_weeks_by_default(tmp_path):
    fake, calls = _fake_python(tmp_path)
    env = {
        "PATH": os.environ["PATH"],
        "PORTAL_PYTHON": str(fake),
        "BACKUP_DIR": str(tmp_path / "b"),
    }
    result = subprocess.run(
        [str(stack.ROOT / "deploy" / "backup.sh")], env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert calls.read_text(encoding="utf-8").split()[-2:] == ["--keep-days", "14"]


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
