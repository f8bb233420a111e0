"""The digest as people read it: the JSON dict's figures and dates formatted once (AP dates,
signed changes, chart labels, safe links), shared by the text renderer and the templates."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

TYPE_LABELS = {"tv": "TV", "radio": "Radio", "print": "Print", "online": "Online",
               "trade": "Trade", "wire": "Wire", "podcast": "Podcast", None: "Other"}
PICKUP_LABELS = {"verbatim": "used verbatim", "partial": "used in part", "none": "not used"}
SAFE_SCHEMES = ("http", "https")


def day(value: str | None) -> str:
    from pressroom.apstyle import ap_date

    return ap_date(dt.date.fromisoformat(value)) if value else ""


def period_label(period: dict) -> str:
    """``Feb. 25 to March 3, 2019``; ``Dec. 30, 2019, to Jan. 5, 2020`` across a year; one day
    alone as itself."""
    since, until = period["since"], period["until"]
    if since == until:
        return day(since)
    if since[:7] == until[:7]:
        return f"{day(since).rsplit(',', 1)[0]} to {int(until[8:])}, {until[:4]}"
    if since[:4] == until[:4]:
        return f"{day(since).rsplit(',', 1)[0]} to {day(until)}"
    return f"{day(since)}, to {day(until)}"


def change(current: int, previous: int) -> str:
    delta = current - previous
    return "no change" if delta == 0 else f"{delta:+d}"


def safe_url(url: str | None) -> str | None:
    """*url* when it is an http(s) link to show as a live link, else None (shown as text only)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in url.strip()):
        return None
    return url.strip()


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


def used_by(quote: dict) -> str:
    """``verbatim in 3 mentions, in part in 1`` or ``not used``."""
    levels = quote["by_level"]
    parts = []
    if levels["verbatim"]:
        parts.append(f"verbatim in {plural(len(levels['verbatim']), 'mention')}")
    if levels["partial"]:
        partial = len(levels["partial"])
        parts.append(f"in part in {partial if parts else plural(partial, 'mention')}")
    return "used " + ", ".join(parts) if parts else "not used"


def _quote_view(q: dict) -> dict:
    return {**q, "date": day(q["published"]), "link": safe_url(q["url"])}


def _mention_view(m: dict) -> dict:
    return {**m, "date": day(m["published"]), "link": safe_url(m["url"]),
            "type_label": TYPE_LABELS.get(m.get("outlet_type"), m.get("outlet_type") or "Other")}


def digest_view(digest: dict) -> dict[str, Any]:
    from pressroom.digest import chart

    totals, previous = digest["totals"], digest["previous_totals"]
    figures = [
        {"label": "Mentions", "current": totals["mentions"], "previous": previous["mentions"]},
        {"label": "Outlets", "current": totals["outlets"], "previous": previous["outlets"]},
        {"label": "Quotes", "current": totals["quotes"], "previous": previous["quotes"]},
    ]
    types = [{"label": TYPE_LABELS.get(r["type"], r["type"]), "current": r["mentions"],
              "previous": r["previous"]} for r in digest["by_type"]]
    for row in figures + types:
        row["change"] = change(row["current"], row["previous"])
    org = digest["organization"]
    speaker = digest["speaker"]
    title = f"{org} media digest" + (f": {speaker['name']}" if speaker else "")
    label = period_label(digest["period"])
    speakers = [{**s, "quotes": [_quote_view(q) for q in s["quotes"]],
                 "count": plural(len(s["quotes"]), "quote")} for s in digest["speakers"]]
    releases = []
    for r in digest["releases"]:
        mentions = [_mention_view(m) for m in r["mentions"]]
        if r.get("distribution"):
            from pressroom.distribution.log import distribution_line

            r = {**r, "distribution_line": distribution_line(r["distribution"]).capitalize(),
                 "distribution": {key: [{**c, "date": day(c["first"])} for c in value]
                                  if isinstance(value, list) else value
                                  for key, value in r["distribution"].items()}}
        releases.append({**r, "date_label": day(r["date"]), "mentions": mentions,
                         "count": plural(len(mentions), "mention"),
                         "quotes": [{**q, "label": PICKUP_LABELS[q["pickup"]],
                                     "used_by": used_by(q)} for q in r["quotes"]]})
    timeline = [{**row, "label": chart.bucket_label(row)} for row in digest["timeline"]]
    unit = "day" if digest["timeline"] and all(r["start"] == r["end"] for r in digest["timeline"]) \
        else "week"
    return {
        "digest": digest, "title": title, "subject": f"{title}, {label}",
        "period_label": label, "previous_label": period_label(digest["previous_period"]),
        "previous_mentions": plural(previous["mentions"], "mention") if previous["mentions"]
        else "no mentions",
        "empty": digest["empty"], "figures": figures, "types": types,
        "timeline": timeline, "timeline_unit": unit,
        "timeline_note": chart.partial_note(digest["timeline"]),
        "bars": chart.text_bars(digest["timeline"]),
        "speakers": speakers, "releases": releases,
        "release_window_days": digest["release_window_days"],
        "top_outlets": [{**o, "type_label": TYPE_LABELS.get(o["type"], o["type"])}
                        for o in digest["top_outlets"]],
        "top_reporters": [{**r, "outlet_list": ", ".join(r["outlets"])}
                          for r in digest["top_reporters"]],
    }
