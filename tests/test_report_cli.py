"""`pressroom report coverage` and `pressroom report pickup`."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.test_digest_golden import import_example_mentions


@pytest.fixture
def example(store, example_workspace):
    from pressroom.workspace import Workspace

    import_example_mentions(store, Workspace(example_workspace))
    return store, Workspace(example_workspace)


def test_coverage_csv(example, cli):
    result = cli("report", "coverage", "--since", "2019-02-27", "--until", "2019-02-27")
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["outlet"] for r in rows] == ["Harbor City Herald", "Capitol Wire Service",
                                           "Chesapeake Public Radio"]
    assert rows[0]["quotes"].startswith("Mo Canady: \u201cWe commend the board")
    # CSV headers are the JSON keys, and `mention import` reads the clip book back
    assert list(rows[0]) == ["published", "outlet", "outlet_type", "title", "reporter", "url",
                             "quotes", "id"]


def test_coverage_csv_is_formula_safe_and_markdown_escaped(example, cli):
    from pressroom.mentions.records import NewMention, add_mention

    store, ws = example
    add_mention(store, ws, NewMention(
        url="https://x.example/a", outlet="=HYPERLINK(\"http://evil\")", title="a | b *c*",
        published="2018-01-02", reporter="@me", quotes=[("-1+1 | x", "canady")], by="test"))
    result = cli("report", "coverage", "--until", "2018-12-31")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[1][1] == "'=HYPERLINK(\"http://evil\")" and rows[1][4] == "'@me"
    md = cli("report", "coverage", "--until", "2018-12-31", "--format", "markdown").stdout
    line = next(l for l in md.splitlines() if "HYPERLINK" in l)
    assert line.count(" | ") == 5  # the cells' own | are escaped
    assert "a \\| b \\*c\\*" in line and "-1+1 \\| x" in line
    html = cli("report", "coverage", "--until", "2018-12-31", "--format", "html").stdout
    assert "=HYPERLINK(&#34;http://evil&#34;)" in html or "=HYPERLINK(&quot;http://evil&quot;)" in html


def test_pickup_json_and_unknown_release(example, cli):
    result = cli("report", "pickup", "conference-keynote", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["slug"] == "conference-keynote"
    levels = {m["outlet"]: m["quotes"][0]["pickup"] for m in data["mentions"]}
    assert levels["Smoky Mountain Times"] == "verbatim"
    assert levels["Heartland Wire"] == "partial"      # one sentence of the quote
    assert "Magic City Ledger" not in levels          # a paraphrase is not pickup
    result = cli("report", "pickup", "no-such-release")
    assert result.exit_code == 2 and result.stderr.startswith("error: ")
