"""Importing journalists: CSV exports of media databases and vCard (``.vcf``) files.

CSV headers are matched through synonyms (:data:`ALIASES`: "E-mail Address", "Media Outlet",
"Beat/Topics", first and last name or a full name...). vCard 3.0 and 4.0 are read by a small
strict reader (:func:`vcard_records`): folded lines, escapes, ``FN``/``N``, ``EMAIL``, ``ORG``,
``TITLE``, ``TEL``, ``NOTE``, ``CATEGORIES``; vCard 2.1 and quoted-printable are refused per card.

Rows are merged by normalised address: a later row for the same address updates the earlier one.
Each row is ``added``, ``updated``, ``unchanged`` or ``rejected`` (with its line); addresses on the
suppression list (forgotten journalists) are rejected. The whole file is one transaction.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from pressroom.csvheaders import alias_index, match_columns
from pressroom.errors import InputError, Location, PressroomError
from pressroom.mentions.importer import Rejection

ALIASES = {
    "email": ("email", "e-mail", "email address", "e-mail address", "work email", "email 1",
              "primary email", "contact email", "mail"),
    "name": ("name", "full name", "contact name", "journalist", "contact", "display name"),
    "first_name": ("first name", "first", "given name", "firstname", "forename"),
    "last_name": ("last name", "last", "surname", "family name", "lastname"),
    "outlet": ("outlet", "media outlet", "outlet name", "media outlet name", "publication",
               "organization", "organisation", "company", "media", "station", "network",
               "outlet(s)", "primary outlet", "publication name"),
    "beat": ("beat", "beats", "beat/topics", "topics", "coverage area", "subjects", "topic"),
    "title": ("title", "job title", "position", "role"),
    "phone": ("phone", "phone number", "work phone", "telephone", "direct phone", "mobile"),
    "note": ("note", "notes", "comments"),
}
_INDEX = alias_index(ALIASES)
FIELD_LIMIT = 100_000          # characters in one CSV cell
MAX_VCARD_LINE = 100_000       # characters in one unfolded vCard line
MAX_FILE = 200 * 1024 * 1024   # bytes


@dataclass
class Record:
    """One row or card: where it was, the address and the fields given."""

    where: Location
    email: str
    fields: dict[str, str]


@dataclass
class JournalistImport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    def summary(self) -> str:
        return (f"added {self.added}, updated {self.updated}, unchanged {self.unchanged}, "
                f"rejected {len(self.rejected)}")

    def as_dict(self) -> dict:
        return {"added": self.added, "updated": self.updated, "unchanged": self.unchanged,
                "rejected": [{"where": str(r.where), "message": r.message} for r in self.rejected]}


def _open_checked(path: Path, shown: str) -> None:
    import stat

    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("no such file", where=Location(shown)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", where=Location(shown)) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("is a folder, not a file", where=Location(shown))
    if not stat.S_ISREG(info.st_mode):
        raise InputError("is not a regular file", where=Location(shown))
    if info.st_size > MAX_FILE:
        raise InputError(f"the file is too large ({info.st_size // (1024 * 1024)} MB; at most "
                         f"{MAX_FILE // (1024 * 1024)} MB)", where=Location(shown))


# ---- CSV ----------------------------------------------------------------------------------------

def csv_records(path: Path, shown: str) -> Iterator[Record | Rejection]:
    from pressroom.csvfile import csv_format

    encoding, delimiter = csv_format(path, shown)
    csv.field_size_limit(FIELD_LIMIT)
    with open(path, "rb") as raw:
        reader = csv.reader(io.TextIOWrapper(raw, encoding=encoding, newline=""),
                            delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError("the file is empty (no header row)", where=Location(shown)) from None
        except csv.Error as exc:
            raise InputError(f"cannot read the header: {exc}", where=Location(shown, 1)) from None
        positions, _ignored = match_columns(header, _INDEX)
        if "email" not in positions:
            found = ", ".join(h.strip() for h in header if h.strip())[:200] or "nothing"
            raise InputError(f"no email column (like 'Email' or 'E-mail Address'; the header has: "
                             f"{found})", where=Location(shown, 1))
        if not ({"name", "first_name", "last_name"} & set(positions)):
            raise InputError("no name column (like 'Name', or 'First Name' and 'Last Name')",
                             where=Location(shown, 1))
        end = reader.line_num
        while True:
            start = end + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                end = reader.line_num
                message = str(exc)
                if "field larger than field limit" in message:
                    message = f"a cell is longer than {FIELD_LIMIT:,} characters"
                yield Rejection(Location(shown, start), message)
                continue
            end = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            values = {key: cells[i] for key, i in positions.items() if i < len(cells)}
            name = values.pop("name", "").strip()
            first, last = values.pop("first_name", "").strip(), values.pop("last_name", "").strip()
            values["name"] = name or " ".join(p for p in (first, last) if p)
            yield Record(Location(shown, start), values.pop("email", ""), values)


# ---- vCard --------------------------------------------------------------------------------------

_VCARD_PROPS = {"FN", "N", "EMAIL", "ORG", "TITLE", "TEL", "NOTE", "CATEGORIES"}
_PROP = re.compile(r"^(?:[A-Za-z0-9-]+\.)?(?P<name>[A-Za-z0-9-]+)(?P<params>(?:;[^:]*)?):(?P<value>.*)$",
                   re.S)


def _unfolded(text: str) -> Iterator[tuple[int, str]]:
    """(line number, logical line): a line starting with a space or tab continues the last."""
    current: list[str] = []
    number = 0
    size = 0
    for index, line in enumerate(re.split(r"\r\n|\n|\r", text), 1):
        if line[:1] in (" ", "\t") and current:
            current.append(line[1:])
            size += len(line)
            if size > MAX_VCARD_LINE:
                raise InputError(f"a folded line longer than {MAX_VCARD_LINE:,} characters",
                                 where=Location(None, number))
            continue
        if current:
            yield number, "".join(current)
        current, number, size = [line], index, len(line)
    if current:
        yield number, "".join(current)


def _unescape(value: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _components(value: str, sep: str = ";") -> list[str]:
    return [_unescape(p) for p in re.split(rf"(?<!\\){re.escape(sep)}", value)]


def vcard_records(path: Path, shown: str) -> Iterator[Record | Rejection]:
    from pressroom.textfile import read_text

    text = read_text(path, shown)
    card: dict[str, list[tuple[str, str]]] | None = None
    start = 0
    problem: str | None = None
    try:
        lines = list(_unfolded(text))
    except InputError as exc:
        raise InputError(exc.message, where=Location(shown, exc.where.line if isinstance(
            exc.where, Location) else None)) from None
    for number, line in lines:
        if not line.strip():
            continue
        upper = line.upper()
        if upper == "BEGIN:VCARD":
            if card is not None:
                yield Rejection(Location(shown, start), "BEGIN:VCARD inside a card (no END:VCARD)")
            card, start, problem = {}, number, None
            continue
        if card is None:
            yield Rejection(Location(shown, number), "a line outside BEGIN:VCARD ... END:VCARD")
            # one rejection per stray run is enough
            card, start, problem = None, number, None
            continue
        if upper == "END:VCARD":
            yield _card_record(card, Location(shown, start), problem)
            card = None
            continue
        match = _PROP.match(line)
        if match is None:
            problem = problem or f"line {number}: not a vCard property"
            continue
        name, params = match["name"].upper(), match["params"].upper()
        if "QUOTED-PRINTABLE" in params or "CHARSET=" in params:
            problem = problem or f"line {number}: vCard 2.1 encodings are not supported"
            continue
        if name == "VERSION":
            card.setdefault("VERSION", []).append((params, match["value"].strip()))
        elif name in _VCARD_PROPS:
            if "ENCODING=B" in params or "ENCODING=BASE64" in params:
                problem = problem or f"line {number}: {name} is base64-encoded"
                continue
            card.setdefault(name, []).append((params, match["value"]))
    if card is not None:
        yield Rejection(Location(shown, start), "the card has no END:VCARD")


def _card_record(card: dict, where: Location, problem: str | None) -> Record | Rejection:
    versions = [v for _p, v in card.get("VERSION", [])]
    if versions not in (["3.0"], ["4.0"]):
        shown = versions[0] if versions else "none"
        return Rejection(where, f"vCard version {shown} is not supported (3.0 or 4.0)")
    if problem:
        return Rejection(where, problem)
    emails = card.get("EMAIL", [])
    if not emails:
        return Rejection(where, "the card has no EMAIL")
    preferred = sorted(emails, key=lambda pv: ("PREF" not in pv[0] and "WORK" not in pv[0]))
    email = _unescape(preferred[0][1]).strip()
    if email.lower().startswith("mailto:"):
        email = email[7:]
    fields: dict[str, str] = {}
    if card.get("FN"):
        fields["name"] = _unescape(card["FN"][0][1])
    elif card.get("N"):
        parts = _components(card["N"][0][1]) + ["", ""]
        fields["name"] = " ".join(p for p in (parts[1], parts[0]) if p.strip())
    if card.get("ORG"):
        fields["outlet"] = _components(card["ORG"][0][1])[0]
    if card.get("TITLE"):
        fields["title"] = _unescape(card["TITLE"][0][1])
    if card.get("TEL"):
        tel = card["TEL"][0][1]
        fields["phone"] = tel[4:] if tel.lower().startswith("tel:") else _unescape(tel)
    if card.get("NOTE"):
        fields["note"] = _unescape(card["NOTE"][0][1])
    if card.get("CATEGORIES"):
        fields["beat"] = ", ".join(c.strip() for c in _components(card["CATEGORIES"][0][1], ",")
                                   if c.strip())
    return Record(where, email, fields)


# ---- writing ------------------------------------------------------------------------------------

def detect(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    if suffix in (".csv", ".txt", ".tsv"):
        return "csv"
    with open(path, "rb") as handle:
        head = handle.read(64).lstrip(b"\xef\xbb\xbf \t\r\n").upper()
    return "vcard" if head.startswith(b"BEGIN:VCARD") else "csv"


def import_journalists(store, path: Path, shown: str, *, lists: list[str] | None = None,
                       strict: bool = False) -> JournalistImport:
    """Read *path* (CSV or vCard) into the directory, in one transaction (*strict*: nothing at
    all when any row is rejected; the rejections are then in the error's report)."""
    from sqlalchemy import insert, update

    from pressroom.journalists import directory as d
    from pressroom.journalists import tables as j

    _open_checked(path, shown)
    lists = [d.check_list_name(n) for n in (lists or [])]
    records = vcard_records(path, shown) if detect(path) == "vcard" else csv_records(path, shown)
    report = JournalistImport()
    seen: dict[str, str] = {}  # email_key -> outcome in this file ("added"/"updated"/"unchanged")
    with store.begin() as conn:
        list_ids = [d.ensure_list(conn, n) for n in lists]
        for item in records:
            if isinstance(item, Rejection):
                report.rejected.append(item)
                continue
            try:
                address = d.check_email(item.email.strip(), item.where)
                fields = d.JournalistFields(**{k: v for k, v in item.fields.items()
                                               if k in d.FIELDS}).checked(item.where)
                if not fields.name:
                    raise InputError("no name", where=item.where)
            except PressroomError as exc:
                report.rejected.append(Rejection(item.where, exc.message))
                continue
            if d.is_suppressed(conn, address):
                report.rejected.append(Rejection(item.where, "the address was forgotten at the "
                                                 "journalist's request (suppression list)"))
                continue
            existing = d.find(conn, address)
            values = {"name": fields.name, "beat": fields.beat, "title": fields.title,
                      "phone": fields.phone, "note": fields.note}
            values = {k: v for k, v in values.items() if v is not None}
            if fields.outlet:
                values["outlet_id"] = d.outlet_id(conn, fields.outlet)
            if existing is None:
                moment = d.now()
                new_id = conn.execute(insert(j.journalists).values(
                    email=address, email_key=d.email_key(address), created_at=moment,
                    updated_at=moment, **values).returning(j.journalists.c.id)).scalar_one()
                d.record(conn, new_id, "added", f"imported from {item.where}")
                journalist_id, outcome = new_id, "added"
            else:
                journalist_id = existing.id
                changed = sorted(k for k, v in values.items() if getattr(existing, k) != v)
                if changed:
                    conn.execute(update(j.journalists).where(j.journalists.c.id == existing.id)
                                 .values(**values, updated_at=d.now()))
                    d.record(conn, existing.id, "edited",
                             f"imported from {item.where}: changed {', '.join(changed)}")
                outcome = "updated" if changed else "unchanged"
            joined = _join(conn, journalist_id, list_ids)
            if joined and outcome == "unchanged":
                outcome = "updated"
            key = d.email_key(address)
            previous = seen.get(key)
            if previous is None:
                setattr(report, outcome, getattr(report, outcome) + 1)
                seen[key] = outcome
            elif outcome == "updated" and previous == "unchanged":
                report.unchanged -= 1
                report.updated += 1
                seen[key] = "updated"
        if strict and report.rejected:
            raise StrictImportError(report)
    return report


class StrictImportError(InputError):
    """``--strict`` and rows were rejected: nothing was imported (the transaction rolled back)."""

    def __init__(self, report: JournalistImport) -> None:
        count = len(report.rejected)
        super().__init__(f"nothing imported: {count} row{'s' if count != 1 else ''} rejected "
                         "(--strict)")
        self.report = report


def _join(conn, journalist_id: int, list_ids: list[int]) -> bool:
    from pressroom.journalists import tables as j
    from pressroom.mentions.outlets import insert_ignore

    joined = False
    for list_id in list_ids:
        result = conn.execute(insert_ignore(j.journalist_memberships, conn.dialect.name)
                              .values(list_id=list_id, journalist_id=journalist_id))
        joined = joined or bool(result.rowcount)
    return joined
