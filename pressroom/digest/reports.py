"""Reports: the coverage clip book (every mention in a date range, with its quotes) and one
release's pickup in detail, mention by mention.

A release's pickup report looks at the mentions logged with its slug and at every mention
published from the release's date to :data:`PICKUP_WINDOW_DAYS` (90) days after it whose quotes
or excerpt use one of its quotes.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING, Any

from pressroom.digest import queries

if TYPE_CHECKING:
    from pressroom.store import Store
    from pressroom.workspace import Workspace

PICKUP_WINDOW_DAYS = 90


COVERAGE_FORMATS = ("csv", "markdown", "html")
PICKUP_FORMATS = ("text", "json")


def _check_format(fmt: str, formats: tuple[str, ...]) -> str:
    from pressroom.errors import InputError

    fmt = getattr(fmt, "value", fmt)
    if fmt not in formats:
        raise InputError(f"unknown format '{fmt}'; one of: {', '.join(formats)}")
    return fmt


# --- coverage clip book -------------------------------------------------------------------------

def coverage_rows(store: "Store", since: dt.date | None = None,
                  until: dt.date | None = None) -> list[dict]:
    """Every mention published in the range (open ends allowed), oldest first, with its quotes."""
    from sqlalchemy import select

    from pressroom.store.schema import live_mentions, mentions, outlets

    query = (select(mentions.c.id, mentions.c.url, mentions.c.title, mentions.c.published,
                    mentions.c.reporter, outlets.c.name.label("outlet"),
                    outlets.c.type.label("outlet_type"))
             .select_from(mentions.join(outlets, outlets.c.id == mentions.c.outlet_id))
             .where(live_mentions())
             .order_by(mentions.c.published, mentions.c.id))
    if since is not None:
        query = query.where(mentions.c.published >= since)
    if until is not None:
        query = query.where(mentions.c.published <= until)
    with store.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(query)]
        by_mention = queries.quotes_of(conn, (r["id"] for r in rows))
    for row in rows:
        row["published"] = row["published"].isoformat()
        row["quotes"] = [{"speaker": q["speaker_id"], "speaker_name": q["speaker_name"],
                          "text": q["text"]} for q in by_mention.get(row["id"], [])]
    return rows


def _quotes_cell(row: dict) -> str:
    return "; ".join(f"{q['speaker_name']}: \u201c{q['text']}\u201d" for q in row["quotes"])


def render_coverage(rows: list[dict], fmt: str, ws: "Workspace", *,
                    since: dt.date | None = None, until: dt.date | None = None) -> str:
    """The clip book as csv (formula-safe), markdown or html."""
    fmt = _check_format(fmt, COVERAGE_FORMATS)
    if fmt == "csv":
        from pressroom.output import Column, write_csv

        columns = [Column("published", "Date"), Column("outlet", "Outlet"),
                   Column("outlet_type", "Type"), Column("title", "Title"),
                   Column("reporter", "Reporter"), Column("url", "Link"),
                   Column("quotes", "Quotes", value=_quotes_cell), Column("id", "Mention")]
        # CSV headers are the keys (published, outlet, ..., id): `mention import` reads them back
        out = io.StringIO()
        write_csv(rows, columns, out)
        return out.getvalue()
    from pressroom.digest.render import render_template
    from pressroom.digest.view import TYPE_LABELS, day, safe_url

    org = ws.config.organization.short_name
    if since or until:
        span = " to ".join(day(d.isoformat()) if d else "…" for d in (since, until))
    else:
        span = "all coverage"
    view = {"title": f"{org} coverage", "span": span,
            "mentions": [{**r, "date": day(r["published"]), "link": safe_url(r["url"]),
                          "type_label": TYPE_LABELS.get(r["outlet_type"], r["outlet_type"])}
                         for r in rows]}
    return render_template(ws, f"digest/coverage.{'md' if fmt == 'markdown' else 'html'}.j2",
                           view)


# --- one release's pickup -----------------------------------------------------------------------

def pickup_report(store: "Store", ws: "Workspace", slug: str) -> dict[str, Any]:
    """How coverage used one release's quotes: the JSON form of ``report pickup``."""
    from pressroom.digest.build import release_pickup
    from pressroom.digest.periods import Period
    from pressroom.distribution.log import distribution
    from pressroom.releases import load_release

    release = load_release(slug, ws)
    window = Period(release.date, release.date + dt.timedelta(days=PICKUP_WINDOW_DAYS))
    with store.connect() as conn:
        candidates = queries.release_mentions(conn, release.slug) + queries.period_mentions(conn, window)
        by_mention = queries.quotes_of(conn, (m["id"] for m in candidates))
        result = release_pickup(release, candidates, by_mention)
        sent = distribution(conn, release.slug, result["mentions"])
    for number, quote in enumerate(result["quotes"], 1):  # numbered from 1, as the text shows
        quote["number"] = number
    for mention in result["mentions"]:
        for used in mention["quotes"]:
            used["text"] = result["quotes"][used["quote"]]["text"]
            used["quote"] += 1
    extra = {"distribution": sent} if sent is not None else {}  # only for releases sent
    return {**result, "status": release.status, "window": window.as_json(), **extra}


def render_pickup(report: dict, fmt: str, *, width: int = 80) -> str:
    if _check_format(fmt, PICKUP_FORMATS) == "json":
        from pressroom.output import to_json

        return to_json(report) + "\n"
    from rich.padding import Padding
    from rich.text import Text

    from pressroom.digest.render import Unwrapped, bullet, to_plain_text
    from pressroom.digest.view import day, period_label, plural, used_by

    items: list[Any] = [Text(report["headline"], style="bold"),
                        Text(f"{report['slug']}, released {day(report['date'])} ({report['status']}); "
                             f"coverage searched {period_label(report['window'])}")]
    if report.get("distribution"):
        items.extend(distribution_items(report["distribution"]))
    items.append(Text(f"\nQuotes ({plural(len(report['mentions']), 'mention')})", style="bold"))
    for q in report["quotes"]:
        items.append(bullet(f"{q['number']}.", f"{used_by(q).capitalize()}: \u201c{q['text']}\u201d"))
    if not report["mentions"]:
        items.append(Text("\nNo coverage found yet."))
    for m in report["mentions"]:
        items.append(Text(f"\n{m['outlet']}, {day(m['published'])}: {m['title']}", style="bold"))
        items.append(Unwrapped(f"  {m['url']}"))
        if m["linked"]:
            items.append(Padding(Text("logged as coverage of this release"), (0, 0, 0, 2)))
        for used in m["quotes"]:
            items.append(Padding(Text(f"quote {used['quote']}: {used['pickup']}"), (0, 0, 0, 2)))
    return to_plain_text(items, width=width)


def distribution_items(sent: dict) -> list[Any]:
    """The distribution of a sent release as text: who it went to and which outlets covered it."""
    from rich.text import Text

    from pressroom.digest.render import bullet
    from pressroom.digest.view import day
    from pressroom.distribution.log import distribution_line

    items: list[Any] = [Text("\nDistribution", style="bold"),
                        bullet("-", distribution_line(sent).capitalize() + ".")]
    if sent["covered"]:
        items.append(bullet("-", "Covered by outlets it was sent to: " + ", ".join(
            f"{c['outlet']} ({day(c['first'])})" for c in sent["covered"]) + "."))
    if sent["not_sent"]:
        items.append(bullet("-", "Coverage from outlets not on the send: " + ", ".join(
            f"{c['outlet']} ({day(c['first'])})" for c in sent["not_sent"]) + "."))
    return items
