"""`make bench` (N=20000 by default): the public pages under load on PostgreSQL,
against the ceiling of a static file of the item page's size.

1. A PostgreSQL database of its own (BENCH_DATABASE_URL, default
   postgres://postgres@127.0.0.1:5432/portal_bench): migrated, the demo bureau,
   then `generate_items` up to N published items (kept between runs; BENCH_FRESH=1
   starts again).
2. gunicorn, 2 sync workers, production settings (DEBUG off, persistent
   connections), the shared cache on Redis when BENCH_REDIS_URL (default
   redis://127.0.0.1:6379/15) answers, the database cache otherwise.
3. wrk on loopback (8 connections, BENCH_SECONDS each, after one second of every
   page to warm the workers): requests per second, p50
   and p99 of each page, first with the page cache off (every request renders),
   then on; each figure also as a ratio to the static file served by whitenoise in
   the same server, measured right before that page. Then 50 simultaneous request submissions.
4. Queries per page, the worker's resident memory after the run, and the result
   table written to benchmarks/results/.

Figures depend on the machine and what else runs on it: read the ratios.
"""

import datetime
import os
import platform
import sys

from benchmarks import load, server

N = int(os.environ.get("N") or os.environ.get("BENCH_N") or 20000)
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15")


def main() -> int:
    problem = server.missing_tools(DATABASE_URL)
    if problem:
        print(f"make bench: {problem}", file=sys.stderr)
        return 2
    redis_url = REDIS_URL if server.redis_answers(REDIS_URL) else ""
    env = server.production_env(DATABASE_URL, redis_url)
    server.prepare_database(env, N, fresh=os.environ.get("BENCH_FRESH") == "1")
    pages = server.pages(env)  # URLs, the item page's size, the static ceiling file
    queries = server.query_counts(env, pages)
    rows: list[load.Row] = []
    rss: list[int] = []
    for cached in (False, True):
        with server.Gunicorn(env, page_cache=cached) as gunicorn:
            static = gunicorn.url(pages["static"])
            # Steady state, as a site that has been up a while: every worker has
            # compiled the templates and read what it keeps per catalogue version
            # (the first page after a start otherwise carries ~0.6 s in its p99).
            for _, path in pages["urls"]:
                load.wrk(gunicorn.url(path), 1)
            ceilings = []
            for name, path in pages["urls"]:
                # The ceiling right before each page: the machine's load drifts.
                ceiling = load.wrk(static, max(2, SECONDS // 2))
                ceilings.append(ceiling)
                result = load.wrk(gunicorn.url(path), SECONDS)
                rows.append(load.Row(name, cached, result, ceiling, queries.get(name)))
            mean = load.mean(ceilings)
            rows.append(load.Row("static file (mean)", cached, mean, mean, 0))
            if cached:
                submissions = load.submissions(gunicorn.url("/requests/"), count=50)
            rss = gunicorn.worker_rss()
    report = load.report(
        rows,
        n=N,
        submissions=submissions,
        rss=rss,
        cache="Redis" if redis_url else "database cache",
        seconds=SECONDS,
        item_bytes=pages["item_bytes"],
    )
    print(report)
    stamp = datetime.datetime.now().strftime("%Y-%m-%d-%H%M")
    path = os.path.join(
        os.path.dirname(__file__), "results", f"{stamp}-N{N}-{platform.node() or 'machine'}.md"
    )
    with open(path, "w", encoding="utf-8") as out:
        out.write(report)
    print(f"\nSaved to benchmarks/results/{os.path.basename(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
