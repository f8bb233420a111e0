"""The outlet registry: names, types, web domains and name variants; lookup and merge.

Names are compared case- and punctuation-insensitively (``name_key``) and through aliases, so
"WBRC-TV", "wbrc tv" and an alias "WBRC FOX6 News" all find one outlet. Feed entries find their
outlet by the web domain of the story.

Keys are also proof against look-alikes: a name is NFKC-normalised (fullwidth ``Ｋｎｏｘ``, ligatures,
mathematical letters become plain ones), Cyrillic and Greek letters that pass for Latin ones are
read as those (``data/confusables.txt``, a skeleton in the spirit of Unicode TR 39), and only then
case-folded. ``Кnox News`` (a Cyrillic К) and ``Ｋｎｏｘ Ｎｅｗｓ`` therefore find the outlet "Knox
News", and :func:`lookalike_note` says so. A change to the key format needs a migration that
recomputes stored keys (``m0030_outlet_keys``).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from sqlalchemy import delete, exists, func, insert, select, update

from pressroom.errors import InputError, NotFoundError, did_you_mean
from pressroom.mentions.listing import outlet_dicts
from pressroom.mentions.names import (lookalike_note, lookalike_reason, name_key,  # noqa: F401
                                      no_such_outlet, skeleton)
from pressroom.store import schema as t

OUTLET_TYPES = ("tv", "radio", "print", "online", "trade", "wire", "podcast")

_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}", re.ASCII)


def check_type(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    folded = value.strip().lower()
    if folded not in OUTLET_TYPES:
        raise InputError(f"unknown outlet type '{value}'{did_you_mean(value, OUTLET_TYPES)}; "
                         f"one of: {', '.join(OUTLET_TYPES)}")
    return folded


def check_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name_key(name):
        raise InputError(f"'{name}' is not an outlet name (it needs letters or digits)")
    return name


def clean_domain(domain: str | None) -> str | None:
    if not domain:
        return None
    domain = domain.strip().lower()
    if "://" in domain:
        from pressroom.mentions.urls import canonical_url, url_domain

        return url_domain(canonical_url(domain))
    domain = domain.split("/")[0].rstrip(".")
    return domain[4:] if domain.startswith("www.") else domain


@dataclass(frozen=True)
class Outlet:
    id: int
    name: str
    type: str | None
    domain: str | None


def find_outlet(conn, name: str) -> Outlet | None:
    """The outlet called *name* (by its own name or an alias), or None."""
    key = name_key(name)
    if not key:
        return None
    cols = (t.outlets.c.id, t.outlets.c.name, t.outlets.c.type, t.outlets.c.domain)
    row = conn.execute(select(*cols).where(t.outlets.c.name_key == key)).first()
    if row is None:
        row = conn.execute(select(*cols).join(t.outlet_aliases,
                                              t.outlet_aliases.c.outlet_id == t.outlets.c.id)
                           .where(t.outlet_aliases.c.alias_key == key)).first()
    return Outlet(*row) if row else None


def get_outlet(conn, name: str) -> Outlet:
    found = find_outlet(conn, name)
    if found is None:
        raise no_such_outlet(name, conn.execute(select(t.outlets.c.name)).scalars().all())
    return found


def outlet_for_domain(conn, domain: str) -> Outlet | None:
    """The outlet whose web domain is *domain* or a parent of it (edition.cnn.com → cnn.com)."""
    cols = (t.outlets.c.id, t.outlets.c.name, t.outlets.c.type, t.outlets.c.domain)
    labels = domain.split(".")
    candidates = [".".join(labels[i:]) for i in range(len(labels) - 1)]
    if not candidates:
        return None
    rows = conn.execute(select(*cols).where(t.outlets.c.domain.in_(candidates))
                        .order_by(t.outlets.c.id)).all()
    by_domain = {r.domain: r for r in rows}
    for candidate in candidates:  # the most specific domain wins
        if candidate in by_domain:
            return Outlet(*by_domain[candidate])
    return None


def ensure_outlet(conn, dialect: str, name: str, *, type: str | None = None,
                  domain: str | None = None) -> int:
    """The id of the outlet called *name*, created if unknown (safe against concurrent writers)."""
    found = find_outlet(conn, name)
    if found is not None:
        return found.id
    name = check_name(name)
    values = {"name": name, "name_key": name_key(name), "type": check_type(type),
              "domain": clean_domain(domain)}
    conn.execute(insert_ignore(t.outlets, dialect).values(**values))
    return conn.execute(select(t.outlets.c.id).where(t.outlets.c.name_key == values["name_key"])
                        ).scalar_one()


def learn_domain(conn, outlet_id: int, url: str) -> None:
    """Give an outlet without a web domain the domain of a story logged from it, unless another
    outlet has it already or it is a site that carries many outlets' stories: a later alert-feed
    entry from that site then finds the outlet instead of creating one named after the domain."""
    from pressroom.mentions.urls import url_domain

    domain = url_domain(url)
    if not domain or "." not in domain or _shared(domain):
        return
    taken = exists().where(t.outlets.c.domain == domain)
    conn.execute(update(t.outlets)
                 .where(t.outlets.c.id == outlet_id, t.outlets.c.domain.is_(None), ~taken)
                 .values(domain=domain))


@functools.cache
def _shared_domains() -> frozenset[str]:
    path = Path(__file__).with_name("data") / "shared_domains.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _shared(domain: str) -> bool:
    labels = domain.split(".")
    return any(".".join(labels[i:]) in _shared_domains() for i in range(len(labels) - 1))


def insert_ignore(table, dialect: str):
    """INSERT ... ON CONFLICT DO NOTHING for this dialect."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


