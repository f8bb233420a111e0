"""What a credential request must contain, checked field by field, from flags or from a CSV export.

Every value that can end up in a mail header (name, email, outlet, phone, role, type) is a single
line without control characters; the email is strictly checked; the name may not smuggle ``<``,
commas or quotes. Errors are located: ``--email: 'bob@' is not a valid email address`` or
``requests.csv: row 4: 'bob@' is not a valid email address``.

CSV exports of web forms are read the way the mentions import reads them: header names are
compared case- and punctuation-insensitively, a UTF-8 BOM is ignored, and each field has aliases
(:data:`COLUMN_ALIASES`). Unknown columns (a form's "Timestamp") are ignored and reported.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterator

from pressroom.csvheaders import alias_index, match_columns
from pressroom.errors import InputError, Location, PressroomError, did_you_mean

ROLES = ("reporter", "photographer", "videographer", "producer", "other")
MAX_ASSIGNMENT = 5000
MAX_EVIDENCE_BYTES = 20 * 1024 * 1024

# field -> accepted column names (compared by pressroom.csvheaders.header_key)
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name", "full name", "your name", "journalist", "contact name", "requester"),
    "first_name": ("first name", "given name", "first"),
    "last_name": ("last name", "surname", "family name", "last"),
    "email": ("email", "e-mail", "email address", "e-mail address", "mail"),
    "outlet": ("outlet", "publication", "organization", "organisation", "media outlet",
               "news organization", "news outlet", "station", "affiliation"),
    "phone": ("phone", "phone number", "telephone", "mobile", "cell", "cell phone"),
    "role": ("role", "position", "job"),
    "type": ("type", "credential", "credential type", "pass", "pass type"),
    "days": ("days", "dates", "days attending", "attending"),
    "assignment": ("assignment", "notes", "note", "story", "comments", "assignment details"),
    "evidence": ("evidence", "links", "work samples", "portfolio", "clips", "bylined work"),
}
REQUIRED_FIELDS = ("name", "email", "outlet")

Where = Callable[[str], "Location | str | None"]


@dataclass(frozen=True)
class RequestInput:
    """A request as typed or exported, before checking."""

    name: str
    email: str
    outlet: str
    phone: str = ""
    role: str = ""
    type: str = ""
    days: tuple[str, ...] = ()
    assignment: str = ""
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class CleanRequest:
    name: str
    email: str
    outlet: str
    phone: str
    role: str
    type: str
    days: tuple[date, ...]
    assignment: str
    evidence_urls: tuple[str, ...] = ()
    evidence_files: tuple[Path, ...] = field(default_factory=tuple)


def option_where(name: str) -> str:
    """Where a CLI value came from: ``--email``."""
    return f"--{name}"


def clean(raw: RequestInput, event, where: Where = option_where, *,  # noqa: ANN001 - an Event
          base: Path | None = None) -> CleanRequest:
    """Check every field of *raw* for *event*; the first problem raises a located InputError."""
    from pressroom.mail.compose import check_address, check_display_name, check_line

    name = check_display_name(raw.name or "", where("name"))
    if not name:
        raise InputError("the journalist's name is required", where=where("name"))
    email = check_address((raw.email or "").strip(), where("email"))
    outlet = " ".join(check_line(raw.outlet or "", "outlet", where("outlet")).split())
    if not outlet:
        raise InputError("the outlet is required", where=where("outlet"))
    from pressroom.mentions.outlets import name_key

    if not name_key(outlet):
        raise InputError(f"'{outlet}' is not an outlet name", where=where("outlet"))
    phone = check_line((raw.phone or "").strip(), "phone", where("phone"), max_length=50)
    if phone and not re.fullmatch(r"[0-9+().\-\s/#*]+(?:\s*(?:x|ext\.?)\s*\d+)?", phone, re.I):
        raise InputError(f"'{phone}' is not a phone number", where=where("phone"))
    role = check_line((raw.role or "").strip(), "role", where("role")).casefold() or "reporter"
    if role not in ROLES:
        raise InputError(f"unknown role '{role}'{did_you_mean(role, ROLES)}; one of: {', '.join(ROLES)}",
                         where=where("role"))
    kind = check_line((raw.type or "").strip(), "credential type", where("type"))
    kind = "-".join(kind.casefold().split()) or event.credential_types[0]
    if kind not in event.credential_types:
        raise InputError(f"unknown credential type '{kind}' for {event.id}"
                         f"{did_you_mean(kind, event.credential_types)}; one of: "
                         f"{', '.join(event.credential_types)}", where=where("type"))
    days = _days(raw.days, event, where("days"))
    assignment = (raw.assignment or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    assignment = "".join(ch for ch in assignment
                         if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Zl", "Zp"))
    if len(assignment) > MAX_ASSIGNMENT:
        raise InputError(f"the assignment is too long ({len(assignment)} characters; at most "
                         f"{MAX_ASSIGNMENT})", where=where("assignment"))
    urls, files = _evidence(raw.evidence, where("evidence"), base)
    return CleanRequest(name=name, email=email, outlet=outlet, phone=phone, role=role, type=kind,
                        days=days, assignment=assignment, evidence_urls=urls, evidence_files=files)


def _split(values: tuple[str, ...], pattern: str) -> list[str]:
    return [part.strip() for value in values for part in re.split(pattern, value or "") if part.strip()]


def _days(values: tuple[str, ...], event, where) -> tuple[date, ...]:  # noqa: ANN001
    from pressroom.yamlfile import parse_date

    parts = _split(values, r"[;\n]|,(?!\s*\d{4}(?![-/\d]))")  # "June 24, 2019" keeps its comma
    if not parts or [p.casefold() for p in parts] == ["all"]:
        return ()
    days: set[date] = set()
    for part in parts:
        try:
            day = parse_date(part, where=None, what="days")
        except PressroomError as exc:
            raise exc.located(where)
        if not event.start <= day <= event.end:
            raise InputError(f"{day.isoformat()} is not a day of {event.id} ({event.start.isoformat()} "
                             f"to {event.end.isoformat()})", where=where)
        days.add(day)
    return tuple(sorted(days))


_URL = re.compile(r"^https?://[^\s<>\"]+$", re.I)


def _evidence(values: tuple[str, ...], where, base: Path | None) -> tuple[tuple[str, ...], tuple[Path, ...]]:  # noqa: ANN001
    """Web addresses and files. *base* is the folder of the CSV the values come from (None for
    the command line): a row of an imported file is untrusted, so its files must resolve (symlinks
    followed) inside that folder; ``~``, absolute paths and ``..`` leading out of it are refused."""
    from pressroom.mail.compose import check_line, shown

    urls: list[str] = []
    files: list[Path] = []
    for value in values:
        for part in (p for p in re.split(r"[\s;]+", check_line(value, "evidence", where, max_length=2000)) if p):
            if _URL.match(part):
                urls.append(part)
                continue
            path = _evidence_path(part, where, base)
            if path.stat().st_size > MAX_EVIDENCE_BYTES:
                raise InputError(f"evidence file '{shown(part)}' is larger than 20 MB", where=where)
            files.append(path)
    return tuple(urls), tuple(files)


def _evidence_path(part: str, where, base: Path | None) -> Path:  # noqa: ANN001
    from pressroom.mail.compose import shown

    not_file = InputError(f"evidence '{shown(part)}' is neither a web address (https://...) nor "
                          "a file", where=where)
    if base is None:  # typed by the officer: any regular file they can read
        path = Path(part).expanduser()
        if not path.is_file():
            raise not_file
        return path
    folder = base.resolve()
    try:
        path = (folder / part).resolve(strict=True)
    except (OSError, RuntimeError):  # missing, a symlink loop, a name too long...
        raise not_file from None
    if not path.is_relative_to(folder):
        raise InputError(f"evidence '{shown(part)}' is outside the folder of the CSV file; files "
                         "named in an imported file must be in its folder", where=where)
    if not path.is_file():
        raise InputError(f"evidence '{shown(part)}' is not a regular file", where=where)
    return path


# --- CSV exports of a web form -----------------------------------------------------------------

_ALIAS_INDEX = alias_index(COLUMN_ALIASES)


@dataclass(frozen=True)
class CsvRow:
    row: int                 # the line the record starts on (the header is line 1)
    values: RequestInput


@dataclass(frozen=True)
class CsvReading:
    rows: list[CsvRow]
    ignored_columns: list[str]


def read_csv(path: Path, shown: str) -> CsvReading:
    """The records of a request-form export, each with its line number."""
    from pressroom.csvfile import UTF16_MARKS, not_utf16
    from pressroom.textfile import read_bytes

    data = read_bytes(path, shown)
    if data[:2] in UTF16_MARKS:  # Excel's "Unicode Text"
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise not_utf16(shown) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")  # Excel on Windows
    if "\x00" in text:
        raise InputError("not a CSV file (it contains NUL bytes)", where=Location(shown))
    return parse_csv(text, shown)


def parse_csv(text: str, shown: str = "<csv>") -> CsvReading:
    from pressroom.csvfile import csv_problem, csv_reader, delimiter_of

    text = text.lstrip("\ufeff")
    reader = csv_reader(io.StringIO(text, newline=""), delimiter_of(text))
    try:
        header = next(reader)
    except StopIteration:
        raise InputError("the file is empty", where=Location(shown)) from None
    except csv.Error as exc:
        raise csv_problem(exc, shown, 1) from None
    columns, ignored = match_columns(header, _ALIAS_INDEX)
    if "name" not in columns and not {"first_name", "last_name"} <= set(columns):
        _missing("name", header, shown)
    for name in ("email", "outlet"):
        if name not in columns:
            _missing(name, header, shown)
    rows: list[CsvRow] = []
    start = reader.line_num + 1
    for record in _records(reader, shown):
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue

        def cell(name: str) -> str:
            index = columns.get(name)
            return record[index].strip() if index is not None and index < len(record) else ""

        full_name = cell("name") or " ".join(p for p in (cell("first_name"), cell("last_name")) if p)
        rows.append(CsvRow(line, RequestInput(
            name=full_name, email=cell("email"), outlet=cell("outlet"), phone=cell("phone"),
            role=cell("role"), type=cell("type"), days=(cell("days"),) if cell("days") else (),
            assignment=cell("assignment"),
            evidence=(cell("evidence"),) if cell("evidence") else ())))
    return CsvReading(rows, ignored)


def _records(reader, shown: str) -> Iterator[list[str]]:  # noqa: ANN001
    from pressroom.csvfile import csv_problem

    while True:
        start = reader.line_num + 1  # the line the next record begins on
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise csv_problem(exc, shown, start) from None


def _missing(name: str, header: list[str], shown: str) -> None:
    looked = ", ".join(COLUMN_ALIASES[name][:4])
    found = ", ".join(h.strip() for h in header if h.strip()) or "none"
    raise InputError(f"no '{name}' column (looked for {looked}, ...; found: {found})",
                     where=Location(shown, row=1))
