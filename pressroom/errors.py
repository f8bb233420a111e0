"""The one error type users see, and the exit statuses.

Everything a user can get wrong (a bad file, an unknown id, an illegal transition) is raised as a
:class:`PressroomError` carrying *where* it happened. ``pressroom.cli.main`` is the only place that
turns one into a message: ``error: releases/x.yaml:7:3: unknown state 'Alabamma' (did you mean
'Alabama'?)``. Bugs are not caught: they stay loud.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Iterable


class ExitStatus(IntEnum):
    OK = 0
    FAILURE = 1  # something outside the user's input failed (SMTP down, lint findings)
    BAD_INPUT = 2  # the user's input is wrong


class Location:
    """Where a problem is: a file with optional line and column (1-based), or a CSV row.

    (A plain class rather than a dataclass: this module is imported by every command at start-up,
    and building a dataclass costs more than the rest of the module.)"""

    __slots__ = ("file", "line", "column", "row", "record")

    def __init__(self, file: str | None = None, line: int | None = None,
                 column: int | None = None, row: int | None = None,
                 record: str | None = None) -> None:  # record: e.g. "mention 12", "request 7"
        self.file, self.line, self.column, self.row, self.record = file, line, column, row, record

    def _key(self) -> tuple:
        return (self.file, self.line, self.column, self.row, self.record)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Location) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Location({', '.join(repr(v) for v in self._key())})"

    def __str__(self) -> str:
        parts: list[str] = []
        if self.file:
            text = self.file
            if self.line is not None:
                text += f":{self.line}"
                if self.column is not None:
                    text += f":{self.column}"
            parts.append(text)
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.record:
            parts.append(self.record)
        return ": ".join(parts)


class PressroomError(Exception):
    """A mistake the user can fix. Printed as one line; never with a traceback by default."""

    exit_status: ExitStatus = ExitStatus.BAD_INPUT

    def __init__(self, message: str, *, where: Location | str | None = None,
                 exit_status: ExitStatus | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        if exit_status is not None:
            self.exit_status = exit_status

    def located(self, where: Location | str) -> "PressroomError":
        """Return this error placed at *where* unless it already has a place."""
        if self.where is None:
            self.where = where
        return self

    def __str__(self) -> str:
        where = str(self.where) if self.where is not None else ""
        return f"{where}: {self.message}" if where else self.message


class InputError(PressroomError):
    """Bad input: a file, a flag, a CSV row."""


class NotFoundError(PressroomError):
    """An id, slug or name that does not exist."""


class WorkflowError(PressroomError):
    """An operation the current state does not allow (illegal transition, over capacity)."""


class OperationalError(PressroomError):
    """Something outside the user's input failed: a database or mail server unreachable."""

    exit_status = ExitStatus.FAILURE


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """' (did you mean 'X'?)' for a near miss among *choices*, else ''."""
    import difflib

    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    close = difflib.get_close_matches(value.lower(), list(lowered), n=1, cutoff=0.75)
    return f" (did you mean '{lowered[close[0]]}'?)" if close else ""