def add_outlet(store, name: str, *, type: str | None = None, domain: str | None = None,
               aliases: Iterable[str] = ()) -> int:
    """Register a new outlet with its aliases; an existing name or alias is an error."""
    name = check_name(name)
    type = check_type(type)
    domain = clean_domain(domain)
    with store.begin() as conn:
        existing = find_outlet(conn, name)
        if existing is not None:
            why = lookalike_reason(name, existing.name)
            raise InputError(f"outlet '{name}' already exists (as '{existing.name}', id {existing.id})"
                             + (f"; {why}" if why else ""))
        outlet_id = conn.execute(insert(t.outlets).values(
            name=name, name_key=name_key(name), type=type, domain=domain)
            .returning(t.outlets.c.id)).scalar_one()
        for alias in aliases:
            add_alias(conn, outlet_id, alias)
    return outlet_id


def add_alias(conn, outlet_id: int, alias: str) -> None:
    alias = check_name(alias)
    other = find_outlet(conn, alias)
    if other is not None:
        if other.id == outlet_id:
            return
        why = lookalike_reason(alias, other.name)
        raise InputError(f"'{alias}' already names outlet '{other.name}'" + (f"; {why}" if why else ""))
    conn.execute(insert(t.outlet_aliases).values(outlet_id=outlet_id, alias=alias,
                                                 alias_key=name_key(alias)))


def list_outlets(store) -> list[dict]:
    """Every outlet with its aliases and how many mentions it has (the JSON contract)."""
    counts = (select(t.mentions.c.outlet_id, func.count().label("n")).where(t.live_mentions())
              .group_by(t.mentions.c.outlet_id).subquery())
    with store.connect() as conn:
        rows = conn.execute(
            select(t.outlets, func.coalesce(counts.c.n, 0).label("mentions"))
            .outerjoin(counts, counts.c.outlet_id == t.outlets.c.id)
            .order_by(t.outlets.c.name_key)).all()
        return outlet_dicts(rows, conn.execute(select(t.outlet_aliases.c.outlet_id,
                                                      t.outlet_aliases.c.alias)
                                               .order_by(t.outlet_aliases.c.alias_key)))


def merge_outlets(store, source: str, target: str) -> dict:
    """Move *source*'s mentions and names to *target* and delete *source*, in one transaction."""
    with store.begin() as conn:
        src = get_outlet(conn, source)
        dst = get_outlet(conn, target)
        if src.id == dst.id:
            raise InputError(f"'{source}' and '{target}' are the same outlet ('{src.name}')")
        moved = conn.execute(update(t.mentions).where(t.mentions.c.outlet_id == src.id)
                             .values(outlet_id=dst.id)).rowcount
        conn.execute(update(t.outlet_aliases).where(t.outlet_aliases.c.outlet_id == src.id)
                     .values(outlet_id=dst.id))
        conn.execute(delete(t.outlets).where(t.outlets.c.id == src.id))
        # the merged outlet's own name becomes an alias of the one it was merged into
        conn.execute(insert(t.outlet_aliases).values(outlet_id=dst.id, alias=src.name,
                                                     alias_key=name_key(src.name)))
        if dst.domain is None and src.domain:
            conn.execute(update(t.outlets).where(t.outlets.c.id == dst.id)
                         .values(domain=src.domain))
        if dst.type is None and src.type:
            conn.execute(update(t.outlets).where(t.outlets.c.id == dst.id).values(type=src.type))
    return {"from": src.name, "into": dst.name, "mentions_moved": moved}


