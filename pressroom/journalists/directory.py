"""Journalists and media lists: add, edit, show, remove, list; opt-out and forget; the history.

Addresses are compared by their normalised form (``email_key``: stripped, lower-cased). A
journalist's outlet is one of the mentions' outlets (``pressroom.mentions.outlets``), created when
unknown. ``forget`` erases every personal field and keeps only a keyed hash of the address on the
suppression list (:func:`suppression_hash`), so a later import or ``add`` cannot bring the address
back; ``optout`` keeps the journalist but excludes them from every send.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from sqlalchemy import Integer, delete, func, insert, select, update

from pressroom.errors import InputError, NotFoundError, WorkflowError, did_you_mean
from pressroom.journalists import tables as j
from pressroom.store import schema as t

FIELDS = ("name", "outlet", "beat", "title", "phone", "note")
# An RFC 2047 encoded word (=?charset?Q?...?=): decoded by the mail library when a header is
# written, it can carry a line break into the message. Never accepted in header-bound fields.
ENCODED_WORD = re.compile(r"=\?[^?\s]*\?[bBqQ]\?")
LIST_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}$")


def now() -> dt.datetime:
    from pressroom.clock import now_utc

    return now_utc()


def email_key(address: str) -> str:
    return address.strip().lower()


def check_email(value: str, where: Any = None) -> str:
    """A journalist's address, strictly checked (the mail module's rules: no line breaks, no
    encoded words, ASCII host names)."""
    from pressroom.mail.compose import check_address

    address = check_address(value or "", where, what="email address")
    if "=?" in address:
        raise InputError(f"'{address}' looks like an encoded word, not an email address", where=where)
    return address


def check_text(value: str | None, what: str, where: Any = None, *, limit: int = 200) -> str | None:
    """A one-line field (name, beat, title, phone): control characters and encoded words refused."""
    from pressroom.mail.compose import check_line

    if value is None:
        return None
    text = " ".join(check_line(value, what, where, max_length=limit * 4).split())
    if not text:
        return None
    if len(text) > limit:
        raise InputError(f"{what} is too long ({len(text)} characters; at most {limit})", where=where)
    refuse_encoded_words(text, what, where)
    return text


def refuse_encoded_words(text: str, what: str, where: Any = None) -> str:
    if ENCODED_WORD.search(text):
        raise InputError(f"{what} contains an RFC 2047 encoded word: '{text[:60]}'", where=where)
    return text


def check_name(value: str | None, where: Any = None) -> str | None:
    from pressroom.mail.compose import check_display_name

    text = check_text(value, "name", where)
    return check_display_name(text, where) if text else None


def check_note(value: str | None) -> str | None:
    if value is None:
        return None
    text = value.strip()
    if len(text) > 4000:
        raise InputError(f"the note is too long ({len(text)} characters; at most 4000)")
    return text or None


def list_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def check_list_name(name: str, where: Any = None) -> str:
    from pressroom.mail.compose import check_line

    text = " ".join(check_line(name or "", "list name", where).split())
    if not LIST_NAME.match(text):
        raise InputError(f"'{text[:60]}' is not a list name (letters, digits, spaces, . _ -; "
                         "at most 100 characters, starting with a letter or digit)", where=where)
    return text


# ---- the suppression list ----------------------------------------------------------------------

def _key(conn) -> bytes:
    """The database's secret for suppression hashes, made on first use."""
    row = conn.execute(select(j.journalist_keys.c.value)
                       .where(j.journalist_keys.c.name == "suppression")).scalar()
    if row is None:
        from pressroom.mentions.outlets import insert_ignore

        conn.execute(insert_ignore(j.journalist_keys, conn.dialect.name)
                     .values(name="suppression", value=secrets.token_hex(32)))
        row = conn.execute(select(j.journalist_keys.c.value)
                           .where(j.journalist_keys.c.name == "suppression")).scalar_one()
    return bytes.fromhex(row)


def suppression_hash(conn, address: str) -> str:
    """HMAC-SHA256 of the normalised address, keyed with this database's secret: the list proves
    an address was forgotten without holding it, and is useless to match against elsewhere."""
    return hmac.new(_key(conn), email_key(address).encode("utf-8"), hashlib.sha256).hexdigest()


