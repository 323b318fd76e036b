"""Charts as inline SVG drawn on the server: no JavaScript, no CDN, works offline.

Every chart writes its numbers as text next to the marks and carries a <title> and an
aria-label, so nothing depends on colour or on seeing the shapes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from markupsafe import Markup

INK = "#111111"
BAR = "#0b3d91"  # on white: contrast 11.6:1
MUTED = "#333333"


def day_bars(values: Sequence[int], days: Sequence[date], label: str, height: int = 120) -> Markup:
    """Vertical bars, one per day, with the count above each bar and day/month below."""
    width_per = 58
    top, bottom = 26, 34
    width = width_per * len(values)
    peak = max(values) if values and max(values) > 0 else 1
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height + top + bottom}" '
        f'width="{width}" height="{height + top + bottom}" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
        f'<line x1="0" y1="{top + height}" x2="{width}" y2="{top + height}" '
        f'stroke="{INK}" stroke-width="2"/>',
    ]
    for i, (value, day) in enumerate(zip(values, days, strict=True)):
        bar_h = round(height * value / peak)
        x = i * width_per + 6
        parts.append(
            f'<rect x="{x}" y="{top + height - bar_h}" width="{width_per - 12}" '
            f'height="{bar_h}" fill="{BAR}"/>'
        )
        parts.append(
            f'<text x="{x + (width_per - 12) / 2}" y="{top + height - bar_h - 6}" '
            f'text-anchor="middle" font-size="18" font-weight="700" fill="{INK}">{value}</text>'
        )
        parts.append(
            f'<text x="{x + (width_per - 12) / 2}" y="{top + height + 24}" text-anchor="middle" '
            f'font-size="16" fill="{MUTED}">{day.day}/{day.month}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def horizontal_bars(
    items: Sequence[tuple[str, float, str]], label: str, label_width: int = 330
) -> Markup:
    """Horizontal bars: (name, value, value shown as text); the bar length is value/max."""
    row_h, bar_w = 44, 420
    width = label_width + bar_w + 140
    height = max(row_h * len(items), row_h)
    peak = max((value for _, value, _ in items), default=0) or 1
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" aria-label="{escape(label)}">',
        f"<title>{escape(label)}</title>",
    ]
    for i, (name, value, shown) in enumerate(items):
        y = i * row_h
        length = round(bar_w * value / peak)
        parts.append(
            f'<text x="{label_width - 12}" y="{y + 29}" text-anchor="end" font-size="19" '
            f'fill="{INK}">{escape(name)}</text>'
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 8}" width="{length}" height="28" fill="{BAR}"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 10}" y="{y + 29}" font-size="19" '
            f'font-weight="700" fill="{INK}">{escape(shown)}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))
