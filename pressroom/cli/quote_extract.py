"""`pressroom quote extract`: find the quotes in an article's text and who said them."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from pressroom.cli.options import OUTPUT, format_option
from pressroom.output import ListFormat


def register(app: "typer.Typer") -> None:
    """Add the ``extract`` command to the ``quote`` command group."""
    app.command("extract")(extract)


def extract(
    file: str = typer.Argument("-", metavar="[FILE|-]", help="The article (text or HTML); - for stdin."),
    fmt: ListFormat = format_option(ListFormat.table), output: Optional[Path] = OUTPUT,
    all_speakers: bool = typer.Option(
        False, "--all-speakers", help="Every quote found, not only the spokespeople's."),
) -> None:
    """Print the quotes in an article, attributed to the workspace's spokespeople."""
    from pressroom.extract import extract_quotes, speakers_of
    from pressroom.output import Column, render_rows
    from pressroom.workspace import current_workspace

    text = read_article(file)
    speakers = speakers_of(current_workspace().config.spokespeople)
    rows = [q.as_dict() for q in extract_quotes(text, speakers, all_speakers=all_speakers)]
    if fmt is ListFormat.table:
        columns = [Column("speaker_name", "Speaker", max_width=24, priority=0),
                   Column("via", "Via", kind="status", priority=3),
                   Column("text", "Quote", max_width=80, priority=0),
                   Column("start", "Start", justify="right", kind="number", priority=2),
                   Column("end", "End", justify="right", kind="number", priority=2)]
    else:
        columns = [Column(key, key) for key in ("text", "speaker", "speaker_name", "cue", "start", "end", "via")]
    render_rows(rows, columns, fmt, empty="no quotes", show_all=True, output=output)


def read_article(file: str) -> str:
    """The UTF-8 text of ``file``, or of stdin for ``-``."""
    import sys

    from pressroom.textfile import decode_utf8, read_bytes

    if file != "-":
        return decode_utf8(read_bytes(file, file), file)
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    return data if isinstance(data, str) else decode_utf8(data, "<stdin>")
