"""`pressroom init [DIR]`: scaffold a workspace (prompts on a terminal, flags otherwise)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer



def init(
    folder: Path = typer.Argument(Path("."), metavar="[DIR]", help="Folder to create the workspace in (default: here)."),
    name: Optional[str] = typer.Option(None, "--name", help="The organisation's name."),
    short_name: Optional[str] = typer.Option(None, "--short-name", help="Short name, e.g. NASRO."),
    website: Optional[str] = typer.Option(None, "--website"),
    city: Optional[str] = typer.Option(None, "--city", help="Headquarters city."),
    state: Optional[str] = typer.Option(None, "--state", help="Headquarters state."),
    contact_name: Optional[str] = typer.Option(None, "--contact-name", help="Media contact's name."),
    contact_title: Optional[str] = typer.Option(None, "--contact-title", help="Media contact's job title, e.g. communications director."),
    contact_email: Optional[str] = typer.Option(None, "--contact-email"),
    contact_phone: Optional[str] = typer.Option(None, "--contact-phone"),
    timezone: Optional[str] = typer.Option(None, "--timezone", help="e.g. America/Chicago"),
    style: Optional[str] = typer.Option(None, "--style", help="Default dateline style."),
) -> None:
    """Create a workspace: pressroom.yaml, releases/ and templates/. Never overwrites a file."""
    import sys

    from pressroom.console import is_terminal
    from pressroom.errors import PressroomError
    from pressroom.scaffold import InitAnswers, check_answer, init_workspace, suggested_timezone

    interactive = sys.stdin.isatty() and is_terminal()

    def ask(field: str, flag: str, value: Optional[str], prompt: str, default: str = "") -> str:
        """A flag's value, checked; else, on a terminal, an answer asked for until it is good."""
        if value is not None or not interactive:
            try:
                return check_answer(field, default if value is None else value)
            except PressroomError as exc:
                raise exc.located(flag)
        while True:
            answer = typer.prompt(prompt, default=default, show_default=bool(default))
            try:
                return check_answer(field, answer)
            except PressroomError as exc:
                typer.echo(f"  {exc.message}; please try again", err=True)

    org = ask("name", "--name", name, "Organisation name")
    short = ask("short_name", "--short-name", short_name, "Short name (e.g. NASRO; optional)")
    website = ask("website", "--website", website, "Website")
    city = ask("city", "--city", city, "Headquarters city")
    state = ask("state", "--state", state, "Headquarters state")
    answers = InitAnswers(
        name=org, short_name=short, website=website, city=city, state=state,
        contact_name=ask("contact_name", "--contact-name", contact_name, "Media contact name"),
        contact_title=ask("contact_title", "--contact-title", contact_title,
                          "Media contact's job title (optional)"),
        contact_email=ask("contact_email", "--contact-email", contact_email, "Media contact email"),
        contact_phone=ask("contact_phone", "--contact-phone", contact_phone, "Media contact phone"),
        timezone=ask("timezone", "--timezone", timezone, "Time zone", suggested_timezone(state)),
        dateline_style=ask("dateline_style", "--style", style, "Dateline style", "dated"))
    for path, created in init_workspace(folder, answers):
        typer.echo(f"{'created' if created else 'kept   '} {path}")
