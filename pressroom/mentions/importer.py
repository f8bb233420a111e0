"""Importing mentions from monitoring exports (CSV) and alert feeds (RSS/Atom).

Files are streamed, never read whole (feeds excepted: they are small and capped). Valid rows are
committed in batches (5,000 rows, or fewer when their text passes 16 MB, per transaction by
default), each batch whole with its quotes, tags and search index: a killed import leaves complete
batches only, and running it again adds just the rest, since a URL already logged (after
canonicalisation) is counted as "already known" and skipped.

When a row carries article text (a ``text``/``body`` column; a feed entry's content) and names no
quote, the quotes of the workspace's spokespeople are extracted from it
(:func:`pressroom.extract.extract_quotes`) and stored as the mention's quotes (``extract=False``,
``--no-extract``: never). A feed entry's content (else its summary, an RSS description) is used
for that only: alert feeds put the snippet there, which is already the excerpt.

Decisions:
- Encoding: CSV must be UTF-8 (a BOM is fine), or UTF-16 with its byte-order mark (Meltwater's
  tab-separated export). Anything else is refused before a row is imported, with the line of the
  first bad byte: guessing cp1252 would silently garble names. Commas, tabs or semicolons
  separate the cells (read from the header line).
- Row numbers are the file's line numbers (the header is line 1), counted where a row starts.
- A cell over 1 MB rejects its row; ``--strict`` imports nothing when any row is rejected, and
  without it the good rows are imported but the command still exits with status 2.
- Feeds declaring XML entities (``<!ENTITY``) are refused before parsing: no entity expansion,
  so no "billion laughs" or quadratic blow-up.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Sequence

from pressroom.csvfile import UNCLOSED, csv_problem, csv_reader
from pressroom.csvheaders import alias_index, match_columns
from pressroom.errors import InputError, Location, PressroomError
from pressroom.mentions.outlets import check_type, learn_domain, name_key
from pressroom.mentions.records import (NAME_LIMIT, check_release, check_storable, clean_tags,
                                        login_name, parse_day, release_slugs, resolve_speaker)
from pressroom.mentions.urls import canonical_url, url_domain

BATCH_SIZE = 5000
BATCH_TEXT = 16_000_000       # characters of text after which a batch is written early
CACHE_LIMIT = 10_000          # entries in each per-import cache of cell values
# SQLite, on the importing connection only: checkpoint the WAL every 64 MiB rather than every
# 4 MiB (each checkpoint syncs the disk twice: at 1,000 pages that was a third of an import's
# time), and keep 48 MiB of pages in cache (the indexes of a large table stay in memory).
IMPORT_PRAGMAS = ("PRAGMA wal_autocheckpoint = 16384", "PRAGMA cache_size = -49152")
MAX_CELL = 1_000_000          # bytes of text in one cell (a long article is ~100 kB)
CSV_FIELD_LIMIT = 16_000_000  # what the csv module will read at all before it gives up
MAX_FEED_BYTES = 50_000_000

# Column names of common monitoring exports (Meltwater, Cision, Muck Rack, Google Sheets...),
# compared without case, spaces and punctuation (pressroom.csvheaders).
COLUMNS: dict[str, tuple[str, ...]] = {
    "url": ("url", "link", "articleurl", "articlelink", "permalink", "storyurl"),
    "title": ("title", "headline", "articletitle", "newsheadline"),
    "outlet": ("outlet", "source", "publication", "sourcename", "mediaoutlet", "publisher",
               "outletname", "publicationname", "medianame"),
    "published": ("date", "published", "publishdate", "publisheddate", "publicationdate",
                  "pubdate", "datepublished"),
    "reporter": ("reporter", "author", "byline", "journalist", "authors", "authorname",
                 "influencer"),
    "type": ("type", "mediatype", "outlettype", "sourcetype"),
    "excerpt": ("excerpt", "summary", "snippet", "description", "hitsentence"),
    "quote": ("quote",),
    "speaker": ("speaker",),
    "release": ("release",),
    "tags": ("tags", "tag"),
    "text": ("text", "body", "content", "articletext", "fulltext"),
}
REQUIRED = ("url", "title", "published")  # outlet may come from the URL's domain
_HEADER_INDEX = alias_index(COLUMNS)
_TAG_SPLIT = re.compile(r"[;,|]")
_HTML_TAG = re.compile(r"<[^>]*>")


# pg_advisory_xact_lock key that serialises import batches on PostgreSQL ("pressimp" in ASCII).
IMPORT_LOCK_KEY = 0x7072_6573_7369_6D70


@dataclass(slots=True)
class ImportRow:
    """A valid row, ready to insert."""
    url: str
    title: str
    published: dt.date
    outlet: str | None = None
    outlet_type: str | None = None
    reporter: str | None = None
    excerpt: str | None = None
    body: str | None = None
    release: str | None = None
    tags: Sequence[str] = ()
    quotes: list[tuple[str | None, str, str]] = field(default_factory=list)
    outlet_id: int | None = None  # set when written
    where: Location | None = None  # the row's place in its file, for a database refusal
    outlet_hint: str | None = None  # a feed's name for a new outlet (else named by its domain)

    def text_size(self) -> int:
        return len(self.body or "") + len(self.excerpt or "") + len(self.title)


@dataclass
class Rejection:
    where: Location
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Note(Rejection):
    """Something the import decided for a row it kept (a feed entry's missing date)."""


@dataclass
class ImportReport:
    added: int = 0
    known: int = 0
    rejected: list[Rejection] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def add(self, added: int, known: int) -> None:
        self.added += added
        self.known += known

    def summary(self) -> str:
        return f"added {self.added}, already known {self.known}, rejected {len(self.rejected)}"


class RowContext:
    """What parsing a row needs from the workspace, looked up once per import.

    Cells that repeat down a file (outlets, types, tags, speakers) are checked once each: the
    results are cached, each cache cleared when it reaches CACHE_LIMIT entries so that a file of
    all-different values cannot grow it without bound."""

    def __init__(self, workspace, *, extract: bool = True) -> None:
        self.workspace = workspace
        self.slugs = release_slugs(workspace) if workspace is not None else set()
        self.speakers = []
        if extract and workspace is not None:
            from pressroom.extract import speakers_of

            self.speakers = speakers_of(workspace.config.spokespeople)
        self._speaker_names = {s.id: s.name for s in self.speakers}
        self._speakers: dict[str, tuple[str | None, str]] = {}
        self._outlets: dict[str, str | None] = {}
        self._types: dict[str, str | None] = {}
        self._tags: dict[str, tuple[str, ...]] = {}

    def speaker(self, name: str) -> tuple[str | None, str]:
        return _cached(self._speakers, name, lambda: resolve_speaker(self.workspace, name))

    def outlet(self, cell: str) -> str | None:
        return _cached(self._outlets, cell, lambda: _outlet_name(cell))

    def outlet_type(self, cell: str) -> str | None:
        return _cached(self._types, cell, lambda: check_type(_blank(cell)))

    def tags(self, cell: str) -> tuple[str, ...]:
        return _cached(self._tags, cell, lambda: tuple(clean_tags(_TAG_SPLIT.split(cell))))

    def quotes_in(self, text: str) -> list[tuple[str | None, str, str]]:
        """The spokespeople's quotes in an article, as (speaker id, speaker name, words)."""
        if not self.speakers:
            return []
        from pressroom.extract import extract_quotes

        names = self._speaker_names
        return [(q.speaker, names.get(q.speaker) or q.speaker_name or q.speaker, q.text)
                for q in extract_quotes(text, self.speakers) if q.speaker and q.text]


def _cached(cache: dict, key: str, compute: Callable[[], Any]) -> Any:
    try:
        return cache[key]
    except KeyError:
        pass
    value = compute()  # an InputError is raised before anything is cached
    if len(cache) >= CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


def _outlet_name(cell: str) -> str | None:
    name = " ".join(cell.split()) or None
    if name is not None and not name_key(name):
        raise InputError(f"outlet '{name}' has no letters or digits")
    check_storable("the outlet", name, NAME_LIMIT)
    return name


def _blank(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


def parse_row(values: dict[str, str], ctx: RowContext, *, article: str | None = None) -> ImportRow:
    """Validate one row (column key → cell text); raises InputError saying what is wrong.

    *article* is text to find quotes in when it is not the row's own ``text`` (a feed's content).
    """
    for key, cell in values.items():
        if cell is not None and len(cell) > MAX_CELL // 4 and len(cell.encode("utf-8")) > MAX_CELL:
            raise InputError(f"cell '{key}' is larger than 1 MB")
        if cell and "\x00" in cell:
            raise InputError(f"cell '{key}' contains a NUL byte (U+0000), which cannot be stored: "
                             "row refused")
    get = values.get
    raw_url = (get("url") or "").strip()
    if not raw_url:
        raise InputError("url is empty")
    url = canonical_url(raw_url)
    title = " ".join((get("title") or "").split())
    if not title:
        raise InputError("title is empty")
    published = parse_day(get("published") or "", "date")
    outlet = get("outlet")
    kind = get("type")
    row = ImportRow(url, title, published,
                    ctx.outlet(outlet) if outlet else None,
                    ctx.outlet_type(kind) if kind else None,
                    check_storable("the reporter", _blank(get("reporter")), NAME_LIMIT),
                    _blank(get("excerpt")), _blank(get("text")))
    release = get("release")
    if release and not release.isspace():
        row.release = check_release(release.strip(), ctx.slugs)
    tags = get("tags")
    if tags:
        row.tags = ctx.tags(tags)
    quote = _blank(get("quote"))
    if quote:
        speaker = _blank(get("speaker"))
        if not speaker:
            raise InputError("the quote has no speaker")
        row.quotes.append((*ctx.speaker(speaker), quote))
    else:
        text = row.body or article
        if text and ctx.speakers:
            row.quotes = ctx.quotes_in(text)
    return row


# ---- CSV ----------------------------------------------------------------------------------------

def header_columns(header: Sequence[str], where: Location) -> dict[str, int]:
    """Map pressroom's column keys to positions; missing required columns are one error."""
    positions, _ignored = match_columns(header, _HEADER_INDEX)
    missing = [k for k in REQUIRED if k not in positions]
    if missing:
        shown = {"url": "url (or link)", "title": "title (or headline)",
                 "published": "date (or published)"}
        found = ", ".join(h for h in header if h.strip()) or "nothing"
        raise InputError(f"missing column{'s' if len(missing) > 1 else ''} "
                         f"{', '.join(shown[k] for k in missing)} (the header has: {found})",
                         where=where)
    return positions


def csv_rows(path: Path, shown: str, ctx: RowContext, progress: Callable[[int], None] | None = None
             ) -> Iterator[ImportRow | Rejection]:
    """Parsed rows of a CSV file, streamed; bad rows come as located :class:`Rejection`s."""
    import io

    from pressroom.csvfile import csv_format

    encoding, delimiter = csv_format(path, shown)
    csv.field_size_limit(CSV_FIELD_LIMIT)
    with open(path, "rb") as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        reader = csv_reader(text, delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError("the file is empty (no header row)", where=Location(shown)) from None
        except csv.Error as exc:
            problem = csv_problem(exc, shown, 1)
            if problem.message == UNCLOSED:
                raise problem from None
            raise InputError(f"cannot read the header: {problem.message}",
                             where=Location(shown, line=1)) from None
        positions = header_columns(header, Location(shown, line=1))
        keys = list(positions.items())
        full_width = max(positions.values()) + 1
        end = reader.line_num
        count = 0
        read = reader.__next__
        while True:
            start = end + 1
            try:
                cells = read()
            except StopIteration:
                break
            except csv.Error as exc:
                end = reader.line_num
                problem = csv_problem(exc, shown, start, limit=CSV_FIELD_LIMIT)
                if problem.message == UNCLOSED:  # the rest of the file is in that one field
                    raise problem from None
                yield Rejection(problem.where, problem.message)
                continue
            end = reader.line_num
            if progress is not None:
                count += 1
                if count % 1000 == 0:
                    progress(raw.tell())
            if len(cells) >= full_width:
                values = {key: cells[index] for key, index in keys}
            else:
                if not any(c.strip() for c in cells):
                    continue  # a blank line
                values = {key: cells[index] for key, index in keys if index < len(cells)}
            try:
                row = parse_row(values, ctx)
            except PressroomError as exc:
                if not any(c.strip() for c in cells):
                    continue  # a line of empty cells (",,,,"), as spreadsheets write them
                yield Rejection(Location(shown, row=start), exc.message)
            else:
                row.where = Location(shown, row=start)
                yield row
        if progress is not None:
            progress(raw.tell())


# ---- feeds --------------------------------------------------------------------------------------

def strip_html(text: str | None) -> str:
    """Alert titles and summaries carry HTML (<b>NASRO</b>, &amp;): plain text, one line."""
    if not text:
        return ""
    return " ".join(html.unescape(_HTML_TAG.sub("", text)).split())


def feed_rows(path: Path, shown: str, ctx: RowContext, progress: Callable[[int], None] | None = None
              ) -> Iterator[ImportRow | Rejection]:
    """Parsed entries of an RSS or Atom feed (parsed whole: feeds are small; capped at 50 MB)."""
    size = path.stat().st_size
    if size > MAX_FEED_BYTES:
        raise InputError(f"the feed is larger than {MAX_FEED_BYTES // 1_000_000} MB",
                         where=Location(shown))
    data = path.read_bytes()
    entity = re.search(rb"<!ENTITY", data, re.IGNORECASE)
    if entity:
        line = data.count(b"\n", 0, entity.start()) + 1
        raise InputError("the feed declares XML entities (<!ENTITY); pressroom does not expand "
                         "them (they can blow up to gigabytes), so it is refused",
                         where=Location(shown, line=line))
    import feedparser

    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = parsed.get("bozo_exception")
        line = getattr(reason, "getLineNumber", lambda: None)() if reason is not None else None
        if line and not data.lstrip(b"\xef\xbb\xbf").startswith(b"<?xml"):
            line = max(1, line - 1)  # feedparser puts an XML declaration in front
        detail = " ".join(str(reason).split()) if reason is not None else "no feed elements"
        detail = re.sub(r"^<unknown>:\d+:\d+:\s*", "", detail)
        raise InputError(f"not an RSS or Atom feed ({detail})", where=Location(shown, line=line))
    names = _FeedNames(parsed.feed)
    # dict.get: feedparser's own get() maps a missing updated_parsed to published_parsed, warning
    feed_stamp = dict.get(parsed.feed, "updated_parsed") or dict.get(parsed.feed, "published_parsed")
    for number, entry in enumerate(parsed.entries, start=1):
        where = Location(shown, record=f"entry {number}")
        stamp = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
        raw_date = " ".join((dict.get(entry, "published") or dict.get(entry, "updated") or "").split())
        published, note = _entry_date(stamp, raw_date, feed_stamp, ctx)
        values = {
            "url": entry.get("link") or "",
            "title": strip_html(entry.get("title")),
            "published": published,
            "reporter": strip_html(entry.get("author")),
            "excerpt": strip_html(entry.get("summary")),
        }
        # The text quotes are looked for in: the entry's content, else its summary (an RSS
        # alert's description holds the snippet an Atom alert keeps in its content).
        content = entry.get("content")
        article = content[0].get("value") if content else dict.get(entry, "summary")
        try:
            row = parse_row(values, ctx, article=article or None)
        except PressroomError as exc:
            yield Rejection(where, exc.message)
            continue
        row.where = where
        if row.outlet is None:
            row.outlet_hint = names.outlet(entry, row.url)
        if note:
            yield Note(where, note)
        yield row
    if progress is not None:
        progress(size)


def _entry_date(stamp: Any, raw: str, feed_stamp: Any, ctx: RowContext) -> tuple[str, str | None]:
    """A feed entry's date, and a note when it had none usable: an alert is still news without
    one, so it takes the feed's own date, else the day of the import (never a rejection).

    feedparser is lenient (2019-02-30 rolls over to March 2, a run of nines becomes the year
    9999): a date it read is used only if the text was no impossible ISO date and the year is
    between 1900 and next year."""
    from pressroom.clock import today

    now = today(ctx.workspace)

    def plausible(day: dt.date) -> bool:
        return 1900 <= day.year <= now.year + 1

    impossible = False
    if re.match(r"\d{4}-\d{2}-\d{2}", raw):
        try:
            dt.date.fromisoformat(raw[:10])
        except ValueError:
            impossible = True
    if not impossible:
        if stamp and plausible(dt.date(*stamp[:3])):
            return dt.date(*stamp[:3]).isoformat(), None
        if raw:
            try:
                day = parse_day(raw)
            except InputError:
                day = None
            if day is not None and plausible(day):
                return day.isoformat(), None
    said = f"the date '{raw[:40]}' is not usable" if raw else "no date"
    if feed_stamp and plausible(dt.date(*feed_stamp[:3])):
        day = dt.date(*feed_stamp[:3])
        return day.isoformat(), f"{said}: took the feed's date, {day.isoformat()}"
    return now.isoformat(), f"{said}: took the day of the import, {now.isoformat()}"


class _FeedNames:
    """The name a feed gives a new outlet. A publisher's own feed (its entries on the feed's own
    site) names it by the feed's title, an entry's RSS ``<source>`` by that; an alert feed's
    entries, from everywhere, by their domain (an alert's title is no outlet's name)."""

    def __init__(self, feed: Any) -> None:
        self.title = strip_html(feed.get("title"))[:300]
        self.domain = None
        link = feed.get("link")
        if link:
            try:
                self.domain = url_domain(canonical_url(link))
            except PressroomError:  # a feed's odd link: its entries are named by domain
                self.domain = None

    def outlet(self, entry: Any, url: str) -> str | None:
        source = entry.get("source") or {}
        # RSS's <source>, else Bing News's <News:Source>KXAN Austin</News:Source>
        for named in (source.get("title") if hasattr(source, "get") else None,
                      dict.get(entry, "news_source")):
            named = strip_html(named if isinstance(named, str) else None)[:300]
            if named and name_key(named):
                return named
        if not self.title or not name_key(self.title) or not self.domain:
            return None
        domain = url_domain(url)
        if domain == self.domain or domain.endswith("." + self.domain):
            return self.title
        return None


def detect_format(path: Path, fmt: str) -> str:
    if fmt in ("csv", "feed"):
        return fmt
    if fmt != "auto":
        raise InputError(f"unknown import format '{fmt}' (csv, feed or auto)")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix in (".xml", ".rss", ".atom", ".feed"):
        return "feed"
    with open(path, "rb") as handle:
        start = handle.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    return "feed" if start.startswith(b"<") else "csv"


# ---- writing ------------------------------------------------------------------------------------

class BatchWriter:
    """Inserts batches of rows, each in one transaction, with outlets cached in memory."""

    def __init__(self, store, by: str) -> None:
        self.store = store
        self.by = by
        self.logged_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
        self._outlet_by_name: dict[str, int] = {}  # the row's outlet cell, as cleaned
        self._outlet_by_key: dict[str, int] = {}
        self._outlet_by_domain: dict[str, int] = {}
        self._taught: set[int] = set()  # outlets given a chance to learn their domain

    def _known_outlet(self, row: ImportRow) -> int | None:
        if row.outlet is not None:
            return self._outlet_by_name.get(row.outlet)
        return self._outlet_by_domain.get(url_domain(row.url))

    def _outlet_id(self, conn, row: ImportRow) -> int:
        from pressroom.mentions.outlets import ensure_outlet, outlet_for_domain

        if row.outlet is not None:
            key = name_key(row.outlet)
            found = self._outlet_by_key.get(key)
            if found is None:
                found = ensure_outlet(conn, self.store.dialect, row.outlet, type=row.outlet_type)
                self._outlet_by_key[key] = found
            self._outlet_by_name[row.outlet] = found
            return found
        domain = url_domain(row.url)
        found = self._outlet_by_domain.get(domain)
        if found is None:
            outlet = outlet_for_domain(conn, domain)
            found = outlet.id if outlet else ensure_outlet(
                conn, self.store.dialect, row.outlet_hint or domain, type=row.outlet_type,
                domain=domain)
            self._outlet_by_domain[domain] = found
        return found

    def _resolve_outlets(self, rows: list[ImportRow]) -> None:
        """Find or create the batch's outlets in their own transaction, in a fixed order.

        Creating an outlet is harmless even if the batch then fails, and a fixed order means two
        importers creating the same new outlets cannot deadlock (PostgreSQL)."""
        pending = []
        for r in rows:
            r.outlet_id = self._known_outlet(r)
            if r.outlet_id is None:
                pending.append(r)
        if pending:
            pending.sort(key=lambda r: name_key(r.outlet) if r.outlet else url_domain(r.url))
            with self.store.begin() as conn:
                for r in pending:
                    r.outlet_id = self._outlet_id(conn, r)
                    if r.outlet and r.outlet_id not in self._taught:
                        self._taught.add(r.outlet_id)
                        learn_domain(conn, r.outlet_id, r.url)

    def write(self, rows: list[ImportRow]) -> tuple[int, int]:
        """Insert one batch in one transaction; returns (added, already known)."""
        unique: dict[str, ImportRow] = {}
        for row in rows:
            unique.setdefault(row.url, row)  # the first row with a URL wins
        batch = list(unique.values())
        self._resolve_outlets(batch)
        with self.store.begin() as conn:
            if self.store.dialect == "sqlite":
                added = self._write_sqlite(conn, batch)
            else:
                added = self._write_postgresql(conn, batch)
        return added, len(rows) - added

    def _write_sqlite(self, conn, rows: list[ImportRow]) -> int:
        """The SQLite fast path: plain DBAPI executemany inside the batch's transaction.

        The transaction began with BEGIN IMMEDIATE, so no other writer can insert meanwhile: the
        rows this batch added are exactly those with an id above the previous maximum, and the
        search index is filled for them with one INSERT ... SELECT."""
        from pressroom.store.search import index_sqlite_after

        cursor = conn.connection.driver_connection.cursor()
        for pragma in IMPORT_PRAGMAS:
            cursor.execute(pragma)
        before = cursor.execute("SELECT coalesce(max(id), 0) FROM mentions").fetchone()[0]
        # SQLAlchemy's storage format for DateTime on SQLite (read back by its result processor)
        logged_at = self.logged_at.strftime("%Y-%m-%d %H:%M:%S.%f")
        by = self.by
        cursor.executemany(
            "INSERT INTO mentions (url, outlet_id, title, published, reporter, excerpt, body,"
            " release_slug, logged_at, logged_by) VALUES (?,?,?,?,?,?,?,?,?,?)"
            " ON CONFLICT (url) DO NOTHING",
            [(r.url, r.outlet_id, r.title, r.published.isoformat(), r.reporter, r.excerpt, r.body,
              r.release, logged_at, by) for r in rows])
        ids = dict(cursor.execute("SELECT url, id FROM mentions WHERE id > ?", (before,)))
        if ids:
            added = [(ids[r.url], r) for r in rows if r.url in ids]
            cursor.executemany("INSERT INTO mention_tags (mention_id, tag) VALUES (?, ?)",
                               [(i, g) for i, r in added for g in r.tags])
            cursor.executemany(
                "INSERT INTO quotes (mention_id, speaker_id, speaker_name, text) VALUES (?, ?, ?, ?)",
                [(i, sid, name, text) for i, r in added for sid, name, text in r.quotes])
            index_sqlite_after(cursor, before)
        cursor.close()
        return len(ids)

    def _write_postgresql(self, conn, rows: list[ImportRow]) -> int:
        from sqlalchemy import insert, text

        from pressroom.mentions.outlets import insert_ignore
        from pressroom.store import schema as t
        from pressroom.store.search import index_new

        # Import batches take turns, as BEGIN IMMEDIATE makes them on SQLite: two batches
        # inserting overlapping URLs in file order can then never deadlock, and mention ids
        # follow the file on both databases.
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": IMPORT_LOCK_KEY})
        params = [{"url": r.url, "outlet_id": r.outlet_id, "title": r.title,
                   "published": r.published, "reporter": r.reporter, "excerpt": r.excerpt,
                   "body": r.body, "release_slug": r.release, "logged_at": self.logged_at,
                   "logged_by": self.by} for r in rows]
        inserted = conn.execute(
            insert_ignore(t.mentions, "postgresql").returning(t.mentions.c.id, t.mentions.c.url),
            params).all() if params else []
        ids = {url: mention_id for mention_id, url in inserted}
        added = [(ids[r.url], r) for r in rows if r.url in ids]
        tags = [{"mention_id": i, "tag": g} for i, r in added for g in r.tags]
        quotes = [{"mention_id": i, "speaker_id": sid, "speaker_name": name, "text": words}
                  for i, r in added for sid, name, words in r.quotes]
        if tags:
            conn.execute(insert(t.mention_tags), tags)
        if quotes:
            conn.execute(insert(t.quotes), quotes)
        index_new(conn, "postgresql", ids.values())
        return len(ids)


# ---- the whole import ---------------------------------------------------------------------------

Source = Callable[..., Iterator[ImportRow | Rejection]]


def _sources(paths: Sequence[Path], fmt: str) -> list[tuple[Path, str, Source]]:
    from pressroom.yamlfile import display_path

    found = []
    for path in paths:
        path = Path(path)
        shown = display_path(path)
        if not path.is_file():
            raise InputError("no such file" if not path.exists() else "not a file",
                             where=Location(shown))
        kind = detect_format(path, fmt)
        found.append((path, shown, csv_rows if kind == "csv" else feed_rows))
    return found


def import_files(store, workspace, paths: Sequence[Path], *, strict: bool = False,
                 fmt: str = "auto", by: str | None = None, batch_size: int = BATCH_SIZE,
                 extract: bool = True,
                 progress: Callable[[Path, int], None] | None = None) -> ImportReport:
    """Import every file; returns the counts and the rejected rows.

    With *strict*, every file is checked first and nothing is written if any row is rejected
    (the report then lists the rejections and counts nothing as added). With *extract* (the
    default), quotes are extracted from the article text of rows that name none."""
    if batch_size < 1:
        raise InputError("the batch size must be at least 1")
    sources = _sources(paths, fmt)
    report = ImportReport()
    if strict:
        check = RowContext(workspace, extract=False)  # extracting quotes never rejects a row
        for path, shown, source in sources:
            report.rejected += [r for r in source(path, shown, check)
                                if isinstance(r, Rejection) and not isinstance(r, Note)]
        if report.rejected:
            return report
    ctx = RowContext(workspace, extract=extract)
    writer = BatchWriter(store, by or login_name())
    for path, shown, source in sources:
        tick = (lambda done, _p=path: progress(_p, done)) if progress else None
        batch: list[ImportRow] = []
        text = 0
        for item in source(path, shown, ctx, tick):
            if isinstance(item, Note):
                report.notes.append(item)
                continue
            if isinstance(item, Rejection):
                report.rejected.append(item)
                continue
            batch.append(item)
            text += item.text_size()  # long articles: keep a batch's memory bounded
            if len(batch) >= batch_size or text > BATCH_TEXT:
                _write_batch(writer, batch, report)
                batch, text = [], 0
        if batch:
            _write_batch(writer, batch, report)
    return report


def _write_batch(writer: BatchWriter, batch: list[ImportRow], report: ImportReport) -> None:
    """Write a batch; if the database refuses a value in it (a limit of PostgreSQL that no check
    foresaw), write its rows one by one so that only the refused rows are lost, each reported."""
    from sqlalchemy.exc import DBAPIError

    try:
        report.add(*writer.write(batch))
        return
    except DBAPIError as exc:
        if not _refused_value(exc):
            raise
    for row in batch:
        try:
            report.add(*writer.write([row]))
        except DBAPIError as exc:
            if not _refused_value(exc):
                raise
            detail = " ".join(str(exc.orig).split()) or exc.__class__.__name__
            report.rejected.append(Rejection(row.where or Location(row.url),
                                             f"the database refused this row ({detail})"))


def _refused_value(exc) -> bool:
    """Whether a database error is about a value (SQLSTATE classes 22 'data exception' and 54
    'program limit exceeded'), not about the database or the connection."""
    state = getattr(getattr(exc, "orig", None), "sqlstate", None) or ""
    return state[:2] in ("22", "54")


def run_import(store, workspace, paths: Sequence[Path], *, strict: bool = False, fmt: str = "auto",
               by: str | None = None, batch_size: int | None = None,
               extract: bool = True) -> ImportReport:
    """The ``mention import`` command: progress bar on a terminal, rejections and a summary.

    Rejected rows are printed and the summary too; the caller exits with status 2 when the
    report has rejections (bad input always gives a non-zero exit)."""
    from pressroom.console import is_terminal, stderr, stdout

    options = dict(strict=strict, fmt=fmt, by=by, extract=extract,
                   batch_size=BATCH_SIZE if batch_size is None else batch_size)
    if is_terminal(err=True):
        report = _with_progress(store, workspace, paths, **options)
    else:
        report = import_files(store, workspace, paths, **options)
    err = stderr()
    for note in report.notes:
        err.write(f"{note.where}: note: {note.message}\n")
    for rejection in report.rejected:
        err.write(f"{rejection}\n")
    if strict and report.rejected:
        raise InputError(f"nothing imported: {len(report.rejected)} "
                         f"row{'s' if len(report.rejected) != 1 else ''} rejected (--strict)")
    stdout().write(report.summary() + "\n")
    return report


def _with_progress(store, workspace, paths, **options: Any) -> ImportReport:
    from pressroom.console import progress

    with progress("Importing", bytes=True) as bar:
        return import_files(store, workspace, paths, **options, progress=lambda path, done: bar.update(
            done, total=Path(path).stat().st_size, description=Path(path).name))
