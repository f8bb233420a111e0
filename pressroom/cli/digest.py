"""`pressroom digest`: the media digest for a period, printed, written to a file or mailed."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from pressroom.cli import complete



class Format(str, Enum):
    text = "text"
    markdown = "markdown"
    html = "html"
    json = "json"



def digest(
    since: Optional[str] = typer.Option(None, "--since", metavar="YYYY-MM-DD", help="First day of the period."),
    until: Optional[str] = typer.Option(None, "--until", metavar="YYYY-MM-DD", help="Last day of the period (default: today)."),
    period: Optional[str] = typer.Option(None, "--period", "-p", metavar="PERIOD", help="last-week (the default), last-month, YYYY-MM or an ISO week YYYY-Www."),
    speaker: Optional[str] = typer.Option(None, "--speaker", autocompletion=complete.spokesperson_ids, metavar="ID", help="Only coverage quoting this spokesperson."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="text, markdown, html or json."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write to FILE instead of the screen."),
    mail_to: List[str] = typer.Option([], "--mail-to", metavar="ADDRESS", help="Mail the HTML digest (text as the plain alternative) through the workspace's mail settings; repeat for more recipients (one message to all)."),
) -> None:
    """The media digest: coverage, quotes and release pickup for a period, against the period before."""
    from pressroom.clock import today
    from pressroom.console import console, is_terminal, stderr, stdout
    from pressroom.digest.build import build_digest
    from pressroom.digest.periods import resolve_period
    from pressroom.digest.render import print_items, render_digest, text_renderables
    from pressroom.store import open_store
    from pressroom.workspace import current_workspace

    if mail_to and fmt is Format.json:
        from pressroom.errors import InputError

        raise InputError("a mailed digest is HTML with a text alternative; --format json cannot "
                         "be mailed (leave out --format, or write JSON with -o FILE separately)",
                         where="--mail-to")
    ws = current_workspace()
    if mail_to:
        from pressroom.digest.send import mail_recipients

        mail_to = mail_recipients(mail_to)  # checked before the digest is built
    chosen = resolve_period(since=since, until=until, period=period, today=today(ws))
    with open_store(ws) as store:
        result = build_digest(store, ws, chosen, speaker=speaker)
    if mail_to:
        from pressroom.digest.send import mail_digest

        delivery = mail_digest(ws, result, mail_to)
        state = "sent" if delivery.sent else ("not sent: " + delivery.error if delivery.error
                                               else "queued")
        stderr().write(f"digest to {', '.join(a.addr_spec for a in mail_to)}: {state} ({ws.shown(delivery.path)})\n")
        if delivery.error:
            raise typer.Exit(1)
        if output is None:
            return
    if output is None and fmt is Format.text and is_terminal():
        from pressroom.digest.view import digest_view

        print_items(console(), text_renderables(digest_view(result)))
        return
    text = render_digest(result, fmt.value, ws)
    if output is not None:
        from pressroom.atomic import write_atomic

        write_atomic(output, text)
        stderr().write(f"wrote {output}\n")
    else:
        stdout().write(text)

