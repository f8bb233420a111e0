"""Helpers for tests that load pressroom's HTML in a real headless Chromium.

The page under test is copied with a small probe script appended; Chromium runs it and
``--dump-dom`` returns the measurements the probe wrote into the page. When no Chromium is
installed the tests are skipped with a loud reason (.ci/run installs Debian's chromium).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

PROBE = """
<script>
(function () {
  var doc = document.documentElement, body = document.body;
  var widest = 0, smallest = 1000;
  var all = body.querySelectorAll('*');
  for (var i = 0; i < all.length; i++) {
    var r = all[i].getBoundingClientRect();
    if (r.right > widest) widest = r.right;
  }
  var texts = body.querySelectorAll('p, li, td, blockquote');
  for (var j = 0; j < texts.length; j++) {
    if (!texts[j].textContent.trim()) continue;
    var size = parseFloat(getComputedStyle(texts[j]).fontSize);
    if (size < smallest) smallest = size;
  }
  var out = document.createElement('pre');
  out.id = 'probe-result';
  out.textContent = JSON.stringify({
    viewport: window.innerWidth, scrollWidth: doc.scrollWidth,
    widest: Math.ceil(widest), smallestFont: smallest,
    resources: performance.getEntriesByType('resource').map(function (e) { return e.name; })
  });
  body.appendChild(out);
})();
</script>
"""


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    pytest.skip("BROWSER TESTS SKIPPED: no headless Chromium on this machine "
                "(apt-get install chromium; .ci/run does this)")


def measure(html_file: Path, width: int, tmp_path: Path) -> dict:
    """Load *html_file* at a viewport *width* px wide and return the probe's measurements."""
    html = html_file.read_text(encoding="utf-8")
    probed = tmp_path / f"probe-{width}-{html_file.name}"
    probed.write_text(html.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    profile = tmp_path / "chromium-profile"
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}",
           f"--window-size={width},900", "--virtual-time-budget=2000", "--dump-dom",
           probed.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    found = re.search(r'<pre id="probe-result">(.*?)</pre>', proc.stdout, re.S)
    assert found, f"Chromium did not run the probe: {proc.stderr[-2000:]}"
    import html as htmllib

    return json.loads(htmllib.unescape(found.group(1)))
