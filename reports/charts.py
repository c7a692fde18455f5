"""Small charts drawn on the server as SVG: no JavaScript, no external library, and
no style attributes (the CSP forbids inline styles; presentation attributes such as
fill= are allowed). Every chart is shown with a table of the same numbers."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

RED = "#b4161b"
BLUE = "#0b4d8c"
GREEN = "#1f7a3a"
GREY = "#d9d9d9"
INK = "#333333"
FONT = 'font-family="sans-serif"'


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    text: str = ""  # shown at the end of the bar; the value by default


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def column_chart(
    bars: list[Bar], *, title: str, width: int = 480, height: int = 220, color: str = RED
) -> SafeString:
    """Vertical bars (e.g. items per month)."""
    top, bottom, left, right = 24, 28, 8, 8
    plot_h = height - top - bottom
    n = max(len(bars), 1)
    slot = (width - left - right) / n
    bar_w = slot * 0.62
    peak = max((b.value for b in bars), default=0) or 1
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" '
        f'stroke="{GREY}" stroke-width="1"/>',
    ]
    for i, bar in enumerate(bars):
        h = plot_h * bar.value / peak
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h - h
        cx = x + bar_w / 2
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{color}">'
            f"<title>{escape(bar.label)}：{escape(bar.text or _fmt(bar.value))}</title></rect>"
        )
        parts.append(
            f'<text x="{cx:.1f}" y="{y - 5:.1f}" text-anchor="middle" font-size="14" '
            f'fill="{INK}" {FONT}>{escape(bar.text or _fmt(bar.value))}</text>'
        )
        parts.append(
            f'<text x="{cx:.1f}" y="{height - 9}" text-anchor="middle" font-size="14" '
            f'fill="{INK}" {FONT}>{escape(bar.label)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


def bar_chart(
    bars: list[Bar],
    *,
    title: str,
    width: int = 440,
    maximum: float | None = None,
    color: str = BLUE,
    row_height: int = 26,
    label_width: int | None = None,
    value_width: int = 88,
) -> SafeString:
    """Horizontal bars with labels on the left (e.g. per section, per outcome).
    `maximum` fixes the scale (100 for percentages)."""
    top = 6
    height = top * 2 + row_height * max(len(bars), 1)
    peak = maximum or max((b.value for b in bars), default=0) or 1
    if label_width is None:
        # Room for the longest label at 13px per (CJK) character.
        longest = max((len(b.label) for b in bars), default=2)
        label_width = max(60, min(200, 13 * longest + 14))
    plot_w = max(width - label_width - value_width, 120)
    width = label_width + plot_w + value_width
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = top + i * row_height
        w = plot_w * min(bar.value, peak) / peak
        text = bar.text or _fmt(bar.value)
        parts.append(
            f'<text x="{label_width - 8}" y="{y + row_height * 0.65:.1f}" text-anchor="end" '
            f'font-size="13" fill="{INK}" {FONT}>{escape(bar.label)}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{plot_w}" height="{row_height - 8}" '
            f'fill="#f1f1f1"/>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{w:.1f}" height="{row_height - 8}" '
            f'fill="{color}"><title>{escape(bar.label)}：{escape(text)}</title></rect>'
        )
        parts.append(
            f'<text x="{label_width + plot_w + 6}" y="{y + row_height * 0.65:.1f}" '
            f'font-size="13" fill="{INK}" {FONT}>{escape(text)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped
