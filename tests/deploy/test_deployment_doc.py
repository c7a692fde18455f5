"""docs/deployment.md, followed literally on a fresh Debian machine, must end with a
working portal. What a walkthrough found missing is checked here so it stays fixed:
the packages a minimal image lacks, the keys the example leaves as placeholders,
the order of the nginx steps, the commands and units the steps name."""

import os
import re
import shutil
import subprocess

import pytest
from django.core.management import get_commands

from common.crypto.keys import parse_keyring
from tests.deploy import stack

DOC = (stack.ROOT / "docs" / "deployment.md").read_text(encoding="utf-8")
UNITS = stack.ROOT / "deploy" / "systemd"


def _blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", DOC, flags=re.S)


def _block_with(text: str) -> str:
    found = [b for b in _blocks() if text in b]
    assert len(found) == 1, f"one shell block should contain {text!r}"
    return found[0]


def test_the_package_list_has_what_a_minimal_image_lacks():
    packages = _block_with("apt-get install -y --no-install-recommends sudo")
    # sudo runs the portal user's commands; curl checks the result; ca-certificates for git over https.
    for name in ("sudo", "curl", "ca-certificates", "git", "make", "postgresql-15", "redis-server"):
        assert re.search(rf"\b{re.escape(name)}\b", packages), name


def test_debian_12_gets_a_python_that_make_install_accepts():
    build = _block_with("make altinstall")
    version = re.search(r"Python-(3\.(\d+)\.\d+)\.tar\.xz", build)
    assert version and int(version.group(2)) >= 12
    # scripts/find-python looks for python3.12 on PATH (/usr/local/bin is on sudo's path).
    assert "python3.12" in (stack.ROOT / "scripts" / "find-python").read_text(encoding="utf-8")


BASH = shutil.which("bash")


@pytest.mark.skipif(BASH is None, reason="needs bash")
def test_the_settings_step_replaces_every_placeholder_with_working_values(tmp_path):
    env_file = tmp_path / "portal.env"
    shutil.copy(stack.ROOT / "deploy" / "env.example", env_file)
    block = _block_with('sed -i \\\n  -e "s|^SECRET_KEY')
    script = block[block.index("key()") :].replace("/etc/portal/portal.env", str(env_file))
    result = subprocess.run(
        [BASH, "-euc", script],
        env={**os.environ, "SITE": "rsj.test.gov.cn", "DB_PASSWORD": "abc123"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "all keys set" in result.stdout
    values = dict(
        line.split("=", 1)
        for line in env_file.read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    assert "change-me" not in env_file.read_text(encoding="utf-8")
    assert len(values["SECRET_KEY"]) >= 50 and len(values["AUDIT_HMAC_KEY"]) >= 50
    assert values["SECRET_KEY"] != values["AUDIT_HMAC_KEY"]
    # The key rings parse as the settings will parse them (<id>:<32 hex digits>).
    assert len(parse_keyring(values["FIELD_ENCRYPTION_KEY"])[0][1]) == 16
    assert len(parse_keyring(values["BACKUP_ENCRYPTION_KEY"])[0][1]) == 16
    assert values["DATABASE_URL"] == "postgres://portal:abc123@127.0.0.1:5432/portal"
    assert values["REDIS_URL"] == "redis://127.0.0.1:6379/0"
    assert values["ALLOWED_HOSTS"] == "rsj.test.gov.cn"
    assert values["SITE_URL"] == "https://rsj.test.gov.cn"


def test_nginx_can_read_the_uploads_before_it_is_reloaded():
    nginx = _block_with("render_nginx")
    assert nginx.index("usermod -aG portal www-data") < nginx.index("systemctl reload nginx")


def test_the_certificate_folder_exists_before_the_trial_certificate_is_written():
    cert = _block_with("openssl req -x509")
    assert cert.index("install -d") < cert.index("openssl req")


def test_every_command_the_steps_run_exists_with_the_arguments_given():
    commands = get_commands()
    runs = re.findall(r"^\s*run (\w+)(.*)$", "\n".join(_blocks()), flags=re.M)
    assert {name for name, _ in runs} >= {"migrate", "collectstatic", "restore", "render_nginx"}
    for name, _args in runs:
        assert name in commands, f"`run {name}` is not a management command"
    restore = next(args for name, args in runs if name == "restore")
    assert "portal-<stamp>.backup" in restore and "--yes" in restore  # one file, confirmed


def test_the_units_the_steps_name_exist():
    named = set(re.findall(r"(portal-[\w@*]+(?:\.timer|\.service)?)", "\n".join(_blocks())))
    for unit in named:
        if "*" in unit or "$" in unit:
            continue
        name = unit if "." in unit else f"{unit}.service"
        if name.startswith("portal-job@"):
            assert (UNITS / "portal-job@.service").exists()
            continue
        assert (UNITS / name).exists(), name


def test_upgrades_run_git_as_the_owner_of_the_code():
    upgrade = _block_with("git pull")
    assert "sudo -u portal git pull" in upgrade


def test_the_web_service_writes_only_where_systemd_lets_it():
    """ProtectSystem=strict makes everything read-only but ReadWritePaths and the
    runtime folder: gunicorn's control socket (default ~/.gunicorn) must be there."""
    service = (UNITS / "portal-web.service").read_text(encoding="utf-8")
    assert "ProtectSystem=strict" in service
    socket = re.search(r"--control-socket (\S+)", service)
    assert socket and socket.group(1).startswith("/run/portal/")
    assert re.search(r"^RuntimeDirectory=portal\b", service, flags=re.M)
