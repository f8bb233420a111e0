"""One way to print every listing: a Rich table, JSON or CSV (spreadsheet-formula safe).

Commands build plain dicts (the JSON contract) and name the columns a table or CSV shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any, Callable, Iterable, Sequence

from pressroom import console as _console


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    value: Callable[[dict], Any] | None = None  # derives the cell from the row; default row[key]
    max_width: int | None = None
    justify: str = "left"

    def cell(self, row: dict) -> Any:
        return self.value(row) if self.value else row.get(self.key)


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
    import csv  # here, not at the top: every command module imports this one at start-up

    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([safe_cell(c.cell(row)) for c in columns])


def to_json(value: Any) -> str:
    import json

    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def render_rows(rows: Sequence[dict], columns: Sequence[Column], fmt: ListFormat | str, *,
                title: str | None = None, empty: str = "nothing to list") -> None:
    """Print *rows* in the chosen format on stdout."""
    fmt = ListFormat(fmt)
    out = _console.stdout()
    if fmt is ListFormat.json:
        out.write(to_json(list(rows)) + "\n")
        return
    if fmt is ListFormat.csv:
        write_csv(rows, columns, out)
        return
    con = _console.console()
    if not rows:
        con.print(f"[dim]{empty}[/dim]")
        return
    from rich.table import Table
    from rich.markup import escape

    table = Table(title=title, show_lines=False, header_style="bold")
    for column in columns:
        table.add_column(column.header, max_width=column.max_width, justify=column.justify,
                         overflow="fold")
    for row in rows:
        table.add_row(*(escape(_plain(column.cell(row))) for column in columns))
    con.print(table)


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)
