"""docker-compose.yml is checked: `docker-compose config` accepts it, it has the
services a deployment needs, and every variable it (or deploy/env.example) sets is
one the settings read, so a misspelt name cannot silently do nothing."""

import re
import shutil
import subprocess
import time
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from tests.deploy import stack

ROOT = stack.ROOT
COMPOSE = ROOT / "docker-compose.yml"
DOCKER_COMPOSE = shutil.which("docker-compose")
APP_SERVICES = {"migrate", "web", "worker", "scheduler"}
# Read by docker compose itself (interpolation in docker-compose.yml), not by the
# settings; env_file hands them to the containers too, where nothing reads them.
COMPOSE_ONLY = {"POSTGRES_PASSWORD", "PORTAL_SERVER_NAME"}
# Read by programs the containers run other than the settings.
OTHER_READERS = {
    "TZ": "the C library and `date` (the scheduler's times)",
    "BACKUP_DIR": "deploy/backup.sh",
}

_READ = re.compile(
    r"""(?:env_(?:str|bool|int|list)|os\.environ\.get|os\.getenv)\(\s*"([A-Z0-9_]+)"|os\.environ\["([A-Z0-9_]+)"\]"""
)


def variables_the_project_reads() -> set[str]:
    names: set[str] = set()
    for package in ("portal", "common", *[p for p in settings.INSTALLED_APPS if "." not in p]):
        folder = ROOT / package
        if not folder.is_dir():
            continue
        for path in folder.rglob("*.py"):
            names.update(a or b for a, b in _READ.findall(path.read_text(encoding="utf-8")))
    return names


def _compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))


def _env_example() -> dict[str, str]:
    pairs = {}
    for line in (ROOT / "deploy" / "env.example").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            pairs[key] = value
    return pairs


def test_the_reader_finds_the_settings_variables():
    read = variables_the_project_reads()
    assert {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "REQUEST_BODY_MAX_BYTES"} <= read
    assert "PROMETHEUS_MULTIPROC_DIR" in read  # common.metrics


def test_the_stack_has_every_part():
    services = _compose()["services"]
    assert {"web", "worker", "db", "redis", "nginx", "scheduler"} <= set(services)
    assert services["db"]["image"] == "postgres:15"
    assert services["worker"]["command"] == "python manage.py db_worker --interval 2"
    assert services["scheduler"]["command"] == ["/app/deploy/scheduler.sh"]
    for name in APP_SERVICES:
        assert services[name]["build"] == ".", name


def test_every_variable_compose_sets_for_the_application_is_read_by_the_settings():
    read = variables_the_project_reads()
    services = _compose()["services"]
    for name in APP_SERVICES:
        for key in services[name]["environment"]:
            assert key in read or key in OTHER_READERS, f"{name}: {key} is read by nothing"
    for key in _env_example():
        assert key in read or key in COMPOSE_ONLY, f"deploy/env.example: {key} is read by nothing"


def test_the_commented_settings_in_env_example_are_real_too():
    read = variables_the_project_reads()
    text = (ROOT / "deploy" / "env.example").read_text(encoding="utf-8")
    for key in re.findall(r"^#([A-Z][A-Z0-9_]+)=", text, flags=re.M):
        assert key in read, key


def test_compose_only_variables_are_used_by_compose():
    text = COMPOSE.read_text(encoding="utf-8")
    for key in COMPOSE_ONLY:
        assert "${" + key in text, key


def test_nginx_gets_exactly_the_templates_placeholders_and_the_settings_limit():
    template = (ROOT / "deploy" / "nginx" / "portal.conf").read_text(encoding="utf-8")
    placeholders = set(re.findall(r"\$\{(PORTAL_[A-Z0-9_]+)\}", template))
    nginx = _compose()["services"]["nginx"]
    assert set(nginx["environment"]) == placeholders
    # The settings' default, as in the compose file (UPLOAD_MAX_BYTES unset there).
    assert int(nginx["environment"]["PORTAL_BODY_MAX"]) == settings.REQUEST_BODY_MAX_BYTES
    assert (
        "./deploy/nginx/portal.conf:/etc/nginx/templates/default.conf.template:ro"
        in (nginx["volumes"])
    )


def test_the_scheduler_runs_the_same_jobs_as_the_systemd_timers():
    script = (ROOT / "deploy" / "scheduler.sh").read_text(encoding="utf-8")
    jobs = set(re.findall(r"^\s*(?:[\d:]+\)\s*)?run ([a-z_]+)", script, flags=re.M))
    timers = {
        p.name[len("portal-job@") : -len(".timer")]
        for p in (ROOT / "deploy" / "systemd").glob("portal-job@*.timer")
    }
    assert jobs == timers
    assert "./deploy/backup.sh" in script


