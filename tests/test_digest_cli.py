"""`pressroom digest`: options, files, mail, errors and the friendly empty digest."""

from __future__ import annotations

import email
import json
from email import policy

import pytest

from tests.test_digest_golden import import_example_mentions


@pytest.fixture
def example(store, example_workspace, monkeypatch):
    from pressroom.workspace import Workspace

    import_example_mentions(store, Workspace(example_workspace))
    monkeypatch.setenv("PRESSROOM_TODAY", "2019-03-04")
    return example_workspace


def test_json_contract(example, cli):
    result = cli("digest", "--period", "2019-02", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["period"] == {"since": "2019-02-01", "until": "2019-02-28"}
    assert set(data["totals"]) == set(data["previous_totals"]) == {"mentions", "outlets", "quotes"}
    assert data["totals"]["mentions"] == sum(row["mentions"] for row in data["timeline"])
    assert sum(row["mentions"] for row in data["by_type"]) == data["totals"]["mentions"]
    assert {"start", "mentions"} <= set(data["timeline"][0])
    canady = data["speakers"][0]
    assert (canady["speaker"], canady["name"], canady["title"]) == ("canady", "Mo Canady", "executive director")
    quote = canady["quotes"][0]
    assert {"text", "outlet", "title", "url", "published", "lead"} <= set(quote)
    dates = [q["published"] for q in canady["quotes"]]
    assert dates == sorted(dates, reverse=True)  # newest first
    wvtm = next(q for q in canady["quotes"] if q["outlet"] == "WVTM TV")
    assert wvtm["lead"] == "That's part of what NASRO executive director Mo Canady told WVTM TV."
    release = data["releases"][0]
    assert release["slug"] == "baltimore-school-police"
    assert release["quotes"][0]["pickup"] == "verbatim"
    assert all(set(q) >= {"text", "pickup", "mentions"} for q in release["quotes"])


def test_speaker_filter_and_unknown_speaker(example, cli):
    result = cli("digest", "--period", "2019-02", "--speaker", "Canady", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["speaker"]["speaker"] == "canady"
    assert data["totals"]["mentions"] == data["totals"]["quotes"] == 9
    result = cli("digest", "--speaker", "canaday")
    assert result.exit_code == 2
    assert result.stderr == "error: unknown spokesperson 'canaday' (did you mean 'canady'?); one of: canady\n"


def test_empty_period_is_a_friendly_digest(example, cli):
    result = cli("digest", "--since", "2018-07-01", "--until", "2018-07-03")
    assert result.exit_code == 0
    assert result.stdout == ("NASRO media digest\nJuly 1 to 3, 2018\n\nNo coverage was logged for "
                             "July 1 to 3, 2018. (The period before, June 28 to 30,\n2018, had no "
                             "mentions.)\n")


def test_output_file(example, cli, tmp_path):
    target = tmp_path / "digest.html"
    result = cli("digest", "--format", "html", "-o", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_mail_to_queues_html_with_a_text_alternative(example, cli):
    result = cli("digest", "--mail-to", "board@example.org")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    files = list((example / "outbox").glob("*.eml"))
    assert len(files) == 1
    assert result.stderr.startswith("digest to board@example.org: queued (")
    message = email.message_from_bytes(files[0].read_bytes(), policy=policy.default)
    assert message["To"] == "board@example.org"
    assert message["Subject"] == "NASRO media digest, Feb. 25 to March 3, 2019"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    assert plain.startswith("NASRO media digest\nFeb. 25 to March 3, 2019\n")
    assert "max-width:640px" in html and "<svg" in html


@pytest.mark.parametrize(("args", "message"), [
    (("--period", "2019-13"), "there is no month 13"),
    (("--period", "fortnight"), "unknown period 'fortnight'"),
    (("--period", "2019-03", "--since", "2019-03-01"), "use either --period or --since/--until"),
    (("--mail-to", "board@example.org\nBcc: x@example.org"), "line break"),
])
def test_bad_options(example, cli, args, message):
    result = cli("digest", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_bad_today_variable(example, cli, monkeypatch):
    monkeypatch.setenv("PRESSROOM_TODAY", "tomorrow")
    result = cli("digest")
    assert result.exit_code == 2
    assert result.stderr == "error: PRESSROOM_TODAY='tomorrow' is not a date like 2019-05-01\n"
