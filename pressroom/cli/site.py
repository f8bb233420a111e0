"""`pressroom site build|serve`: the newsroom website, built from the workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

app = typer.Typer(no_args_is_help=True)  # help: COMMANDS in pressroom/cli/__init__.py


@app.command("build")
def build(
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", metavar="DIR",
        help="The folder to write (default: site.output in pressroom.yaml, else site/)."),
    base_url: Optional[str] = typer.Option(
        None, "--base-url", metavar="URL",
        help="Where the site is served, like https://www.example.org/newsroom/ (default: site.base_url)."),
    check: bool = typer.Option(False, "--check",
                               help="Check every internal link and asset; write nothing if one is broken."),
) -> None:
    """Build the newsroom website: releases, "in the media", press credentials and feeds."""
    from pressroom.site.build import build_site, summary_lines
    from pressroom.workspace import current_workspace

    result = build_site(current_workspace(), out=output, base_url=base_url, check=check)
    for line in summary_lines(result):
        typer.echo(line)


@app.command("serve")
def serve(
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="The port on 127.0.0.1."),
    interval: float = typer.Option(1.0, "--interval", min=0.1, max=60.0,
                                   help="Seconds between checks for changed files."),
) -> None:
    """Preview the website on 127.0.0.1, rebuilt when a release, pressroom.yaml or a template changes."""
    from pressroom.site.serve import serve_site
    from pressroom.workspace import current_workspace

    serve_site(current_workspace(), port=port, interval=interval, echo=typer.echo)
