"""Progress bars on long work: on stderr, on a terminal only (a real pseudo-terminal here)."""

from __future__ import annotations

import io

from pressroom import console
from tests.conftest import on_terminal, run_cli

TERMINAL = {"TERM": "xterm-256color", "PRESSROOM_TODAY": "2019-05-01"}


def test_the_helper_is_silent_off_a_terminal():
    out, err = io.StringIO(), io.StringIO()
    console.use_streams(out, err)
    try:
        with console.progress("Working", total=3) as bar:
            bar.advance()
            bar(3, 3)
            bar.update(2, description="still")
    finally:
        console.use_streams()
    assert (out.getvalue(), err.getvalue()) == ("", "")


def test_credential_import_shows_progress_on_a_terminal(store, tmp_path, monkeypatch):
    monkeypatch.setenv("PRESSROOM_TODAY", "2019-05-01")
    rows = "".join(f"Reporter {n},r{n}@news{n % 40}.example,Outlet {n % 40}\n" for n in range(300))
    form = tmp_path / "form.csv"
    form.write_text("name,email,outlet\n" + rows, encoding="utf-8")
    piped = run_cli("credential", "import", str(form), "--event", "nssc-2019")
    assert "Importing" not in piped.stderr
    shown = on_terminal("credential", "import", str(form), "--event", "nssc-2019",
                        env={**TERMINAL, "PRESSROOM_DATABASE_URL": str(store.engine.url)})
    assert "Importing" in shown and "/300" in shown
    assert "300 imported (300 duplicate" in shown  # the same people again: all duplicates


def test_render_all_shows_progress_on_a_terminal(example_workspace, tmp_path):
    shown = on_terminal("-w", str(example_workspace), "release", "render", "--all",
                        "-o", str(tmp_path / "out"), env=TERMINAL)
    assert "Rendering" in shown and "wrote 2 releases" in shown


def test_mail_send_shows_progress_on_a_terminal(store, example_workspace, smtp_server, monkeypatch):
    from tests.fixtures_mail import use_smtp

    monkeypatch.setenv("PRESSROOM_TODAY", "2019-05-01")
    for n in range(12):  # no mail: section yet, so each notice waits in the outbox
        assert run_cli("credential", "request", "--event", "nssc-2019", "--name", f"R {n}",
                       "--outlet", "WBIR-TV", "--email", f"r{n}@wbir.example").exit_code == 0
    use_smtp(example_workspace, smtp_server.port)
    shown = on_terminal("mail", "send", env=TERMINAL)
    assert "Sending" in shown and "/12" in shown and "12 sent, 0 still waiting" in shown
    assert len(smtp_server.received) == 12
