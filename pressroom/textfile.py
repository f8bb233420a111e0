"""Reading a user's file: every failure is one located InputError, never a traceback."""

from __future__ import annotations

from pathlib import Path

from pressroom.errors import InputError, Location


def read_bytes(path: Path | str, shown: str, *, limit: int | None = None) -> bytes:
    """The file's bytes; a missing file, a folder, an unreadable file or (with *limit*) one of
    more than *limit* bytes is a located error. The size is checked before anything is read,
    and the read stops at the limit (a growing file or a device cannot get past it)."""
    try:
        if limit is None:
            return Path(path).read_bytes()
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
        if len(data) > limit:
            raise InputError(f"the file is larger than {_size(limit)}: refused before reading "
                             "(is it the right file?)", where=Location(shown))
        return data
    except FileNotFoundError:
        raise InputError("no such file", where=Location(shown)) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", where=Location(shown)) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", where=Location(shown)) from None


def decode_utf8(data: bytes, shown: str) -> str:
    """UTF-8 text (a byte-order mark is dropped); other bytes are an error at their line:column."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise InputError(f"not UTF-8 text (byte 0x{data[exc.start]:02x})",
                         where=Location(shown, line, column)) from None


def read_text(path: Path | str, shown: str, *, limit: int | None = None) -> str:
    return decode_utf8(read_bytes(path, shown, limit=limit), shown)


def _size(limit: int) -> str:
    return f"{limit // 1_000_000} MB" if limit % 1_000_000 == 0 else f"{limit:,} bytes"
