"""Listings as tables at 60, 80, 120 and 200 columns: nothing wider than the terminal, ids, dates,
slugs, statuses and emails never cut, dropped columns named, filter-implied columns left out;
the 50-row limit on a real terminal; -o FILE and -f everywhere."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from pressroom.output import Column, display_width, table_text
from tests.conftest import REPO, on_terminal, run_cli

WIDTHS = (60, 80, 120, 200)
LONG = dict(name="Bartholomew Alexander Featherstonehaugh-Worthington III",
            outlet="The Extremely Long Name Daily Gazette and Evening Courier of the Tri-County Area",
            email="bartholomew.featherstonehaugh@gazette-and-courier.example")

# (command, keys whose values must appear whole in the table at every width)
LISTINGS = [
    (("mention", "list"), ("id", "published")),
    (("mention", "list", "--outlet", "WVTM TV"), ("id", "published")),
    (("quote", "list"), ("id", "published")),
    (("outlet", "list"), ("id",)),
    (("release", "list"), ("date", "slug", "status")),
    (("event", "list"), ("id", "start")),
    (("credential", "list"), ("id", "status")),
    (("credential", "list", "--event", "nssc-2019"), ("id", "status")),
    (("mail", "list"), ("id", "status")),
]


@pytest.fixture
def busy(store, example_workspace, monkeypatch):
    """The example mentions, and credential requests with very long names, outlets and emails."""
    from pressroom.mentions.importer import import_files
    from pressroom.workspace import Workspace

    import_files(store, Workspace(example_workspace), [REPO / "data" / "mentions.csv"], by="t")
    monkeypatch.setenv("PRESSROOM_TODAY", "2019-05-01")
    for n, name in enumerate((LONG["name"], "Ana Reyes", "Kim Wu")):
        email = LONG["email"] if n == 0 else f"reporter{n}@news.example"
        outlet = LONG["outlet"] if n == 0 else "WBIR-TV"
        result = run_cli("credential", "request", "--event", "nssc-2019", "--name", name,
                         "--outlet", outlet, "--email", email)
        assert result.exit_code == 0, result.stderr
    return store


def whole(value: str, text: str) -> bool:
    return re.search(rf"(?<!\S){re.escape(value)}(?!\S)", text) is not None


@pytest.mark.parametrize("width", WIDTHS)
def test_every_listing_fits_and_keeps_tokens_whole(busy, width):
    for command, keys in LISTINGS:
        rows = json.loads(run_cli(*command, "--format", "json").stdout)
        assert rows, command
        result = run_cli(*command, env={"COLUMNS": str(width)})
        assert result.exit_code == 0, (command, result.stderr)
        lines = result.stdout.splitlines()
        too_wide = [line for line in lines if display_width(line) > width]
        assert not too_wide, (command, width, too_wide)
        for row in rows:
            for key in keys:
                assert whole(str(row[key]), result.stdout), (command, width, key, row[key])
        header = lines[0]
        if "Email" in header.split():  # shown: then never cut
            for row in rows:
                assert whole(row["email"], result.stdout)
        if width == 200 and command[0] in ("mention", "release", "event", "outlet"):
            assert "not shown at" not in result.stdout, (command, result.stdout)


def test_narrow_terminals_name_the_columns_left_out(busy):
    narrow = run_cli("credential", "list", env={"COLUMNS": "60"}).stdout
    footer = narrow[narrow.index("not shown at 60 columns:"):].replace("\n", " ")
    assert "Email" in footer and "Decided by" in footer
    assert "…" in narrow  # the long name and outlet are ellipsised, not wrapped
    assert LONG["name"] not in narrow
    wide = run_cli("credential", "list", env={"COLUMNS": "400"}).stdout
    assert LONG["email"] in wide and "not shown" not in wide
    assert LONG["name"][:20] in wide and LONG["name"] not in wide  # free text: capped


def test_a_column_implied_by_a_filter_is_not_shown(busy):
    every = run_cli("credential", "list", env={"COLUMNS": "200"}).stdout.splitlines()[0].split()
    one = run_cli("credential", "list", "--event", "nssc-2019", "--status", "pending",
                  env={"COLUMNS": "200"}).stdout.splitlines()[0].split()
    assert "Event" in every and "Status" in every
    assert "Event" not in one and "Status" not in one
    # JSON and CSV keep every key: they are data, not a view
    data = json.loads(run_cli("credential", "list", "--event", "nssc-2019", "-f", "json").stdout)
    assert all(r["event"] == "nssc-2019" for r in data)
    outlet = run_cli("mention", "list", "--outlet", "WVTM TV", env={"COLUMNS": "200"})
    assert "Outlet" not in outlet.stdout.splitlines()[0].split()


def test_hostile_cells_cannot_escape_their_cell():
    columns = [Column("id", "ID", kind="id", priority=0), Column("title", "Title", priority=0)]
    rows = [{"id": 1, "title": "red \x1b[31mALERT\x1b[0m\nsecond line\tand tab\u2028end"},
            {"id": 2, "title": "世界のニュース" * 10},
            {"id": 3, "title": "e\u0301" * 80}]
    text = table_text(rows, columns, width=40)
    assert "\x1b" not in text and "\t" not in text and "\u2028" not in text
    lines = text.splitlines()
    assert len(lines) == 5  # header, rule, one line per row
    assert all(display_width(line) <= 40 for line in lines)
    assert lines[3].split()[0] == "2" and "世界" in lines[3] and lines[3].endswith("…")


def test_nothing_fits_still_never_cuts_an_id():
    columns = [Column("url", "URL", kind="url", priority=0), Column("t", "T", priority=0)]
    url = "https://example.org/" + "a" * 100
    text = table_text([{"url": url, "t": "x"}], columns, width=60)
    assert url in text  # wider than the terminal, but whole: a cut URL is useless


def test_limit_and_all_apply_to_every_format(busy):
    assert len(json.loads(run_cli("mention", "list", "-f", "json").stdout)) == 50
    assert len(json.loads(run_cli("mention", "list", "-f", "json", "--limit", "3").stdout)) == 3
    rows = list(csv.reader(io.StringIO(run_cli("outlet", "list", "-f", "csv", "--limit", "2").stdout)))
    assert rows[0] == ["id", "name", "type", "domain", "aliases", "mentions"] and len(rows) == 3
    table = run_cli("mention", "list", "--limit", "4").stdout
    assert len(table.splitlines()) == 6 and "shown" not in table  # not a terminal: no cap note


@pytest.mark.parametrize("command", [
    ("credential", "roster", "nssc-2019", "--format", "csv"),
    ("credential", "list", "-f", "csv"),
    ("credential", "history", "1", "-f", "json"),
    ("credential", "followup", "nssc-2019"),
    ("mention", "list", "-f", "csv"),
    ("mention", "show", "1", "-f", "json"),
    ("quote", "list"),
    ("outlet", "list", "-f", "json"),
    ("release", "list"),
    ("event", "list"),
    ("event", "show", "nssc-2019"),
    ("mail", "list"),
    ("report", "pickup", "conference-keynote", "-f", "json"),
    ("report", "coverage", "-f", "markdown"),
])
def test_every_document_command_takes_o_file(busy, tmp_path, command):
    target = tmp_path / "out" / "file.txt"
    shown = run_cli(*command)
    written = run_cli(*command, "-o", str(target))
    assert (written.exit_code, written.stdout) == (0, ""), written.stderr
    assert written.stderr == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == shown.stdout
    dash = run_cli(*command, "-o", "-")
    assert dash.stdout == shown.stdout


def test_the_readme_roster_command_works(busy, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    run_cli("credential", "approve", "2", "3")
    result = run_cli("credential", "roster", "nssc-2019", "--format", "csv", "-o", "roster.csv")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(open(tmp_path / "roster.csv", encoding="utf-8")))
    assert [r["name"] for r in rows] == ["Ana Reyes", "Kim Wu"]


def test_mention_show_refuses_csv(busy):
    result = run_cli("mention", "show", "1", "--format", "csv")
    assert result.exit_code == 2
    assert "'csv' is not one of 'text', 'table', 'json'" in result.stderr
    assert run_cli("mention", "show", "1", "-f", "text").stdout.startswith("mention 1\n")


def test_pickup_numbers_quotes_alike_in_text_and_json(busy):
    data = json.loads(run_cli("report", "pickup", "conference-keynote", "-f", "json").stdout)
    text = run_cli("report", "pickup", "conference-keynote").stdout
    assert [q["number"] for q in data["quotes"]] == list(range(1, len(data["quotes"]) + 1))
    used = [u for m in data["mentions"] for u in m["quotes"]]
    assert used
    for u in used:
        assert f"quote {u['quote']}: {u['pickup']}" in text
        assert data["quotes"][u["quote"] - 1]["text"] == u["text"]


def test_exported_csv_imports_back(busy, tmp_path, another_db_url):
    """The one CSV header style is one `mention import` reads: clip book and mention list."""
    other = {"PRESSROOM_DATABASE_URL": another_db_url}
    expected = ("added 50, already known 0, rejected 0", "added 0, already known 50, rejected 0")
    for command, summary in zip((("report", "coverage"), ("mention", "list", "-f", "csv")), expected):
        exported = tmp_path / "export.csv"
        assert run_cli(*command, "-o", str(exported)).exit_code == 0
        result = run_cli("mention", "import", str(exported), env=other)
        assert result.exit_code == 0, result.stderr
        assert summary in result.stdout.lower(), result.stdout
    mine = json.loads(run_cli("mention", "list", "-f", "json").stdout)
    theirs = json.loads(run_cli("mention", "list", "-f", "json", env=other).stdout)
    keep = ("url", "title", "published", "outlet", "reporter")
    assert [{k: m[k] for k in keep} for m in theirs] == [{k: m[k] for k in keep} for m in mine]


def test_a_terminal_shows_the_newest_50(busy, tmp_path):
    more = tmp_path / "more.csv"
    more.write_text("url,title,outlet,date\n" + "".join(
        f"https://news.example/{n},Story {n},Extra News,2020-01-{n:02d}\n" for n in range(1, 31)),
        encoding="utf-8")
    assert run_cli("mention", "import", str(more)).exit_code == 0
    table = on_terminal("mention", "list")
    lines = table.splitlines()
    assert lines[-1] == "50 of 80 shown (--limit N, or --all)"
    assert lines[2].split()[:2] == ["80", "2020-01-30"]  # newest first
    assert len(lines) == 2 + 50 + 1
    assert len(on_terminal("mention", "list", "--all").splitlines()) == 2 + 80
    matching = len(json.loads(run_cli("mention", "list", "--since", "2019-03-01", "-f", "json").stdout))
    assert matching > 50  # counted, not fetched: the footer still says how many there are
    since = on_terminal("mention", "list", "--since", "2019-03-01").splitlines()
    assert since[-1] == f"50 of {matching} shown (--limit N, or --all)"
    extra = on_terminal("mention", "list", "--outlet", "Extra News").splitlines()
    assert len(extra) == 2 + 30 and "shown" not in extra[-1]
    assert len(on_terminal("mention", "list", "--limit", "60").splitlines()) == 2 + 60
    assert len(on_terminal("mention", "list", "-f", "csv").splitlines()) == 1 + 80  # complete
    # a listing in date order (oldest first) keeps its order and shows its newest, last rows
    requests = on_terminal("credential", "list", "--limit", "2")
    assert [line.split()[0] for line in requests.splitlines()[2:4]] == ["2", "3"]
    rows = [{"id": n} for n in range(1, 61)]
    text = table_text(rows, [Column("id", "ID", kind="id")], cap=50, newest="last")
    assert text.splitlines()[2] == "11" and text.splitlines()[-2:] == [
        "60", "50 of 60 shown (--limit N, or --all)"]


def every_command():
    """(path, Click command) for every command of the CLI, subcommands included."""
    from typer._click import Context

    from pressroom.cli import COMMANDS, app
    from typer.main import get_command

    root = get_command(app)
    ctx = Context(root)
    for *_rest, name, _summary in COMMANDS:
        command = root.get_command(ctx, name)
        subnames = command.list_commands(ctx) if hasattr(command, "list_commands") else [None]
        for sub in subnames:
            yield (name, sub), (command.get_command(ctx, sub) if sub else command)


def test_every_format_option_is_also_f_and_every_output_option_is_o():
    checked = 0
    for path, command in every_command():
        for param in command.params:
            opts = set(getattr(param, "opts", ())) | set(getattr(param, "secondary_opts", ()))
            if "--format" in opts:
                assert "-f" in opts, path
                checked += 1
            if "--output" in opts:
                assert "-o" in opts, path
    assert checked >= 18
