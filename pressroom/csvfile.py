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

Exports come in three encodings and three separators: UTF-8 (with or without a byte-order mark),
UTF-16 with its byte-order mark (Meltwater's export, Excel's "Unicode Text"), each separated by
commas, tabs (the same exports) or semicolons (Excel where the decimal mark is a comma).
:func:`csv_encoding` reads the mark (nothing is guessed: a file without one must be UTF-8, and
anything else is refused with the line of the first bad byte); :func:`sniff_delimiter` counts the
separators outside quotes on the header line.
"""

from __future__ import annotations

import codecs
import csv
from pathlib import Path
from typing import Iterable

from pressroom.errors import InputError, Location

UNCLOSED = "a quoted field opened here is never closed"
DELIMITERS = (",", "\t", ";")
_SNIFF_BYTES = 1 << 16  # the header line is looked for in the file's first 64 KiB


def csv_reader(lines: Iterable[str], delimiter: str = ","):
    """A csv.reader that reports an unclosed quote instead of swallowing the file."""
    return csv.reader(lines, strict=True, delimiter=delimiter)


def csv_encoding(path: Path, shown: str) -> str:
    """The file's encoding for :func:`open`: ``utf-16`` when it starts with a UTF-16 byte-order
    mark, else ``utf-8-sig``; the whole file is decoded once (streamed) and a bad byte refused,
    naming its line."""
    with open(path, "rb") as handle:
        start = handle.read(2)
    encoding = "utf-16" if start in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else "utf-8-sig"
    if encoding == "utf-8-sig":
        with open(path, "rb") as handle:
            first = handle.read(_SNIFF_BYTES).split(b"\n", 1)[0]
        if b"\x00" in first:
            raise InputError("the header line has NUL bytes: the file looks like UTF-16 without "
                             "its byte-order mark; save it as UTF-8 (in Excel: 'CSV UTF-8') and "
                             "import it again", where=Location(shown, line=1))
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(1 << 20)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                if encoding == "utf-8-sig":
                    line += chunk.count(b"\n", 0, exc.start)
                    raise InputError(f"not UTF-8 text (line {line}); save the file as UTF-8 "
                                     "(in Excel: 'CSV UTF-8') and import it again",
                                     where=Location(shown)) from None
                order = "utf-16-le" if start == codecs.BOM_UTF16_LE else "utf-16-be"
                before = chunk[:max(0, exc.start - exc.start % 2)]
                line += before.decode(order, errors="replace").count("\n")
                raise InputError(f"not UTF-16 text (line {line}), though the file starts with "
                                 "UTF-16's byte-order mark: cut short, or a bad character; "
                                 "export it again", where=Location(shown)) from None
            if not chunk:
                return encoding
            line += text.count("\n")


def sniff_delimiter(path: Path, encoding: str) -> str:
    """The separator of the file's header line (:func:`delimiter_of`)."""
    with open(path, "rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    return delimiter_of(codecs.getincrementaldecoder(encoding)(errors="replace").decode(head))


def delimiter_of(text: str) -> str:
    """The separator of *text*'s first line: a tab or a semicolon when there are more of them
    than commas outside quotes, else a comma."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in text[:_SNIFF_BYTES]:
        if char == '"':
            quoted = not quoted
        elif quoted:
            continue
        elif char in counts:
            counts[char] += 1
        elif char in "\r\n":
            break
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))  # a tie keeps the comma
    return best if counts[best] else ","


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