def test_the_image_installs_the_locked_versions():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "pip install --no-cache-dir --no-deps -r requirements.lock" in dockerfile
    assert "pip check" in dockerfile  # the lock is complete


@pytest.mark.skipif(DOCKER_COMPOSE is None, reason="docker-compose is not installed")
def test_docker_compose_config_accepts_it(tmp_path):
    # `config` needs deploy/.env (env_file): the example stands in for it.
    (tmp_path / "deploy").mkdir()
    shutil.copy(ROOT / "deploy" / "env.example", tmp_path / "deploy" / ".env")
    shutil.copy(COMPOSE, tmp_path / "docker-compose.yml")
    result = subprocess.run(
        [
            DOCKER_COMPOSE,
            "--project-directory",
            str(tmp_path),
            "--env-file",
            str(tmp_path / "deploy" / ".env"),
            "-f",
            str(tmp_path / "docker-compose.yml"),
            "config",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    resolved = yaml.safe_load(result.stdout)
    web = resolved["services"]["web"]["environment"]
    assert web["DATABASE_URL"] == "postgres://portal:change-me@db:5432/portal"
    assert web["TASKS_BACKEND"] == "database"
    assert web["PROMETHEUS_MULTIPROC_DIR"].endswith("/prometheus")
    assert web["SECRET_KEY"] == "change-me-to-a-long-random-string"  # from env_file


@pytest.mark.skipif(DOCKER_COMPOSE is None, reason="docker-compose is not installed")
def test_docker_compose_refuses_to_start_without_a_database_password(tmp_path):
    (tmp_path / "deploy").mkdir()
    example = (ROOT / "deploy" / "env.example").read_text(encoding="utf-8")
    env = tmp_path / "deploy" / ".env"
    env.write_text(re.sub(r"^POSTGRES_PASSWORD=.*$", "", example, flags=re.M))
    shutil.copy(COMPOSE, tmp_path / "docker-compose.yml")
    result = subprocess.run(
        [
            DOCKER_COMPOSE,
            "--env-file",
            str(env),
            "-f",
            str(tmp_path / "docker-compose.yml"),
            "config",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert result.returncode != 0
    assert "POSTGRES_PASSWORD" in result.stderr


def test_tls_keys_are_never_committed():
    assert "deploy/tls/*.pem" in (ROOT / ".gitignore").read_text().splitlines()
    assert not list(Path(ROOT / "deploy" / "tls").glob("*.pem"))


def _scheduler_minute(tmp_path, clock: str) -> list[str]:
    """One turn of deploy/scheduler.sh's loop at `clock` ("DD HH:MM"), with stand-ins
    for python (records the command), date (the clock) and sleep (ends the loop)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    calls = tmp_path / "calls"
    day, hhmm = clock.split()
    stubs = {
        "python": f'echo "$*" >> {calls}\n',
        "date": f'case "$1" in +%H:%M) echo {hhmm};; +%d) echo {day};; *) echo 30;; esac\n',
        "sleep": "kill -TERM $PPID\n",
    }
    for name, body in stubs.items():
        path = bin_dir / name
        path.write_text("#!/bin/sh\n" + body)
        path.chmod(0o755)
    subprocess.run(
        ["/bin/sh", str(ROOT / "deploy" / "scheduler.sh")],
        env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
        timeout=30,
        check=False,
    )
    time.sleep(0.3)  # the jobs sent to the background
    return sorted(calls.read_text().splitlines()) if calls.exists() else []


@pytest.mark.parametrize(
    ("clock", "jobs"),
    [
        ("15 10:07", ["manage.py publish_due"]),
        ("15 00:30", ["manage.py close_lapsed_requests", "manage.py publish_due"]),
        ("15 06:30", ["manage.py inspect_site", "manage.py publish_due"]),
        ("15 03:15", ["manage.py clearsessions", "manage.py publish_due"]),
        ("15 03:30", ["manage.py prune_db_task_results", "manage.py publish_due"]),
        ("01 03:00", ["manage.py prune_audit", "manage.py publish_due"]),
        ("15 03:00", ["manage.py publish_due"]),
    ],
)
def test_the_scheduler_runs_each_job_at_its_time(tmp_path, clock, jobs):
    assert _scheduler_minute(tmp_path, clock) == jobs
