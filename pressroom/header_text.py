"""One line of header-bound text (a mail header, an event's name): no line breaks or control
characters, and how such text is shown in a message. Outside :mod:`pressroom.mail` (whose package
imports the ``email`` machinery) so that checking pressroom.yaml's events costs none of it."""

from __future__ import annotations

import unicodedata

from pressroom.errors import InputError, Location

MAX_LINE = 300


def shown(value: str, limit: int = 80) -> str:
    """A value as it can be printed on one line: control characters escaped, long text cut."""
    text = "".join(ch if not _is_control(ch) else ch.encode("unicode_escape").decode("ascii")
                   for ch in value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _is_control(ch: str) -> bool:
    # Cc: C0/C1 controls (CR, LF, TAB, NEL, VT, FF...); Zl/Zp: U+2028, U+2029; Cf: invisible format
    # characters (zero-width, bidi overrides) that make a header read differently from what it is.
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cf")


def check_line(value: str, what: str, where: Location | str | None = None, *,
               max_length: int = MAX_LINE) -> str:
    """A single line of text for a header: no line breaks or control characters."""
    if not isinstance(value, str):
        raise InputError(f"{what} must be text", where=where)
    bad = next((ch for ch in value if _is_control(ch)), None)
    if bad is not None:
        kind = "a line break" if bad in "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029" else "a control character"
        raise InputError(f"{what} contains {kind} ({bad.encode('unicode_escape').decode('ascii')}): "
                         f"'{shown(value)}'", where=where)
    if len(value) > max_length:
        raise InputError(f"{what} is too long ({len(value)} characters; at most {max_length})",
                         where=where)
    return value
