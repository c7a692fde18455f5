"""What every page a journey visits must pass: axe-core finds no violation of
impact serious or critical, and the page does not scroll sideways (at 360 px a
phone would have to pan).

axe-core is vendored (tests/browser/vendor/, version and sha256 in its README,
checked by test_vendor.py) and injected through the DevTools protocol, which the
site's CSP (no inline scripts) does not govern."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

VENDOR = Path(__file__).parent / "vendor"
AXE_FILE = VENDOR / "axe.min.js"
AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "browser-screenshots"
BLOCKING = ("serious", "critical")

_axe_source: str | None = None


def axe_source() -> str:
    global _axe_source
    if _axe_source is None:
        data = AXE_FILE.read_bytes()
        if hashlib.sha256(data).hexdigest() != AXE_SHA256:
            raise AssertionError(f"{AXE_FILE.name} is not axe-core {AXE_VERSION} (sha256 differs)")
        _axe_source = data.decode("utf-8")
    return _axe_source


def axe_violations(page) -> list[dict]:
    """Violations of impact serious or critical on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source() + "\n;undefined")
    result = page.evaluate(
        """async () => {
            const r = await axe.run(document, {resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                targets: v.nodes.slice(0, 8).map(n => n.target.join(' ')),
                summaries: v.nodes.slice(0, 3).map(n => n.failureSummary),
            }));
        }"""
    )
    return [v for v in result if v["impact"] in BLOCKING]


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        lines.extend(f"      {target}" for target in v["targets"])
        lines.extend(f"      > {s.splitlines()[-1].strip()}" for s in v["summaries"] if s)
    return "\n".join(lines)


def sideways_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0: none)."""
    return page.evaluate(
        "() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth)"
    )


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", text).strip("-")[:120] or "page"


def screenshot(page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{slug(name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def save_all_screenshots() -> bool:
    return os.environ.get("BROWSER_SCREENSHOTS", "") == "all"
