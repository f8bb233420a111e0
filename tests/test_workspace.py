"""Finding the workspace, validating pressroom.yaml, and `pressroom init`."""

import re
from pathlib import Path

import pytest

from pressroom.errors import InputError
from pressroom.workspace import NoWorkspaceError, find_workspace, parse_config
from pressroom.yamlfile import load_yaml_text
from tests.conftest import REPO, on_terminal

MINIMAL = "organization:\n  name: Example Org\n"


def write_ws(folder: Path, text: str = MINIMAL) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pressroom.yaml").write_text(text)
    return folder


def config_error(text: str) -> str:
    with pytest.raises(InputError) as info:
        parse_config(load_yaml_text(text, "pressroom.yaml"), "pressroom.yaml")
    return str(info.value)


def test_found_by_walking_up(tmp_path, monkeypatch):
    root = write_ws(tmp_path / "org")
    deep = root / "releases" / "drafts"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert find_workspace().root == root.resolve()


def test_explicit_beats_environment_beats_walking(tmp_path, monkeypatch):
    here = write_ws(tmp_path / "here")
    env = write_ws(tmp_path / "env")
    flag = write_ws(tmp_path / "flag")
    monkeypatch.chdir(here)
    monkeypatch.setenv("PRESSROOM_WORKSPACE", str(env))
    assert find_workspace().root == env.resolve()
    assert find_workspace(str(flag)).root == flag.resolve()


def test_outside_a_workspace_names_init(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NoWorkspaceError, match="pressroom init"):
        find_workspace(start=tmp_path)


