"""The README never lies: every `pressroom ...` command in its ```sh code blocks is run, in order,
in a copy of the example workspace, as real processes through bash (pipes and `> file` work as
they would for a reader), on SQLite and PostgreSQL.

The README is parsed, not copied here: a command added to it is run too. What its comments say
is what the test expects:

- `# ... exits N ...`: the command is shown failing on purpose and must exit with status N;
- `# ... not run by the tests ...`: skipped (a command that needs a terminal or runs a server);
- `export NAME=VALUE` / `unset NAME` lines set the environment of the commands after them, and
  `NAME=VALUE pressroom ...` that of one command, as in a shell.

Every other command must exit 0, and no command may print a traceback.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import REPO

README = REPO / "README.md"
SKIP_MARKER = "not run by the tests"
_EXITS = re.compile(r"\bexits (\d+)\b")
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_FENCE = re.compile(r"^```sh[ \t]*\n(.*?)^```", re.S | re.M)


@dataclass
class Command:
    line: int            # where it starts in the README
    code: str            # the shell command, comment removed, continuations joined
    comment: str = ""
    expected: int = 0
    skip: bool = False
    env: dict[str, str | None] = field(default_factory=dict)  # exports in force (None: unset)


def split_comment(line: str) -> tuple[str, str]:
    """(code, comment): the comment starts at a ``#`` outside quotes, after a space."""
    quote = None
    for index, ch in enumerate(line):
        if quote:
            if ch == quote:
                quote = None
            elif ch == "\\" and quote == '"':
                continue
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[:index].rstrip(), line[index + 1:].strip()
    return line.rstrip(), ""


def logical_lines(block: str, first_line: int) -> list[tuple[int, str]]:
    """Lines of a block with backslash continuations joined, each with its README line number."""
    out: list[tuple[int, str]] = []
    pending, start = "", first_line
    for offset, raw in enumerate(block.splitlines()):
        code, comment = split_comment(raw)
        if not pending:
            start = first_line + offset
        if pending:
            code = code.lstrip()
        if code.endswith("\\"):
            pending += code[:-1].rstrip() + " "
            continue
        text = pending + code
        out.append((start, text + (f"  # {comment}" if comment else "")))
        pending = ""
    if pending:
        out.append((start, pending.rstrip()))
    return out


def is_pressroom(segment: str) -> bool:
    words = segment.split()
    while words and _ASSIGNMENT.match(words[0]):
        words = words[1:]
    return bool(words) and words[0].rsplit("/", 1)[-1] == "pressroom"


def readme_commands(text: str) -> list[Command]:
    """Every pressroom command of the README's ```sh blocks, in order, with the environment the
    block's exports give it."""
    commands: list[Command] = []
    env: dict[str, str | None] = {}
    for match in _FENCE.finditer(text):
        first = text.count("\n", 0, match.start(1)) + 1
        for number, line in logical_lines(match.group(1), first):
            code, comment = split_comment(line)
            if not code.strip():
                continue
            words = code.split()
            if words[0] == "export" and len(words) >= 2 and "=" in words[1]:
                name, value = " ".join(words[1:]).split("=", 1)
                env[name] = value.strip().strip("'\"")
                continue
            if words[0] == "unset":
                env.update({name: None for name in words[1:]})
                continue
            for segment in (part.strip() for part in code.split("&&")):
                if not is_pressroom(segment):
                    continue
                # the Set-up block runs .venv/bin/pressroom: here it is the one on PATH
                segment = re.sub(r"(^|\s)\S*/pressroom(?=\s|$)", r"\1pressroom", segment)
                found = _EXITS.search(comment)
                commands.append(Command(number, segment, comment,
                                        int(found.group(1)) if found else 0,
                                        SKIP_MARKER in comment, dict(env)))
    return commands


# ---- the parser itself ----------------------------------------------------------------------------

SAMPLE = '''Text with `pressroom not-in-a-block`.

```sh
export PRESSROOM_TODAY=2019-03-04   # a comment
pressroom one --opt "a # not a comment" \\
    --more 'x # y'      # exits 2 on purpose
python3 -m venv .venv && .venv/bin/pressroom two && echo done
PRESSROOM_NOW=2019-01-01T00:00:00Z pressroom three > out.txt
pressroom serve      # runs a server: not run by the tests
unset PRESSROOM_TODAY
pressroom four
```

```yaml
pressroom: not a command
```
'''


def test_the_parser_reads_commands_as_a_shell_would():
    found = readme_commands(SAMPLE)
    assert [(c.line, c.code, c.expected, c.skip) for c in found] == [
        (5, "pressroom one --opt \"a # not a comment\" --more 'x # y'", 2, False),
        (7, "pressroom two", 0, False),
        (8, "PRESSROOM_NOW=2019-01-01T00:00:00Z pressroom three > out.txt", 0, False),
        (9, "pressroom serve", 0, True),
        (11, "pressroom four", 0, False)]
    assert found[0].env == {"PRESSROOM_TODAY": "2019-03-04"}
    assert found[-1].env == {"PRESSROOM_TODAY": None}


def test_the_readme_has_its_tour():
    found = readme_commands(README.read_text(encoding="utf-8"))
    assert len(found) >= 50
    codes = [c.code for c in found]
    for expected in ("pressroom credential request", "pressroom digest",
                     'pressroom outlet merge "WVTM 13" "WVTM TV"', "pressroom check"):
        assert any(code.startswith(expected) for code in codes), expected


# ---- the tour, run --------------------------------------------------------------------------------

def workspace_copy(tmp_path: Path) -> Path:
    """The repository's example workspace as a reader's clone has it."""
    root = tmp_path / "nasro"
    root.mkdir()
    shutil.copy(REPO / "pressroom.yaml", root / "pressroom.yaml")
    for sub in ("releases", "templates", "data"):
        shutil.copytree(REPO / sub, root / sub)
    return root


def base_env(db_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSROOM_")}
    env.update(PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
               NO_COLOR="1", COLUMNS="100", PRESSROOM_DATABASE_URL=db_url)
    return env


def test_every_readme_command_works_as_shown(tmp_path, db_url):
    if shutil.which("pressroom", path=str(Path(sys.executable).parent)) is None:
        pytest.skip("no pressroom console script beside this Python (install the package)")
    workspace = workspace_copy(tmp_path)
    commands = readme_commands(README.read_text(encoding="utf-8"))
    failures = []
    ran = 0
    for command in commands:
        if command.skip:
            continue
        env = base_env(db_url)
        for name, value in command.env.items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        proc = subprocess.run(["bash", "-c", command.code], cwd=workspace, env=env,
                              capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
        ran += 1
        output = proc.stdout + proc.stderr
        if proc.returncode != command.expected or "Traceback (most recent call last)" in output:
            failures.append(f"README.md:{command.line}: `{command.code}` exited "
                            f"{proc.returncode} (expected {command.expected}):\n"
                            + "\n".join("    " + line for line in output.strip().splitlines()[-8:]))
    assert not failures, "\n".join(failures)
    assert ran >= 50
