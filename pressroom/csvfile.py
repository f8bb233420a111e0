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
:func:`csv_format` reads the mark (nothing is guessed: a file without one must be UTF-8, and
anything else is refused with the line of the first bad byte) and counts the separators outside
quotes on the header line (:func:`delimiter_of`).
"""

from __future__ import annotations

import codecs
import csv
from pathlib import Path
from typing import BinaryIO, Iterable

from pressroom.errors import InputError, Location

UNCLOSED = "a quoted field opened here is never closed"
DELIMITERS = (",", "\t", ";")
UTF16_MARKS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SNIFF_BYTES = 1 << 16  # the header line is looked for in the file's first 64 KiB


def csv_reader(lines: Iterable[str], delimiter: str = ","):
    """A csv.reader that reports an unclosed quote instead of swallowing the file."""
    return csv.reader(lines, strict=True, delimiter=delimiter)


def csv_format(path: Path, shown: str) -> tuple[str, str]:
    """The file's encoding for :func:`open` (``utf-16`` when it starts with a UTF-16 byte-order
    mark, else ``utf-8-sig``) and its separator (:func:`delimiter_of` on the header line). The
    whole file is decoded once (streamed) and a bad byte refused, naming its line."""
    with open(path, "rb") as handle:
        head = handle.read(_SNIFF_BYTES)
        encoding = "utf-16" if head[:2] in UTF16_MARKS else "utf-8-sig"
        if encoding == "utf-8-sig" and b"\x00" in head.split(b"\n", 1)[0]:
            raise InputError("the header line has NUL bytes: the file looks like UTF-16 without "
                             "its byte-order mark; save it as UTF-8 (in Excel: 'CSV UTF-8') and "
                             "import it again", where=Location(shown, line=1))
        delimiter = delimiter_of(codecs.getincrementaldecoder(encoding)(errors="replace")
                                 .decode(head))
        handle.seek(0)
        _check_decodes(handle, encoding, head[:2], shown)
    return encoding, delimiter


def not_utf16(shown: str, line: int | None = None) -> InputError:
    """The error for a file that starts with UTF-16's byte-order mark but does not decode."""
    at = f" (line {line})" if line is not None else ""
    return InputError(f"not UTF-16 text{at}, though the file starts with UTF-16's byte-order "
                      "mark: cut short, or a bad character; export it again",
                      where=Location(shown))


def _check_decodes(handle: BinaryIO, encoding: str, mark: bytes, shown: str) -> None:
    decoder = codecs.getincrementaldecoder(encoding)()
    line = 1
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
            order = "utf-16-le" if mark == codecs.BOM_UTF16_LE else "utf-16-be"
            before = chunk[:max(0, exc.start - exc.start % 2)]
            raise not_utf16(shown, line + before.decode(order, errors="replace").count("\n")) \
                from None
        if not chunk:
            return
        line += text.count("\n")


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
