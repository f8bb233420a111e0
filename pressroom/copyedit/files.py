"""The copy editor on any text file or standard input (``pressroom style check FILE|-``)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from pressroom.copyedit.check import Issue, check_text
from pressroom.copyedit.config import StyleConfig
from pressroom.errors import InputError, Location

MAX_BYTES = 5_000_000  # a pitch or a web page, not a book: bigger input is a mistake
STDIN = "-"


@dataclass(frozen=True)
class FileFix:
    path: Path
    shown: str
    before: str
    after: str
    fixed: int  # how many findings the new text fixes

    def diff(self) -> list[str]:
        import difflib

        return list(difflib.unified_diff(self.before.splitlines(keepends=True),
                                         self.after.splitlines(keepends=True),
                                         fromfile=f"a/{self.shown}", tofile=f"b/{self.shown}"))


@dataclass(frozen=True)
class TextCheck:
    shown: str
    path: Path | None  # None: standard input
    text: str
    issues: list[Issue]
    where: list[Location]

    def findings(self) -> list[Any]:
        """The issues as lint findings (:class:`pressroom.releases.check.Finding`)."""
        from pressroom.releases.check import Finding

        return [Finding(where, issue.severity, f"{issue.message}: '{issue.found}'", issue.rule,
                        issue.suggestion, copyedit=True, fixable=issue.safe)
                for where, issue in zip(self.where, self.issues)]


def read_source(source: str, stdin: IO[bytes] | None = None) -> tuple[str, Path | None, str]:
    """(shown name, path or None, text) of FILE or ``-``; too big, not UTF-8, NUL bytes, a
    folder or a missing file are located errors."""
    from pressroom.textfile import decode_utf8, read_bytes
    from pressroom.yamlfile import display_path

    if source == STDIN:
        import sys

        shown, path = "<stdin>", None
        data = (stdin or sys.stdin.buffer).read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise InputError(f"the input is larger than {MAX_BYTES // 1_000_000} MB",
                             where=Location(shown))
    else:
        path = Path(source)
        shown = display_path(path)
        data = read_bytes(path, shown, limit=MAX_BYTES)
    if b"\x00" in data:
        raise InputError("not a text file (it contains NUL bytes)", where=Location(shown))
    return shown, path, decode_utf8(data, shown)


def positions(text: str, offsets: list[int]) -> list[tuple[int, int]]:
    """1-based (line, column) of each offset; columns count characters."""
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|[\r\n]", text)]
    result = []
    for offset in offsets:
        line = bisect.bisect_right(starts, offset) - 1
        result.append((line + 1, offset - starts[line] + 1))
    return result


def check_source(source: str, style: StyleConfig, stdin: Any = None) -> TextCheck:
    shown, path, text = read_source(source, stdin)
    issues = check_text(text, style)
    where = [Location(shown, line, column)
             for line, column in positions(text, [issue.start for issue in issues])]
    return TextCheck(shown, path, text, issues, where)


def fix_source(result: TextCheck, style: StyleConfig, *, write: bool) -> FileFix | None:
    """Apply the safe fixes to a checked file (atomically; not with ``write=False``)."""
    from pressroom.copyedit.check import fix_text

    fixed, count = fix_text(result.text, style)
    if fixed == result.text or result.path is None:
        return None
    if write:
        write_fixed(result.path, result.shown, fixed)
    return FileFix(result.path, result.shown, result.text, fixed, count)


def write_fixed(path: Path, shown: str, text: str) -> None:
    """Write a fixed file atomically; a file or folder that cannot be written is a located error
    (the old file is left whole)."""
    from pressroom.atomic import write_atomic
    from pressroom.errors import OperationalError

    try:
        write_atomic(path, text)
    except OSError as exc:
        raise OperationalError(f"cannot write the fixes: {exc.strerror or exc}",
                               where=Location(shown)) from None
