"""Mentions and quotes: add, list, show, edit, remove.

A mention is one story about the organisation, identified by its canonical URL; its quotes are
words attributed to a spokesperson from ``pressroom.yaml`` (by id) or to anyone else (by name).
Every write runs in one transaction that also keeps the search index in step. Listings return
plain dicts: the JSON contract of ``mention list`` and ``quote list``.
"""

from __future__ import annotations

import datetime as dt
import getpass
import os
from dataclasses import dataclass
from typing import Any, Sequence

from sqlalchemy import delete, exists, func, insert, literal_column, select, update

from pressroom.errors import InputError, NotFoundError, did_you_mean
from pressroom.mentions.listing import (MAX_ID, SEARCH_LIMIT, Filters, check_range,  # noqa: F401
                                        checked_limit, clean_tags, mention_dict, parse_day,
                                        quote_dict, removed_error, shown_mention, speaker_match,
                                        with_children)
from pressroom.mentions.listing import no_such as _no_such, utc_text as _utc  # noqa: F401
from pressroom.mentions.outlets import ensure_outlet, get_outlet, insert_ignore, learn_domain
from pressroom.mentions.urls import canonical_url
from pressroom.store import schema as t
from pressroom.store.search import match_clause, reindex


# ---- values -------------------------------------------------------------------------------------

# Short text columns: PostgreSQL enforces these lengths (SQLite would store anything), so they are
# checked before either database sees the value, and both behave the same.
NAME_LIMIT = 300  # outlet, reporter and speaker names (String(300) in store.schema)


def check_storable(what: str, value: str | None, limit: int | None = None) -> str | None:
    """*value* unchanged, or an InputError: a NUL byte (which PostgreSQL cannot store and SQLite
    would keep silently) is refused, never dropped; a name longer than *limit* is refused."""
    if value is None:
        return None
    if "\x00" in value:
        raise InputError(f"{what} contains a NUL byte (U+0000), which cannot be stored: refused")
    if limit is not None and len(value) > limit:
        raise InputError(f"{what} is longer than {limit} characters")
    return value


def release_slugs(workspace) -> set[str]:
    """The slugs of the workspace's releases (from their file names, nothing parsed)."""
    from pressroom.releases import release_slugs as from_releases

    return set(from_releases(workspace))


def check_release(slug: str | None, slugs: set[str] | None = None, workspace=None) -> str | None:
    if slug is None or not slug.strip():
        return None
    slug = slug.strip()
    known = slugs if slugs is not None else release_slugs(workspace)
    if slug not in known:
        raise InputError(f"unknown release '{slug}'{did_you_mean(slug, known)}"
                         " (a release is a file releases/YYYY-MM-DD-<slug>.yaml)")
    return slug


def resolve_speaker(workspace, speaker: str) -> tuple[str | None, str]:
    """(spokesperson id or None, name): a spokesperson by id/name/variant, else a free name."""
    name = " ".join((speaker or "").split())
    if not name:
        raise InputError("a quote needs a speaker")
    check_storable("the speaker's name", name, NAME_LIMIT)
    person = workspace.config.spokesperson(name) if workspace is not None else None
    if person is not None:
        return person.id, person.name
    return None, name


def login_name() -> str:
    for var in ("USER", "LOGNAME", "USERNAME"):
        if os.environ.get(var):
            return os.environ[var]
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


# ---- add ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Added:
    id: int
    created: bool  # False: the URL was already logged as mention `id`
    removed: bool = False  # ... and that mention was removed (`mention restore` brings it back)


@dataclass
class NewMention:
    url: str
    outlet: str
    title: str
    published: dt.date | str
    outlet_type: str | None = None
    reporter: str | None = None
    release: str | None = None
    excerpt: str | None = None
    body: str | None = None
    tags: Sequence[str] = ()
    quotes: Sequence[tuple[str, str]] = ()  # (text, speaker id or name)
    by: str | None = None
    extract: bool = True  # add the spokespeople's quotes found in ``body``


