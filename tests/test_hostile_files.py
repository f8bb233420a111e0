"""Hostile and careless output paths (issue 9, items 5, 6 and 17).

``-o`` goes through :func:`pressroom.atomic.write_atomic`: links are written through, devices and
named pipes written straight to, ``-`` is standard output, and a folder, a path under a file, an
immutable, read-only or full target is one clean error with nothing written. ``render --all``
writes all of its files or none of them."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import threading
from pathlib import Path

import pytest

from tests.hostile import Unchanged, assert_clean_failure

SLUG = "conference-keynote"


def _chattr(flag: str, path: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@pytest.fixture
def immutable():
    """Make a path immutable (root ignores chmod); undone after the test."""
    made: list[Path] = []

    def make(path: Path) -> Path:
        if not _chattr("+i", path):
            pytest.skip("chattr +i is not available here")
        made.append(path)
        return path

    yield make
    for path in made:
        _chattr("-i", path)


@pytest.fixture
def small_mount(tmp_path):
    """A tmpfs of 64 KiB (read-write) or None when mounting is not allowed here."""
    made: list[Path] = []

    def mount(name: str, options: str) -> Path:
        point = tmp_path / name
        point.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
                              capture_output=True)
        if done.returncode != 0:
            pytest.skip("cannot mount a tmpfs here")
        made.append(point)
        return point

    yield mount
    for point in made:
        subprocess.run(["umount", str(point)], capture_output=True)


@pytest.fixture
def device(tmp_path):
    """A private character device node (1,3 is null, 1,7 is full) in the test's folder: code that
    wrongly replaced it would replace this node, never the machine's /dev/null or /dev/full."""
    def make(name: str, minor: int) -> Path:
        node = tmp_path / name
        try:
            os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
        except PermissionError:
            pytest.skip("cannot make a device node here (not root)")
        return node
    return make


def render(ws: Path, cli, *args: str):
    return cli("-w", str(ws), "release", "render", SLUG, *args)


# ---- -o FILE: what write_atomic does with each kind of path ------------------------------------

def test_output_through_a_symlink_keeps_the_link(example_workspace, tmp_path, cli):
    target = tmp_path / "real.txt"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    result = render(example_workspace, cli, "-o", str(link))
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert "Pigeon Forge" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_output_through_a_chain_of_links_and_a_dangling_one(example_workspace, tmp_path, cli):
    final = tmp_path / "sub" / "final.txt"
    (tmp_path / "sub").mkdir()
    (tmp_path / "second").symlink_to(final)  # dangling until written
    (tmp_path / "first").symlink_to(tmp_path / "second")
    result = render(example_workspace, cli, "-o", str(tmp_path / "first"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "first").is_symlink() and (tmp_path / "second").is_symlink()
    assert final.is_file() and "Pigeon Forge" in final.read_text()


def test_output_to_a_null_device_leaves_the_device(example_workspace, cli, device):
    null = device("null", 3)
    result = render(example_workspace, cli, "-o", str(null))
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)


@pytest.mark.parametrize("fmt", ["text", "html", "markdown"])
def test_output_to_a_full_device_is_a_clean_error_and_the_device_stays(example_workspace, cli,
                                                                      device, fmt):
    full = device("full", 7)
    result = render(example_workspace, cli, "-f", fmt, "-o", str(full))
    assert_clean_failure(result, status=1, contains=[str(full), "no space left"])
    assert stat.S_ISCHR(os.lstat(full).st_mode)


def test_output_through_a_link_to_a_full_device(example_workspace, tmp_path, cli, device):
    full = device("full", 7)
    link = tmp_path / "out.html"
    link.symlink_to(full)
    result = render(example_workspace, cli, "-o", str(link))
    assert_clean_failure(result, status=1, contains="no space left")
    assert link.is_symlink() and stat.S_ISCHR(os.lstat(full).st_mode)


def test_output_to_a_named_pipe_is_written_straight_to_it(example_workspace, tmp_path, cli):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = render(example_workspace, cli, "-o", str(fifo))
    reader.join(10)
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert b"Pigeon Forge" in received[0]


