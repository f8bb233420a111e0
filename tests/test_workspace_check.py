"""`pressroom check` (issue 10 item 7): the whole workspace, every problem located, on SQLite and
PostgreSQL; and every command that reads `events:` refusing the same mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The example workspace grows (new templates, new pressroom.yaml sections): count and locate from
# the files themselves, so each expected line names what a user would see today.
TEMPLATES = sum(1 for path in (REPO / "templates").rglob("*.j2") if path.is_file())
_CONFIG = (REPO / "pressroom.yaml").read_text(encoding="utf-8").splitlines()
EVENTS = _CONFIG.index("events:") + 1  # the line of 'events:'


def at(line: int) -> int:
    """A line of pressroom.yaml given relative to 'events:' at line 35 (as when written)."""
    return line - 35 + EVENTS

BAD_EVENTS = """
  - id: spring-2020
    name: Spring training
    start: 2020-03-10
    end: 2020-03-08
    capacity: 10
  - id: summer-2020
    name: Summer
    start: 2020-06-01
    end: 2020-06-02
    media_contact: farlw
    capacity: 5
"""


@pytest.fixture
def ws(example_workspace, monkeypatch):
    monkeypatch.chdir(example_workspace)
    return example_workspace


def break_events(ws):
    config = ws / "pressroom.yaml"
    text = config.read_text().replace("    capacity: 40\n", "    capacity: four\n")
    config.write_text(text.replace("events:\n", "events:" + BAD_EVENTS, 1))


def test_a_clean_workspace(cli, ws):
    result = cli("check")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "database: note: no database yet (pressroom.db is made by the first command that logs "
        "something)\n"
        f"ok: 0 errors, 0 warnings (checked pressroom.yaml, 1 event, 2 releases, {TEMPLATES} templates)\n")


def test_every_problem_is_listed_with_its_place(cli, ws):
    break_events(ws)
    with (ws / "pressroom.yaml").open("a") as config:
        config.write("mail:\n  host: smtp.example.org\n  security: startls\n")
    (ws / "templates" / "digest" / "digest.md.j2").write_text("{{ period_label }\n")
    (ws / "templates" / "release.txt.j2").write_text("{{ release.headline | no_such_filter }}\n")
    (ws / "releases" / "2019-05-01-bad.yaml").write_text("headline: [x]\ndate: 2019-05-01\n")
    (ws / "releases" / "2019-05-02-draft.yaml").write_text(
        "headline: A draft\ndate: 2019-05-02\nstatus: approved\nbody: Write the first paragraph "
        "here.\n")
    result = cli("check")
    assert result.exit_code == 2, result.stdout
    lines = result.stdout.splitlines()
    assert lines == [
        f"pressroom.yaml:{at(39)}:10: error: the event ends (2020-03-08) before it starts (2020-03-10)",
        f"pressroom.yaml:{at(45)}:20: error: unknown contact 'farlw' (did you mean 'farlow'?)",
        f"pressroom.yaml:{at(56)}:15: error: 'capacity' must be a whole number, not 'four'",
        f"pressroom.yaml:{len(_CONFIG) + len(BAD_EVENTS.splitlines()) - 1 + 3}:13: error: unknown mail security 'startls' (did you mean 'starttls'?); "
        "one of: starttls, tls, none",
        "releases/2019-05-01-bad.yaml:1:11: error: 'headline' must be text, not a list",
        "releases/2019-05-02-draft.yaml:4:7: error: placeholder text left in the body: 'Write the "
        "first paragraph here ...' (the release is approved)",
        "templates/digest/digest.md.j2:1: error: template syntax error: unexpected '}'",
        "templates/release.txt.j2:1: error: template syntax error: No filter named "
        "'no_such_filter'.",
        "database: note: no database yet (pressroom.db is made by the first command that logs "
        "something)",
        f"found: 8 errors, 0 warnings (checked pressroom.yaml, 3 events, 4 releases, {TEMPLATES} templates)"]


def test_an_invalid_pressroom_yaml_still_checks_the_templates(cli, ws):
    (ws / "pressroom.yaml").write_text("organization:\n  name: X\n  stat: AL\n")
    (ws / "templates" / "release.md.j2").write_text("{% if %}\n")
    result = cli("check")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[:3] == [
        "pressroom.yaml:3:3: error: unknown key 'stat' in 'organization' (did you mean 'state'?)",
        "templates/release.md.j2:1: error: template syntax error: Expected an expression, got "
        "'end of statement block'",
        "pressroom.yaml: note: releases and the database not checked: pressroom.yaml must be "
        "valid first"]


def test_the_database_reachable_and_migrated(store_cli, store, ws, monkeypatch):
    assert store_cli("mention", "add", "https://a.example/x", "--outlet", "A", "--title", "T",
                     "--date", "2024-01-01").exit_code == 0
    result = store_cli("check")
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (
        0, f"ok: 0 errors, 0 warnings (checked pressroom.yaml, 1 event, 2 releases, {TEMPLATES} templates, "
           "database)")
    with store.begin() as conn:
        conn.exec_driver_sql("DELETE FROM schema_migrations WHERE name = 'm0010_soft_delete'")
        conn.exec_driver_sql("INSERT INTO schema_migrations (name, applied_at) "
                             "VALUES ('m9999_future', 'x')")
    result = store_cli("check")
    assert result.exit_code == 1
    assert "database: note: the database has 1 pending migration (m0010_soft_delete): the next " \
           "command that opens it applies them\n" in result.stdout
    assert "database: warning: the database was upgraded by a newer pressroom (migrations " \
           "m9999_future): upgrade pressroom before using it\n" in result.stdout


def test_an_unreachable_database_is_an_error(cli, ws, monkeypatch):
    monkeypatch.setenv("PRESSROOM_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    result = cli("check")
    assert result.exit_code == 2
    assert "database: error: cannot use the database postgresql+psycopg://nobody@127.0.0.1:1/none: " \
           in result.stdout


@pytest.mark.parametrize("command", [
    ("event", "list"), ("event", "show", "nssc-2019"),
    ("credential", "list", "--event", "nssc-2019"),
    ("credential", "roster", "nssc-2019"),
])
@pytest.mark.parametrize("mistake, message", [
    (("    capacity: 40\n", "    capacity: four\n"),
     f"pressroom.yaml:{at(45)}:15: 'capacity' must be a whole number, not 'four'"),
    (("    end: 2019-06-28\n", "    end: 2019-06-20\n"),
     f"pressroom.yaml:{at(42)}:10: the event ends (2019-06-20) before it starts (2019-06-23)"),
    (("    media_contact: farlow\n", "    media_contact: jay\n"),
     f"pressroom.yaml:{at(43)}:20: unknown contact 'jay'"),
])
def test_commands_that_read_events_refuse_the_same_mistakes(cli, ws, command, mistake, message):
    config = ws / "pressroom.yaml"
    config.write_text(config.read_text().replace(*mistake))
    result = cli(*command)
    assert (result.exit_code, result.stderr) == (2, f"error: {message}\n")
    assert f"{message.split(': ', 1)[0]}: error: {message.split(': ', 1)[1]}" in cli("check").stdout


def test_special_and_broken_template_files(cli, ws):
    """A FIFO named like a template is skipped (never opened: it would hang), a template that is
    not UTF-8 is a located error, and a folder named *.j2 is not a template."""
    import os

    os.mkfifo(ws / "templates" / "pipe.j2")
    (ws / "templates" / "folder.j2").mkdir()
    (ws / "templates" / "latin1.j2").write_bytes(b"caf\xe9 {{ x }}\n")
    result = cli("check")
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0] == (
        "templates/latin1.j2: error: template latin1.j2 is not UTF-8 text (byte 0xe9 at offset 3)")
    assert f"{TEMPLATES + 1} templates" in result.stdout
