"""`pressroom release ...`: create, render, check, list and preview press releases."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from pressroom.cli import complete
from pressroom.cli.options import ALL, LIMIT, OUTPUT, format_option
from pressroom.output import ListFormat

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py


class ReleaseFormat(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"


class StatusOption(str, Enum):
    draft = "draft"
    approved = "approved"
    published = "published"


@app.command("new")
def new(
    headline: Optional[str] = typer.Option(None, "--headline", help="The headline (prompted for on a terminal)."),
    date: Optional[str] = typer.Option(None, "--date", "-d", metavar="YYYY-MM-DD", help="Release date (default: today)."),
    slug: Optional[str] = typer.Option(None, "--slug", help="Short name for the file (default: from the headline)."),
    city: Optional[str] = typer.Option(None, "--city", help="Dateline city (default: the organization's)."),
    state: Optional[str] = typer.Option(None, "--state", help="Dateline state: code, name or AP abbreviation."),
    country: Optional[str] = typer.Option(None, "--country", help="Dateline country, outside the US."),
    status: StatusOption = typer.Option(StatusOption.draft, "--status"),
    contact: Optional[str] = typer.Option(None, "--contact", autocompletion=complete.contact_ids, help="Media contact id (default: the workspace's)."),
) -> None:
    """Create releases/<date>-<slug>.yaml from a starter. Never overwrites a file."""
    import sys

    from pressroom.console import is_terminal
    from pressroom.errors import InputError
    from pressroom.releases import NewRelease, new_release
    from pressroom.workspace import current_workspace

    workspace = current_workspace()
    if headline is None:
        if not (sys.stdin.isatty() and is_terminal()):
            raise InputError("a release needs a headline: give --headline")
        headline = typer.prompt("Headline")
    path = new_release(workspace, NewRelease(
        headline=headline or "", date=date, slug=slug, city=city, state=state, country=country,
        status=status.value, contact=contact))
    typer.echo(f"created {workspace.shown(path)}")


@app.command("render")
def render(
    release: Optional[str] = typer.Argument(None, metavar="SLUG|PATH", autocompletion=complete.release_slugs, help="A release's slug or file."),
    fmt: ReleaseFormat = typer.Option(ReleaseFormat.text, "--format", "-f", help="Output format."),
    style: Optional[str] = typer.Option(None, "--style", help="Dateline style for this rendering."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE|DIR", help="Write to FILE (with --all: into DIR) instead of stdout."),
    all_releases: bool = typer.Option(False, "--all", help="Render every release into -o DIR."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="With --all: processes to render with (default: one per core for 100 releases or more)."),
) -> None:
    """Render a release as text, Markdown or HTML.

    With --all, every release is validated first and nothing is written if any is invalid; then
    each is written atomically as DIR/<slug>.<txt|md|html>."""
    from pressroom.workspace import current_workspace

    workspace = current_workspace()
    if all_releases:
        if release is not None:
            raise typer.BadParameter("give either SLUG|PATH or --all", param_hint="SLUG|PATH")
        if output is None:
            raise typer.BadParameter("--all needs -o DIR", param_hint="--output")
        _render_all(workspace, output, fmt.value, style, jobs)
        return
    if release is None:
        raise typer.BadParameter("give a release's slug or file, or --all", param_hint="SLUG|PATH")
    from pressroom.releases import load_release, render_release

    text = render_release(load_release(release, workspace), workspace, fmt.value, style=style)
    if output is None:
        from pressroom.console import stdout

        stdout().write(text)
        return
    from pressroom.atomic import write_atomic

    write_atomic(output, text)
    typer.echo(f"wrote {workspace.shown(output)}", err=True)


def _render_all(workspace, out_dir: Path, fmt: str, style: Optional[str], jobs: Optional[int]) -> None:
    from pressroom.console import progress
    from pressroom.errors import InputError
    from pressroom.releases.batch import render_workspace
    from pressroom.releases.load import release_files

    if out_dir.exists() and not out_dir.is_dir():
        raise InputError("is not a folder", where=str(out_dir))
    with progress("Rendering", total=len(release_files(workspace))) as bar:
        written = render_workspace(workspace, out_dir, fmt, style=style, jobs=jobs,
                                   progress=bar.advance)
    typer.echo(f"wrote {len(written)} release{'s' if len(written) != 1 else ''} to "
               f"{workspace.shown(out_dir)}", err=True)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("check")
def check(
    paths: Optional[List[str]] = typer.Argument(None, metavar="[PATH|SLUG]...", help="Releases to check (default: all)."),
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="text or json."),
    fix: bool = typer.Option(False, "--fix", help="Apply the safe AP fixes to the body, in place, and show the diff."),
    dry_run: bool = typer.Option(False, "--dry-run", help="With --fix: show the diff, change nothing."),
) -> None:
    """Validate releases and flag what wire editors would: long or Title Case headlines, no
    contact, a past or midnight embargo, an unattributed quote, no boilerplate, placeholder text,
    and AP style in the body (dates, times, numbers, percent, money, ages, addresses, states, word
    list).

    Exit status: 0 clean (notes allowed), 1 warnings, 2 invalid files or errors (such as
    placeholder text in an approved or published release)."""
    from pressroom.cli import report_error
    from pressroom.console import stdout
    from pressroom.releases import check_releases
    from pressroom.workspace import current_workspace

    if dry_run and not fix:
        raise typer.BadParameter("--dry-run goes with --fix", param_hint="--dry-run")
    workspace = current_workspace()
    report = check_releases(paths or None, workspace)
    if fix:
        from pressroom.releases.check import fix_releases

        from pressroom.cli.copyedit import report_fixes, show_diffs

        changes = fix_releases(report, workspace, write=not dry_run)
        if fmt is CheckFormat.text:
            show_diffs(changes)
        report_fixes(changes, dry_run)
        if dry_run:
            report.findings = [f for f in report.findings if not f.fixable]
        elif changes:
            report = check_releases(paths or None, workspace)
    for error in report.errors:
        report_error(error)
    from pressroom.cli.copyedit import render_findings

    render_findings(report.findings, fmt.value)
    if report.errors or report.failures:
        raise typer.Exit(2)
    if report.warnings:
        raise typer.Exit(1)
    if fmt is CheckFormat.text:
        stdout().write(f"ok: {report.checked} release{'s' if report.checked != 1 else ''} checked\n")


@app.command("list")
def list_releases(
    status: Optional[StatusOption] = typer.Option(None, "--status", help="Only releases with this status."),
    fmt: ListFormat = format_option(ListFormat.table),
    limit: Optional[int] = LIMIT, all_rows: bool = ALL, output: Optional[Path] = OUTPUT,
) -> None:
    """List the workspace's releases (oldest first)."""
    from pressroom.output import Column, render_rows
    from pressroom.releases import load_all
    from pressroom.workspace import current_workspace

    rows = [r.as_row() for r in load_all(current_workspace())
            if status is None or r.status == status.value]
    columns = [Column("date", "Date", kind="date", priority=0),
               Column("slug", "Slug", kind="slug", priority=0),
               Column("status", "Status", kind="status", priority=0),
               Column("headline", "Headline", max_width=60, priority=0),
               Column("contacts", "Contacts", max_width=30, priority=2),
               Column("tags", "Tags", max_width=30, priority=3)]
    render_rows(rows, columns, fmt.value, empty="no releases", limit=limit, show_all=all_rows,
                newest="last", implied=["status"] if status else [], output=output)


