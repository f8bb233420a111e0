"""`pressroom style check`: AP copy-editing of any text (a pitch email, a web page draft)."""

from __future__ import annotations

from enum import Enum

import typer

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py


@app.callback()
def _group() -> None:
    # A group with one command for now (`check`): without a callback Typer would make `style`
    # the command itself.
    pass


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("check")
def check(
    source: str = typer.Argument(..., metavar="FILE|-", help="A text or Markdown file, or - for standard input."),
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="text or json."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe fixes to FILE, in place, and show the diff."),
    dry_run: bool = typer.Option(False, "--dry-run", help="With --fix: show the diff, change nothing."),
) -> None:
    """Check a text in AP style, with the workspace's house style when there is one.

    Exit status: 0 clean (notes allowed), 1 warnings, 2 bad input."""
    from pressroom.console import stdout
    from pressroom.copyedit import workspace_style
    from pressroom.copyedit.files import STDIN, check_source
    from pressroom.workspace import optional_workspace

    if dry_run and not fix:
        raise typer.BadParameter("--dry-run goes with --fix", param_hint="--dry-run")
    if fix and source == STDIN:
        raise typer.BadParameter("--fix rewrites a FILE; it cannot rewrite standard input",
                                 param_hint="--fix")
    style = workspace_style(optional_workspace())
    result = check_source(source, style)
    if fix:
        from pressroom.copyedit.files import fix_source

        change = fix_source(result, style, write=not dry_run)
        if fmt is CheckFormat.text:
            show_diffs([change] if change else [])
        report_fixes([change] if change else [], dry_run)
        if change is not None and not dry_run:
            result = check_source(source, style)
    findings = result.findings()
    if fix and dry_run:
        findings = [f for f in findings if not f.fixable]
    render_findings(findings, fmt.value)
    if any(f.level == "warning" for f in findings):
        raise typer.Exit(1)
    if fmt is CheckFormat.text and not findings:
        stdout().write(f"ok: {result.shown}\n")


def render_findings(findings: list, fmt: str) -> None:
    """Findings one a line (``file:line:col: level: message [rule]``) or as a JSON list."""
    from pressroom.console import stdout

    out = stdout()
    if fmt == "json":
        import json

        out.write(json.dumps([f.as_json() for f in findings], indent=2, ensure_ascii=False) + "\n")
        return
    out.write("".join(f"{finding}\n" for finding in findings))  # (one write: thousands of lines)


def report_fixes(changes: list, dry_run: bool) -> None:
    count = sum(change.fixed for change in changes)
    verb = "would fix" if dry_run else "fixed"
    typer.echo(f"{verb} {count} finding{'s' if count != 1 else ''} in {len(changes)} "
               f"file{'s' if len(changes) != 1 else ''}", err=True)


def show_diffs(changes: list) -> None:
    """Unified diffs on stdout, coloured only on a terminal (and never with NO_COLOR)."""
    from pressroom.console import console, is_terminal, stdout

    lines = [line if line.endswith("\n") else line + "\n" for change in changes
             for line in change.diff()]
    if not is_terminal():
        stdout().write("".join(lines))
        return
    from rich.text import Text

    con = console()
    for line in lines:
        colour = ("bold" if line.startswith(("+++", "---")) else "green" if line.startswith("+")
                  else "red" if line.startswith("-") else "cyan" if line.startswith("@@") else "")
        con.print(Text(line.rstrip("\n"), style=colour))
