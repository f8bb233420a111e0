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
        return own + [name for _module, name in GROUPS if name not in own]

    def get_command(self, ctx: Any, name: str) -> Any:
        command = super().get_command(ctx, name)
        if command is None and name in _LAZY:
            command = _load_group(_LAZY[name], name)
            self.add_command(command, name)
        return command

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


# Command groups: (module in this package, name on the command line). Each module defines `app`.
GROUPS: list[tuple[str, str]] = [
    ("release", "release"),
    ("mention", "mention"),
    ("quote", "quote"),
    ("outlet", "outlet"),
    ("report", "report"),
    ("event", "event"),
    ("credential", "credential"),
    ("mail", "mail"),
    ("backup", "backup"),
]
# Modules that add top-level commands: each defines `register(app)`.
COMMANDS: list[str] = [
    "init_cmd",
    "style",
    "digest",
]

_LAZY = {name: module for module, name in GROUPS}


def _load_group(module: str, name: str) -> Any:
    from typer.main import get_command

    group = import_module(f"pressroom.cli.{module}").app
    group.rich_markup_mode = None
    group.info.name = name
    return get_command(group)


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
