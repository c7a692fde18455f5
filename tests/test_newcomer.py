"""A newcomer's first commands: `manage.py` reads the local `.env` that `make migrate`
writes, and without any configuration says in one Chinese line what to set (no
traceback). The commands of docs/operations.md run for real in
tests/test_operations_doc.py (migrate, then load_demo, on a fresh database)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from common.env import load_dotenv

ROOT = Path(__file__).resolve().parent.parent
MAKE = shutil.which("make")


def bare_env(**extra: str) -> dict[str, str]:
    """A shell with none of the portal's variables set (as for a newcomer)."""
    keep = {k: v for k, v in os.environ.items() if k in {"PATH", "HOME", "LANG", "LC_ALL"}}
    return {**keep, "PYTHONIOENCODING": "utf-8", **extra}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def clean_environ(monkeypatch):
    for name in ("PORTAL_DOTENV", "PORTAL_TEST_A", "PORTAL_TEST_B", "PORTAL_TEST_C"):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


def test_dotenv_fills_unset_variables_and_never_overrides_the_environment(tmp_path, clean_environ):
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        "# comment\n\nPORTAL_TEST_A=1\nexport PORTAL_TEST_B='quoted value'\nPORTAL_TEST_C=file\n",
        encoding="utf-8",
    )
    clean_environ.setenv("PORTAL_TEST_C", "environment")
    assert load_dotenv(dotenv) == dotenv
    assert os.environ["PORTAL_TEST_A"] == "1"
    assert os.environ["PORTAL_TEST_B"] == "quoted value"
    assert os.environ["PORTAL_TEST_C"] == "environment"


def test_portal_dotenv_0_reads_no_file_and_a_path_reads_that_file(tmp_path, clean_environ):
    dotenv = tmp_path / ".env"
    dotenv.write_text("PORTAL_TEST_A=1\n", encoding="utf-8")
    clean_environ.setenv("PORTAL_DOTENV", "0")
    assert load_dotenv(dotenv) is None
    assert "PORTAL_TEST_A" not in os.environ

    other = tmp_path / "other.env"
    other.write_text("PORTAL_TEST_B=2\n", encoding="utf-8")
    clean_environ.setenv("PORTAL_DOTENV", str(other))
    assert load_dotenv(dotenv) == other
    assert os.environ["PORTAL_TEST_B"] == "2"
    assert "PORTAL_TEST_A" not in os.environ


def test_a_missing_dotenv_is_no_error_and_a_malformed_line_is_named(tmp_path, clean_environ):
    assert load_dotenv(tmp_path / "absent.env") is None
    bad = tmp_path / ".env"
    bad.write_text("PORTAL_TEST_A=1\nthis is not a setting\n", encoding="utf-8")
    with pytest.raises(ImproperlyConfigured, match="第 2 行"):
        load_dotenv(bad)


def test_the_suite_does_not_read_a_local_dotenv():
    assert os.environ["PORTAL_DOTENV"] == "0"  # tests/conftest.py, for child processes


def test_without_configuration_a_command_says_in_one_chinese_line_what_to_set():
    result = manage("annual_report", "2026", env=bare_env(PORTAL_DOTENV="0"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "未设置 SECRET_KEY" in lines[0]
    assert "make run" in lines[0]


def test_a_malformed_setting_is_one_line_too():
    result = manage("check", env=bare_env(PORTAL_DOTENV="0", DEMO_MODE="1", DB_CONN_MAX_AGE="x"))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "配置错误：DB_CONN_MAX_AGE 应为整数，而不是 'x'。"
    ]


def test_with_the_dotenv_make_writes_commands_run_without_extra_variables(tmp_path):
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        f"DEMO_MODE=1\nDATABASE_URL=sqlite:///{tmp_path / 'db.sqlite3'}\n", encoding="utf-8"
    )
    result = manage("check", env=bare_env(PORTAL_DOTENV=str(dotenv)))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_make_writes_the_dotenv_in_migrate_not_in_install():
    """`make install` also runs on servers: a demo-mode `.env` there would be a hole."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\nmigrate: install .env\n" in makefile
    assert "\ninstall: $(STAMP)\n" in makefile
    assert "'DEMO_MODE=1'" in makefile
    assert "createcachetable" not in makefile  # migrate creates it (portal.apps)
    assert "/.env" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert ".env" in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    assert "PORTAL_DOTENV=0" in (ROOT / "deploy" / "env.example").read_text(encoding="utf-8")
    assert "PORTAL_DOTENV=0" in (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_the_readme_lists_every_page_of_docs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in sorted((ROOT / "docs").glob("*.md")):
        assert f"(docs/{page.name})" in readme, page.name
    assert readme.splitlines()[3].startswith("make run ")
    assert readme.splitlines()[4].startswith("make test ")


@pytest.mark.skipif(MAKE is None, reason="needs make")
def test_make_run_passes_the_address_it_serves_to_the_demo_loader(tmp_path):
    for name in ("Makefile", "requirements.lock", "requirements-dev.lock"):
        shutil.copy(ROOT / name, tmp_path / name)
    plan = subprocess.run(
        [MAKE, "-n", "run", "HOST=0.0.0.0", "PORT=9001"],
        cwd=tmp_path,
        env=bare_env(),
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    load_demo = next(line for line in plan.splitlines() if "load_demo" in line)
    assert "SITE_URL=http://0.0.0.0:9001" in load_demo
    assert "runserver 0.0.0.0:9001" in plan