def suppression_hasher(conn) -> Callable[[str], str]:
    """:func:`suppression_hash` for many addresses (the key read once)."""
    key = _key(conn)
    return lambda address: hmac.new(key, email_key(address).encode("utf-8"),
                                    hashlib.sha256).hexdigest()


def is_suppressed(conn, address: str) -> bool:
    digest = suppression_hash(conn, address)
    return conn.execute(select(func.count()).select_from(j.journalist_suppressions)
                        .where(j.journalist_suppressions.c.hash == digest)).scalar_one() > 0


# ---- history ------------------------------------------------------------------------------------

def record(conn, journalist_id: int | None, action: str, detail: str | None = None) -> None:
    from pressroom.mentions.records import login_name

    conn.execute(insert(j.journalist_history).values(
        journalist_id=journalist_id, action=action, at=now(), by=login_name()[:100],
        detail=detail))


# ---- lookups ------------------------------------------------------------------------------------

def _row_query():
    return (select(j.journalists, t.outlets.c.name.label("outlet"))
            .select_from(j.journalists.outerjoin(t.outlets,
                                                 t.outlets.c.id == j.journalists.c.outlet_id)))


def find(conn, address: str) -> Any | None:
    return conn.execute(_row_query().where(j.journalists.c.email_key == email_key(address))).first()


def get(conn, address: str) -> Any:
    row = find(conn, address)
    if row is None:
        known = conn.execute(select(j.journalists.c.email).where(j.journalists.c.email.is_not(None))
                             .limit(5000)).scalars().all()
        raise NotFoundError(f"journalist '{address}': not in the directory{did_you_mean(address, known)}")
    return row


def lists_of(conn, ids: Iterable[int]) -> dict[int, list[str]]:
    ids = list(ids)
    found: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        query = (select(j.journalist_memberships.c.journalist_id, j.journalist_lists.c.name)
                 .join(j.journalist_lists,
                       j.journalist_lists.c.id == j.journalist_memberships.c.list_id)
                 .where(j.journalist_memberships.c.journalist_id.in_(ids[start:start + 500]))
                 .order_by(j.journalist_lists.c.name_key))
        for jid, name in conn.execute(query):
            found.setdefault(jid, []).append(name)
    return found


