"""Reading CSV records with the mistakes of hand-edited files named, for every CSV importer.

Python's csv module, left to itself, lets a quoted field that is never closed swallow the rest of
the file as one cell: the only symptom is a strange error about the row's *other* cells. Read in
strict mode, the same file ends with "unexpected end of data", which :func:`csv_problem` turns
into ``mentions.csv: line 2: a quoted field opened here is never closed``; text after a closing
quote (``"Knox" News``) is a located problem of its row instead of being glued on silently.

    reader = csv_reader(stream)                  # instead of csv.reader(stream)
    ...
    except csv.Error as exc:
        raise csv_problem(exc, shown, start_line)  # or keep .message for a per-row rejection
"""

from __future__ import annotations

import csv
from typing import Iterable

from pressroom.errors import InputError, Location

UNCLOSED = "a quoted field opened here is never closed"


def csv_reader(lines: Iterable[str]):
    """A csv.reader that reports an unclosed quote instead of swallowing the file."""
    return csv.reader(lines, strict=True)


def csv_problem(exc: csv.Error, shown: str, start: int, *, limit: int | None = None) -> InputError:
    """The located error for a csv.Error raised reading the record that began on line *start*.

    An unclosed quote is placed at ``line N`` (the line where the field opened, which is where
    the record began); anything else at the record's row. *limit* is the field size limit in
    bytes, for a friendlier message when a cell passes it."""
    message = str(exc)
    if message.startswith("unexpected end of data"):
        return InputError(UNCLOSED, where=Location(shown, record=f"line {start}"))
    if "expected after '\"'" in message:
        message = ("text after the closing quote of a quoted field (write a quote inside a "
                   "quoted field twice: \"\")")
    elif "field larger than field limit" in message and limit:
        message = f"a cell is larger than {limit // 1_000_000} MB"
    return InputError(message, where=Location(shown, row=start))