@app.command("preview")
def preview(
    release: str = typer.Argument(..., metavar="SLUG|PATH", autocompletion=complete.release_slugs, help="A release's slug or file."),
) -> None:
    """Show a release in the terminal: headline, dateline and body."""
    from rich.markdown import Markdown
    from rich.padding import Padding
    from rich.text import Text

    from pressroom.console import console
    from pressroom.releases import load_release
    from pressroom.releases.markdown import to_markdown
    from pressroom.releases.render import Renderer, release_line
    from pressroom.workspace import current_workspace

    workspace = current_workspace()
    item = load_release(release, workspace)
    renderer = Renderer(workspace)
    context = renderer.context(item)
    con = console()
    con.print(Text(release_line(item), style="bold"))
    for contact in item.contacts:
        con.print(Text(" · ".join(filter(None, [contact.name, contact.phone, contact.email])),
                       style="dim"))
    con.print()
    con.print(Text(item.headline, style="bold underline"))
    if item.subhead:
        con.print(Text(item.subhead, style="italic"))
    con.print()
    con.print(Markdown(to_markdown(item.body, lead=context["dateline"], bold=True)))
    for quote in context["quotes"]:
        con.print(Padding(Text(quote.sentence), (1, 0, 0, 0)))
    if item.boilerplate:
        con.print(Padding(Text(f"About {workspace.config.organization.short_name}", style="bold"),
                          (1, 0, 0, 0)))
        con.print(Markdown(item.boilerplate))
    con.print("###", justify="center")



# ---- distribution (issue 12): `release send` and `release sends` --------------------------------