def rename_outlet(store, name: str, new_name: str) -> dict:
    """Give an outlet a new name; the old one stays as an alias, so imports still find it."""
    new_name = check_name(new_name)
    with store.begin() as conn:
        outlet = get_outlet(conn, name)
        other = find_outlet(conn, new_name)
        if other is not None and other.id != outlet.id:
            raise InputError(f"'{new_name}' already names outlet '{other.name}' (id {other.id}); "
                             f"to make them one, use: pressroom outlet merge")
        if new_name == outlet.name:
            raise InputError(f"outlet '{outlet.name}' already has that name")
        # the new name may be one of its aliases: it stops being one
        conn.execute(delete(t.outlet_aliases).where(t.outlet_aliases.c.outlet_id == outlet.id,
                                                    t.outlet_aliases.c.alias_key == name_key(new_name)))
        conn.execute(update(t.outlets).where(t.outlets.c.id == outlet.id)
                     .values(name=new_name, name_key=name_key(new_name)))
        if name_key(outlet.name) != name_key(new_name):
            conn.execute(insert(t.outlet_aliases).values(outlet_id=outlet.id, alias=outlet.name,
                                                         alias_key=name_key(outlet.name)))
    return {"id": outlet.id, "from": outlet.name, "to": new_name}


def edit_outlet(store, name: str, *, type: str | None = None, domain: str | None = None,
                add_aliases: Iterable[str] = (), remove_aliases: Iterable[str] = ()) -> dict:
    """Change an outlet's type or web domain (``""`` clears either), add or drop aliases."""
    add_aliases, remove_aliases = list(add_aliases), list(remove_aliases)
    if type is None and domain is None and not add_aliases and not remove_aliases:
        raise InputError("nothing to change (give --type, --domain, --alias or --remove-alias)")
    values = {}
    if type is not None:
        values["type"] = check_type(type)
    if domain is not None:
        values["domain"] = clean_domain(domain)
        if values["domain"] and not _HOST.fullmatch(values["domain"]):
            raise InputError(f"'{domain}' is not a web domain (like wbrc.com)")
    with store.begin() as conn:
        outlet = get_outlet(conn, name)
        if values.get("domain"):
            holder = conn.execute(select(t.outlets.c.name).where(
                t.outlets.c.domain == values["domain"], t.outlets.c.id != outlet.id)).scalar()
            if holder is not None:
                raise InputError(f"the domain {values['domain']} belongs to outlet '{holder}'")
        if values:
            conn.execute(update(t.outlets).where(t.outlets.c.id == outlet.id).values(**values))
        for alias in remove_aliases:
            gone = conn.execute(delete(t.outlet_aliases).where(
                t.outlet_aliases.c.outlet_id == outlet.id,
                t.outlet_aliases.c.alias_key == name_key(alias))).rowcount
            if not gone:
                raise NotFoundError(f"'{alias}' is not an alias of outlet '{outlet.name}'")
        for alias in add_aliases:
            add_alias(conn, outlet.id, alias)
    return {"id": outlet.id, "name": outlet.name}


def remove_outlet(store, name: str, *, move_to: str | None = None) -> dict:
    """Delete an outlet and its aliases. One with mentions is refused unless *move_to* names the
    outlet to move them to (unlike a merge, the removed outlet's names are not kept)."""
    with store.begin() as conn:
        outlet = get_outlet(conn, name)
        count = conn.execute(select(func.count()).where(t.mentions.c.outlet_id == outlet.id)
                             ).scalar_one()
        moved_to = None
        if count and move_to is None:
            raise InputError(f"outlet '{outlet.name}' has {count} mention"
                             f"{'' if count == 1 else 's'} (removed ones included): move them "
                             "with --move-to OUTLET, or keep its name too with 'outlet merge'")
        if move_to is not None:
            target = get_outlet(conn, move_to)
            if target.id == outlet.id:
                raise InputError(f"cannot move the mentions of '{outlet.name}' to itself")
            conn.execute(update(t.mentions).where(t.mentions.c.outlet_id == outlet.id)
                         .values(outlet_id=target.id))
            moved_to = target.name
        conn.execute(delete(t.outlet_aliases).where(t.outlet_aliases.c.outlet_id == outlet.id))
        conn.execute(delete(t.outlets).where(t.outlets.c.id == outlet.id))
    return {"id": outlet.id, "name": outlet.name, "mentions_moved": count if moved_to else 0,
            "moved_to": moved_to}
