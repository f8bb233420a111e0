"""Closing the loop: `report pickup` and the digest's release section show who a release was
sent to, which of those outlets covered it, and which coverage came from outlets not on the send."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import check_golden, run_cli
from tests.test_digest_golden import import_example_mentions

GOLDEN = Path(__file__).parent / "golden" / "digest"


@pytest.fixture
def sent(store, example_workspace, tmp_path, monkeypatch):
    from pressroom.workspace import Workspace

    import_example_mentions(store, Workspace(example_workspace))
    people = tmp_path / "people.csv"
    people.write_text(
        "Name,Email,Outlet\n"
        "Sam Courier,sam@hoovercourier.example,The Hoover Courier\n"
        "Val Wire,val@heartlandwire.example,Heartland Wire\n"
        "Ola Quiet,ola@quiet.example,Quiet Gazette\n"
        "Rae Quiet,rae@quiet.example,Quiet Gazette\n", encoding="utf-8")
    assert run_cli("journalist", "import", str(people), "--list", "desk").exit_code == 0
    monkeypatch.setenv("PRESSROOM_NOW", "2019-04-15T14:00:00Z")
    result = run_cli("release", "send", "conference-keynote", "--list", "desk", "--yes", "--outbox")
    assert result.exit_code == 0, result.stderr
    monkeypatch.setenv("PRESSROOM_TODAY", "2019-05-06")
    return store


def test_pickup_json_has_the_distribution(sent):
    data = json.loads(run_cli("report", "pickup", "conference-keynote", "-f", "json").stdout)
    assert data["distribution"] == {
        "people": 4, "outlets": 3,
        "covered": [{"outlet": "Heartland Wire", "first": "2019-04-17"},
                    {"outlet": "The Hoover Courier", "first": "2019-04-18"}],
        "not_sent": [{"outlet": "School Safety Today", "first": "2019-04-15"},
                     {"outlet": "Smoky Mountain Times", "first": "2019-04-15"},
                     {"outlet": "Tennessee Valley News 8", "first": "2019-04-16"}]}


def test_pickup_text_golden(sent):
    text = run_cli("report", "pickup", "conference-keynote").stdout
    assert "Sent to 4 people at 3 outlets; 2 of those outlets covered it." in text
    check_golden(GOLDEN / "pickup-sent-conference-keynote.txt", text)


def test_unsent_release_has_no_distribution(sent):
    data = json.loads(run_cli("report", "pickup", "baltimore-school-police", "-f", "json").stdout)
    assert "distribution" not in data


@pytest.mark.parametrize("fmt, ext", [("text", "txt"), ("markdown", "md"), ("html", "html")])
def test_digest_release_section(sent, fmt, ext):
    result = run_cli("digest", "--period", "2019-04", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "ent to 4 people at 3 outlets; 2 of those outlets covered it." in result.stdout
    check_golden(GOLDEN / f"digest-sent-month.{ext}", result.stdout)