def add_mention(store, workspace, new: NewMention) -> Added:
    """Log a mention (and its quotes); an already logged URL changes nothing."""
    for what, value, limit in (("the URL", new.url, None), ("the outlet", new.outlet, NAME_LIMIT),
                               ("the title", new.title, None),
                               ("the reporter", new.reporter, NAME_LIMIT),
                               ("the excerpt", new.excerpt, None), ("the text", new.body, None),
                               *(("a tag", tag, None) for tag in new.tags),
                               *(("a quote", text, None) for text, _speaker in new.quotes)):
        check_storable(what, value, limit)
    url = canonical_url(new.url)
    title = " ".join((new.title or "").split())
    if not title:
        raise InputError("a mention needs a title")
    published = new.published if isinstance(new.published, dt.date) else parse_day(new.published)
    release = check_release(new.release, workspace=workspace)
    quotes = []
    for text, speaker in new.quotes:
        if not (text or "").strip():
            raise InputError("a quote needs its words")
        quotes.append((*resolve_speaker(workspace, speaker), text.strip()))
    body = new.body
    if body and body.strip():
        from pressroom.extract import article_text, spokesperson_quotes

        if new.extract:
            quotes.extend(_new_quotes(quotes, spokesperson_quotes(body, workspace.config.spokespeople)))
        body = article_text(body)
    from pressroom.mentions.outlets import check_type

    outlet_type = check_type(new.outlet_type)
    with store.begin() as conn:
        known = conn.execute(select(m.c.id, m.c.removed_at).where(m.c.url == url)).first()
        if known is not None:
            return Added(known.id, False, known.removed_at is not None)
        outlet_id = ensure_outlet(conn, store.dialect, new.outlet, type=outlet_type)
        learn_domain(conn, outlet_id, url)
        mention_id = conn.execute(insert_ignore(t.mentions, store.dialect).values(
            url=url, outlet_id=outlet_id, title=title, published=published,
            reporter=_blank(new.reporter), excerpt=_blank(new.excerpt), body=_blank(body),
            release_slug=release, logged_at=_utc_now(), logged_by=new.by or login_name(),
        ).returning(t.mentions.c.id)).scalar()
        if mention_id is None:  # another process logged it a moment ago
            known = conn.execute(select(t.mentions.c.id).where(t.mentions.c.url == url)).scalar_one()
            return Added(known, False)
        tags = clean_tags(new.tags)
        if tags:
            conn.execute(insert(t.mention_tags), [{"mention_id": mention_id, "tag": g} for g in tags])
        if quotes:
            conn.execute(insert(t.quotes), [
                {"mention_id": mention_id, "speaker_id": sid, "speaker_name": sname, "text": text}
                for sid, sname, text in quotes])
        reindex(conn, store.dialect, [mention_id])
    return Added(mention_id, True)


def _new_quotes(given: list[tuple], found: Sequence) -> list[tuple[str | None, str, str]]:
    """Extracted quotes not already among the ones given by hand (compared by their words)."""
    def words(text: str) -> str:
        return " ".join("".join(ch for ch in text.casefold() if ch.isalnum() or ch.isspace()).split())

    seen = {words(text) for _sid, _name, text in given}
    out = []
    for quote in found:
        key = words(quote.text)
        if key and key not in seen:
            seen.add(key)
            out.append((quote.speaker, quote.speaker_name or "", quote.text))
    return out


