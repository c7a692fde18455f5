"""`make bench`: timings of the hot read paths at two catalogue sizes, side by side.

Builds a throwaway SQLite database (or uses BENCH_DATABASE_URL), fills it with a
small and a large catalogue, and reports the median time, the query count and the
peak Python memory of each public page. What to read: the ratio large/small. Pages
that paginate should stay near 1x however large the catalogue grows; search scans
text and grows with it. Absolute times depend on the machine and are indicative.
"""

import datetime
import os
import statistics
import sys
import tempfile
import time
import tracemalloc

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "500,20000").split(",")]
REPEAT = int(os.environ.get("BENCH_REPEAT", "7"))


def setup_django(db_path: str) -> None:
    os.environ.setdefault(
        "DATABASE_URL", os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{db_path}")
    )
    os.environ.setdefault("DEMO_MODE", "1")
    os.environ.setdefault("TESTING", "1")  # plain static storage, no HTTPS redirect
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def fill(n: int) -> dict:
    """A catalogue of `n` published items across 10 columns (bulk insert)."""
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from accounts.models import User
    from disclosure.choices import ContentCategory, Publicity, Topic
    from disclosure.models import Column, Item, ItemStatus, Organisation, Section

    Item.history.model.objects.all().delete()
    Item.objects.all().delete()
    Column.objects.all().delete()
    Section.objects.all().delete()
    org, _ = Organisation.objects.get_or_create(
        code="BENCH", defaults={"name": "示例县人力资源和社会保障局"}
    )
    group, _ = Group.objects.get_or_create(name="股室：基准")
    section = Section.objects.create(organisation=org, name="基准股", group=group)
    user, _ = User.objects.get_or_create(username="bench")
    columns = [
        Column.objects.create(name=f"栏目{i}", slug=f"bench-{i}", responsible_section=section)
        for i in range(10)
    ]
    now = timezone.now()
    body = "<p>" + "为进一步做好就业创业和社会保障工作，现将有关事项通知如下。" * 20 + "</p>"
    batch = []
    for i in range(n):
        batch.append(
            Item(
                column=columns[i % 10],
                section=section,
                title=f"关于做好2026年第{i}批就业补贴申报工作的通知",
                body=body + ("<p>养老保险待遇调整</p>" if i % 97 == 0 else ""),
                topic=Topic.LABOUR_EMPLOYMENT,
                content_category=ContentCategory.POLICY_MEASURES,
                formed_on=datetime.date(2026, 1, 1),
                publicity=Publicity.PROACTIVE,
                status=ItemStatus.PUBLISHED,
                published_at=now - datetime.timedelta(minutes=i),
                index_number=f"BENCH/2026-{i + 1:05d}",
                created_by=user,
            )
        )
        if len(batch) == 2000:
            Item.objects.bulk_create(batch)
            batch = []
    Item.objects.bulk_create(batch)
    return {
        "column": columns[0].slug,
        "item": Item.objects.order_by("id").values_list("pk", flat=True)[n // 2],
    }


def measure(client, path: str) -> tuple[float, int, int]:
    from django.db import connection

    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        response = client.get(path)
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: status {response.status_code}")
    queries = []
    with connection.execute_wrapper(
        lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)
    ):
        client.get(path)
    tracemalloc.start()
    client.get(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), len(queries), peak


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(os.path.join(tmp, "bench.sqlite3"))
        from django.test import Client

        from workcalendar.selectors import add_workdays

        client = Client(HTTP_HOST="127.0.0.1")
        results: dict[str, dict[int, tuple]] = {}
        for n in SIZES:
            ids = fill(n)
            pages = {
                "home": "/",
                "column p1": f"/columns/{ids['column']}/",
                "column p2": f"/columns/{ids['column']}/?page=2",
                "item": f"/items/{ids['item']}/",
                "search 养老保险": "/search/?q=养老保险",
                "api list": "/api/v1/items/?page_size=50",
                "feed": "/feeds/latest.xml",
                "sitemap": "/sitemap.xml",
            }
            for name, path in pages.items():
                results.setdefault(name, {})[n] = measure(client, path)
            start = time.perf_counter()
            for i in range(200):
                add_workdays(datetime.date(2026, 1, 1) + datetime.timedelta(days=i), 20)
            results.setdefault("add_workdays x200", {})[n] = (time.perf_counter() - start, 0, 0)

    small, large = SIZES[0], SIZES[-1]
    print(f"Catalogue sizes: {small} and {large} published items; median of {REPEAT} runs.")
    print(
        f"{'page':<20}{'ms@' + str(small):>10}{'ms@' + str(large):>12}{'ratio':>8}{'queries':>10}{'peak KiB@' + str(large):>16}"
    )
    for name, by_size in results.items():
        t_small, _, _ = by_size[small]
        t_large, q_large, mem = by_size[large]
        q_small = by_size[small][1]
        print(
            f"{name:<20}{t_small * 1000:>10.1f}{t_large * 1000:>12.1f}{t_large / t_small:>7.1f}x"
            f"{f'{q_small}/{q_large}':>10}{mem // 1024:>16}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
