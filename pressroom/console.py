"""Consoles for output, created on first use so that Rich is imported only when needed.

Colour follows the terminal and ``NO_COLOR`` (Rich honours both). Tests can swap the streams with
:func:`use_streams`. :func:`progress` is the one progress bar for long work (stderr, terminals
only).
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import IO, Any, Iterator

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


class Progress:
    """What a long task reports to :func:`progress`: ``advance(n)`` or ``update(completed=...,
    total=..., description=...)``. The no-op kind is used when stderr is not a terminal."""

    def __init__(self, bar: Any = None, task: Any = None) -> None:
        self._bar, self._task = bar, task

    def advance(self, n: int = 1) -> None:
        if self._bar is not None:
            self._bar.advance(self._task, n)

    def update(self, completed: int | None = None, *, total: int | None = None,
               description: str | None = None) -> None:
        if self._bar is not None:
            changes = {k: v for k, v in (("completed", completed), ("total", total),
                                         ("description", description)) if v is not None}
            self._bar.update(self._task, **changes)

    def __call__(self, done: int, total: int | None = None) -> None:
        """As a library callback ``progress(done, total)``."""
        self.update(done, total=total)


@contextmanager
def progress(description: str, total: int | None = None, *, bytes: bool = False) -> Iterator[Progress]:
    """A transient progress bar on stderr while the block runs, only when stderr is a terminal
    (Rich is imported then, and only then); elsewhere a :class:`Progress` that does nothing.

    ``with progress("Sending", total=len(files)) as bar: ... bar.advance()``"""
    if not is_terminal(err=True):
        yield Progress()
        return
    from rich import progress as rich

    columns = [rich.TextColumn("{task.description}"), rich.BarColumn(),
               rich.DownloadColumn() if bytes else rich.MofNCompleteColumn(),
               rich.TimeRemainingColumn()]
    with rich.Progress(*columns, console=console(err=True), transient=True) as bar:
        yield Progress(bar, bar.add_task(description, total=total))
