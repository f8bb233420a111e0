"""Consoles for output, created on first use so that Rich is imported only when needed.

Colour follows the terminal and ``NO_COLOR`` (Rich honours both). Tests can swap the streams with
:func:`use_streams`.
"""

from __future__ import annotations

import sys
from typing import IO, Any

_streams: dict[str, IO[str] | None] = {"out": None, "err": None}
_consoles: dict[str, Any] = {}


def use_streams(out: IO[str] | None = None, err: IO[str] | None = None) -> None:
    _streams["out"], _streams["err"] = out, err
    _consoles.clear()


def stdout() -> IO[str]:
    return _streams["out"] or sys.stdout


def stderr() -> IO[str]:
    return _streams["err"] or sys.stderr


def console(err: bool = False) -> Any:
    """The Rich console for stdout (or stderr)."""
    key = "err" if err else "out"
    stream = stderr() if err else stdout()
    cached = _consoles.get(key)
    if cached is None or cached.file is not stream:
        from rich.console import Console

        cached = Console(file=stream, highlight=False, soft_wrap=False)
        _consoles[key] = cached
    return cached


def is_terminal(err: bool = False) -> bool:
    stream = stderr() if err else stdout()
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