def test_output_dash_is_standard_output(example_workspace, cli):
    result = render(example_workspace, cli, "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "Pigeon Forge" in result.stdout
    assert not Path("-").exists()


@pytest.mark.parametrize("make, contains, status", [
    (lambda p: p.mkdir(), "is a folder", 2),
    (lambda p: (p.mkdir(), (p / "inner").mkdir()), "is a folder", 2),
])
def test_output_onto_a_folder(example_workspace, tmp_path, cli, make, contains, status):
    out = tmp_path / "out"
    make(out)
    guard = Unchanged(tmp_path / "out")
    result = render(example_workspace, cli, "-o", str(out))
    assert_clean_failure(result, status=status, contains=[str(out), contains], unchanged=guard)


@pytest.mark.parametrize("below", ["x.txt", "a/x.txt", "a/b/c/x.txt"])
def test_output_under_a_file(example_workspace, tmp_path, cli, below):
    blocker = tmp_path / "plain"
    blocker.write_text("keep me")
    guard = Unchanged(tmp_path)
    result = render(example_workspace, cli, "-o", str(blocker / below))
    assert_clean_failure(result, status=2, contains=[f"{blocker} is a file, not a folder"],
                         unchanged=guard)


def test_output_onto_an_immutable_file(example_workspace, tmp_path, cli, immutable):
    target = tmp_path / "locked.txt"
    target.write_text("keep me")
    immutable(target)
    guard = Unchanged(tmp_path)
    result = render(example_workspace, cli, "-o", str(target))
    assert_clean_failure(result, status=1, contains=["locked.txt", "permission denied"],
                         unchanged=guard)


def test_output_into_an_immutable_folder(example_workspace, tmp_path, cli, immutable):
    folder = tmp_path / "locked"
    folder.mkdir()
    immutable(folder)
    guard = Unchanged(tmp_path)
    result = render(example_workspace, cli, "-o", str(folder / "x.txt"))
    assert_clean_failure(result, status=1, contains="permission denied", unchanged=guard)


def test_output_on_a_read_only_file_system(example_workspace, tmp_path, cli, small_mount):
    point = small_mount("ro", "ro,size=64k")
    result = render(example_workspace, cli, "-o", str(point / "x.txt"))
    assert_clean_failure(result, status=1, contains="read-only")
    assert list(point.iterdir()) == []


def test_output_on_a_full_file_system_leaves_the_old_file(example_workspace, tmp_path, cli,
                                                          small_mount):
    point = small_mount("full", "size=64k")
    (point / "out.txt").write_text("old text")
    (point / "ballast").write_bytes(b"x" * (64 * 1024 - 4096))  # leaves one block free
    release = example_workspace / "releases" / "2019-04-15-conference-keynote.yaml"
    release.write_text(release.read_text().replace("body: |\n", "body: |\n" + "  Word " * 2000
                                                    + "\n\n", 1))
    guard = Unchanged(point)
    result = render(example_workspace, cli, "-o", str(point / "out.txt"))
    assert_clean_failure(result, status=1, contains="no space left", unchanged=guard)


# ---- render --all: all or nothing --------------------------------------------------------------

def _many(root: Path, count: int) -> list[str]:
    src = root / "releases" / "2019-04-15-conference-keynote.yaml"
    text = src.read_text()
    names = []
    for n in range(count):
        day = f"2019-05-{1 + n % 28:02d}"
        name = f"{day}-copy-{n:03d}"
        (root / "releases" / f"{name}.yaml").write_text(text.replace("date: 2019-04-15",
                                                                     f"date: {day}"))
        names.append(name)
    return names


def _prefilled(out: Path) -> None:
    out.mkdir()
    (out / "copy-000.txt").write_text("an older rendering")
    (out / "notes.md").write_text("not ours")


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("obstacle", ["folder", "folder-with-files", "fifo", "socket-like-dir"])
def test_render_all_with_something_in_the_way_writes_nothing(example_workspace, tmp_path, cli,
                                                             jobs, obstacle):
    _many(example_workspace, 12)
    out = tmp_path / "out"
    _prefilled(out)
    blocked = out / "copy-007.txt"
    if obstacle == "folder":
        blocked.mkdir()
    elif obstacle == "folder-with-files":
        blocked.mkdir()
        (blocked / "inside").write_text("x")
    elif obstacle == "fifo":
        os.mkfifo(blocked)
    else:
        (out / "copy-011.txt").mkdir()
    guard = Unchanged(out)
    result = cli("-w", str(example_workspace), "release", "render", "--all", "-o", str(out),
                 "-j", jobs)
    assert_clean_failure(result, status=2, contains="nothing was written", unchanged=guard)


def test_render_all_into_a_file_or_under_one(example_workspace, tmp_path, cli):
    plain = tmp_path / "plain"
    plain.write_text("keep")
    for out in (plain, plain / "sub"):
        guard = Unchanged(tmp_path)
        result = cli("-w", str(example_workspace), "release", "render", "--all", "-o", str(out))
        assert_clean_failure(result, status=2, contains="not a folder", unchanged=guard)


def test_render_all_into_an_immutable_folder(example_workspace, tmp_path, cli, immutable):
    _many(example_workspace, 5)
    out = tmp_path / "out"
    _prefilled(out)
    immutable(out)
    guard = Unchanged(out)
    result = cli("-w", str(example_workspace), "release", "render", "--all", "-o", str(out))
    assert_clean_failure(result, status=1, contains="permission denied", unchanged=guard)


def test_render_all_on_a_full_file_system_leaves_the_folder_as_it_was(example_workspace, tmp_path,
                                                                      cli, small_mount):
    _many(example_workspace, 40)  # about 40 KiB of text: more than the 16 KiB left
    point = small_mount("full", "size=64k")
    out = point / "out"
    _prefilled(out)
    (point / "ballast").write_bytes(b"x" * (48 * 1024))
    guard = Unchanged(point)
    result = cli("-w", str(example_workspace), "release", "render", "--all", "-o", str(out))
    assert_clean_failure(result, status=1, contains="no space left", unchanged=guard)


def test_render_all_into_a_new_nested_folder_that_fails_leaves_no_folder(example_workspace,
                                                                         tmp_path, cli,
                                                                         small_mount):
    _many(example_workspace, 40)
    point = small_mount("full", "size=64k")
    (point / "ballast").write_bytes(b"x" * (48 * 1024))
    guard = Unchanged(point)
    result = cli("-w", str(example_workspace), "release", "render", "--all", "-o",
                 str(point / "a" / "b"))
    assert_clean_failure(result, status=1, contains="no space left", unchanged=guard)


# ---- --jobs ---------------------------------------------------------------------------------------

def test_jobs_are_capped_at_the_number_of_cores():
    from pressroom.releases.batch import capped_jobs, cores

    assert capped_jobs(100_000, 1000) == cores()
    assert capped_jobs(2 ** 70, 5) == cores()
    assert capped_jobs(1, 1000) == 1
    assert capped_jobs(None, 3) == 1


def test_render_all_with_a_huge_jobs_value_renders_everything(example_workspace, tmp_path, cli):
    _many(example_workspace, 6)
    out = tmp_path / "out"
    result = cli("-w", str(example_workspace), "release", "render", "--all", "-o", str(out),
                 "-j", str(2 ** 70))
    assert result.exit_code == 0, result.stderr
    assert len(list(out.iterdir())) == 8
