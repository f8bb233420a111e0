"""The built wheel carries everything an installed pressroom needs: the default templates and the
data tables. Installed on its own (outside this checkout), it renders a release for a workspace
that has no templates of its own exactly as the golden file says."""

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # pyproject's `license = "MIT"` needs setuptools 77+; with an older one in the virtualenv the
    # wheel is built in pip's isolated environment (setuptools from the configured index).
    import setuptools

    isolation = ["--no-build-isolation"] if int(setuptools.__version__.split(".")[0]) >= 77 else []
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-q",
                           "-w", str(out), str(REPO)],
                          capture_output=True, text=True, timeout=300, cwd=out)
    assert proc.returncode == 0, proc.stderr
    (built,) = out.glob("pressroom-*.whl")
    return built


@pytest.mark.slow
def test_wheel_carries_every_template_and_data_table(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = {f"pressroom/templates/{p.relative_to(REPO / 'templates').as_posix()}"
                 for p in (REPO / "templates").rglob("*.j2")}
    data = {p.relative_to(REPO).as_posix() for p in (REPO / "pressroom").rglob("data/*")
            if p.is_file()}
    assert templates and data
    assert templates <= names, sorted(templates - names)
    assert data <= names, sorted(data - names)


@pytest.mark.slow
def test_the_installed_wheel_renders_with_its_own_templates(wheel, tmp_path):
    target = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps",
                           "--target", str(target), str(wheel)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    workspace = tmp_path / "ws"
    workspace.mkdir()
    shutil.copy(REPO / "pressroom.yaml", workspace)
    shutil.copytree(REPO / "releases", workspace / "releases")  # and no templates/ folder
    env = {**os.environ, "PYTHONPATH": str(target), "NO_COLOR": "1"}
    where = subprocess.run([sys.executable, "-c", "import pressroom; print(pressroom.__file__)"],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert where.stdout.startswith(str(target)), where.stdout + where.stderr
    result = subprocess.run([sys.executable, "-m", "pressroom", "-w", str(workspace), "release",
                             "render", "conference-keynote", "--format", "html"],
                            capture_output=True, text=True, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    golden = REPO / "tests" / "golden" / "releases" / "conference-keynote.html"
    assert result.stdout == golden.read_text(encoding="utf-8")
