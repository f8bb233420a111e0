"""Hostile credential requests: evidence files named in an imported CSV (issue 9 item 2) and
evidence folders that outlive a failed request (item 8), on SQLite and PostgreSQL.

Rows of an imported file are untrusted: their evidence may be a web address, or a regular file
that resolves (symlinks followed) inside the CSV's own folder, within the size limit. Anything else
is refused with the row's location, and nothing is recorded or copied.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from tests.fixtures_mail import assert_refused, database_rows, files_under

SECRET = "PRESSROOM_SMTP_PASSWORD=hunter2"


@pytest.fixture
def forms(example_workspace) -> Path:
    """The folder a web form's CSV export is saved in, beside a secret outside it."""
    folder = example_workspace / "forms"
    folder.mkdir()
    (example_workspace / "secret.env").write_text(SECRET)
    (folder / "clip.pdf").write_bytes(b"%PDF-1.4 clip")
    return folder


def _csv(folder: Path, evidence: str) -> Path:
    path = folder / "requests.csv"
    path.write_text('name,email,outlet,evidence\nAna Reyes,ana@knoxnews.example,Knox News,'
                    f'"{evidence}"\n', encoding="utf-8")
    return path


def _request_with(cli, *evidence: str):  # noqa: ANN202 - a Result
    """Ana Reyes' request with these --evidence values."""
    extra = [arg for value in evidence for arg in ("--evidence", value)]
    return cli("credential", "request", "--event", "nssc-2019", "--name", "Ana Reyes",
               "--email", "ana@knoxnews.example", "--outlet", "Knox News", *extra)


def _home_file() -> str:
    home = Path(os.environ["HOME"]) if "HOME" in os.environ else Path.home()
    return "~/" + next((p.name for p in home.iterdir() if p.is_file()), ".bashrc") if home.is_dir() \
        else "~/.bashrc"


def _prepare(kind: str, folder: Path) -> str:
    """The evidence cell for *kind*, with whatever it needs made on disk."""
    outside = folder.parent / "secret.env"
    if kind == "link-out":
        (folder / "link.pdf").symlink_to(outside)
        return "link.pdf"
    if kind == "link-etc":
        (folder / "passwd.pdf").symlink_to("/etc/passwd")
        return "passwd.pdf"
    if kind == "link-dir-out":
        (folder / "up").symlink_to(folder.parent)
        return "up/secret.env"
    if kind == "fifo":
        os.mkfifo(folder / "pipe.pdf")
        return "pipe.pdf"
    if kind == "folder":
        (folder / "clips").mkdir()
        return "clips"
    if kind == "huge":
        with open(folder / "huge.mov", "wb") as handle:
            handle.truncate(20 * 1024 * 1024 + 1)  # sparse: costs nothing on disk
        return "huge.mov"
    if kind == "link-loop":
        (folder / "loop.pdf").symlink_to("loop.pdf")
        return "loop.pdf"
    return {
        "etc-passwd": "/etc/passwd",
        "parent": "../secret.env",
        "parent-deep": "../../../../../../../../etc/passwd",
        "home": _home_file(),
        "home-bashrc": "~/.bashrc",
        "proc-environ": "/proc/self/environ",
        "dev-zero": "/dev/zero",
        "dev-null": "/dev/null",
        "absolute-outside": str(outside),
        "dot-dot-inside": "clips/../../secret.env",
        "file-url": "file:///etc/passwd",
        "second-of-two": "https://knoxnews.example/clip ../secret.env",
        "after-a-good-file": "clip.pdf;../secret.env",
    }[kind]


KINDS = ["etc-passwd", "parent", "parent-deep", "home", "home-bashrc", "proc-environ", "dev-zero",
         "dev-null", "absolute-outside", "dot-dot-inside", "file-url", "second-of-two",
         "after-a-good-file", "link-out", "link-etc", "link-dir-out", "fifo", "folder", "huge",
         "link-loop"]


@pytest.mark.parametrize("kind", KINDS)
def test_evidence_from_a_csv_must_be_a_file_in_its_folder(cred_cli, store, example_workspace,
                                                           forms, kind):
    cell = _prepare(kind, forms)
    csv_file = _csv(forms, cell)
    before = database_rows(store)
    result = cred_cli("credential", "import", str(csv_file), "--event", "nssc-2019")
    line = assert_refused(result, (2,))
    assert re.search(r"requests\.csv: row 2: evidence ", line), line
    assert result.stdout.endswith("0 imported (0 duplicate, 0 late), 1 rejected\n")
    assert database_rows(store) == before
    assert files_under(example_workspace / "evidence") == []
    assert files_under(example_workspace / "outbox") == []
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize("cell", ["clip.pdf", "./clip.pdf", "sub/../clip.pdf",
                                  "https://knoxnews.example/clip clip.pdf", "inside-link.pdf"])
