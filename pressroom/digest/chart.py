"""The coverage-over-time chart: bars of text for the terminal and the plain-text mail, and an
inline SVG for HTML (no script, no external resource; a ``<title>`` and ``<desc>`` carry the
figures for screen readers and for mail clients that drop SVG, beside a table of the same figures).
"""

from __future__ import annotations

import datetime as dt
from html import escape
from typing import Sequence

BAR = "\u2588"        # full block
HALF_BAR = "\u258c"   # left half block
SVG_WIDTH = 600
SVG_HEIGHT = 180
BAR_COLOR = "#1f4e79"


def _day(day: dt.date) -> str:
    from pressroom.apstyle import ap_date

    return ap_date(day).rsplit(",", 1)[0]  # AP month, no year: "Sept. 5"


def _week(row: dict) -> tuple[dt.date, dt.date, bool]:
    """The whole ISO week (Monday to Sunday) of a bar, and whether the bar covers only part of it."""
    start, end = dt.date.fromisoformat(row["start"]), dt.date.fromisoformat(row["end"])
    monday = start - dt.timedelta(days=start.weekday())
    sunday = monday + dt.timedelta(days=6)
    return monday, sunday, (start, end) != (monday, sunday)


def bucket_label(row: dict) -> str:
    """``Mar. 4`` for a day; for a week, the whole ISO week, ``April 1-7`` or ``April 29-May 5``,
    with ``(partial)`` when the period holds only some of its days (the count is of those)."""
    if row["start"] == row["end"]:
        return _day(dt.date.fromisoformat(row["start"]))
    monday, sunday, partial = _week(row)
    last = str(sunday.day) if sunday.month == monday.month else _day(sunday)
    return f"{_day(monday)}\u2013{last}" + (" (partial)" if partial else "")


def short_label(row: dict) -> str:
    """A label under a bar of the SVG: the day, or the Monday of the week (``*`` if partial)."""
    if row["start"] == row["end"]:
        return _day(dt.date.fromisoformat(row["start"]))
    monday, _sunday, partial = _week(row)
    return _day(monday) + ("*" if partial else "")


def partial_note(timeline: Sequence[dict]) -> str:
    """The footnote for partial weeks, or ``""`` when every bar is a whole week or a day."""
    if any(row["start"] != row["end"] and _week(row)[2] for row in timeline):
        return "(partial): only the days of that week inside the period are counted."
    return ""


def text_bars(timeline: Sequence[dict], width: int = 40) -> list[str]:
    """One line per bucket: label, a bar scaled to the largest count, the count."""
    if not timeline:
        return []
    labels = [bucket_label(row) for row in timeline]
    label_width = max(len(label) for label in labels)
    top = max(row["mentions"] for row in timeline)
    lines = []
    for label, row in zip(labels, timeline):
        halves = round(2 * width * row["mentions"] / top) if top else 0
        if row["mentions"] and not halves:
            halves = 1  # any coverage at all shows
        bar = BAR * (halves // 2) + (HALF_BAR if halves % 2 else "")
        lines.append(f"{label.rjust(label_width)} {bar} {row['mentions']}".rstrip())
    note = partial_note(timeline)
    return lines + ([note] if note else [])


def svg(timeline: Sequence[dict], *, width: int = SVG_WIDTH, height: int = SVG_HEIGHT,
        title: str = "Mentions over time") -> str:
    """An inline SVG bar chart of the timeline, sized in pixels, with text labels."""
    figures = "; ".join(f"{bucket_label(r)}: {r['mentions']}" for r in timeline)
    top = max((r["mentions"] for r in timeline), default=0)
    n = max(len(timeline), 1)
    pad_top, pad_bottom = 18, 24
    slot = width / n
    bar_width = max(slot * 0.7, 1.0)
    plot = height - pad_top - pad_bottom
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" style="max-width:100%;height:auto" role="img" '
             f'aria-label="{escape(title)}">',
             f"<title>{escape(title)}</title>", f"<desc>{escape(figures)}</desc>",
             f'<line x1="0" y1="{height - pad_bottom}" x2="{width}" y2="{height - pad_bottom}" '
             'stroke="#999999" stroke-width="1"/>']
    label_every = max(1, -(-n // 12))  # at most ~12 labels under the bars
    for i, row in enumerate(timeline):
        value = row["mentions"]
        bar_height = round(plot * value / top, 1) if top else 0
        x = round(i * slot + (slot - bar_width) / 2, 1)
        y = round(height - pad_bottom - bar_height, 1)
        middle = round(i * slot + slot / 2, 1)
        parts.append(f'<rect x="{x}" y="{y}" width="{round(bar_width, 1)}" height="{bar_height}" '
                     f'fill="{BAR_COLOR}"><title>{escape(bucket_label(row))}: {value}</title></rect>')
        if value:
            parts.append(f'<text x="{middle}" y="{round(y - 4, 1)}" font-family="Arial, sans-serif" '
                         f'font-size="11" text-anchor="middle" fill="#333333">{value}</text>')
        if i % label_every == 0:
            parts.append(f'<text x="{middle}" y="{height - 8}" font-family="Arial, sans-serif" '
                         f'font-size="11" text-anchor="middle" fill="#555555">'
                         f"{escape(short_label(row))}</text>")
    parts.append("</svg>")
    return "\n".join(parts)
