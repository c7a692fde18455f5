"""Several web nodes behind one PostgreSQL and one Redis (docs/deployment.md,
"Scaling out"): two gunicorn instances on different ports, nothing shared between
them but the database and the cache. A publication on one is visible at once on
the other (the page cache's version lives in Redis), a rate limit and the login
lockout count across both, and a session started on one is valid on the other."""

import os
import shutil
import socket
import subprocess

import pytest

from tests.deploy import stack

PG = os.environ.get("TWO_NODES_PG", "postgres://postgres@127.0.0.1:5432")
# One per xdist worker: two workers building the fixture must not drop each other's.
DB_NAME = f"portal_two_nodes_test_{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
# A Redis database of its own, emptied before and after.
REDIS_URL = os.environ.get("TWO_NODES_REDIS_URL", "redis://127.0.0.1:6379/14")
PSQL = shutil.which("psql")


def _reachable(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.skipif(
        not (PSQL and _reachable(5432) and _reachable(6379)),
        reason="needs PostgreSQL on 127.0.0.1:5432 (with psql) and Redis on 127.0.0.1:6379",
    ),
]

SEED = """
import json
from disclosure.models import ItemStatus as S
from tests.factories import UserFactory
from tests.review.factories import draft, make_team, walk
UserFactory(username="lockme")
team = make_team()
item = walk(draft(team, title="关于发放2026年度就业见习补贴的公告"), team, S.APPROVED)
print(json.dumps({"item": item.pk, "title": item.title, "office": team.office.username}))
"""


def _psql(*sql: str) -> None:
    for statement in sql:
        subprocess.run(
            [PSQL, f"{PG}/postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c", statement], check=True
        )


def _flush_redis() -> None:
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("nodes")
    _psql(f"DROP DATABASE IF EXISTS {DB_NAME}", f"CREATE DATABASE {DB_NAME}")
    _flush_redis()
    env = stack.production_env(
        tmp,
        DATABASE_URL=f"{PG}/{DB_NAME}",
        REDIS_URL=REDIS_URL,
        # Straight to gunicorn over plain HTTP: no proxy, no TLS in this test.
        TRUSTED_PROXY_COUNT="0",
        SECURE_SSL_REDIRECT="0",
        SECURE_COOKIES="0",
        PROTECTED_MEDIA_ACCEL="0",
        # What is shared between nodes is tested here, not the second factor
        # (tests/accounts/test_second_factor.py): staff sign in with a password only.
        SECOND_FACTOR_REQUIRED="0",
    )
    procs = []
    try:
        stack.prepare(env)
        data = stack.run_script(env, SEED)
        ports = [stack.free_port(), stack.free_port()]
        for n, port in enumerate(ports):
            procs.append(stack.start_gunicorn(env, port, tmp / f"node{n}.log"))
        yield {"data": data, "ports": ports}
    finally:
        for proc in procs:
            stack.stop(proc)
        _flush_redis()
        _psql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def _node(nodes, n: int, cookies=None) -> stack.Client:
    client = stack.Client("127.0.0.1", nodes["ports"][n])
    if cookies:
        client.cookies.update(cookies)
    return client


def _login(client: stack.Client, username: str) -> None:
    response = client.post_form(
        "/admin/login/",
        {"username": username, "password": "demo-pass-123", "next": "/review/"},
    )
    assert response.status == 302, response.status


def test_a_publication_on_one_node_is_visible_at_once_on_the_other(nodes):
    data = nodes["data"]
    title = data["title"].encode()
    b = _node(nodes, 1)
    # Node B holds a copy of the home page in the shared cache, without the item.
    b.get("/")
    before = b.get("/")
    assert before.status == 200
    assert before.header("X-Page-Cache") == "hit"
    assert title not in before.body
    assert b.get(f"/items/{data['item']}/").status == 404

    # The office reviewer publishes on node A.
    a = _node(nodes, 0)
    _login(a, data["office"])
    page = a.get(f"/review/items/{data['item']}/").body
    token = stack.token_of(page, "token")
    csrf = stack.token_of(page, "csrfmiddlewaretoken")
    done = a.request(
        "POST",
        f"/review/items/{data['item']}/release/",
        f"csrfmiddlewaretoken={csrf}&token={token}".encode(),
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": a.origin,
            "Referer": a.origin + f"/review/items/{data['item']}/",
        },
    )
    assert done.status == 302, done.body[:2000].decode(errors="replace")

    # Node B, at once: the new copy, the item page.
    after = b.get("/")
    assert after.status == 200
    assert after.header("X-Page-Cache") == "miss"
    assert title in after.body
    assert b.get(f"/items/{data['item']}/").status == 200


def test_a_session_started_on_one_node_is_valid_on_the_other(nodes):
    a = _node(nodes, 0)
    _login(a, nodes["data"]["office"])
    b = _node(nodes, 1, cookies=a.cookies)
    response = b.get("/review/")
    assert response.status == 200
    assert "sessionid" in a.cookies


def _track(client: stack.Client):
    return client.post_form(
        "/requests/track/", {"tracking_number": "2026-8888", "query_code": "wrong-code"}
    )


def test_a_rate_limit_counts_across_both_nodes(nodes):
    # Five failures allowed per client in 15 minutes, spread over the two nodes.
    for n in (0, 1, 0, 1, 0):
        assert _track(_node(nodes, n)).status == 400
    assert _track(_node(nodes, 1)).status == 429
    assert _track(_node(nodes, 0)).status == 429


def test_the_login_lockout_counts_across_both_nodes(nodes):
    def attempt(n: int, password: str):
        return _node(nodes, n).post_form(
            "/admin/login/", {"username": "lockme", "password": password, "next": "/admin/"}
        )

    # Five failures (F8), spread over the two nodes: the fifth locks everywhere.
    assert [attempt(n, "wrong-pass-000").status for n in (0, 1, 0, 1)] == [200] * 4
    assert attempt(0, "wrong-pass-000").status == 429
    assert attempt(1, "demo-pass-123").status == 429