def _blank(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


# ---- list / show --------------------------------------------------------------------------------

m, o, q = t.mentions, t.outlets, t.quotes


def _speaker_condition(workspace, speaker: str):
    column, value = speaker_match(workspace, speaker)
    if column == "speaker_id":
        return q.c.speaker_id == value
    return func.lower(q.c.speaker_name) == value


def _filtered(conn, dialect: str, workspace, query, filters: Filters, *, quote_level: bool):
    """Apply the shared filters to a query over mentions (joined to outlets)."""
    check_range(filters)
    query = query.where(t.live_mentions())  # removed ones: `mention list --removed`
    if quote_level:
        query = query.where(t.live_quotes())
    if filters.since:
        query = query.where(m.c.published >= filters.since)
    if filters.until:
        query = query.where(m.c.published <= filters.until)
    if filters.outlet:
        query = query.where(m.c.outlet_id == get_outlet(conn, filters.outlet).id)
    if filters.release:
        query = query.where(m.c.release_slug == filters.release.strip())
    if filters.speaker:
        condition = _speaker_condition(workspace, filters.speaker)
        if quote_level:
            query = query.where(condition)
        else:
            query = query.where(exists(select(q.c.id).where(q.c.mention_id == m.c.id, condition,
                                                            t.live_quotes())))
    for tag in clean_tags(filters.tags):
        query = query.where(exists(select(t.mention_tags.c.tag).where(
            t.mention_tags.c.mention_id == m.c.id, t.mention_tags.c.tag == tag)))
    ranked = False
    if filters.search is not None:
        clause = match_clause(dialect, filters.search)
        if clause is None:
            raise InputError(f"nothing to search for in '{filters.search}' (give a word)")
        hits = clause.columns(literal_column("mention_id"), literal_column("rank")).subquery("hits")
        query = query.join(hits, hits.c.mention_id == m.c.id).order_by(hits.c.rank)
        ranked = True
    return query, checked_limit(filters, ranked)


def list_mentions(store, workspace, filters: Filters | None = None) -> list[dict]:
    """Mentions matching *filters*, newest first (search results: best match first)."""
    filters = filters or Filters()
    with store.connect() as conn:
        query = (select(m.c.id, m.c.url, o.c.name.label("outlet"), o.c.type.label("outlet_type"),
                        m.c.title, m.c.published, m.c.reporter, m.c.release_slug, m.c.excerpt)
                 .join(o, o.c.id == m.c.outlet_id))
        query, limit = _filtered(conn, store.dialect, workspace, query, filters, quote_level=False)
        query = query.order_by(m.c.published.desc(), m.c.id.desc())
        if limit is not None:
            query = query.limit(limit)
        rows = conn.execute(query).all()
        return _with_children(conn, [mention_dict(r) for r in rows])


def count_mentions(store, workspace, filters: Filters | None = None) -> int:
    """How many mentions match *filters*, whatever its limit (for "50 of 5,000 shown")."""
    from dataclasses import replace

    with store.connect() as conn:
        query = select(m.c.id).join(o, o.c.id == m.c.outlet_id)
        query, _ = _filtered(conn, store.dialect, workspace, query,
                             replace(filters or Filters(), limit=None), quote_level=False)
        return conn.execute(select(func.count()).select_from(query.subquery())).scalar_one()


def _with_children(conn, mentions: list[dict]) -> list[dict]:
    """Fill in quotes and tags with one query each (per 5,000 mentions)."""
    def children(chunk: list[int]):
        return (conn.execute(select(q.c.id, q.c.mention_id, q.c.speaker_id, q.c.speaker_name,
                                    q.c.text).where(q.c.mention_id.in_(chunk), t.live_quotes())
                             .order_by(q.c.id)),
                conn.execute(select(t.mention_tags.c.mention_id, t.mention_tags.c.tag)
                             .where(t.mention_tags.c.mention_id.in_(chunk))
                             .order_by(t.mention_tags.c.tag)))

    return with_children(mentions, children)


def get_mention(store, mention_id: int) -> dict:
    """One mention with everything logged about it (the list contract plus body and logging)."""
    with store.connect() as conn:
        return _get(conn, mention_id)


def _get(conn, mention_id: int) -> dict:
    _no_such("mention", mention_id)
    row = conn.execute(select(m.c.id, m.c.url, o.c.name.label("outlet"),
                              o.c.type.label("outlet_type"), m.c.title, m.c.published,
                              m.c.reporter, m.c.release_slug, m.c.excerpt, m.c.body,
                              m.c.logged_at, m.c.logged_by, m.c.removed_at, m.c.blurb)
                       .join(o, o.c.id == m.c.outlet_id).where(m.c.id == mention_id)).first()
    return shown_mention(mention_id, row, lambda rows: _with_children(conn, rows))


# ---- edit / remove ------------------------------------------------------------------------------

EDITABLE = ("title", "published", "outlet", "reporter", "release", "excerpt", "url", "body",
            "outlet_type", "add_tags", "remove_tags", "blurb")


def edit_mention(store, workspace, mention_id: int, changes: dict[str, Any]) -> dict:
    """Change some fields of a mention; returns the mention as it now is.

    ``outlet_type`` is the type of the mention's outlet (a type belongs to the outlet, so every
    mention of it changes); ``add_tags`` and ``remove_tags`` are lists of tags."""
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise InputError(f"cannot edit {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for key, value in changes.items():
        if value is None:
            continue
        if isinstance(value, str):
            check_storable(f"the {key}", value, NAME_LIMIT if key in ("outlet", "reporter") else None)
        if key == "title":
            value = " ".join(value.split())
            if not value:
                raise InputError("a mention needs a title")
            values["title"] = value
        elif key == "published":
            values["published"] = value if isinstance(value, dt.date) else parse_day(value)
        elif key == "url":
            values["url"] = canonical_url(value)
        elif key == "release":
            values["release_slug"] = check_release(value, workspace=workspace)
        elif key in ("reporter", "excerpt", "body"):
            values[key] = _blank(value)
        elif key == "blurb":  # the website's one-line lead: one line, like a title
            values["blurb"] = " ".join(value.split()) or None
    from pressroom.mentions.outlets import check_type

    outlet_type = check_type(changes.get("outlet_type"))
    add_tags = clean_tags(changes.get("add_tags") or ())
    remove_tags = clean_tags(changes.get("remove_tags") or ())
    if not (values or changes.get("outlet") is not None or outlet_type or add_tags
            or remove_tags):
        raise InputError("nothing to change (give at least one option)")
    with store.begin() as conn:
        _get(conn, mention_id)
        if "url" in values:
            other = conn.execute(select(m.c.id).where(m.c.url == values["url"],
                                                      m.c.id != mention_id)).scalar()
            if other is not None:
                raise InputError(f"{values['url']} is already logged as mention {other}")
        if changes.get("outlet") is not None:
            values["outlet_id"] = ensure_outlet(conn, store.dialect, changes["outlet"])
        if values:
            conn.execute(update(m).where(m.c.id == mention_id).values(**values))
        if outlet_type:
            outlet_id = values.get("outlet_id") or conn.execute(
                select(m.c.outlet_id).where(m.c.id == mention_id)).scalar_one()
            conn.execute(update(o).where(o.c.id == outlet_id).values(type=outlet_type))
        tags = t.mention_tags
        if remove_tags:
            conn.execute(delete(tags).where(tags.c.mention_id == mention_id,
                                            tags.c.tag.in_(remove_tags)))
        if add_tags:
            have = set(conn.execute(select(tags.c.tag).where(tags.c.mention_id == mention_id))
                       .scalars())
            new = [tag for tag in add_tags if tag not in have]
            if new:
                conn.execute(insert(tags), [{"mention_id": mention_id, "tag": g} for g in new])
        if {"title", "excerpt", "body"} & set(values):
            reindex(conn, store.dialect, [mention_id])
        return _get(conn, mention_id)


# ---- quotes -------------------------------------------------------------------------------------

def add_quote(store, workspace, mention_id: int, speaker: str, text: str) -> int:
    text = (text or "").strip()
    if not text:
        raise InputError("a quote needs its words (--text)")
    check_storable("the quote", text)
    speaker_id, speaker_name = resolve_speaker(workspace, speaker)
    with store.begin() as conn:
        _exists(conn, mention_id)
        quote_id = conn.execute(insert(q).values(
            mention_id=mention_id, speaker_id=speaker_id, speaker_name=speaker_name, text=text)
            .returning(q.c.id)).scalar_one()
        reindex(conn, store.dialect, [mention_id])
    return quote_id


def _exists(conn, mention_id: int) -> None:
    _no_such("mention", mention_id)
    removed_at = conn.execute(select(m.c.removed_at).where(m.c.id == mention_id)).first()
    if removed_at is None:
        raise NotFoundError("no such mention", where=f"mention {mention_id}")
    if removed_at[0] is not None:
        raise removed_error("mention", mention_id, removed_at[0])


def list_quotes(store, workspace, filters: Filters | None = None) -> list[dict]:
    """Quotes matching *filters*, newest mention first (the ``quote list`` JSON contract)."""
    filters = filters or Filters()
    with store.connect() as conn:
        query = (select(q.c.id, q.c.mention_id, q.c.speaker_id, q.c.speaker_name, q.c.text,
                        o.c.name.label("outlet"), m.c.title, m.c.published, m.c.url)
                 .join(m, m.c.id == q.c.mention_id).join(o, o.c.id == m.c.outlet_id))
        query, limit = _filtered(conn, store.dialect, workspace, query, filters, quote_level=True)
        query = query.order_by(m.c.published.desc(), m.c.id.desc(), q.c.id)
        if limit is not None:
            query = query.limit(limit)
        return [quote_dict(r) for r in conn.execute(query)]
