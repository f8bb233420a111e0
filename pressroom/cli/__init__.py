"""The ``pressroom`` command: a thin Typer layer over the library.

One small Typer app per command group lives in this package. Command functions parse their
options, call one library function and render the result; they hold no business logic. Modules
here import only Typer at import time, so ``pressroom --version`` stays fast.

Errors: every :class:`~pressroom.errors.PressroomError` raised under any command is turned into
one line on stderr and its exit status in :class:`PressroomGroup.invoke`, the only such place.
``--traceback`` or ``PRESSROOM_DEBUG=1`` re-raises it instead.
"""

from __future__ import annotations

import os
import sys
from importlib import import_module
from typing import Any, Optional

import typer
from typer.core import TyperGroup

from pressroom import __version__
from pressroom.errors import PressroomError

_debug = {"traceback": False}


def debugging() -> bool:
    return _debug["traceback"] or os.environ.get("PRESSROOM_DEBUG", "") not in ("", "0")


def report_error(exc: PressroomError) -> None:
    from pressroom.console import stderr

    message = " ".join(str(exc).splitlines()) or exc.__class__.__name__
    stderr().write(f"error: {message}\n")
    stderr().flush()


class PressroomGroup(TyperGroup):
    """The root command group: the one place where user errors become a message and exit status.

    It also loads the command groups lazily: a group's module is imported, and its commands turned
    into Click commands, only when that group is used (or listed by --help). Building every
    group's commands costs more than the whole of ``pressroom --version``."""

    def list_commands(self, ctx: Any) -> list[str]:
        own = super().list_commands(ctx)
        return own + [name for _module, name, _help in GROUPS if name not in own]

    def get_command(self, ctx: Any, name: str) -> Any:
        command = super().get_command(ctx, name)
        if command is None and name in _LAZY:
            command = _load_group(name)
            self.add_command(command, name)
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list of ``pressroom --help``, without loading the groups."""
        rows = []
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        for name in names:
            if name in _LAZY and name not in self.commands:
                rows.append((name, _short_help(_LAZY[name][1], limit)))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PressroomError as exc:
            if debugging():
                raise
            report_error(exc)
            raise typer.Exit(int(exc.exit_status)) from None


app = typer.Typer(
    cls=PressroomGroup,
    name="pressroom",
    help="Press releases, media mentions, quote digests and press credentials for a communications office.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: formatting help with Rich costs more than all of Typer
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"pressroom {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    workspace: Optional[str] = typer.Option(
        None, "--workspace", "-w", metavar="DIR",
        help="The workspace folder (default: $PRESSROOM_WORKSPACE, else found upwards from here)."),
    traceback: bool = typer.Option(False, "--traceback", help="Show the full traceback of an error."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    from pressroom.workspace import set_workspace_option

    _debug["traceback"] = traceback
    set_workspace_option(workspace)


# Command groups: (module in this package, name on the command line, help). Each module defines
# `app`; its help lives here so that `pressroom --help` can list the groups without loading them.
GROUPS: list[tuple[str, str, str]] = [
    ("release", "release", "Press releases: create, render, check, list and preview."),
    ("mention", "mention", "Media mentions: stories about the organisation, with their quotes."),
    ("quote", "quote", "Quotes in media mentions, and quotes found in an article's text."),
    ("outlet", "outlet", "News outlets: names, types, web domains and name variants."),
    ("report", "report", "Coverage clip book and release pickup reports."),
    ("event", "event", "Events that take press credentials (the events: section)."),
    ("credential", "credential",
     "Press credential requests: request, decide, list, roster, follow up."),
    ("mail", "mail", "The outbox: messages waiting to be sent."),
    ("backup", "backup",
     "Back up every record to a JSON file, or restore one into an empty database."),
]
# Modules that add top-level commands: each defines `register(app)`.
COMMANDS: list[str] = [
    "init_cmd",
    "style",
    "digest",
]

_LAZY = {name: (module, help) for module, name, help in GROUPS}


def _load_group(name: str) -> Any:
    from typer.main import get_command

    module, help = _LAZY[name]
    group = import_module(f"pressroom.cli.{module}").app
    group.rich_markup_mode = None
    group.info.name, group.info.help = name, help
    return get_command(group)


def _short_help(text: str, limit: int) -> str:
    """The first sentence, cut at a word to fit *limit* characters (as Click shortens help)."""
    first = text.split(". ")[0].rstrip(".") + "."
    if len(first) <= limit:
        return first
    cut = first[: max(limit - 3, 1)].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "..."


for _module in COMMANDS:
    import_module(f"pressroom.cli.{_module}").register(app)


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        app(args=argv, prog_name="pressroom")
    except BrokenPipeError:
        # The reader went away (`pressroom mention list | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
