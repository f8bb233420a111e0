"""`release render --all` gives the same files whether it renders in one process or several, and
reports the same first error."""

from pathlib import Path

from pressroom.releases.batch import render_workspace
from pressroom.workspace import find_workspace


def make_many(root: Path, count: int) -> None:
    src = root / "releases" / "2019-04-15-conference-keynote.yaml"
    text = src.read_text()
    for n in range(count):
        day = f"2019-05-{1 + n % 28:02d}"
        body = text.replace("date: 2019-04-15", f"date: {day}")
        (root / "releases" / f"{day}-copy-{n:03d}.yaml").write_text(body)


def test_parallel_equals_serial(example_workspace, tmp_path):
    make_many(example_workspace, 30)
    ws = find_workspace(str(example_workspace))
    serial = render_workspace(ws, tmp_path / "one", "html", jobs=1)
    parallel = render_workspace(ws, tmp_path / "two", "html", jobs=2)
    assert [p.name for p in serial] == [p.name for p in parallel]
    assert len(serial) == 32
    for a, b in zip(serial, parallel):
        assert a.read_bytes() == b.read_bytes()


def test_parallel_reports_the_first_error_and_writes_nothing(example_workspace, tmp_path, cli):
    make_many(example_workspace, 10)
    bad = example_workspace / "releases" / "2019-05-03-copy-002.yaml"
    bad.write_text(bad.read_text().replace("state: AL", "state: Alabamma"))
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = cli("-w", str(example_workspace), "release", "render", "--all", "-o", str(out), "-j", jobs)
        assert result.exit_code == 2
        assert result.stderr.startswith("error: ")
        assert "2019-05-03-copy-002.yaml:" in result.stderr
        assert "unknown state 'Alabamma' (did you mean 'Alabama'?)" in result.stderr
        assert not out.exists() or not any(out.iterdir())