def as_dict(row: Any, lists: list[str]) -> dict:
    """The JSON contract of a journalist."""
    def iso(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    status = ("forgotten" if row.forgotten_at else "opted out" if row.opted_out
              else "bounced" if row.bounced_at else "active")
    return {"id": row.id, "email": row.email, "name": row.name, "outlet": row.outlet,
            "beat": row.beat, "title": row.title, "phone": row.phone, "note": row.note,
            "lists": lists, "status": status, "bounced_at": iso(row.bounced_at),
            "created_at": iso(row.created_at), "updated_at": iso(row.updated_at)}


def ensure_list(conn, name: str) -> int:
    from pressroom.mentions.outlets import insert_ignore

    name = check_list_name(name)
    conn.execute(insert_ignore(j.journalist_lists, conn.dialect.name)
                 .values(name=name, name_key=list_key(name), created_at=now()))
    return conn.execute(select(j.journalist_lists.c.id)
                        .where(j.journalist_lists.c.name_key == list_key(name))).scalar_one()


def join_lists(conn, journalist_id: int, names: Iterable[str]) -> list[str]:
    """Put a journalist on lists (created when new); returns the names newly joined."""
    from pressroom.mentions.outlets import insert_ignore

    joined = []
    for name in names:
        list_id = ensure_list(conn, name)
        result = conn.execute(insert_ignore(j.journalist_memberships, conn.dialect.name)
                              .values(list_id=list_id, journalist_id=journalist_id))
        if result.rowcount:
            joined.append(check_list_name(name))
    return joined


def outlet_id(conn, name: str | None) -> int | None:
    if not name:
        return None
    from pressroom.mentions.outlets import ensure_outlet

    return ensure_outlet(conn, conn.dialect.name, name)


# ---- commands -----------------------------------------------------------------------------------

@dataclass
class JournalistFields:
    """What a user gives for a journalist (None: not given; "" clears on edit)."""

    name: str | None = None
    outlet: str | None = None
    beat: str | None = None
    title: str | None = None
    phone: str | None = None
    note: str | None = None
    lists: list[str] = field(default_factory=list)

    def checked(self, where: Any = None) -> "JournalistFields":
        return JournalistFields(
            name=check_name(self.name, where) if self.name is not None else None,
            outlet=(check_text(self.outlet, "outlet", where, limit=300)
                    if self.outlet is not None else None),
            beat=check_text(self.beat, "beat", where) if self.beat is not None else None,
            title=check_text(self.title, "title", where) if self.title is not None else None,
            phone=check_text(self.phone, "phone", where, limit=50) if self.phone is not None else None,
            note=check_note(self.note) if self.note is not None else None,
            lists=[check_list_name(n, where) for n in self.lists])


def add_journalist(store, address: str, fields: JournalistFields) -> dict:
    address = check_email(address)
    fields = fields.checked()
    if not fields.name:
        raise InputError("a journalist needs a name: give --name")
    with store.begin() as conn:
        if is_suppressed(conn, address):
            raise WorkflowError(f"'{address}' was forgotten at the journalist's request and is on "
                                "the suppression list: it cannot be added again")
        existing = find(conn, address)
        if existing is not None:
            raise InputError(f"'{address}' is already in the directory (journalist {existing.id}, "
                             f"{existing.name}); change it with 'pressroom journalist edit'")
        moment = now()
        new_id = conn.execute(insert(j.journalists).values(
            email=address, email_key=email_key(address), name=fields.name,
            outlet_id=outlet_id(conn, fields.outlet), beat=fields.beat, title=fields.title,
            phone=fields.phone, note=fields.note, created_at=moment, updated_at=moment)
            .returning(j.journalists.c.id)).scalar_one()
        join_lists(conn, new_id, fields.lists)
        record(conn, new_id, "added")
        return as_dict(find(conn, address), lists_of(conn, [new_id]).get(new_id, []))


def edit_journalist(store, address: str, fields: JournalistFields, *,
                    new_email: str | None = None, leave: Iterable[str] = ()) -> dict:
    given = {key: getattr(fields, key) for key in FIELDS if getattr(fields, key) is not None}
    fields = fields.checked()  # "" given: the field is cleared
    with store.begin() as conn:
        row = get(conn, address)
        values: dict[str, Any] = {key: getattr(fields, key) for key in given if key != "outlet"}
        if "outlet" in given:
            values["outlet_id"] = outlet_id(conn, fields.outlet)
        if new_email is not None:
            new_email = check_email(new_email)
            other = find(conn, new_email)
            if other is not None and other.id != row.id:
                raise InputError(f"'{new_email}' is already journalist {other.id}")
            if is_suppressed(conn, new_email):
                raise WorkflowError(f"'{new_email}' is on the suppression list")
            values.update(email=new_email, email_key=email_key(new_email))
        changed = sorted(k for k, v in values.items() if getattr(row, k) != v)
        if "name" in values and not values["name"]:
            raise InputError("a journalist needs a name")
        joined = join_lists(conn, row.id, fields.lists)
        left = []
        for name in leave:
            list_id = conn.execute(select(j.journalist_lists.c.id).where(
                j.journalist_lists.c.name_key == list_key(name))).scalar()
            if list_id is None:
                raise NotFoundError(f"list '{name}': no such list")
            gone = conn.execute(delete(j.journalist_memberships).where(
                j.journalist_memberships.c.list_id == list_id,
                j.journalist_memberships.c.journalist_id == row.id))
            if gone.rowcount:
                left.append(name)
        if values:
            conn.execute(update(j.journalists).where(j.journalists.c.id == row.id)
                         .values(**values, updated_at=now()))
        detail = ", ".join([*(f"changed {c}" for c in changed), *(f"joined {n}" for n in joined),
                            *(f"left {n}" for n in left)])
        if detail:
            record(conn, row.id, "edited", detail)
        fresh = conn.execute(_row_query().where(j.journalists.c.id == row.id)).one()
        return as_dict(fresh, lists_of(conn, [row.id]).get(row.id, []))


def show_journalist(store, address: str) -> dict:
    """A journalist with their lists, their stories (mentions with them as reporter), their sends
    and their history."""
    with store.connect() as conn:
        row = get(conn, address)
        result = as_dict(row, lists_of(conn, [row.id]).get(row.id, []))
        stories = []
        if row.name:
            query = (select(t.mentions.c.id, t.mentions.c.published, t.mentions.c.title,
                            t.mentions.c.url, t.outlets.c.name.label("outlet"))
                     .join(t.outlets, t.outlets.c.id == t.mentions.c.outlet_id)
                     .where(func.lower(t.mentions.c.reporter) == row.name.lower())
                     .order_by(t.mentions.c.published.desc(), t.mentions.c.id.desc()))
            stories = [{"id": r.id, "published": r.published.isoformat(), "title": r.title,
                        "outlet": r.outlet, "url": r.url} for r in conn.execute(query)]
        sends = [{"release": r.release_slug, "status": r.status, "at": r.at.isoformat()}
                 for r in conn.execute(select(j.distribution_sends)
                                       .where(j.distribution_sends.c.journalist_id == row.id)
                                       .order_by(j.distribution_sends.c.at))]
        history = [{"action": r.action, "at": r.at.isoformat(), "by": r.by, "detail": r.detail}
                   for r in conn.execute(select(j.journalist_history)
                                         .where(j.journalist_history.c.journalist_id == row.id)
                                         .order_by(j.journalist_history.c.id))]
    return {**result, "stories": stories, "sends": sends, "history": history}


def remove_journalist(store, address: str) -> dict:
    """Delete a journalist who was never sent anything; otherwise 'forget' is the way."""
    with store.begin() as conn:
        row = get(conn, address)
        sent = conn.execute(select(func.count()).select_from(j.distribution_sends)
                            .where(j.distribution_sends.c.journalist_id == row.id)).scalar_one()
        if sent:
            raise WorkflowError(f"journalist '{row.email}' is in the send log of {sent} "
                                "release(s): use 'pressroom journalist forget' to erase them")
        conn.execute(update(j.journalist_history).where(j.journalist_history.c.journalist_id == row.id)
                     .values(journalist_id=None))
        conn.execute(delete(j.journalists).where(j.journalists.c.id == row.id))
        record(conn, None, "removed", f"journalist {row.id}")
    return {"id": row.id, "email": row.email, "name": row.name}


def opt_out(store, address: str, *, undo: bool = False) -> dict:
    with store.begin() as conn:
        row = get(conn, address)
        if row.opted_out != (not undo):
            conn.execute(update(j.journalists).where(j.journalists.c.id == row.id)
                         .values(opted_out=not undo, updated_at=now()))
            record(conn, row.id, "opted in" if undo else "opted out")
        return {"id": row.id, "email": row.email, "opted_out": not undo}


def forget(store, address: str) -> dict:
    """Erase every personal field, keep a keyed hash of the address on the suppression list."""
    address = check_email(address)
    with store.begin() as conn:
        row = find(conn, address)
        from pressroom.mentions.outlets import insert_ignore

        conn.execute(insert_ignore(j.journalist_suppressions, conn.dialect.name).values(
            hash=suppression_hash(conn, address), reason="forgotten", at=now()))
        if row is None:
            record(conn, None, "suppressed", "an address not in the directory")
            return {"id": None, "forgotten": True}
        conn.execute(update(j.journalists).where(j.journalists.c.id == row.id).values(
            email=None, email_key=None, name=None, outlet_id=None, beat=None, title=None,
            phone=None, note=None, opted_out=True, forgotten_at=now(), updated_at=now()))
        conn.execute(delete(j.journalist_memberships)
                     .where(j.journalist_memberships.c.journalist_id == row.id))
        # The history keeps what happened, not who it happened to: details may name the person.
        conn.execute(update(j.journalist_history).where(j.journalist_history.c.journalist_id == row.id)
                     .values(detail=None))
        conn.execute(update(j.distribution_bounces)
                     .where(j.distribution_bounces.c.journalist_id == row.id)
                     .values(diagnostic=None, source=None))
        record(conn, row.id, "forgotten")
    return {"id": row.id, "forgotten": True}


@dataclass
class Filters:
    list: str | None = None
    outlet: str | None = None
    beat: str | None = None
    search: str | None = None


def list_journalists(store, filters: Filters | None = None) -> list[dict]:
    filters = filters or Filters()
    query = _row_query().where(j.journalists.c.forgotten_at.is_(None))
    with store.connect() as conn:
        if filters.list:
            list_id = find_list(conn, filters.list)
            query = query.where(j.journalists.c.id.in_(
                select(j.journalist_memberships.c.journalist_id)
                .where(j.journalist_memberships.c.list_id == list_id)))
        if filters.outlet:
            from pressroom.mentions.outlets import get_outlet

            query = query.where(j.journalists.c.outlet_id == get_outlet(conn, filters.outlet).id)
        if filters.beat:
            query = query.where(func.lower(j.journalists.c.beat).contains(filters.beat.lower(),
                                                                          autoescape=True))
        for word in (filters.search or "").split():
            pattern = word.lower()
            query = query.where(
                func.lower(j.journalists.c.name).contains(pattern, autoescape=True)
                | func.lower(j.journalists.c.email).contains(pattern, autoescape=True)
                | func.lower(t.outlets.c.name).contains(pattern, autoescape=True)
                | func.lower(j.journalists.c.beat).contains(pattern, autoescape=True))
        rows = conn.execute(query.order_by(j.journalists.c.name, j.journalists.c.id)).all()
        memberships = lists_of(conn, [r.id for r in rows])
    return [as_dict(r, memberships.get(r.id, [])) for r in rows]


def list_names(conn) -> list[str]:
    return conn.execute(select(j.journalist_lists.c.name)
                        .order_by(j.journalist_lists.c.name_key)).scalars().all()


def find_list(conn, name: str) -> int:
    """The id of list *name*; an unknown name is an error with a did-you-mean."""
    list_id = conn.execute(select(j.journalist_lists.c.id)
                           .where(j.journalist_lists.c.name_key == list_key(name))).scalar()
    if list_id is None:
        names = list_names(conn)
        known = f"; lists: {', '.join(names)}" if names and not did_you_mean(name, names) else ""
        raise NotFoundError(f"list '{name}': no such list{did_you_mean(name, names)}{known}")
    return list_id


def media_lists(store) -> list[dict]:
    """Each list with its member count (and how many of them can be mailed)."""
    members = (select(j.journalist_memberships.c.list_id,
                      func.count().label("members"),
                      func.sum(func.cast(~j.journalists.c.opted_out
                                         & j.journalists.c.bounced_at.is_(None)
                                         & j.journalists.c.email.is_not(None), Integer)
                               ).label("mailable"))
               .join(j.journalists, j.journalists.c.id == j.journalist_memberships.c.journalist_id)
               .group_by(j.journalist_memberships.c.list_id).subquery())
    with store.connect() as conn:
        rows = conn.execute(select(j.journalist_lists.c.name,
                                   func.coalesce(members.c.members, 0).label("members"),
                                   func.coalesce(members.c.mailable, 0).label("mailable"))
                            .outerjoin(members, members.c.list_id == j.journalist_lists.c.id)
                            .order_by(j.journalist_lists.c.name_key)).all()
    return [{"name": r.name, "members": int(r.members), "mailable": int(r.mailable)} for r in rows]


def history(store, address: str | None = None) -> list[dict]:
    with store.connect() as conn:
        query = select(j.journalist_history).order_by(j.journalist_history.c.id)
        if address is not None:
            query = query.where(j.journalist_history.c.journalist_id == get(conn, address).id)
        return [{"at": r.at.isoformat(), "journalist": r.journalist_id, "action": r.action,
                 "by": r.by, "detail": r.detail} for r in conn.execute(query)]

