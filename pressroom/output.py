"""One way to print every listing: a table for people, JSON or CSV (spreadsheet-formula safe).

Commands build plain dicts (the JSON contract), name the :class:`Column` s a table or CSV shows
and call :func:`render_rows`. A table fits the terminal: ids, dates, slugs, statuses, emails and
URLs are never cut or wrapped; free text is cut with an ellipsis; when even that does not fit,
the lowest-priority columns are left out and a footer names them. On a terminal a table shows 50
rows unless ``--limit N`` or ``--all`` is given; JSON and CSV are complete unless ``--limit``.
CSV headers are the JSON keys (snake_case) everywhere.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Iterable, Sequence

from pressroom import console as _console


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


# Kinds of cell a table never cuts or wraps (a person copies them whole); "text" is ellipsised.
WHOLE_KINDS = frozenset({"id", "date", "slug", "status", "email", "url", "number"})
TERMINAL_ROWS = 50   # rows a table shows on a terminal without --limit or --all
MIN_TEXT = 10          # the narrowest a free-text column is ever squeezed to
COMFORTABLE_TEXT = 24  # an essential text column's floor while other columns can be dropped
GAP = "  "           # between table columns


@dataclass(frozen=True)
class Column:
    """One column of a listing.

    ``key`` is the JSON key and the CSV header; ``header`` the table's heading. ``kind`` is one of
    :data:`WHOLE_KINDS` (never cut) or ``"text"`` (ellipsised, at most ``max_width`` wide).
    ``priority`` 0 is never dropped; on a narrow terminal higher numbers go first."""

    key: str
    header: str
    value: Callable[[dict], Any] | None = None  # derives the cell from the row; default row[key]
    max_width: int | None = None
    justify: str = "left"
    kind: str = "text"
    priority: int = 1

    def cell(self, row: dict) -> Any:
        return self.value(row) if self.value else row.get(self.key)

    @property
    def whole(self) -> bool:
        return self.kind in WHOLE_KINDS


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value: Any) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (``=HYPERLINK(...)`` → ``'=HYP...``)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def write_csv(rows: Iterable[dict], columns: Sequence[Column], out: Any) -> None:
    """CSV with the columns' keys as headers (the JSON keys: one style everywhere)."""
    import csv  # here, not at the top: every command module imports this one at start-up

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.key for c in columns])
    writer.writerows([safe_cell(c.cell(row)) for c in columns] for row in rows)


def to_json(value: Any) -> str:
    import json

    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def render_rows(rows: Sequence[dict], columns: Sequence[Column], fmt: ListFormat | str, *,
                title: str | None = None, empty: str = "nothing to list",
                limit: int | None = None, show_all: bool = False, newest: str = "first",
                implied: Iterable[str] = (), output: Any = None, total: int | None = None) -> None:
    """Print *rows* in the chosen format on stdout, or write them to *output* (a path; ``-`` is
    stdout) atomically.

    ``limit`` keeps the newest N rows in every format: the first rows or, with ``newest="last"``
    (listings in date order), the last ones, order kept. A table on a terminal (and not written
    to a file) shows the newest :data:`TERMINAL_ROWS` unless ``limit`` or ``show_all``. ``implied``
    names the keys of columns a filter makes the same on every row (``--event X``): a table
    leaves them out. A command that fetched only the rows a terminal shows (see
    :func:`terminal_view`) gives the number there are as ``total``."""
    fmt = ListFormat(fmt)
    rows = list(rows)
    if limit is not None:
        rows = rows[:limit] if newest == "first" else rows[len(rows) - limit:] if limit else []
    to_file = output is not None and str(output) != "-"
    if fmt is ListFormat.json:
        text = to_json(rows) + "\n"
    elif fmt is ListFormat.csv:
        import io

        buffer = io.StringIO()
        write_csv(rows, columns, buffer)
        text = buffer.getvalue()
    else:
        capped = terminal_view(fmt, limit, show_all, output)
        text = table_text(rows, columns, title=title, empty=empty, implied=implied,
                          cap=TERMINAL_ROWS if capped else None, newest=newest, total=total,
                          bold=not to_file and colour_on())
    emit(text, output)


def emit(text: str, output: Any = None) -> None:
    """*text* on stdout, or written atomically to the path *output* (``-`` is stdout) with a
    note on stderr: what every ``-o FILE`` does."""
    if output is None or str(output) == "-":
        _console.stdout().write(text)
        return
    from pressroom.atomic import write_atomic

    write_atomic(output, text)
    _console.stderr().write(f"wrote {output}\n")


def terminal_view(fmt: ListFormat | str, limit: int | None, show_all: bool, output: Any) -> bool:
    """Whether a listing shows only the newest :data:`TERMINAL_ROWS`: a table on a terminal,
    without ``--limit``, ``--all`` or ``-o FILE``. A command whose query can stop early asks
    this first, fetches that many rows and counts the rest."""
    return (ListFormat(fmt) is ListFormat.table and limit is None and not show_all
            and (output is None or str(output) == "-") and _console.is_terminal())


