"""The digest in four forms: text (built with Rich), Markdown and HTML (Jinja2 templates,
``digest/digest.md.j2`` and ``digest/digest.html.j2``, overridable by file name in the workspace's
``templates/``), and JSON (the dict itself).

The HTML is one email-ready file: a table layout at most 640 px wide, every style inline, no
script and no external resource; the chart is an inline SVG and its figures are in text too.
"""

from __future__ import annotations

import io
from typing import Any, Callable

TEXT_WIDTH = 80


FORMATS = ("text", "markdown", "html", "json")
TEMPLATES = {"markdown": "digest/digest.md.j2", "html": "digest/digest.html.j2"}


def render_digest(digest: dict, fmt: str, ws: Any, *, width: int = TEXT_WIDTH) -> str:
    """The digest dict (see :mod:`pressroom.digest.build`) as text, markdown, html or json."""
    fmt = getattr(fmt, "value", fmt)
    if fmt not in FORMATS:
        from pressroom.errors import InputError

        raise InputError(f"unknown format '{fmt}'; one of: {', '.join(FORMATS)}")
    if fmt == "json":
        from pressroom.output import to_json

        return to_json(digest) + "\n"
    from pressroom.digest.view import digest_view

    view = digest_view(digest)
    if fmt == "text":
        return to_plain_text(text_renderables(view), width=width)
    return render_template(ws, TEMPLATES[fmt], view)


# --- text ---------------------------------------------------------------------------------------

class Unwrapped(str):
    """A line printed as it is, never wrapped or cut: a link broken over two lines of a
    plain-text mail no longer works."""


def print_items(console: Any, renderables: list[Any]) -> None:
    for item in renderables:
        if isinstance(item, Unwrapped):
            from rich.text import Text

            console.print(Text(str(item), style="dim"), soft_wrap=True)
        else:
            console.print(item)


def to_plain_text(renderables: list[Any], width: int = TEXT_WIDTH) -> str:
    """Rich renderables as plain text (no colour codes), lines stripped of trailing spaces."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False,
                      highlight=False, emoji=False, markup=False, legacy_windows=False)
    print_items(console, renderables)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _figures_table(view: dict) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, header_style="bold")
    table.add_column("")
    table.add_column("This period", justify="right")
    table.add_column("Previous", justify="right")
    table.add_column("Change", justify="right")
    for row in view["figures"]:
        table.add_row(row["label"], str(row["current"]), str(row["previous"]), row["change"])
    if view["types"]:
        table.add_section()
        for row in view["types"]:
            table.add_row(f"  {row['label']}", str(row["current"]), str(row["previous"]),
                          row["change"])
    return table


def _heading(text: str) -> Any:
    from rich.text import Text

    return Text(f"\n{text}\n" + "-" * len(text), style="bold")


def _indented(text: str, style: str = "") -> Any:
    from rich.padding import Padding
    from rich.text import Text

    return Padding(Text(text, style=style), (0, 0, 0, 2))


def bullet(marker: str, text: str, indent: int = 2) -> Any:
    """A list item whose wrapped lines hang under its text, not under the marker."""
    from rich.padding import Padding
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(marker, text)
    return Padding(grid, (0, 0, 0, indent))


def text_renderables(view: dict) -> list[Any]:
    """The text digest as a list of Rich renderables (printed in colour on a terminal)."""
    from rich.text import Text

    items: list[Any] = [Text(view["title"], style="bold"), Text(view["period_label"])]
    if view["empty"]:
        items.append(Text(f"\nNo coverage was logged for {view['period_label']}. "
                          f"(The period before, {view['previous_label']}, had "
                          f"{view['previous_mentions']}.)"))
        items.extend(_release_items(view))
        return items
    items.append(Text(f"Compared with {view['previous_label']}."))
    items += [_heading("Headline figures"), _figures_table(view)]
    items += [_heading(f"Coverage over time (mentions per {view['timeline_unit']})"),
              Text("\n".join(view["bars"]))]
    if view["speakers"]:
        items.append(_heading("What our people said"))
        for speaker in view["speakers"]:
            who = speaker["name"] + (f", {speaker['title']}" if speaker["title"] else "")
            items.append(Text(f"\n{who} ({speaker['count']})", style="bold"))
            for q in speaker["quotes"]:
                items.append(Text(""))
                items.append(_indented(f"\u201c{q['text']}\u201d"))
                items.append(_indented(q["lead"], "italic"))
                items.append(_indented(f"{q['outlet']}, {q['date']}: {q['title']}"))
                items.append(Unwrapped(f"  {q['url']}"))
    items.extend(_release_items(view))
    if view["top_outlets"]:
        items.append(_heading("Top outlets"))
        items.append(Text("\n".join(f"{o['mentions']:>4}  {o['outlet']} ({o['type_label']})"
                                    for o in view["top_outlets"])))
    if view["top_reporters"]:
        items.append(_heading("Reporters who covered us most"))
        items.append(Text("\n".join(f"{r['mentions']:>4}  {r['reporter']}, {r['outlet_list']}"
                                    for r in view["top_reporters"])))
    return items


def _release_items(view: dict) -> list[Any]:
    from rich.text import Text

    if not view["releases"]:
        return []
    items: list[Any] = [_heading("Release pickup")]
    for r in view["releases"]:
        items.append(Text(f"\n{r['headline']}", style="bold"))
        items.append(_indented(f"Released {r['date_label']}; {r['count']}."))
        if r.get("distribution"):
            items.append(_indented(_distribution_text(r)))
        for q in r["quotes"]:
            items.append(bullet("-", f"{q['used_by'].capitalize()}: \u201c{q['text']}\u201d"))
        for m in r["mentions"]:
            how = "; ".join(f"quote {u['quote'] + 1} {u['pickup']}" for u in m["quotes"]
                            if u["pickup"] != "none") or "no quote used"
            items.append(bullet("*", f"{m['outlet']}, {m['date']}: {m['title']} ({how})"))
    return items


def _distribution_text(r: dict) -> str:
    sent = r["distribution"]
    text = r["distribution_line"] + "."
    if sent["covered"]:
        text += " Covered: " + ", ".join(f"{c['outlet']} ({c['date']})" for c in sent["covered"]) + "."
    if sent["not_sent"]:
        text += " Not on the send: " + ", ".join(f"{c['outlet']} ({c['date']})"
                                                 for c in sent["not_sent"]) + "."
    return text


# --- templates ----------------------------------------------------------------------------------

def md_url(url: str) -> str:
    """A URL that cannot end a Markdown link early (parentheses, spaces, angle brackets)."""
    return "".join({"(": "%28", ")": "%29", " ": "%20", "<": "%3C", ">": "%3E"}.get(ch, ch)
                   for ch in url)


def digest_filters() -> dict[str, Callable[..., Any]]:
    """The filters the digest and clip-book templates use, beside the releases' ones."""
    return _filters()


def _filters() -> dict[str, Callable[..., Any]]:
    from markupsafe import Markup

    from pressroom.digest import chart
    from pressroom.digest.view import day, safe_url

    return {"day": day, "safe_url": safe_url, "md_url": md_url,
            "svg_chart": lambda timeline: Markup(chart.svg(timeline))}


def render_template(ws: Any, name: str, context: dict) -> str:
    """Render *name* through the workspace's template chain (the releases' Environment: the
    workspace's ``templates/``, then the defaults, ``default/...`` naming a default)."""
    from pressroom.releases.render import release_filters
    from pressroom.templating import Templates

    text = Templates(ws, {**release_filters(), **_filters()}).render(name, context)
    return text if text.endswith("\n") else text + "\n"