def test_environment_pointing_nowhere(tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSROOM_WORKSPACE", str(tmp_path / "missing"))
    with pytest.raises(NoWorkspaceError, match=r"PRESSROOM_WORKSPACE names .*missing.*pressroom init"):
        find_workspace()


def test_example_workspace_is_valid():
    config = parse_config(load_yaml_text((REPO / "pressroom.yaml").read_text(), "pressroom.yaml"),
                          "pressroom.yaml")
    assert config.organization.short_name == "NASRO"
    assert config.spokesperson("canady").name == "Mo Canady"
    assert config.spokesperson("Canady").id == "canady"
    assert config.spokesperson("maurice canady").id == "canady"
    assert config.contact("farlow").name == "Jay Farlow"
    assert config.defaults.contact == "farlow"


@pytest.mark.parametrize("text, expected", [
    ("organisation:\n  name: X\n",
     "pressroom.yaml:1:1: unknown key 'organisation' (did you mean 'organization'?)"),
    ("organization:\n  name: X\n  state: Alabamma\n",
     "pressroom.yaml:3:10: unknown state 'Alabamma' (did you mean 'Alabama'?)"),
    ("organization:\n  name: X\ncontacts:\n  - {id: a, name: A, email: not-an-address}\n",
     "pressroom.yaml:4:29: 'not-an-address' is not a valid email address"),
    ("organization:\n  name: X\nspokespeople:\n  - {id: a, name: A}\n  - {id: a, name: B}\n",
     "pressroom.yaml:5:10: duplicate spokesperson id 'a'"),
    ("organization:\n  name: X\ndefaults:\n  timezone: Mars/Olympus\n",
     "pressroom.yaml:4:13: unknown time zone 'Mars/Olympus' (use a name like America/Chicago)"),
    ("organization:\n  name: X\ndefaults:\n  dateline_style: datd\n",
     "pressroom.yaml:4:19: unknown dateline style 'datd' (did you mean 'dated'?); one of: ap, dated, "
     "date-first, prnewswire, businesswire, globenewswire"),
    ("organization:\n  name: X\ndefaults:\n  contact: nobody\n",
     "pressroom.yaml:4:12: unknown contact 'nobody'"),
    ("", "pressroom.yaml: the file is empty"),
    ("- a\n- b\n", "pressroom.yaml:1:1: pressroom.yaml must be a mapping, not a list"),
])
def test_config_errors_are_located(text, expected):
    assert config_error(text) == expected


def test_init_creates_a_valid_workspace_and_never_overwrites(tmp_path, cli):
    target = tmp_path / "new"
    result = cli("init", str(target), "--name", "Example Association", "--short-name", "EA",
                 "--city", "Hoover", "--state", "AL", "--contact-name", "Jay Farlow",
                 "--contact-email", "jay@example.org")
    assert result.exit_code == 0, result.stderr
    assert (target / "releases").is_dir() and (target / "templates").is_dir()
    config = find_workspace(str(target)).config
    assert config.organization.short_name == "EA"
    assert config.defaults.contact == "farlow"

    (target / "pressroom.yaml").write_text(MINIMAL)
    again = cli("init", str(target), "--name", "Other")
    assert again.exit_code == 0
    assert "kept" in again.stdout
    assert (target / "pressroom.yaml").read_text() == MINIMAL


def test_init_defaults_say_nothing_twice(tmp_path, cli):
    """Issue 10 item 11: no "X (X)" boilerplate, no "media contact" title under "Media contact",
    the time zone from the state, and the file's comments name README sections that exist."""
    target = tmp_path / "plain"
    result = cli("init", str(target), "--name", "Texas School Safety Center", "--city", "Austin",
                 "--state", "Texas", "--contact-name", "Ana Reyes",
                 "--contact-email", "ana@example.org")
    assert result.exit_code == 0, result.stderr
    text = (target / "pressroom.yaml").read_text()
    assert "short_name" not in text
    assert "(Texas School Safety Center)" not in text
    assert "title: media contact" not in text.lower()
    workspace = find_workspace(str(target))
    assert workspace.config.defaults.timezone == "America/Chicago"
    assert workspace.config.contact("reyes").title == ""
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    headings = {line.lstrip("#").strip() for line in readme.splitlines() if line.startswith("#")}
    sections = re.findall(r"'([A-Z][^']*)'", text.split("organization:")[0])
    assert sections and all(name in headings for name in sections), sections
    release = cli("-w", str(target), "release", "new", "--headline", "A first release",
                  "--date", "2024-09-05")
    assert release.exit_code == 0, release.stderr
    rendered = cli("-w", str(target), "release", "render", "a-first-release")
    assert "Texas School Safety Center (Texas School Safety Center)" not in rendered.stdout
    assert rendered.stdout.count("Media contact") == 1 and "About Texas School Safety Center" \
        in rendered.stdout


@pytest.mark.parametrize("state, zone", [("AL", "America/Chicago"), ("Calif.", "America/Los_Angeles"),
                                         ("arizona", "America/Phoenix"), ("Hawaii", "Pacific/Honolulu"),
                                         ("QC", "America/Toronto"), ("", "America/New_York")])
def test_init_suggests_the_time_zone_of_the_state(state, zone):
    from pressroom.scaffold import suggested_timezone

    assert suggested_timezone(state) == zone


def test_every_state_has_a_time_zone():
    from zoneinfo import ZoneInfo

    from pressroom.apstyle import all_states
    from pressroom.apstyle.places import read_table

    zones = {row["code"]: row["zone"] for row in read_table("state_time_zones")}
    assert {state.code for state in all_states()} == set(zones)
    for zone in zones.values():
        ZoneInfo(zone)


def test_init_refuses_header_breaking_values(tmp_path, cli):
    result = cli("init", str(tmp_path / "x"), "--name", "Evil\nBcc: a@b.c")
    assert result.exit_code == 2
    assert result.stderr == "error: --name: must be a single line\n"
    assert not (tmp_path / "x" / "pressroom.yaml").exists()


def test_init_needs_a_name_without_a_terminal(tmp_path, cli):
    result = cli("init", str(tmp_path / "y"))
    assert result.exit_code == 2
    assert result.stderr == "error: --name: the organisation's name is required\n"


def test_init_names_the_flag_with_a_bad_value(tmp_path, cli):
    result = cli("init", str(tmp_path / "z"), "--name", "X", "--state", "Alabamma")
    assert (result.exit_code, result.stderr) == (
        2, "error: --state: unknown state 'Alabamma' (did you mean 'Alabama'?)\n")
    assert not (tmp_path / "z").exists()


def test_init_on_a_terminal_asks_again_after_a_bad_answer(tmp_path):
    """A real pseudo-terminal: the prompts, a wrong state answered again, the workspace made."""
    target = tmp_path / "asked"
    answers = ["Example Association", "EA", "", "Hoover", "Alabamma", "AL", "Jay Farlow",
               "Communications director", "jay@example.org", "", "", ""]
    text = on_terminal("init", str(target), input="\n".join(answers) + "\n")
    assert "Headquarters state:" in text
    assert "unknown state 'Alabamma' (did you mean 'Alabama'?); please try again" in text
    config = find_workspace(str(target)).config
    assert (config.organization.short_name, config.organization.state) == ("EA", "AL")
    assert config.contact("farlow").email == "jay@example.org"
    assert config.contact("farlow").title == "Communications director"
    assert "Time zone [America/Chicago]:" in text  # suggested from the state
    assert config.defaults.timezone == "America/Chicago"