@app.command("send")
def send(
    release: str = typer.Argument(..., metavar="SLUG", help="A published release."),
    lists: List[str] = typer.Option([], "--list", metavar="LIST", help="A media list to send to (repeatable)."),
    to: List[str] = typer.Option([], "--to", metavar="EMAIL", help="A journalist in the directory (repeatable)."),
    embargoed: bool = typer.Option(False, "--embargoed", help="Send an embargoed release (to embargo-trusted lists only)."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show who would get it; send nothing."),
    test: Optional[str] = typer.Option(None, "--test", metavar="ME@ORG", help="Send one test copy to this address only."),
    at: Optional[str] = typer.Option(None, "--at", metavar="DATETIME", help="Queue the send for 'pressroom mail send' at this time (YYYY-MM-DD HH:MM, workspace time zone)."),
    outbox: bool = typer.Option(False, "--outbox", help="Write the messages to outbox/ instead of sending them over SMTP."),
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
) -> None:
    """Send a published release to media lists: one message per journalist, each only once.

    On a terminal it shows who will get it (by list and outlet; opted-out, bounced and forgotten
    journalists left out) and asks first, unless --yes. Exit 1 if any message failed."""
    from pressroom.cli.mention import open_workspace_store
    from pressroom.console import is_terminal, stderr, stdout
    from pressroom.distribution.send import SendOptions, prepare, run_send, send_test

    workspace, store = open_workspace_store()
    options = SendOptions(release, list(lists), list(to), embargoed, outbox)
    with store:
        if test is not None:
            where = send_test(store, workspace, options, test)
            typer.echo(f"test copy to {test} {'written to outbox/' if where == 'outbox' else 'sent'}")
            return
        if at is not None:
            from pressroom.distribution.schedule import queue_send

            queued = queue_send(store, workspace, options, at)
            typer.echo(f"queued send {queued['id']} of {queued['release']} to "
                       f"{queued['recipients']} recipients for {queued['due']}; "
                       "'pressroom mail send' sends it when it is due")
            return
        plan = prepare(store, workspace, options, dry_run=dry_run)
        out = stdout()
        if dry_run or (is_terminal() and not yes):
            out.write(_plan_text(plan))
        if dry_run:
            return
        if plan.total == 0:
            typer.echo(f"nothing to send: {plan.already} already sent, "
                       f"{sum(plan.excluded.values())} left out, {plan.failed_before} failed before")
            return
        if is_terminal() and not yes and not typer.confirm(f"Send to {plan.total} journalists?"):
            raise typer.Exit(1)
        result = run_send(store, workspace, options, plan=plan)
    for address, reason in result.failed + result.deferred:
        stderr().write(f"warning: {address}: {reason}\n")
    typer.echo(result.summary())
    if result.failed or result.deferred:
        raise typer.Exit(1)


def _plan_text(plan) -> str:  # noqa: ANN001
    lines = [f"{plan.release.slug}: {plan.total} recipient{'s' if plan.total != 1 else ''}"
             + (" (EMBARGOED)" if plan.embargoed else "")]
    for name, count in sorted(plan.by_list.items()):
        lines.append(f"  list {name}: {count}")
    for name, count in sorted(plan.by_outlet.items(), key=lambda kv: (-kv[1], kv[0])):
        lines.append(f"  outlet {name}: {count}")
    left = [f"{n} {why}" for why, n in sorted(plan.excluded.items())]
    if plan.already:
        left.append(f"{plan.already} already sent")
    if plan.failed_before:
        left.append(f"{plan.failed_before} failed before")
    if left:
        lines.append("  left out: " + ", ".join(left))
    return "\n".join(lines) + "\n"


@app.command("sends")
def sends(
    release: str = typer.Argument(..., metavar="SLUG", help="A release's slug."),
    fmt: ListFormat = typer.Option(ListFormat.table, "--format", "-f", help="table, json or csv."),
) -> None:
    """Who a release was sent to: each recipient with the status and time of its message."""
    from pressroom.cli.mention import open_workspace_store
    from pressroom.distribution.log import release_sends
    from pressroom.output import Column, render_rows
    from pressroom.releases import load_release

    workspace, store = open_workspace_store()
    slug = load_release(release, workspace).slug
    with store:
        rows = release_sends(store, slug)
    columns = [Column("email", "Email", max_width=30), Column("outlet", "Outlet", max_width=20),
               Column("status", "Status"), Column("at", "When", value=lambda r: r["at"][:16]),
               Column("error", "Error", max_width=30)]
    if fmt is not ListFormat.table:
        columns[1:1] = [Column("name", "Name")]
        columns += [Column("list", "List"), Column("attempts", "Attempts"),
                    Column("message_id", "Message-ID")]
    render_rows(rows, columns, fmt.value, empty=f"{slug} has not been sent")
