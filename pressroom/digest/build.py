"""Assemble a digest: one plain dict, which is also the JSON form (see ``docs/digest.md`` in the
report for the keys). Every renderer reads only this dict.

Which releases show: published ones (status ``published``) dated within the period or up to
:data:`RELEASE_WINDOW_DAYS` (90) days before its end. A release's coverage is the mentions logged
with its slug (published up to the period's end) plus the period's mentions, published on or after
the release's date, whose quotes or excerpt use one of its quotes (see :mod:`pressroom.digest.pickup`).

With a speaker, the digest covers only mentions that quote that spokesperson, and only their quotes.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from pressroom.digest import pickup, queries
from pressroom.digest.lead import lead_line
from pressroom.digest.periods import Period, buckets

if TYPE_CHECKING:
    from pressroom.releases.model import Release
    from pressroom.store import Store
    from pressroom.workspace import Workspace

RELEASE_WINDOW_DAYS = 90
TOP_OUTLETS = 5
TOP_REPORTERS = 5



def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _mention_ref(m: dict) -> dict:
    return {"id": m["id"], "outlet": m["outlet"], "outlet_type": m["outlet_type"],
            "title": m["title"], "url": m["url"], "published": _iso(m["published"]),
            "reporter": m["reporter"]}


def _speaker_sections(ws: "Workspace", period_mentions: Sequence[dict],
                      quotes_by_mention: dict[int, list[dict]], speaker: str | None) -> list[dict]:
    config = ws.config
    org = config.organization.short_name
    people = {p.id: p for p in config.spokespeople}
    sections: dict[str, dict] = {}
    for mention in period_mentions:  # newest first, so each section's quotes are too
        for quote in quotes_by_mention.get(mention["id"], []):
            sid = quote["speaker_id"]
            if sid is None or (speaker is not None and sid != speaker):
                continue
            person = people.get(sid)
            name = person.name if person else quote["speaker_name"]
            title = person.title if person else ""
            section = sections.setdefault(sid, {"speaker": sid, "name": name, "title": title,
                                                "quotes": []})
            section["quotes"].append({
                "text": quote["text"], "outlet": mention["outlet"],
                "outlet_type": mention["outlet_type"], "title": mention["title"],
                "url": mention["url"], "published": _iso(mention["published"]),
                "reporter": mention["reporter"], "mention": mention["id"],
                "lead": lead_line(org=org, title=title, name=name, outlet=mention["outlet"],
                                  outlet_type=mention["outlet_type"])})
    order = {p.id: i for i, p in enumerate(config.spokespeople)}
    return sorted(sections.values(), key=lambda s: (order.get(s["speaker"], len(order)), s["name"]))


def releases_in_window(releases: Iterable["Release"], period: Period) -> list["Release"]:
    """Published releases dated in the period or up to RELEASE_WINDOW_DAYS before its end,
    newest first."""
    earliest = period.until - dt.timedelta(days=RELEASE_WINDOW_DAYS)
    chosen = [r for r in releases if r.status == "published" and earliest <= r.date <= period.until]
    return sorted(chosen, key=lambda r: (r.date, r.slug), reverse=True)


def release_pickup(release: "Release", candidates: Sequence[dict],
                   quotes_by_mention: dict[int, list[dict]], *, speaker: str | None = None) -> dict:
    """One release's pickup among *candidates* (mention rows; those logged with its slug count
    as coverage whatever they quote). Mentions come out newest first, each with how it used
    every quote."""
    shapes = [(q, pickup.QuoteShape.of(q.text)) for q in release.quotes
              if speaker is None or q.speaker_id == speaker]
    covering: list[dict] = []
    seen: set[int] = set()
    for mention in candidates:
        if mention["id"] in seen:
            continue
        seen.add(mention["id"])
        coverage = pickup.Coverage([q["text"] for q in quotes_by_mention.get(mention["id"], [])]
                                   + [mention["excerpt"]])
        levels = [shape.level_in(coverage) for _, shape in shapes]
        linked = mention["release_slug"] == release.slug
        if linked or (any(level != pickup.NONE for level in levels)
                      and mention["published"] >= release.date):
            covering.append({**_mention_ref(mention), "linked": linked, "levels": levels})
    covering.sort(key=lambda m: (m["published"], m["id"]), reverse=True)
    quote_rows = []
    for index, (quote, _) in enumerate(shapes):
        used = [m for m in covering if m["levels"][index] != pickup.NONE]
        quote_rows.append({
            "speaker": quote.speaker_id, "speaker_name": quote.speaker_name, "text": quote.text,
            "pickup": pickup.best(m["levels"][index] for m in covering),
            "mentions": [m["id"] for m in used],
            "by_level": {level: [m["id"] for m in used if m["levels"][index] == level]
                         for level in (pickup.VERBATIM, pickup.PARTIAL)}})
    mention_rows = []
    for m in covering:
        levels = m.pop("levels")
        m["quotes"] = [{"quote": i, "pickup": level} for i, level in enumerate(levels)]
        mention_rows.append(m)
    return {"slug": release.slug, "headline": release.headline, "date": _iso(release.date),
            "mentions": mention_rows, "quotes": quote_rows}


def _timeline(period: Period, period_mentions: Sequence[dict]) -> list[dict]:
    per_day = Counter(m["published"] for m in period_mentions)
    return [{"start": start.isoformat(), "end": end.isoformat(),
             "mentions": sum(n for day, n in per_day.items() if start <= day <= end)}
            for start, end in buckets(period)]


def _by_type(current: dict, previous: dict) -> list[dict]:
    kinds = set(current) | set(previous)
    rows = [{"type": kind, "mentions": current.get(kind, 0), "previous": previous.get(kind, 0)}
            for kind in kinds]
    return sorted(rows, key=lambda r: (-r["mentions"], -r["previous"], r["type"] or "~"))


def _top_outlets(period_mentions: Sequence[dict]) -> list[dict]:
    counts = Counter((m["outlet_id"], m["outlet"], m["outlet_type"]) for m in period_mentions)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0][1].casefold()))
    return [{"outlet": name, "type": kind, "mentions": n}
            for (_, name, kind), n in ranked[:TOP_OUTLETS]]


def _top_reporters(period_mentions: Sequence[dict]) -> list[dict]:
    counts: Counter = Counter()
    outlets: dict[str, Counter] = {}
    for m in period_mentions:
        reporter = " ".join((m["reporter"] or "").split())
        if reporter:
            counts[reporter] += 1
            outlets.setdefault(reporter, Counter())[m["outlet"]] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0].casefold()))
    return [{"reporter": name, "outlets": sorted(outlets[name], key=lambda o: (-outlets[name][o], o)),
             "mentions": n} for name, n in ranked[:TOP_REPORTERS]]


def build_digest(store: "Store", ws: "Workspace", period: Period, *, speaker: str | None = None,
                 releases: Sequence["Release"] | None = None) -> dict[str, Any]:
    """The digest of *period* as one JSON-ready dict. *releases* default to the workspace's."""
    if speaker is not None:
        speaker = resolve_speaker(ws, speaker)
    if releases is None:
        from pressroom.releases import load_all

        releases = load_all(ws)
    shown_releases = [r for r in releases_in_window(releases, period)
                      if speaker is None or any(q.speaker_id == speaker for q in r.quotes)]
    previous = period.previous()
    with store.connect() as conn:
        current_mentions = queries.period_mentions(conn, period, speaker)
        previous_totals = queries.totals(conn, previous, speaker)
        previous_types = queries.counts_by_type(conn, previous, speaker)
        linked = {r.slug: queries.release_mentions(conn, r.slug, period.until)
                  for r in shown_releases}
        ids = {m["id"] for m in current_mentions}
        ids.update(m["id"] for rows in linked.values() for m in rows)
        quotes_by_mention = queries.quotes_of(conn, ids)
        shown_pickup = [release_pickup(r, linked[r.slug] + current_mentions, quotes_by_mention,
                                       speaker=speaker) for r in shown_releases]
        from pressroom.distribution.log import distribution

        for item in shown_pickup:  # releases sent to media lists: their distribution
            sent = distribution(conn, item["slug"], item["mentions"])
            if sent is not None:
                item["distribution"] = sent

    totals = {"mentions": len(current_mentions),
              "outlets": len({m["outlet_id"] for m in current_mentions}),
              "quotes": sum(1 for m in current_mentions for q in quotes_by_mention.get(m["id"], [])
                            if q["speaker_id"] is not None
                            and (speaker is None or q["speaker_id"] == speaker))}
    current_types = Counter(m["outlet_type"] for m in current_mentions)
    config = ws.config
    person = config.spokesperson(speaker) if speaker else None
    return {
        "organization": config.organization.short_name,
        "period": period.as_json(),
        "previous_period": previous.as_json(),
        "speaker": ({"speaker": person.id, "name": person.name, "title": person.title}
                    if person else None),
        "empty": not current_mentions,
        "totals": totals,
        "previous_totals": previous_totals,
        "by_type": _by_type(dict(current_types), previous_types),
        "timeline": _timeline(period, current_mentions),
        "speakers": _speaker_sections(ws, current_mentions, quotes_by_mention, speaker),
        "releases": shown_pickup,
        "top_outlets": _top_outlets(current_mentions),
        "top_reporters": _top_reporters(current_mentions),
        "release_window_days": RELEASE_WINDOW_DAYS,
    }


def resolve_speaker(ws: "Workspace", key: str) -> str:
    """A spokesperson id from an id or a name; unknown ones are an error with a suggestion."""
    from pressroom.errors import NotFoundError, did_you_mean

    person = ws.config.spokesperson(key)
    if person is None:
        ids = [p.id for p in ws.config.spokespeople]
        raise NotFoundError(f"unknown spokesperson '{key}'{did_you_mean(key, ids)}"
                            + (f"; one of: {', '.join(ids)}" if ids else
                               "; pressroom.yaml lists no spokespeople"))
    return person.id
