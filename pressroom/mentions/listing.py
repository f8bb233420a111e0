"""What the mention and quote listings share, Core and SQLite fast path alike: the filters, their
checks, the values they take (dates, tags) and the shape of the rows they return (the JSON contract
of ``mention list``, ``quote list``, ``outlet list`` and ``mention show``, and what a reader
says of a removed row). Nothing here runs a query or imports SQLAlchemy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from pressroom.errors import InputError, NotFoundError

SEARCH_LIMIT = 100  # default number of results when searching
MAX_ID = 2 ** 63 - 1  # the largest id (and limit) a database column can hold
KEEP_DAYS = 30  # removed mentions and quotes are purged after this (pressroom.mentions.removal)


def parse_day(text: str, what: str = "date") -> dt.date:
    """A publication date: YYYY-MM-DD (fast), or what a monitoring export writes (03/05/2024,
    March 5, 2024, 2024-03-05T10:00:00Z)."""
    value = (text or "").strip()
    if len(value) >= 10:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    if value and any(c.isdigit() for c in value):
        from dateutil import parser as dateparser

        try:
            parsed = dateparser.parse(value, default=dt.datetime(1900, 1, 1))
        except (ValueError, OverflowError, TypeError):
            parsed = None
        if parsed is not None and parsed.year != 1900:
            return parsed.date()
    raise InputError(f"{what} '{value}' is not a date (use YYYY-MM-DD)")


def clean_tags(tags: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for tag in tags:
        tag = " ".join((tag or "").split()).lower()
        if tag:
            seen.setdefault(tag[:100], None)
    return list(seen)


@dataclass
class Filters:
    since: dt.date | None = None
    until: dt.date | None = None
    outlet: str | None = None
    speaker: str | None = None
    release: str | None = None
    search: str | None = None
    limit: int | None = None
    tags: list[str] = field(default_factory=list)


def check_range(filters: Filters) -> None:
    if filters.since and filters.until and filters.since > filters.until:
        raise InputError(f"--since {filters.since} is after --until {filters.until}")


def checked_limit(filters: Filters, ranked: bool) -> int | None:
    """The number of rows to fetch (None: all); *ranked*: a search, 100 unless told."""
    limit = filters.limit if filters.limit is not None else (SEARCH_LIMIT if ranked else None)
    if limit is not None:
        if limit < 1:
            raise InputError("--limit must be at least 1")
        limit = min(limit, MAX_ID)  # more than any database holds: all of them
    return limit


def day(value: Any) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def speaker_match(workspace: Any, speaker: str) -> tuple[str, str]:
    """How ``--speaker`` picks quotes: ("speaker_id", id) for a spokesperson of pressroom.yaml,
    else ("speaker_name", the name lower-cased), compared with ``lower(speaker_name)``."""
    person = workspace.config.spokesperson(speaker) if workspace is not None else None
    if person is not None:
        return "speaker_id", person.id
    return "speaker_name", " ".join(speaker.split()).lower()


def mention_dict(r: Any) -> dict:
    return {"id": r.id, "url": r.url, "outlet": r.outlet, "outlet_type": r.outlet_type,
            "title": r.title, "published": day(r.published), "reporter": r.reporter,
            "release": r.release_slug, "excerpt": r.excerpt, "quotes": [], "tags": []}


def quote_dict(r: Any) -> dict:
    return {"id": r.id, "mention": r.mention_id, "speaker": r.speaker_id,
            "speaker_name": r.speaker_name, "text": r.text, "outlet": r.outlet,
            "title": r.title, "published": day(r.published), "url": r.url}


CHUNK = 5000  # mention ids per query for their quotes and tags


def with_children(mentions: list[dict], children: Callable[[list[int]], tuple]) -> list[dict]:
    """Fill in quotes and tags: *children(ids)* gives the live quotes (id, mention_id,
    speaker_id, speaker_name, text; by id) and the tags (mention_id, tag; by tag) of those
    mentions, one query each per 5,000 mentions."""
    by_id = {row["id"]: row for row in mentions}
    ids = list(by_id)
    for start in range(0, len(ids), CHUNK):
        quotes, tags = children(ids[start:start + CHUNK])
        for r in quotes:
            by_id[r.mention_id]["quotes"].append(
                {"id": r.id, "speaker": r.speaker_id, "speaker_name": r.speaker_name, "text": r.text})
        for mention_id, tag in tags:
            by_id[mention_id]["tags"].append(tag)
    return mentions


def outlet_dicts(rows: Iterable[Any], aliases: Iterable[Any]) -> list[dict]:
    """``outlet list``'s rows: *rows* (id, name, type, domain, mentions) and *aliases*
    (outlet_id, alias) in the order they are listed."""
    names: dict[int, list[str]] = {}
    for outlet_id, alias in aliases:
        names.setdefault(outlet_id, []).append(alias)
    return [{"id": r.id, "name": r.name, "type": r.type, "domain": r.domain,
             "aliases": names.get(r.id, []), "mentions": r.mentions} for r in rows]


def no_such(what: str, record_id: int) -> None:
    """An id past what a database can hold names nothing (SQLite would raise OverflowError)."""
    if not 0 < record_id <= MAX_ID:
        raise NotFoundError(f"no such {what}", where=f"{what} {record_id}")


def utc_text(value: Any) -> str | None:
    """A stored moment (a datetime, or SQLite's text) as ``2024-03-05T10:00:00Z``."""
    if value is None:
        return None
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.timezone.utc)
    return value.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")


def _aware(value: Any) -> dt.datetime:
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def purge_date(removed_at: Any) -> dt.date:
    """The day (UTC) after which a row removed at *removed_at* is purged."""
    return (_aware(removed_at) + dt.timedelta(days=KEEP_DAYS)).date()


def removed_error(kind: str, row_id: int, removed_at: Any) -> NotFoundError:
    return NotFoundError(f"removed on {_aware(removed_at).date().isoformat()} (bring it back with "
                         f"'pressroom {kind} restore {row_id}' until "
                         f"{purge_date(removed_at).isoformat()})", where=f"{kind} {row_id}")


def shown_mention(mention_id: int, row: Any, children: Callable[[list[dict]], list[dict]]) -> dict:
    """``mention show``'s mention from its *row* (None: there is none), with its quotes and tags
    filled in by *children* (``with_children`` on the caller's connection)."""
    if row is None:
        raise NotFoundError("no such mention", where=f"mention {mention_id}")
    if row.removed_at is not None:
        raise removed_error("mention", mention_id, row.removed_at)
    found = children([mention_dict(row)])[0]
    found.update(body=row.body, logged_at=utc_text(row.logged_at), logged_by=row.logged_by,
                 blurb=row.blurb)
    return found
