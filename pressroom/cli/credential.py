"""`pressroom credential ...`: press credential requests for events, from request to roster.

Decisions take one or more request ids; each is its own transaction and is reported on its own
line; the exit status is 2 if any of them failed. Mail that cannot be sent never fails a command:
it waits in the outbox (a warning on stderr says so).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from pressroom.cli import complete
from pressroom.cli.options import ALL, LIMIT, OUTPUT, format_option
from pressroom.output import ListFormat

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py


class Role(str, Enum):
    reporter = "reporter"
    photographer = "photographer"
    videographer = "videographer"
    producer = "producer"
    other = "other"


class ShortFormat(str, Enum):
    table = "table"
    json = "json"


class RosterFormat(str, Enum):
    csv = "csv"
    markdown = "markdown"
    html = "html"


def _open(lite: bool = False):  # noqa: ANN202
    """(workspace, store); *lite*: the command only calls functions that take the SQLite fast
    path's store (see ``open_store``)."""
    from pressroom.store import open_store
    from pressroom.workspace import current_workspace

    workspace = current_workspace()
    return workspace, open_store(workspace, lite=lite)


def _who(request: dict) -> str:
    return f"{request['name']} <{request['email']}>" if request.get("name") else f"request {request['id']}"


def _created_line(workspace, created) -> str:  # noqa: ANN001
    from pressroom.cli.mail import delivery_note

    request = created.request
    head = f"request {request['id']} for {request['event']}"
    if created.outlet_note:
        from pressroom.console import stderr

        stderr().write(f"note: request {request['id']}: {created.outlet_note}\n")
    if created.duplicate_of is not None:
        return (f"{head}: duplicate of request {created.duplicate_of} (same email); "
                "closed as cancelled, not routed")
    contact = created.routed_to
    line = f"{head}: routed to {contact.name} ({contact.id})"
    if request["late"]:
        line += "; late (after the deadline)"
    if created.delivery is not None:
        line += "; " + delivery_note(workspace, created.delivery, contact.email)
    return line


@app.command("request")
def request(
    event: str = typer.Option(..., "--event", "-e", metavar="ID", autocompletion=complete.event_ids, help="The event's id."),
    name: str = typer.Option(..., "--name", help="The journalist's full name."),
    outlet: str = typer.Option(..., "--outlet", autocompletion=complete.outlet_names, help="The news outlet."),
    email: str = typer.Option(..., "--email"),
    phone: str = typer.Option("", "--phone"),
    role: Role = typer.Option(Role.reporter, "--role"),
    kind: str = typer.Option("", "--type", help="Credential type (default: the event's first)."),
    days: List[str] = typer.Option([], "--days", help="Days attending (YYYY-MM-DD, comma-separated or repeated; default all)."),
    assignment: str = typer.Option("", "--assignment", help="What the journalist is covering."),
    evidence: List[str] = typer.Option([], "--evidence", metavar="URL_OR_FILE",
                                       help="Recent bylined work, a letter of assignment... (repeatable)."),
) -> None:
    """Record a credential request and route it to the event's media contact."""
    from pressroom.credentials.intake import RequestInput
    from pressroom.credentials.requests import create_request

    workspace, store = _open()
    with store:
        created = create_request(store, workspace, event, RequestInput(
            name=name, email=email, outlet=outlet, phone=phone, role=role.value, type=kind,
            days=tuple(days), assignment=assignment, evidence=tuple(evidence)))
    typer.echo(_created_line(workspace, created))


@app.command("import")
def import_(
    file: Path = typer.Argument(..., metavar="FILE", help="A CSV export of the request form."),
    event: str = typer.Option(..., "--event", "-e", metavar="ID", autocompletion=complete.event_ids),
) -> None:
    """Import requests from a CSV export; rejected rows are listed with their line numbers."""
    from pressroom.cli import report_error
    from pressroom.console import progress
    from pressroom.credentials.requests import import_requests

    workspace, store = _open()
    with store, progress("Importing") as bar:
        result = import_requests(store, workspace, event, file, progress=bar)
    for created in result.created:
        typer.echo(_created_line(workspace, created))
    for error in result.rejected:
        report_error(error)
    duplicates = sum(1 for c in result.created if c.duplicate_of is not None)
    late = sum(1 for c in result.created if c.request["late"])
    summary = (f"{len(result.created)} imported ({duplicates} duplicate, {late} late), "
               f"{len(result.rejected)} rejected")
    if result.ignored_columns:
        summary += f"; ignored columns: {', '.join(result.ignored_columns)}"
    if result.stopped is not None:
        summary += f"; stopped, {result.not_tried + 1} rows not imported"
    typer.echo(summary)
    if result.stopped is not None:
        raise result.stopped
    if result.rejected:
        raise typer.Exit(2)


