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


_COMPLETION_FLAGS = {"--install-completion": "install", "--show-completion": "show"}


def _completion(action: str, ctx: Any, _param: Any, value: Any) -> None:
    if value is not None and value is not False:
        from pressroom.cli import complete

        getattr(complete, action)(ctx, "" if value is True else value)


class PressroomGroup(TyperGroup):
    """The root command group: the one place where user errors become a message and exit status.

    It also loads commands lazily: a command's module is imported, and the command turned into a
    Click command, only when it is used. Building every command costs more than the whole of
    ``pressroom --version``."""

    def list_commands(self, ctx: Any) -> list[str]:
        own = super().list_commands(ctx)
        return own + [name for *_rest, name, _summary in COMMANDS if name not in own]

    def get_command(self, ctx: Any, name: str) -> Any:
        command = super().get_command(ctx, name)
        if command is None and name in _LAZY:
            command = _load_command(name)
            self.add_command(command, name)
        return command

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        """The command list of ``pressroom --help``, without loading the groups."""
        rows = []
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        for name in names:
            if name in _LAZY and name not in self.commands:
                rows.append((name, _short_help(_LAZY[name][2], limit)))
                continue
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """``pressroom --show-completion [SHELL]`` / ``--install-completion [SHELL]``: the shell
        is optional, which an option cannot say, so the pair is read here before Click parses."""
        if args and args[0] in _COMPLETION_FLAGS and len(args) <= 2:
            _completion(_COMPLETION_FLAGS[args[0]], ctx, None, args[1] if len(args) == 2 else "")
        return super().parse_args(ctx, args)

    def _main_shell_completion(self, ctx_args: Any, prog_name: str,
                               complete_var: str | None = None) -> None:
        """Answer the shell (``_PRESSROOM_COMPLETE`` set): only then load the completion code."""
        if os.environ.get("_PRESSROOM_COMPLETE"):
            from pressroom.cli.complete import prepare

            prepare()
        super()._main_shell_completion(ctx_args, prog_name, "_PRESSROOM_COMPLETE")

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
    _install: bool = typer.Option(
        False, "--install-completion", is_eager=True, expose_value=False,
        callback=lambda ctx, param, value: _completion("install", ctx, param, value),
        help="Install shell completion for this shell (or name it: bash, zsh or fish)."),
    _show: bool = typer.Option(
        False, "--show-completion", is_eager=True, expose_value=False,
        callback=lambda ctx, param, value: _completion("show", ctx, param, value),
        help="Print the completion script for this shell (or name it: bash, zsh or fish)."),
) -> None:
    from pressroom.workspace import set_workspace_option

    _debug["traceback"] = traceback
    set_workspace_option(workspace)


# Every command on the command line: (module in this package, attribute, name, summary). The
# attribute is a Typer app (a command group) or a function (one command). Nothing here is imported
# or built until it is used, and `pressroom --help` lists these summaries without loading them
# (tests check that each summary is the first line of its command's own help).
COMMANDS: list[tuple[str, str, str, str]] = [
    ("init_cmd", "init", "init",
     "Create a workspace: pressroom.yaml, releases/ and templates/. Never overwrites a file."),
    ("style", "dateline", "dateline", "Print the dateline for CITY in a dateline style."),
    ("style", "date", "date", "Print a date, or a date and time, in AP style."),
    ("copyedit", "app", "style", "AP copy-editing of any text: a pitch email, a web page draft."),
    ("digest", "digest", "digest",
     "The media digest: coverage, quotes and release pickup for a period, against the period before."),
    ("release", "app", "release", "Press releases: create, render, check, list and preview."),
    ("mention", "app", "mention",
     "Media mentions: stories about the organisation, with their quotes."),
    ("quote", "app", "quote", "Quotes in media mentions, and quotes found in an article's text."),
    ("outlet", "app", "outlet", "News outlets: names, types, web domains and name variants."),
    ("report", "app", "report", "Coverage clip book and release pickup reports."),
    ("event", "app", "event", "Events that take press credentials (the events: section)."),
    ("credential", "app", "credential",
     "Press credential requests: request, decide, list, roster, follow up."),
    ("mail", "app", "mail", "The outbox: messages waiting to be sent."),
    ("journalist", "app", "journalist",
     "The media directory: journalists, media lists, opt-outs and forgetting."),
    ("backup", "app", "backup",
     "Back up every record to a JSON file, or restore one into an empty database."),
    ("check", "check", "check",
     "Check the whole workspace: pressroom.yaml, releases, templates and the database."),
    ("site", "app", "site",
     "The newsroom website: build it from the workspace, or preview it on 127.0.0.1."),
]
_LAZY = {name: (module, attribute, summary) for module, attribute, name, summary in COMMANDS}


def _load_command(name: str) -> Any:
    """Import the module of command *name* and build its Click command (or group)."""
    from typer.main import get_command, get_command_name, get_group

    module, attribute, summary = _LAZY[name]
    target = getattr(import_module(f"pressroom.cli.{module}"), attribute)
    if isinstance(target, typer.Typer):  # a command group: its help is the summary
        target.rich_markup_mode = None
        target._add_completion = False  # offered once, at the top (`pressroom --install-completion`)
        target.info.name, target.info.help = name, summary
        target.info.cls = LazyGroup
        registered, target.registered_commands = target.registered_commands, []
        try:
            group = get_group(target)  # the group alone: its commands are built when used
        finally:
            target.registered_commands = registered
        group.lazy = {info.name or get_command_name(info.callback.__name__): info
                      for info in registered}
        return group
    single = typer.Typer(rich_markup_mode=None)  # one command: its help is its docstring
    single.command(name)(target)
    return get_command(single)


class LazyGroup(TyperGroup):
    """A command group that builds a subcommand (Typer's inspection of its function, a good part
    of a store command's start-up) only when it is run, completed or listed in help."""

    lazy: dict[str, Any] = {}

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.lazy)

    def get_command(self, ctx: Any, name: str) -> Any:
        if name not in self.commands and name in self.lazy:
            from typer.main import get_command_from_info

            self.add_command(get_command_from_info(self.lazy[name], pretty_exceptions_short=True,
                                                   rich_markup_mode=None), name)
        return self.commands.get(name)


def _short_help(text: str, limit: int) -> str:
    """The first sentence, cut at a word to fit *limit* characters (as Click shortens help)."""
    first = text.split(". ")[0].rstrip(".") + "."
    if len(first) <= limit:
        return first
    cut = first[: max(limit - 3, 1)].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "..."


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        app(args=argv, prog_name="pressroom")
    except BrokenPipeError:
        # The reader went away (`pressroom mention list | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(1)
