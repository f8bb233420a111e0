"""After the decisions: the registration desk's roster and the coverage follow-up.

The roster is the approved list in CSV (spreadsheet-formula safe), Markdown (``|`` and other
Markdown characters escaped) or HTML (escaped). The follow-up matches each accredited outlet to
the store's outlets (by name or alias, through :func:`pressroom.mentions.outlets.find_outlet`) and
lists the mentions it published from the event's first day to 30 days after its last.
"""

from __future__ import annotations

import html
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from pressroom.credentials import workflow as wf
from pressroom.credentials.records import request_dict
from pressroom.credentials.tables import credential_requests as R
from pressroom.output import Column

FOLLOWUP_DAYS = 30
ROSTER_FORMATS = ("csv", "markdown", "html")


def _days_text(days: list[str]) -> str:
    if not days:
        return "all"
    from pressroom.apstyle import ap_date

    return "; ".join(ap_date(date.fromisoformat(d)).rsplit(",", 1)[0] for d in days)


ROSTER_COLUMNS = (
    Column("name", "Name"), Column("outlet", "Outlet"), Column("role", "Role"),
    Column("type", "Credential"), Column("days", "Days", value=lambda r: _days_text(r["days"])),
    Column("id", "Request"),
)


def roster_rows(store: Any, workspace: Any, event_id: str) -> list[dict[str, Any]]:
    """The approved requests of *event_id*, by outlet then name."""
    from pressroom.events import get_event

    event = get_event(workspace, event_id)
    with store.connect() as conn:
        rows = [request_dict(r) for r in conn.execute(
            select(R).where(R.c.event_id == event.id, R.c.status == wf.APPROVED))]
    return sorted(rows, key=lambda r: (r["outlet"].casefold(), (r["name"] or "").casefold(), r["id"]))


def roster_text(rows: list[dict[str, Any]], fmt: str, *, title: str = "") -> str:
    """The roster as CSV, Markdown or HTML text."""
    import io

    if fmt == "csv":
        from pressroom.output import write_csv

        out = io.StringIO()
        write_csv(rows, ROSTER_COLUMNS, out)
        return out.getvalue()
    cells = [[str(c.cell(r) if c.cell(r) is not None else "") for c in ROSTER_COLUMNS] for r in rows]
    headers = [c.header for c in ROSTER_COLUMNS]
    if fmt == "markdown":
        from pressroom.releases.markdown import escape_markdown

        lines = [f"# {escape_markdown(title)}", ""] if title else []
        lines.append("| " + " | ".join(headers) + " |")
        lines.append("|" + "|".join("---" for _ in headers) + "|")
        lines += ["| " + " | ".join(escape_markdown(cell) for cell in row) + " |" for row in cells]
        lines += ["", f"{len(rows)} credential{'s' if len(rows) != 1 else ''}"]
        return "\n".join(lines) + "\n"
    if fmt == "html":
        e = html.escape
        head = "".join(f"<th>{e(h)}</th>" for h in headers)
        body = "\n".join("    <tr>" + "".join(f"<td>{e(cell)}</td>" for cell in row) + "</tr>"
                         for row in cells)
        return ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                f"<title>{e(title)}</title>\n"
                "<style>body{font-family:sans-serif}table{border-collapse:collapse}"
                "td,th{border:1px solid #999;padding:4px 8px;text-align:left}</style>\n"
                f"</head>\n<body>\n<h1>{e(title)}</h1>\n<table>\n  <thead><tr>{head}</tr></thead>\n"
                f"  <tbody>\n{body}\n  </tbody>\n</table>\n<p>{len(rows)} credential"
                f"{'s' if len(rows) != 1 else ''}</p>\n</body>\n</html>\n")
    from pressroom.errors import InputError

    raise InputError(f"unknown roster format '{fmt}'; one of: {', '.join(ROSTER_FORMATS)}")


def followup(store: Any, workspace: Any, event_id: str) -> dict[str, Any]:
    """For each accredited outlet, its mentions from the event's start to 30 days after its end,
    and the accredited outlets that published nothing in that window."""
    from pressroom.events import get_event
    from pressroom.mentions.outlets import find_outlet
    from pressroom.store import schema as s

    event = get_event(workspace, event_id)
    until = event.end + timedelta(days=FOLLOWUP_DAYS)
    outlets: dict[str, dict[str, Any]] = {}
    with store.connect() as conn:
        for row in conn.execute(select(R).where(R.c.event_id == event.id, R.c.status == wf.APPROVED)
                                .order_by(R.c.id)):
            entry = outlets.setdefault(row.outlet_key, {"outlet": row.outlet, "credentials": 0,
                                                        "journalists": []})
            entry["credentials"] += 1
            entry["journalists"].append(row.name)
        for entry in outlets.values():
            found = find_outlet(conn, entry["outlet"])
            entry["matched"] = found.name if found else None
            mentions = []
            if found is not None:
                mentions = [{"id": m.id, "title": m.title, "url": m.url,
                             "published": m.published.isoformat()} for m in conn.execute(
                    select(s.mentions.c.id, s.mentions.c.title, s.mentions.c.url,
                           s.mentions.c.published)
                    .where(s.mentions.c.outlet_id == found.id,
                           s.mentions.c.published >= event.start, s.mentions.c.published <= until,
                           s.live_mentions())
                    .order_by(s.mentions.c.published, s.mentions.c.id))]
            entry["mentions"] = mentions
    ordered = sorted(outlets.values(), key=lambda e: e["outlet"].casefold())
    return {"event": event.id, "from": event.start.isoformat(), "to": until.isoformat(),
            "outlets": ordered, "silent": [e["outlet"] for e in ordered if not e["mentions"]]}


FOLLOWUP_COLUMNS = (
    Column("outlet", "Outlet", max_width=30, priority=0),
    Column("matched", "Known as", max_width=30, priority=2),
    Column("credentials", "Credentials", justify="right", kind="number", priority=0),
    Column("mentions", "Mentions", value=lambda e: len(e["mentions"]), justify="right",
           kind="number", priority=0),
    Column("latest", "Latest", max_width=60,
           value=lambda e: (f"{e['mentions'][-1]['published']} {e['mentions'][-1]['title']}"
                            if e["mentions"] else "")),
)