def _decide(action: str, ids: list[int], note: Optional[str], by: Optional[str],
            over_capacity: bool = False) -> None:
    from pressroom.cli import report_error
    from pressroom.cli.mail import delivery_note
    from pressroom.credentials.decisions import check_contact, check_note, decide
    from pressroom.errors import InputError, PressroomError

    workspace, store = _open(lite=True)
    note = check_note(note)
    if over_capacity and not note:
        raise InputError("--over-capacity needs a --note saying why the limit is exceeded")
    if by is not None:
        check_contact(workspace, by)
    status = 0
    with store:
        for request_id in ids:
            try:
                decision = decide(store, workspace, request_id, action, by=by, note=note,
                                  over_capacity=over_capacity)
            except PressroomError as exc:
                report_error(exc)
                status = max(status, int(exc.exit_status))
                continue
            line = f"request {request_id}: {decision.from_status} -> {decision.to_status}"
            if decision.over_capacity:
                line += " (over capacity)"
            if decision.delivery is not None:
                line += "; " + delivery_note(workspace, decision.delivery, decision.request["email"])
            typer.echo(line)
    if status:
        raise typer.Exit(status)


_IDS = typer.Argument(..., metavar="ID...", help="Request ids.")
_NOTE = typer.Option(None, "--note", "-n", help="Why (recorded; included in the journalist's message).")
_BY = typer.Option(None, "--by", metavar="CONTACT_ID", autocompletion=complete.contact_ids, help="Who decides (default: the contact the request was routed to).")


@app.command("approve")
def approve(ids: List[int] = _IDS, note: Optional[str] = _NOTE, by: Optional[str] = _BY,
            over_capacity: bool = typer.Option(False, "--over-capacity",
                                               help="Approve beyond the event's capacity or per-outlet limit (needs --note).")) -> None:
    """Approve requests: the journalist is told how to pick up the credential."""
    _decide("approve", ids, note, by, over_capacity)


def _decision_command(action: str, summary: str) -> None:
    def command(ids: List[int] = _IDS, note: Optional[str] = _NOTE,
                by: Optional[str] = _BY) -> None:
        _decide(action, ids, note, by)

    command.__doc__ = summary
    app.command(action)(command)


for _action, _summary in (
        ("deny", "Deny requests (the journalist is told, with the note if given)."),
        ("waitlist", "Put requests on the waitlist (the journalist is told)."),
        ("needs-info", "Ask for more information: the note says what is missing."),
        ("cancel", "Cancel requests (withdrawn by the journalist, or duplicates)."),
        ("revoke", "Withdraw approved credentials (the journalist is told)."),
        ("reopen", "Put requests back to pending (closed ones, or needs-info once answered)."),
):
    _decision_command(_action, _summary)


@app.command("history")
def history_(request_id: int = typer.Argument(..., metavar="ID"),
             fmt: ShortFormat = format_option(ShortFormat.table, "table or json."),
             output: Optional[Path] = OUTPUT) -> None:
    """Every move of a request: from, to, when (UTC), by whom, and the note."""
    from pressroom.credentials.lite import history
    from pressroom.output import Column, render_rows

    _, store = _open(lite=True)
    with store:
        rows = history(store, request_id)
    columns = [Column("at", "When (UTC)", kind="date", priority=0),
               Column("from", "From", kind="status", priority=2),
               Column("to", "To", kind="status", priority=0), Column("by", "By", kind="id"),
               Column("note", "Note", max_width=60)]
    render_rows(rows, columns, fmt.value, output=output, show_all=True)


