"""The benchmark's client side: wrk runs, simultaneous submissions, the report."""

import concurrent.futures
import http.cookiejar
import re
import subprocess
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass
class Result:
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


@dataclass
class Row:
    name: str
    cached: bool
    result: Result
    ceiling: Result
    queries: int | None

    @property
    def ratio(self) -> float:
        return self.result.rps / self.ceiling.rps if self.ceiling.rps else 0.0


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, seconds: int, connections: int = 8) -> Result:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"\s50%\s+([\d.]+\w+)", out).group(1))
    p99 = _ms(re.search(r"\s99%\s+([\d.]+\w+)", out).group(1))
    errors = 0
    for pattern in (r"Non-2xx or 3xx responses: (\d+)", r"Socket errors: .*timeout (\d+)"):
        match = re.search(pattern, out)
        errors += int(match.group(1)) if match else 0
    return Result(rps=rps, p50_ms=p50, p99_ms=p99, errors=errors)


def mean(results: list[Result]) -> Result:
    n = len(results) or 1
    return Result(
        rps=sum(r.rps for r in results) / n,
        p50_ms=sum(r.p50_ms for r in results) / n,
        p99_ms=sum(r.p99_ms for r in results) / n,
        errors=sum(r.errors for r in results),
    )


FORM = {
    "applicant_type": "natural_person",
    "organisation_kind": "",
    "applicant_name": "张三",
    "id_type": "id_card",
    "id_number": "11010519491231002X",
    "phone": "13812341234",
    "email": "",
    "address": "示例县城关镇人民路 8 号",
    "postcode": "313000",
    "info_title": "2025 年度就业补助资金使用情况",
    "info_form": "electronic",
    "delivery_method": "online",
    "declaration": "on",
}


def _submit(url: str, n: int) -> tuple[float, bool]:
    """One applicant: load the form (CSRF cookie), post it; seconds and success."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    client = f"198.51.100.{n % 250 + 1}"  # documentation range; via TRUSTED_PROXY_COUNT
    started = time.monotonic()
    page = opener.open(urllib.request.Request(url, headers={"X-Forwarded-For": client}))
    html = page.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = dict(FORM, csrfmiddlewaretoken=token)
    request = urllib.request.Request(
        url,
        data=urllib.parse.urlencode(data).encode(),
        headers={"X-Forwarded-For": client, "Referer": url},
    )
    response = opener.open(request)
    ok = response.status == 200 and "查询码" in response.read().decode()
    return time.monotonic() - started, ok


def submissions(url: str, *, count: int) -> dict:
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=count) as pool:
        results = list(pool.map(lambda n: _submit(url, n), range(count)))
    return {
        "count": count,
        "ok": sum(ok for _, ok in results),
        "total_s": time.monotonic() - started,
        "slowest_s": max(t for t, _ in results),
    }


def report(rows, *, n, submissions, rss, cache, seconds, item_bytes) -> str:
    lines = [
        f"# make bench — {n:,} published items",
        "",
        f"PostgreSQL, gunicorn 2 sync workers, production settings, shared cache: {cache}; "
        f"wrk 2 threads 8 connections {seconds} s per page on loopback; item page {item_bytes:,} bytes. "
        "Ratio = requests/s over those of a static file of the item page's size served by "
        "whitenoise from the same server, measured right before each page.",
        "",
        "| page | page cache | queries | req/s | p50 ms | p99 ms | ratio to static | errors |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.name} | {'on' if row.cached else 'off'} | "
            f"{'' if row.queries is None else row.queries} | {row.result.rps:,.0f} | "
            f"{row.result.p50_ms:.1f} | {row.result.p99_ms:.1f} | {row.ratio:.3f} | {row.result.errors} |"
        )
    lines += [
        "",
        f"Request submissions: {submissions['ok']}/{submissions['count']} simultaneous applicants "
        f"accepted in {submissions['total_s']:.2f} s (slowest {submissions['slowest_s']:.2f} s).",
        f"Worker resident memory after the run: {', '.join(f'{k / 1024:.0f} MB' for k in rss)}.",
        "Queries: per page with the page cache off and this version's listings warm.",
    ]
    return "\n".join(lines) + "\n"
