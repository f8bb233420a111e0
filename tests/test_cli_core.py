"""The command line itself: version, help, errors as one line, exit statuses, tracebacks on demand."""


from pressroom import __version__
from tests.conftest import REPO, run_process


def test_version(cli):
    result = cli("--version")
    assert (result.exit_code, result.stdout) == (0, f"pressroom {__version__}\n")


def test_no_arguments_shows_help(cli):
    result = cli()
    assert "Usage: pressroom" in result.stdout + result.stderr


def test_unknown_command_is_bad_input(cli):
    assert cli("frobnicate").exit_code == 2


def test_user_error_is_one_line_and_exit_2(cli):
    result = cli("dateline", "Hoover", "--state", "Alabamma", "--date", "2019-04-15")
    assert result.exit_code == 2
    assert result.stderr == "error: unknown state 'Alabamma' (did you mean 'Alabama'?)\n"
    assert result.stdout == ""


def test_traceback_on_demand():
    plain = run_process("dateline", "Hoover", "--state", "Alabamma", cwd=REPO)
    assert plain.returncode if hasattr(plain, "returncode") else plain.exit_code == 2
    assert "Traceback" not in plain.stderr
    debug = run_process("--traceback", "dateline", "Hoover", "--state", "Alabamma", cwd=REPO)
    assert "Traceback" in debug.stderr and debug.exit_code == 1
    env = run_process("dateline", "Hoover", "--state", "Alabamma", cwd=REPO,
                      env={"PRESSROOM_DEBUG": "1"})
    assert "Traceback" in env.stderr


def test_module_entry_point_and_workspace_default_style():
    result = run_process("dateline", "Hoover", "--state", "AL", "--date", "2019-04-15", cwd=REPO)
    assert (result.exit_code, result.stdout) == (0, "April 15, 2019 — HOOVER, Ala. —\n")


def test_dateline_styles(cli):
    result = cli("dateline", "Washington", "--state", "DC", "--date", "2024-09-05", "--style", "businesswire")
    assert result.stdout == "WASHINGTON--(BUSINESS WIRE)--Sept. 5, 2024--\n"


def test_dateline_default_style_outside_a_workspace_is_dated(cli):
    result = cli("dateline", "Hoover", "--state", "Alabama", "--date", "2019-04-15")
    assert result.stdout == "HOOVER, Ala. (April 15, 2019) —\n"


def test_date_command(cli):
    assert cli("date", "2024-09-05").stdout == "Sept. 5, 2024\n"
    result = cli("date", "2024-09-05T10:00", "--tz", "America/New_York", "--weekday")
    assert result.stdout == "Thursday, Sept. 5, 2024, at 10 a.m. EDT\n"
    assert cli("date", "2024-01-05T14:30", "--tz", "America/New_York").stdout == "Jan. 5, 2024, at 2:30 p.m. EST\n"


def test_date_errors(cli):
    result = cli("date", "2024-13-45")
    assert (result.exit_code, result.stderr) == (2, "error: 'date': 2024-13-45 is not a real date (month must be in 1..12)\n")
    result = cli("date", "2024-09-05T10:00")
    assert result.stderr == "error: a time needs a time zone: add --tz, e.g. --tz America/New_York\n"
    result = cli("date", "2024-09-05T10:00", "--tz", "Nowhere/City")
    assert result.stderr == "error: unknown time zone 'Nowhere/City' (use a name like America/Chicago)\n"


def test_workspace_flag_pointing_nowhere(cli, tmp_path):
    result = cli("--workspace", str(tmp_path / "none"), "dateline", "Hoover", "--state", "AL")
    # dateline works without a workspace, but an explicit bad one is still reported
    assert result.exit_code == 2
    assert "has no pressroom.yaml" in result.stderr


def test_commands_that_need_a_workspace_name_init(cli):
    for command in (["release", "list"], ["mention", "list"], ["digest"], ["event", "list"],
                    ["credential", "list"]):
        result = cli(*command)
        assert (result.exit_code, result.stdout) == (2, ""), command
        assert result.stderr == ("error: not inside a pressroom workspace (no pressroom.yaml here "
                                 "or above); create one with 'pressroom init'\n"), command


def test_no_color_and_no_terminal_mean_plain_output(cli, example_workspace):
    result = cli("-w", str(example_workspace), "release", "list")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout


def test_help_lists_every_group_without_loading_them():
    """`pressroom --help` names each command group with its help, importing none of them."""
    code = ("import sys; from pressroom.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('pressroom.cli.')))")
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={"COLUMNS": "120", "PATH": "/usr/bin:/bin"}).stdout
    from pressroom.cli import COMMANDS

    for _module, _attribute, name, help in COMMANDS:
        assert f"  {name} " in out and help[:25] in out, name
    loaded = out.strip().splitlines()[-1]
    assert not any(f"pressroom.cli.{module}'" in loaded for module, *_rest in COMMANDS), loaded


def test_a_group_is_loaded_when_used(cli, example_workspace):
    result = cli("-w", str(example_workspace), "release", "list", "--format", "json")
    assert result.exit_code == 0
    assert '"slug": "conference-keynote"' in result.stdout


def test_each_summary_is_the_first_line_of_its_commands_help():
    """The root's command list (kept in pressroom.cli.COMMANDS so it needs no imports) says what
    each command's own --help says."""
    from pressroom.cli import COMMANDS, _load_command

    for _module, _attribute, name, summary in COMMANDS:
        command = _load_command(name)
        assert (command.help or "").strip().splitlines()[0] == summary, name


def test_dateline_today_follows_the_fixed_clock(cli, monkeypatch):
    monkeypatch.setenv("PRESSROOM_TODAY", "2019-04-15")
    assert cli("dateline", "Hoover", "--state", "AL").stdout == "HOOVER, Ala. (April 15, 2019) —\n"