@app.command("list")
def list_(event: Optional[str] = typer.Option(None, "--event", "-e", metavar="ID", autocompletion=complete.event_ids),
          status: Optional[str] = typer.Option(None, "--status", "-s", help="pending, needs-info, approved, waitlisted, denied, cancelled or revoked."),
          late: bool = typer.Option(False, "--late", help="Only requests that came after the deadline."),
          fmt: ListFormat = format_option(ListFormat.table),
          limit: Optional[int] = LIMIT, all_rows: bool = ALL,
          output: Optional[Path] = OUTPUT) -> None:
    """Credential requests, oldest first."""
    from pressroom.credentials.lite import list_requests
    from pressroom.output import Column, render_rows

    workspace, store = _open(lite=True)
    with store:
        rows = list_requests(store, workspace, event_id=event, status=status,
                             late=True if late else None)
    columns = [Column("id", "ID", justify="right", kind="id", priority=0),
               Column("event", "Event", kind="id", priority=2),
               Column("name", "Name", value=lambda r: r["name"] if not r["purged"] else "(purged)",
                      max_width=30, priority=0),
               Column("outlet", "Outlet", max_width=30, priority=0),
               Column("email", "Email", kind="email", priority=4),
               Column("role", "Role", kind="status", priority=5),
               Column("type", "Type", kind="status", priority=3),
               Column("status", "Status", kind="status", priority=0),
               Column("routed_to", "Routed to", kind="id", priority=5),
               Column("submitted_at", "Submitted (UTC)", kind="date", priority=3),
               Column("decided_by", "Decided by", kind="id", priority=6),
               Column("late", "Late", kind="status", priority=2),
               Column("duplicate_of", "Duplicate of", kind="id", priority=6)]
    implied = [key for key, given in (("event", event), ("status", status), ("late", late)) if given]
    render_rows(rows, columns, fmt.value, empty="no requests", limit=limit, show_all=all_rows,
                newest="last", implied=implied, output=output)


@app.command("roster")
def roster(event: str = typer.Argument(..., metavar="EVENT", autocompletion=complete.event_ids),
           fmt: RosterFormat = format_option(RosterFormat.markdown, "csv, markdown or html."),
           output: Optional[Path] = OUTPUT) -> None:
    """The approved list for the registration desk (CSV, Markdown or HTML)."""
    from pressroom.credentials.reports import roster_rows, roster_text
    from pressroom.events import get_event
    from pressroom.output import emit

    workspace, store = _open()
    with store:
        rows = roster_rows(store, workspace, event)
    title = f"Press credentials: {get_event(workspace, event).name}"
    emit(roster_text(rows, fmt.value, title=title), output)


@app.command("followup")
def followup_(event: str = typer.Argument(..., metavar="EVENT", autocompletion=complete.event_ids),
              fmt: ShortFormat = format_option(ShortFormat.table, "table or json."),
              output: Optional[Path] = OUTPUT) -> None:
    """What each accredited outlet published from the event to 30 days after it."""
    from pressroom.credentials.reports import FOLLOWUP_COLUMNS, followup
    from pressroom.output import emit, table_text, to_json

    workspace, store = _open()
    with store:
        report = followup(store, workspace, event)
    if fmt is ShortFormat.json:
        emit(to_json(report) + "\n", output)
        return
    text = table_text(report["outlets"], FOLLOWUP_COLUMNS,
                      title=f"Coverage of {report['event']}, {report['from']} to {report['to']}",
                      empty="no accredited outlets")
    if report["silent"]:
        text += f"Published nothing: {', '.join(report['silent'])}\n"
    emit(text, output)


@app.command("purge")
def purge_(event: str = typer.Option(..., "--event", "-e", metavar="ID", autocompletion=complete.event_ids),
           before: Optional[str] = typer.Option(None, "--before", metavar="DATE",
                                                help="Only requests decided before this date."),
           yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask first.")) -> None:
    """Remove the personal data of closed requests (denied, cancelled, revoked), keeping counts
    and outlets."""
    import sys

    from pressroom.credentials.requests import purge, purge_candidates
    from pressroom.errors import InputError
    from pressroom.events import get_event
    from pressroom.yamlfile import parse_date

    workspace, store = _open()
    cutoff = parse_date(before, where=None, what="--before") if before else None
    get_event(workspace, event)
    with store:
        ids = purge_candidates(store, event, cutoff)
        if not ids:
            typer.echo(f"nothing to purge for {event}")
            return
        if not yes:
            if not sys.stdin.isatty():
                raise InputError(f"purge would remove the personal data of {len(ids)} closed "
                                 "requests; pass --yes to confirm (no terminal to ask on)")
            typer.confirm(f"Remove the names, emails, phones, assignments and evidence of "
                          f"{len(ids)} closed requests for {event}?", abort=True)
        result = purge(store, workspace, event, before=cutoff)
    typer.echo(f"purged the personal data of {len(result.ids)} requests for {event}: "
               f"{', '.join(str(i) for i in result.ids)}")
