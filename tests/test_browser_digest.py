"""The HTML digest in a real browser: the mail layout stays within 640 pixels on a wide screen,
fits a phone, and loads nothing (it must read the same in a mail client with images off)."""

from pathlib import Path

from tests.browser import measure
from tests.conftest import REPO


def test_digest_fits_640_pixels_and_a_phone(example_workspace, tmp_path, cli, monkeypatch):
    monkeypatch.setenv("PRESSROOM_TODAY", "2019-04-01")
    ws = str(example_workspace)
    assert cli("-w", ws, "mention", "import", str(REPO / "data" / "mentions.csv")).exit_code == 0
    out = tmp_path / "digest.html"
    result = cli("-w", ws, "digest", "--period", "2019-03", "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    wide = measure(out, 1280, tmp_path)
    assert wide["resources"] == []
    content = measure_content_width(out, tmp_path)
    assert content <= 640, content
    phone = measure(out, 390, tmp_path)
    assert phone["scrollWidth"] <= phone["viewport"], phone
    assert phone["smallestFont"] >= 12, phone


def measure_content_width(html_file: Path, tmp_path: Path) -> float:
    """Width of the table that holds the digest's content (an email's outer table may span the
    window for its background colour) at a desktop window size."""
    probe = tmp_path / "width.html"
    html = html_file.read_text(encoding="utf-8")
    script = ("<script>var t=document.querySelector('h1').closest('table');"
              "document.body.setAttribute('data-width', t.getBoundingClientRect().width);</script>")
    probe.write_text(html.replace("</body>", script + "</body>"), encoding="utf-8")
    import re
    import subprocess

    from tests.browser import chromium

    proc = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu",
                           "--no-first-run", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={tmp_path / 'profile-w'}", "--window-size=1280,900",
                           "--dump-dom", probe.as_uri()], capture_output=True, text=True, timeout=120)
    found = re.search(r'data-width="([0-9.]+)"', proc.stdout)
    assert found, proc.stderr[-1000:]
    return float(found.group(1))
