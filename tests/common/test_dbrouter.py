"""Reads of web requests on a PostgreSQL standby, everything else on the primary
(common.dbrouter, DATABASE_REPLICA_URL)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache.backends.db import DatabaseCache
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory
from django_tasks_db.models import DBTaskResult

from common import dbrouter
from disclosure.models import Item

ROOT = Path(__file__).resolve().parents[2]
router = dbrouter.PrimaryReplicaRouter()
CacheEntry = DatabaseCache("portal_cache", {}).cache_model_class


@pytest.fixture(autouse=True)
def replica_configured(monkeypatch):
    monkeypatch.setattr(dbrouter, "_enabled", lambda: True)


def _through_middleware(view, **cookies):
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies)
    return dbrouter.PrimaryReplicaMiddleware(view)(request)


def test_outside_a_request_everything_reads_the_primary():
    # Commands, the worker, the timers: they read what was just committed.
    assert router.db_for_read(Item) == "default"


def test_a_request_reads_the_standby_until_it_writes():
    seen = []

    def view(request):
        seen.append(router.db_for_read(Item))
        assert router.db_for_write(Item) == "default"
        seen.append(router.db_for_read(Item))
        return HttpResponse()

    response = _through_middleware(view)
    assert seen == ["replica", "default"]
    # The same browser stays on the primary a little while: it sees what it saved.
    cookie = response.cookies[dbrouter.PIN_COOKIE]
    assert cookie["max-age"] == 10 and cookie["httponly"]


def test_a_request_that_only_reads_leaves_no_cookie():
    response = _through_middleware(lambda r: HttpResponse(router.db_for_read(Item)))
    assert response.content == b"replica"
    assert dbrouter.PIN_COOKIE not in response.cookies


def test_right_after_a_write_the_next_request_reads_the_primary():
    response = _through_middleware(
        lambda r: HttpResponse(router.db_for_read(Item)), **{dbrouter.PIN_COOKIE: "1"}
    )
    assert response.content == b"default"


def test_reads_inside_a_transaction_stay_on_the_primary(monkeypatch):
    monkeypatch.setattr(connections["default"], "in_atomic_block", True)
    response = _through_middleware(lambda r: HttpResponse(router.db_for_read(Item)))
    assert response.content == b"default"


@pytest.mark.parametrize("model", [CacheEntry, DBTaskResult])
def test_cache_and_task_queue_never_read_the_standby_and_never_pin(model):
    def view(request):
        reads = [router.db_for_read(model), router.db_for_write(model), router.db_for_read(Item)]
        return HttpResponse(",".join(reads))

    response = _through_middleware(view)
    assert response.content == b"default,default,replica"
    assert dbrouter.PIN_COOKIE not in response.cookies


def test_the_state_ends_with_the_request():
    _through_middleware(lambda r: HttpResponse(router.db_for_write(Item)))
    assert router.db_for_read(Item) == "default"
    assert dbrouter._replica_ok.get() is None


def test_migrations_only_on_the_primary():
    assert router.allow_migrate("default", "disclosure")
    assert not router.allow_migrate("replica", "disclosure")


def test_without_a_standby_the_middleware_does_nothing(monkeypatch):
    monkeypatch.setattr(dbrouter, "_enabled", lambda: False)
    response = _through_middleware(lambda r: HttpResponse(router.db_for_read(Item)))
    assert response.content == b"default"


@pytest.mark.parametrize("replica", ["", "postgres://portal@10.0.0.12:5432/portal"])
def test_the_environment_adds_the_standby(replica):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_SETTINGS")}
    env.update(
        {
            "DEMO_MODE": "1",
            "DATABASE_URL": "postgres://portal@10.0.0.11:5432/portal",
            "DATABASE_REPLICA_URL": replica,
        }
    )
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps({'dbs': {k: [v['HOST'], v.get('TEST', {}).get('MIRROR')] "
        "for k, v in settings.DATABASES.items()}, 'routers': settings.DATABASE_ROUTERS, "
        "'options': settings.DATABASES.get('replica', {}).get('OPTIONS')}))"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    found = json.loads(out.strip().splitlines()[-1])
    if replica:
        assert found["dbs"]["replica"] == ["10.0.0.12", "default"]
        assert found["routers"] == ["common.dbrouter.PrimaryReplicaRouter"]
        assert found["options"]["options"] == "-c jit=off"  # as on the primary
    else:
        assert list(found["dbs"]) == ["default"]
        assert found["routers"] == []