def colour_on() -> bool:
    """Styling for stdout: a terminal, not ``TERM=dumb``, and no ``NO_COLOR``."""
    return (_console.is_terminal() and not os.environ.get("NO_COLOR")
            and os.environ.get("TERM") != "dumb")


def terminal_width() -> int:
    """``$COLUMNS``, else the terminal's width, else 80 (as Rich and the shell do)."""
    import shutil

    return max(shutil.get_terminal_size((80, 24)).columns, 20)


def table_text(rows: Sequence[dict], columns: Sequence[Column], *, title: str | None = None,
               empty: str = "nothing to list", implied: Iterable[str] = (),
               cap: int | None = None, newest: str = "first", width: int | None = None,
               bold: bool = False, total: int | None = None) -> str:
    """A plain-text table that fits *width* columns (see the module docstring), with its
    footers: rows not shown, columns left out."""
    import textwrap

    width = width or terminal_width()
    if not rows:
        return empty + "\n"
    total = max(total or 0, len(rows))
    if cap is not None and len(rows) > cap:
        rows = rows[:cap] if newest == "first" else rows[-cap:]
    hidden = set(implied)
    columns = [c for c in columns if c.key not in hidden]
    cells = [[plain_text(c.cell(row)) for row in rows] for c in columns]
    shown, widths = fit_columns(columns, cells, width)
    out: list[str] = []
    if title:
        out += textwrap.wrap(plain_text(title), width) or [""]
    header = GAP.join(_pad(columns[i].header, widths[i], columns[i].justify) for i in shown).rstrip()
    out.append(f"\x1b[1m{header}\x1b[0m" if bold else header)
    out.append(GAP.join("─" * widths[i] for i in shown))
    for r in range(len(rows)):
        out.append(GAP.join(_pad(_cut(cells[i][r], widths[i]), widths[i], columns[i].justify)
                            for i in shown).rstrip())
    notes = []
    if len(rows) < total:
        notes.append(f"{len(rows):,} of {total:,} shown (--limit N, or --all)")
    left_out = [columns[i].header for i in range(len(columns)) if i not in shown]
    if left_out:
        notes.append(f"not shown at {width} columns: {', '.join(left_out)} "
                     "(a wider terminal, or --format csv)")
    for note in notes:
        out += textwrap.wrap(note, width, break_long_words=True)
    return "\n".join(out) + "\n"


def fit_columns(columns: Sequence[Column], cells: Sequence[Sequence[str]],
                width: int) -> tuple[list[int], list[int]]:
    """(indexes of the columns shown, width of every column).

    Whole columns get their widest cell. Text columns share what is left: an essential one
    (priority 0) is not squeezed below :data:`COMFORTABLE_TEXT` while lower-priority columns can
    be dropped instead (highest number first, the rightmost first among equals); only then are
    text columns squeezed down to :data:`MIN_TEXT`. Spare room is shared out evenly."""
    natural = []
    for column, values in zip(columns, cells):
        widest = max([display_width(v) for v in values] + [display_width(column.header)])
        if not column.whole and column.max_width:
            widest = min(widest, max(column.max_width, display_width(column.header)))
        natural.append(widest)

    def least(floor_essential: int) -> list[int]:
        return [n if c.whole else
                min(n, max(floor_essential if c.priority == 0 else MIN_TEXT,
                           display_width(c.header)))
                for c, n in zip(columns, natural)]

    def needed(indexes: list[int], mins: list[int]) -> int:
        return sum(mins[i] for i in indexes) + len(GAP) * (len(indexes) - 1)

    shown = list(range(len(columns)))
    droppable = sorted((i for i, c in enumerate(columns) if c.priority > 0),
                       key=lambda i: (columns[i].priority, i))
    mins = least(COMFORTABLE_TEXT)
    while needed(shown, mins) > width and droppable:
        shown.remove(droppable.pop())
    if needed(shown, mins) > width:
        mins = least(MIN_TEXT)
    widths = list(mins)
    spare = width - needed(shown, mins)
    growing = [i for i in shown if widths[i] < natural[i]]
    while spare > 0 and growing:  # even shares, each column up to its natural width
        share = max(spare // len(growing), 1)
        for i in list(growing):
            grow = min(share, natural[i] - widths[i], spare)
            widths[i] += grow
            spare -= grow
            if widths[i] >= natural[i]:
                growing.remove(i)
            if spare <= 0:
                break
    return shown, widths


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def plain_text(value: Any) -> str:
    """A cell as one line of inert text: no terminal escapes, no line breaks."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, (list, tuple)):
        value = ", ".join(str(v) for v in value)
    text = str(value)
    return _CONTROL.sub(_control_char, text) if not text.isprintable() else text


def _control_char(match: re.Match) -> str:
    return " " if match.group() in "\t\n\r\u2028\u2029" else "\ufffd"


def display_width(text: str) -> int:
    """Terminal cells *text* takes (wide East Asian characters 2, combining marks 0)."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(0 if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufeff" else
               2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cut(text: str, width: int) -> str:
    if display_width(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = display_width(ch)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def _pad(text: str, width: int, justify: str) -> str:
    space = " " * max(width - display_width(text), 0)
    return space + text if justify == "right" else text + space