def test_evidence_inside_the_csv_folder_is_copied(cred_cli, store, example_workspace, forms, cell):
    (forms / "sub").mkdir()
    (forms / "inside-link.pdf").symlink_to("clip.pdf")
    result = cred_cli("credential", "import", str(_csv(forms, cell)), "--event", "nssc-2019")
    assert result.exit_code == 0, result.stderr
    [request] = json.loads(cred_cli("credential", "list", "-f", "json").stdout)
    copied = [e for e in request["evidence"] if not e.startswith("https://")]
    assert len(copied) == 1 and (example_workspace / copied[0]).read_bytes() == b"%PDF-1.4 clip"


def test_a_file_given_on_the_command_line_stays_allowed(cred_cli, store, example_workspace, tmp_path):
    letter = tmp_path / "elsewhere" / "letter.pdf"
    letter.parent.mkdir()
    letter.write_bytes(b"%PDF-1.4 letter")
    result = _request_with(cred_cli, str(letter))
    assert result.exit_code == 0, result.stderr
    [request] = json.loads(cred_cli("credential", "list", "-f", "json").stdout)
    assert (example_workspace / request["evidence"][0]).read_bytes() == b"%PDF-1.4 letter"


@pytest.mark.parametrize("special", ["/dev/zero", "/proc/self/environ-folder", "fifo"])
def test_a_special_file_on_the_command_line_is_refused(cred_cli, store, example_workspace, tmp_path,
                                                       special):
    if special == "fifo":
        special = str(tmp_path / "pipe")
        os.mkfifo(special)
    elif special.endswith("-folder"):
        special = str(tmp_path)
    before = database_rows(store)
    result = _request_with(cred_cli, special)
    assert "--evidence" in assert_refused(result, (2,))
    assert database_rows(store) == before and files_under(example_workspace / "evidence") == []


# --- item 8: evidence belongs to one request -------------------------------------------------

def test_a_stale_evidence_folder_is_never_inherited(cred_cli, store, example_workspace, tmp_path):
    stale = example_workspace / "evidence" / "1"
    stale.mkdir(parents=True)
    (stale / "1-clip.pdf").write_bytes(b"someone else's letter")
    (stale / "2-other.pdf").write_bytes(b"someone else's ID")
    mine = tmp_path / "clip.pdf"
    mine.write_bytes(b"%PDF-1.4 mine")
    result = _request_with(cred_cli, str(mine))
    assert result.exit_code == 0, result.stderr
    [request] = json.loads(cred_cli("credential", "list", "-f", "json").stdout)
    [stored] = request["evidence"]
    folder = (example_workspace / stored).parent
    assert folder != stale and folder.parent == example_workspace / "evidence"
    assert sorted(p.name for p in folder.iterdir()) == ["1-clip.pdf"]
    assert (example_workspace / stored).read_bytes() == b"%PDF-1.4 mine"
    assert (stale / "1-clip.pdf").read_bytes() == b"someone else's letter"  # untouched


def test_a_request_that_fails_after_copying_leaves_no_evidence(cred_cli, store, example_workspace,
                                                              tmp_path):
    mine = tmp_path / "clip.pdf"
    mine.write_bytes(b"%PDF-1.4 mine")
    (example_workspace / "outbox").write_text("a file where the outbox folder should be")
    before = database_rows(store)
    result = _request_with(cred_cli, str(mine), "https://knoxnews.example/clip")
    assert "cannot save the message" in assert_refused(result, (1,))
    assert database_rows(store) == before
    assert files_under(example_workspace / "evidence") == []


def test_two_requests_never_share_an_evidence_folder(cred_cli, store, example_workspace, tmp_path):
    mine = tmp_path / "clip.pdf"
    mine.write_bytes(b"%PDF-1.4 mine")
    for n in range(3):
        assert cred_cli("credential", "request", "--event", "nssc-2019", "--name", f"Reporter {n}",
                        "--email", f"r{n}@knoxnews.example", "--outlet", "Knox News",
                        "--evidence", str(mine)).exit_code == 0
    folders = [Path(r["evidence"][0]).parent
               for r in json.loads(cred_cli("credential", "list", "-f", "json").stdout)]
    assert len(set(folders)) == 3
    assert [f.name.split("-")[0] for f in folders] == ["1", "2", "3"]


@pytest.mark.parametrize("body, line", [
    ('name,email,outlet\n"Ana Reyes,ana@knoxnews.example,Knox News\nBo Li,bo@x.example,X\n', 2),
    ('name,email,outlet\nAna Reyes,ana@knoxnews.example,Knox News\nBo Li,bo@x.example,"X News\n', 3),
    ('name,"email,outlet\nAna Reyes,ana@knoxnews.example,Knox News\n', 1),
])
def test_an_unclosed_quote_in_a_request_csv_is_named_at_its_line(cred_cli, store, example_workspace,
                                                                   forms, body, line):
    """The same strict reader as the mentions CSV: the rest of the file is not swallowed into
    one cell and reported as a bad value somewhere else (issue 9 item 14)."""
    csv_file = forms / "requests.csv"
    csv_file.write_text(body, encoding="utf-8")
    before = database_rows(store)
    result = cred_cli("credential", "import", str(csv_file), "--event", "nssc-2019")
    error = assert_refused(result, (2,))
    assert error.endswith(f"requests.csv: line {line}: a quoted field opened here is never closed"), error
    assert database_rows(store) == before
    assert files_under(example_workspace / "outbox") == []
