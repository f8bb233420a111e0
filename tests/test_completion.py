"""Shell completion through the real protocol: the variables a shell sets, a real `pressroom`
process answering, and (bash being here) the generated script sourced in a real bash."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def complete(words: str, *, shell: str = "bash", env: dict | None = None) -> list[str]:
    """What `pressroom` answers the shell for the command line *words* (cursor at the end)."""
    full = {**os.environ, **(env or {}), "_PRESSROOM_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        parts = words.split(" ")
        full.update(COMP_WORDS=words, COMP_CWORD=str(len(parts) - 1))
    else:
        full.update(_TYPER_COMPLETE_ARGS=words, _TYPER_COMPLETE_FISH_ACTION="get-args")
    done = subprocess.run([sys.executable, "-m", "pressroom"], env=full, capture_output=True,
                          text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, ""), done
    return [line for line in done.stdout.splitlines() if line]


def test_commands_subcommands_and_options():
    assert complete("pressroom cred") == ["credential"]
    assert {"release", "mention", "credential", "digest"} <= set(complete("pressroom "))
    assert complete("pressroom release re") == ["render"]
    options = complete("pressroom mention list --")
    assert {"--format", "--limit", "--all", "--output", "--outlet", "--since"} <= set(options)
    assert "--install-completion" in complete("pressroom --")


@pytest.fixture
def workspace_env(store, example_workspace):
    """The example workspace with its mentions in the test database (SQLite or PostgreSQL)."""
    from pressroom.mentions.importer import import_files
    from pressroom.workspace import Workspace
    from tests.conftest import REPO

    import_files(store, Workspace(example_workspace), [REPO / "data" / "mentions.csv"], by="t")
    return {"PRESSROOM_WORKSPACE": str(example_workspace)}


def test_values_from_the_workspace_and_database(workspace_env):
    env = workspace_env
    assert complete("pressroom release render ", env=env) == ["baltimore-school-police",
                                                              "conference-keynote"]
    assert complete("pressroom report pickup conf", env=env) == ["conference-keynote"]
    assert complete("pressroom mention list --release b", env=env) == ["baltimore-school-police"]
    assert complete("pressroom credential list --event ", env=env) == ["nssc-2019"]
    assert complete("pressroom credential roster n", env=env) == ["nssc-2019"]
    assert complete("pressroom mention list --speaker ", env=env) == ["canady"]
    assert complete("pressroom mention list --outlet W", env=env) == ["WVTM TV"]
    assert len(complete("pressroom outlet merge ", env=env)) == 18
    # a literal % or _ typed is not a wildcard
    assert complete("pressroom mention list --outlet %", env=env) == []
    assert complete("pressroom mention list --outlet _", env=env) == []


def test_zsh_and_fish_answer_too(workspace_env):
    zsh = complete("pressroom release render ", shell="zsh", env=workspace_env)
    assert any("conference-keynote" in line for line in zsh)
    fish = complete("pressroom credential list --event ", shell="fish", env=workspace_env)
    assert any("nssc-2019" in line for line in fish)


def test_completion_never_fails_loudly(tmp_path):
    # no workspace at all, a broken pressroom.yaml, a database that is not pressroom's
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "pressroom.yaml").write_text("organization: [\n", encoding="utf-8")
    (tmp_path / "junk").mkdir()
    shutil.copy(Path(__file__).parent.parent / "pressroom.yaml", tmp_path / "junk")
    (tmp_path / "junk" / "pressroom.db").write_bytes(b"this is not a database" * 100)
    for env in ({}, {"PRESSROOM_WORKSPACE": str(tmp_path / "broken")},
                {"PRESSROOM_WORKSPACE": str(tmp_path / "junk")},
                {"PRESSROOM_WORKSPACE": str(tmp_path / "junk"),
                 "PRESSROOM_DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none"}):
        assert complete("pressroom mention list --outlet ", env=env) == []
        assert complete("pressroom release render ", env=env) == []
        events = complete("pressroom credential list --event ", env=env)
        assert events == (["nssc-2019"] if "junk" in env.get("PRESSROOM_WORKSPACE", "") else [])


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_a_script_for_each_shell(shell):
    done = subprocess.run([str(BIN / "pressroom"), "--show-completion", shell],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "_PRESSROOM_COMPLETE" in done.stdout and "not supported" not in done.stdout


def test_unknown_shell_is_refused():
    done = subprocess.run([str(BIN / "pressroom"), "--show-completion", "tcsh"],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "tcsh is not supported; one of: bash, zsh, fish" in done.stderr


def test_groups_no_longer_offer_their_own_completion(cli):
    assert "--install-completion" not in cli("release", "--help").stdout
    assert "--install-completion" in cli("--help").stdout


def test_install_completion_for_bash(tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    done = subprocess.run([str(BIN / "pressroom"), "--install-completion", "bash"],
                          env={**os.environ, "HOME": str(home)}, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    script = home / ".bash_completions" / "pressroom.sh"
    assert "_PRESSROOM_COMPLETE=complete_bash" in script.read_text()
    assert f"source '{script}'" in (home / ".bashrc").read_text()


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash on this machine")
def test_the_script_works_in_real_bash(workspace_env, tmp_path):
    script = subprocess.run([str(BIN / "pressroom"), "--show-completion", "bash"],
                            capture_output=True, text=True, check=True, timeout=60).stdout
    (tmp_path / "pressroom.sh").write_text(script, encoding="utf-8")
    driver = (f"source {tmp_path / 'pressroom.sh'}\n"
              'COMP_WORDS=(pressroom credential list --event ""); COMP_CWORD=4\n'
              "_pressroom_completion pressroom\n"
              'printf "%s\\n" "${COMPREPLY[@]}"\n'
              'COMP_WORDS=(pressroom rel); COMP_CWORD=1\n'
              "_pressroom_completion pressroom\n"
              'printf "%s\\n" "${COMPREPLY[@]}"\n')
    env = {**os.environ, **workspace_env, "PATH": f"{BIN}:{os.environ['PATH']}"}
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", driver], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["nssc-2019", "release"]
