"""Copy-editing release bodies end to end: findings located inside the YAML block scalar,
`release check -f json`, `--fix` editing the file in place, `--dry-run`, and `style check`."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from pressroom.copyedit.yamlbody import locate_value

HEAD = "headline: Officers gather for training\ndate: 2019-05-01\nboilerplate: false\n"
QUOTES = "quotes:\n  - speaker: canady\n    text: Fine.\n"


@pytest.fixture
def ws(example_workspace, monkeypatch):
    monkeypatch.chdir(example_workspace)
    return example_workspace


def write_release(ws: Path, body_yaml: str, name: str = "2019-05-01-training.yaml") -> Path:
    path = ws / "releases" / name
    path.write_bytes((HEAD + body_yaml + QUOTES).encode("utf-8"))
    return path


def body_lines(cli, *args):
    result = cli("release", "check", "training", *args)
    return result, [line for line in result.stdout.splitlines()
                    if "[" in line and "boilerplate" not in line]


# --- positions ----------------------------------------------------------------------------------

def _where(text: str, value: str, needle: str, mark: tuple[int, int]) -> tuple[int, int] | None:
    value_map = locate_value(text, mark, value)
    assert value_map is not None
    return value_map.position(value.index(needle))


def test_literal_block_positions():
    text = "body: |\n  First line here.\n\n  Second at 10 AM.\nnext: 1\n"
    value = "First line here.\n\nSecond at 10 AM."
    assert _where(text, value, "10 AM", (1, 7)) == (4, 13)


def test_folded_block_positions_and_more_indented_lines():
    text = "body: >-\n    Folded text that\n    runs on at 10 AM.\n\n      indented 9 AM\n    back.\n"
    import yaml

    value = yaml.safe_load(text)["body"].strip()
    assert _where(text, value, "10 AM", (1, 7)) == (3, 16)
    assert _where(text, value, "9 AM", (1, 7)) == (5, 16)
    assert _where(text, value, "back", (1, 7)) == (6, 5)


def test_plain_and_quoted_one_line_values():
    assert _where("body: Doors at 10 AM.\n", "Doors at 10 AM.", "10", (1, 7)) == (1, 16)
    assert _where('body: "Doors at 10 AM."\n', "Doors at 10 AM.", "10", (1, 7)) == (1, 17)
    assert _where("body: 'Doors at 10 AM.'\n", "Doors at 10 AM.", "10", (1, 7)) == (1, 17)


def test_values_that_cannot_be_mapped_exactly_give_none():
    assert locate_value('body: "Doors at\\t10 AM."\n', (1, 7), "Doors at\t10 AM.") is None
    assert locate_value('body: "Doors\n  at 10 AM."\n', (1, 7), "Doors at 10 AM.") is None
    assert locate_value("body: |2\n    Doors at 10 AM.\n", (1, 7), "Doors at 10 AM.") is None


# --- release check ------------------------------------------------------------------------------

def test_findings_are_located_inside_the_block_scalar(cli, ws):
    write_release(ws, "body: |\n  The course opens January 15th at\n  9:00 AM in Hoover.\n\n"
                      "  \"Come at 7 AM,\" Canady said.\n")
    result, lines = body_lines(cli)
    assert result.exit_code == 1
    assert lines == [
        "releases/2019-05-01-training.yaml:5:20: warning: abbreviate the month with a specific "
        "date (Jan. Feb. Aug. Sept. Oct. Nov. Dec.): 'January' -> 'Jan.' [date.month-abbrev]",
        "releases/2019-05-01-training.yaml:5:28: warning: no ordinals in dates (June 14): "
        "'15th' -> '15' [date.ordinal]",
        "releases/2019-05-01-training.yaml:6:3: warning: lowercase a.m. and p.m. with periods "
        "(10 a.m.): '9:00 AM' -> '9 a.m.' [time.am-pm]",
        "releases/2019-05-01-training.yaml:8:12: note: lowercase a.m. and p.m. with periods "
        "(10 a.m.) (inside a direct quote: left as written): '7 AM' -> '7 a.m.' [time.am-pm]",
    ]


def test_json_format(cli, ws):
    write_release(ws, "body: >\n  Doors open at 10 AM.\n")
    result = cli("release", "check", "training", "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout) == [
        {"file": "releases/2019-05-01-training.yaml", "line": 3, "column": 14,
         "rule": "boilerplate.missing", "severity": "warning",
         "message": "no boilerplate ('About' paragraph)", "suggestion": None},
        {"file": "releases/2019-05-01-training.yaml", "line": 5, "column": 17,
         "rule": "time.am-pm", "severity": "warning",
         "message": "lowercase a.m. and p.m. with periods (10 a.m.): '10 AM.'",
         "suggestion": "10 a.m."},
    ]


def test_clean_json_is_an_empty_list(cli, ws):
    result = cli("release", "check", "conference-keynote", "-f", "json")
    assert (result.exit_code, json.loads(result.stdout)) == (0, [])


def test_a_value_that_cannot_be_mapped_falls_back_to_the_key_and_is_not_fixed(cli, ws):
    path = write_release(ws, 'body: "Doors open\n  at 10 AM."\n')
    before = path.read_text()
    result, lines = body_lines(cli)
    assert lines == ["releases/2019-05-01-training.yaml:4:7: warning: lowercase a.m. and p.m. "
                     "with periods (10 a.m.): '10 AM.' -> '10 a.m.' [time.am-pm]"]
    fixed = cli("release", "check", "training", "--fix")
    assert fixed.stderr == "fixed 0 findings in 0 files\n"
    assert path.read_text() == before


def test_fix_edits_only_the_changed_text_and_keeps_comments_order_and_style(cli, ws):
    path = write_release(ws, "# the body, hand-written\nbody: |  # literal, please\n"
                             "  The course opens January 15th at 9:00 AM in Pigeon Forge,\n"
                             "  Tennessee, and costs $450.00.\n\n"
                             "  \"Come at 7 AM,\" Canady said. # not a comment\n"
                             "tags: [b, a]  # kept\n")
    result = cli("release", "check", "training", "--fix")
    assert result.stderr == "fixed 5 findings in 1 file\n"
    assert path.read_text() == (
        HEAD + "# the body, hand-written\nbody: |  # literal, please\n"
        "  The course opens Jan. 15 at 9 a.m. in Pigeon Forge,\n"
        "  Tenn., and costs $450.\n\n"
        "  \"Come at 7 AM,\" Canady said. # not a comment\n"
        "tags: [b, a]  # kept\n" + QUOTES)
    assert result.stdout.startswith(
        "--- a/releases/2019-05-01-training.yaml\n+++ b/releases/2019-05-01-training.yaml\n")
    assert "-  The course opens January 15th at 9:00 AM in Pigeon Forge,\n" in result.stdout
    assert "+  The course opens Jan. 15 at 9 a.m. in Pigeon Forge,\n" in result.stdout
    # what is left: the note in the quote and the missing boilerplate
    assert result.stdout.endswith(
        "releases/2019-05-01-training.yaml:3:14: warning: no boilerplate ('About' paragraph)\n"
        "releases/2019-05-01-training.yaml:9:12: note: lowercase a.m. and p.m. with periods "
        "(10 a.m.) (inside a direct quote: left as written): '7 AM' -> '7 a.m.' [time.am-pm]\n")
    assert result.exit_code == 1


def test_fix_of_everything_exits_0(cli, ws):
    path = write_release(ws, "body: >-\n  Doors open at 10 AM.\n")
    path.write_text(path.read_text().replace("boilerplate: false\n", ""))
    result = cli("release", "check", "training", "--fix")
    assert (result.exit_code, result.stderr) == (0, "fixed 1 finding in 1 file\n")
    assert result.stdout.endswith("ok: 1 release checked\n")
    assert "  Doors open at 10 a.m.\n" in path.read_text()


def test_dry_run_shows_the_diff_and_changes_nothing(cli, ws):
    path = write_release(ws, "body: |\n  Doors open at 10 AM.\n")
    before = path.read_bytes()
    result = cli("release", "check", "training", "--fix", "--dry-run")
    assert path.read_bytes() == before
    assert result.stderr == "would fix 1 finding in 1 file\n"
    assert result.stdout == (
        "--- a/releases/2019-05-01-training.yaml\n+++ b/releases/2019-05-01-training.yaml\n"
        "@@ -2,7 +2,7 @@\n date: 2019-05-01\n boilerplate: false\n body: |\n"
        "-  Doors open at 10 AM.\n+  Doors open at 10 a.m.\n quotes:\n   - speaker: canady\n"
        "     text: Fine.\n"
        "releases/2019-05-01-training.yaml:3:14: warning: no boilerplate ('About' paragraph)\n")


def test_dry_run_needs_fix(cli, ws):
    result = cli("release", "check", "--dry-run")
    assert result.exit_code == 2
    assert "--dry-run goes with --fix" in result.stderr


def test_a_finding_across_a_folded_line_break_is_located_and_stays_a_finding(cli, ws):
    path = write_release(ws, "body: >\n  Doors open at 9:00\n  AM sharp.\n")
    result, lines = body_lines(cli)
    assert len(lines) == 1
    assert lines[0].startswith("releases/2019-05-01-training.yaml:5:17: warning: lowercase a.m.")
    before = path.read_text()
    fixed = cli("release", "check", "training", "--fix")
    assert fixed.stderr == "fixed 0 findings in 0 files\n"
    assert path.read_text() == before


def test_crlf_file_keeps_its_line_endings(cli, ws):
    path = ws / "releases/2019-05-01-training.yaml"
    path.write_bytes((HEAD + "body: |\n  Doors open at 10 AM.\n  Then e-mail us.\n" + QUOTES)
                     .replace("\n", "\r\n").encode())
    result, lines = body_lines(cli)
    assert [line.split(": warning")[0] for line in lines] == [
        "releases/2019-05-01-training.yaml:5:17", "releases/2019-05-01-training.yaml:6:8"]
    cli("release", "check", "training", "--fix")
    assert path.read_bytes() == (HEAD + "body: |\n  Doors open at 10 a.m.\n  Then email us.\n"
                                 + QUOTES).replace("\n", "\r\n").encode()


def test_odd_unicode_in_a_body_keeps_columns_right(cli, ws):
    path = write_release(ws, "body: |\n  \u200fThe\u00a0drill\u200b is at 10\u00a0AM “today\".\n"
                             "  Then e-mail\u200e us.\n")
    result, lines = body_lines(cli)
    # columns count characters, invisible ones too (as PyYAML's do): the RLM is column 3
    assert [line.split(": warning")[0] for line in lines] == [
        "releases/2019-05-01-training.yaml:5:21", "releases/2019-05-01-training.yaml:6:8"]
    cli("release", "check", "training", "--fix")
    assert "  \u200fThe\u00a0drill\u200b is at 10 a.m. “today\".\n  Then email\u200e us.\n" \
        in path.read_text()


def test_inline_marker_silences_and_does_not_render(cli, ws):
    write_release(ws, "body: |\n  [//]: # (style-ignore time.am-pm: 9 AM)\n"
                      "  Doors open at 9 AM and close at 5 PM.\n")
    result, lines = body_lines(cli)
    assert [line.split("'")[1] for line in lines] == ["5 PM."]
    rendered = cli("release", "render", "training")
    assert "style-ignore" not in rendered.stdout
    assert "Doors open at 9 AM and close at 5 PM." in rendered.stdout


def test_house_style_rules_off_in_pressroom_yaml(cli, ws):
    config = ws / "pressroom.yaml"
    config.write_text(config.read_text().replace("  states: abbreviate\n",
                                                 "  states: abbreviate\n  rules:\n    time: off\n"))
    write_release(ws, "body: |\n  Doors open at 9 AM.\n")
    assert body_lines(cli)[1] == []


def test_a_bad_style_section_is_exit_2(cli, ws):
    config = ws / "pressroom.yaml"
    config.write_text(config.read_text().replace("  states: abbreviate\n", "  states: short\n"))
    result = cli("release", "check")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: pressroom.yaml:")
    assert "'states' is one of spell-out, abbreviate, not 'short'" in result.stderr


def test_diff_is_coloured_only_on_a_terminal(monkeypatch):
    from pressroom.cli.copyedit import show_diffs
    from pressroom.console import use_streams
    from pressroom.copyedit.files import FileFix

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    change = FileFix(Path("x.md"), "x.md", "at 10 AM\n", "at 10 a.m.\n", 1)
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm-256color")
    for stream, coloured in ((Terminal(), True), (io.StringIO(), False)):
        use_streams(out=stream)
        try:
            show_diffs([change])
        finally:
            use_streams()
        assert ("\x1b[" in stream.getvalue()) is coloured
        assert "+at 10 a.m." in stream.getvalue()


# --- style check --------------------------------------------------------------------------------

def test_style_check_a_file_and_stdin(cli, ws):
    (ws / "pitch.md").write_text("Hi Dana,\n\nOur chief is free at 2 PM on Sep. 5th.\n")
    result = cli("style", "check", "pitch.md")
    assert result.exit_code == 1
    assert result.stdout == (
        "pitch.md:3:22: warning: lowercase a.m. and p.m. with periods (10 a.m.): '2 PM' -> "
        "'2 p.m.' [time.am-pm]\n"
        "pitch.md:3:30: warning: September is abbreviated Sept.: 'Sep.' -> 'Sept.' [date.sept]\n"
        "pitch.md:3:35: warning: no ordinals in dates (June 14): '5th' -> '5' [date.ordinal]\n")
    piped = cli("style", "check", "-", "-f", "json", input="Call at 9:00 a.m.\n")
    assert piped.exit_code == 1
    assert json.loads(piped.stdout) == [
        {"file": "<stdin>", "line": 1, "column": 9, "rule": "time.zero-minutes",
         "severity": "warning", "message": "no :00 on the hour (9 a.m.): '9:00 a.m.'",
         "suggestion": "9 a.m."}]
    clean = cli("style", "check", "-", input="Call at 9 a.m.\n")
    assert (clean.exit_code, clean.stdout) == (0, "ok: <stdin>\n")


def test_style_check_uses_house_style_and_works_without_a_workspace(cli, ws, tmp_path, monkeypatch):
    (ws / "a.txt").write_text("It is in Pigeon Forge, Tennessee.\n")
    assert "'Tennessee.' -> 'Tenn.'" in cli("style", "check", "a.txt").stdout
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "a.txt").write_text("It is in Pigeon Forge, Tenn.\n")
    monkeypatch.chdir(outside)
    assert "'Tenn.' -> 'Tennessee.'" in cli("style", "check", "a.txt").stdout


def test_style_check_fix_and_dry_run(cli, ws):
    path = ws / "pitch.md"
    path.write_text("Call at 9:00 AM.\n“Come at 8 AM,” she said.\n")
    dry = cli("style", "check", "pitch.md", "--fix", "--dry-run")
    assert path.read_text() == "Call at 9:00 AM.\n“Come at 8 AM,” she said.\n"
    assert dry.stderr == "would fix 1 finding in 1 file\n"
    assert "+Call at 9 a.m.\n" in dry.stdout
    done = cli("style", "check", "pitch.md", "--fix")
    assert path.read_text() == "Call at 9 a.m.\n“Come at 8 AM,” she said.\n"
    assert done.exit_code == 0
    assert done.stdout.endswith("pitch.md:2:10: note: lowercase a.m. and p.m. with periods "
                                "(10 a.m.) (inside a direct quote: left as written): '8 AM' -> "
                                "'8 a.m.' [time.am-pm]\n")
    refused = cli("style", "check", "-", "--fix", input="x")
    assert refused.exit_code == 2
    assert "--fix rewrites a FILE" in refused.stderr


@pytest.mark.parametrize("make,message", [
    (lambda p: p.mkdir(), "is a folder, not a file"),
    (lambda p: None, "no such file"),
    (lambda p: p.write_bytes(b"at 10 AM\x00"), "not a text file (it contains NUL bytes)"),
    (lambda p: p.write_bytes(b"caf\xe9 at 10 AM"), "1:4: not UTF-8 text (byte 0xe9)"),
    (lambda p: p.write_bytes(b"a" * 5_000_001), "the file is larger than 5 MB"),
])
def test_style_check_bad_input_is_one_line_exit_2(cli, ws, make, message):
    make(ws / "bad.txt")
    result = cli("style", "check", "bad.txt")
    assert result.exit_code == 2
    assert result.stderr.startswith("error: bad.txt")
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_style_check_stdin_too_big(cli, ws):
    result = cli("style", "check", "-", input="a" * 5_000_001)
    assert (result.exit_code, result.stderr) == (2, "error: <stdin>: the input is larger than 5 MB\n")


def test_style_check_special_file(cli, ws):
    result = cli("style", "check", os.devnull)
    assert (result.exit_code, result.stdout) == (0, f"ok: {os.devnull}\n")
