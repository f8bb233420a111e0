"""`pressroom quote extract`, mounted on a bare Typer app (the lead wires it under `quote`)."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from pressroom.cli.quote_extract import register
from pressroom.errors import InputError

ARTICLE = ("“Training should not be optional,” Canady said.\n"
           "“We had three threats this year,” said Principal Ann Lee.\n")


@pytest.fixture
def run(example_workspace, monkeypatch):
    monkeypatch.setenv("PRESSROOM_WORKSPACE", str(example_workspace))
    app = typer.Typer()

    @app.callback()
    def root() -> None:
        """A stand-in for the `quote` group."""

    register(app)

    def invoke(*args: str, input: str | bytes | None = None):
        return CliRunner().invoke(app, ["extract", *args], input=input, catch_exceptions=False)

    return invoke


def test_json_from_a_file(run, tmp_path):
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    result = run(str(article), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == [{"text": "Training should not be optional", "speaker": "canady",
                                          "speaker_name": "Mo Canady", "cue": "said", "start": 1, "end": 32,
                                          "via": "name"}]
    assert "“" not in result.stdout and "\\u" not in result.stdout  # ensure_ascii=False, no marks


def test_all_speakers_from_stdin(run):
    result = run("-", "--all-speakers", "--format", "json", input=ARTICLE.encode("utf-8"))
    assert [q["speaker_name"] for q in json.loads(result.stdout)] == ["Mo Canady", "Ann Lee"]


def test_table(run):
    result = run("--all-speakers", input=ARTICLE)
    assert result.exit_code == 0
    assert "Mo Canady" in result.stdout and "Ann Lee" in result.stdout
    assert "Training should not be optional" in result.stdout


def test_a_file_that_is_not_utf8_is_located(run, tmp_path):
    article = tmp_path / "latin1.txt"
    article.write_bytes("first line\nCanady said “caf\u00e9”".encode("cp1252"))
    with pytest.raises(InputError) as raised:
        run(str(article))
    assert str(raised.value) == f"{article}:2:13: not UTF-8 text (byte 0x93)"


def test_a_missing_file(run, tmp_path):
    with pytest.raises(InputError) as raised:
        run(str(tmp_path / "nope.txt"))
    assert str(raised.value) == f"{tmp_path / 'nope.txt'}: no such file"
