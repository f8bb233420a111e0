"""Hostile and careless CSV files for ``mention import`` and ``mention add`` (issue 9, items 7, 14).

NUL bytes are refused per row on both databases (PostgreSQL cannot store them; SQLite kept them
silently), names longer than their column are refused per row (PostgreSQL enforced the length and
lost the whole batch), a 900 KB article is stored whole and indexed up to a cap, and an unclosed
quote is named at the line where it opened instead of swallowing the rest of the file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from tests.hostile import Unchanged, assert_clean_failure

HEADER = "url,title,outlet,date,reporter,summary,text,quote,speaker,tags\n"


def good_row(n: int) -> list[str]:
    return [f"https://news.example/story-{n}", f"Story {n}", "Daily Example", "2024-03-05",
            "Jane Reporter", "An excerpt", "Officers trained all week.", "", "", "training"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    buffer = io.StringIO(newline="")
    buffer.write(HEADER)
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    return path


def listed(cli, *args):
    result = cli("mention", "list", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# ---- item 7: one bad row never costs the good rows; both databases alike -----------------------

COLUMNS = ["url", "title", "outlet", "date", "reporter", "summary", "text", "quote", "speaker",
           "tags"]


@pytest.mark.parametrize("column", ["title", "outlet", "reporter", "summary", "text", "quote",
                                    "speaker", "tags"])
def test_a_nul_byte_refuses_its_row_and_keeps_the_others(store_cli, tmp_path, column):
    bad = good_row(2)
    index = COLUMNS.index(column)
    bad[index] = "before\x00after"
    if column == "quote":
        bad[COLUMNS.index("speaker")] = "canady"
    if column == "speaker":
        bad[COLUMNS.index("quote")] = "Words."
    source = write_csv(tmp_path / "mentions.csv", [good_row(1), bad, good_row(3)])
    result = store_cli("mention", "import", str(source))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert f"mentions.csv: row 3: " in result.stderr and "NUL byte" in result.stderr
    assert result.stdout == "added 2, already known 0, rejected 1\n"
    assert sorted(r["title"] for r in listed(store_cli)) == ["Story 1", "Story 3"]


def test_a_900_kb_article_is_stored_whole_and_searchable(store_cli, tmp_path):
    words = " ".join(f"w{n:06d}" for n in range(130_000))  # ~1 MB of all-different words
    article = ("Officers praised the zebrafish program. " + words)[:900_000].strip()
    rows = [good_row(1), good_row(2), good_row(3)]
    rows[1][COLUMNS.index("text")] = article
    source = write_csv(tmp_path / "mentions.csv", rows)
    result = store_cli("mention", "import", str(source))
    assert (result.exit_code, result.stdout) == (0, "added 3, already known 0, rejected 0\n"), \
        result.stderr
    found = listed(store_cli, "--search", "zebrafish")
    assert [r["title"] for r in found] == ["Story 2"]
    shown = store_cli("mention", "show", str(found[0]["id"]), "--format", "json")
    assert len(json.loads(shown.stdout)["body"]) == len(article)


@pytest.mark.parametrize("column, limit", [("reporter", 300), ("outlet", 300), ("speaker", 300)])
def test_a_name_longer_than_its_column_refuses_its_row(store_cli, tmp_path, column, limit):
    bad = good_row(2)
    bad[COLUMNS.index(column)] = "N" * (limit + 1)
    if column == "speaker":
        bad[COLUMNS.index("quote")] = "Words."
    source = write_csv(tmp_path / "mentions.csv", [good_row(1), bad, good_row(3)])
    result = store_cli("mention", "import", str(source))
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert f"longer than {limit} characters" in result.stderr
    assert result.stdout == "added 2, already known 0, rejected 1\n"


@pytest.mark.parametrize("option", ["--title", "--outlet", "--reporter", "--excerpt", "--tag",
                                    "--text-file"])
def test_mention_add_refuses_a_nul_byte(store_cli, store, db_url, tmp_path, option):
    from tests.hostile import db_snapshot

    base = ["mention", "add", "https://news.example/nul", "--outlet", "Daily Example",
            "--title", "A story", "--date", "2024-03-05"]
    if option == "--text-file":
        article = tmp_path / "article.txt"
        article.write_bytes(b"Officers trained.\x00 Then more.")
        extra = [option, str(article)]
    else:
        extra = [option, "bad\x00value"]
    before = db_snapshot(db_url)
    result = store_cli(*base, *extra)
    assert_clean_failure(result, status=2, contains="NUL byte")
    assert db_snapshot(db_url) == before


def test_mention_add_refuses_an_over_long_reporter(store_cli, db_url):
    guard = Unchanged(db_url=db_url)
    result = store_cli("mention", "add", "https://news.example/long", "--outlet", "Daily Example",
                       "--title", "A story", "--date", "2024-03-05", "--reporter", "R" * 301)
    assert_clean_failure(result, status=2, contains="longer than 300", unchanged=guard)


# ---- item 14: an unclosed quote ------------------------------------------------------------------

def _lines_with_unclosed_quote(at: int, total: int) -> str:
    lines = [HEADER.rstrip("\n")]
    for n in range(1, total + 1):
        row = good_row(n)
        if n + 1 == at:
            row[COLUMNS.index("summary")] = '"An excerpt that never ends'
            lines.append(",".join(row))
        else:
            lines.append(",".join(row))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("at, total", [(2, 1), (2, 5), (4, 5), (6, 5)])
def test_an_unclosed_quote_is_named_at_its_line(store_cli, db_url, tmp_path, at, total):
    source = tmp_path / "mentions.csv"
    source.write_text(_lines_with_unclosed_quote(at, total))
    guard = Unchanged(tmp_path, db_url=db_url)
    result = store_cli("mention", "import", str(source))
    assert_clean_failure(result, status=2, unchanged=guard,
                         contains=f"mentions.csv: line {at}: a quoted field opened here is never "
                                  "closed")


def test_an_unclosed_quote_in_the_header(store_cli, db_url, tmp_path):
    source = tmp_path / "mentions.csv"
    source.write_text('url,"title,date\nhttps://a.example/x,T,2024-03-05\n')
    guard = Unchanged(tmp_path, db_url=db_url)
    result = store_cli("mention", "import", str(source))
    assert_clean_failure(result, status=2, unchanged=guard,
                         contains="mentions.csv: line 1: a quoted field opened here is never closed")


def test_an_unclosed_quote_on_the_last_line_without_a_newline(store_cli, db_url, tmp_path):
    source = tmp_path / "mentions.csv"
    source.write_text(HEADER + ",".join(good_row(1)) + '\nhttps://b.example/y,"Open title')
    guard = Unchanged(tmp_path, db_url=db_url)
    result = store_cli("mention", "import", "--strict", str(source))
    assert_clean_failure(result, status=2, unchanged=guard, contains="line 3: a quoted field")


def test_a_proper_multi_line_field_is_still_read(store_cli, tmp_path):
    source = tmp_path / "mentions.csv"
    source.write_text(HEADER + 'https://c.example/z,"Two\nline title",Daily,2024-03-05,,,,,,\n'
                      + ",".join(good_row(2)) + "\n")
    result = store_cli("mention", "import", str(source))
    assert (result.exit_code, result.stdout) == (0, "added 2, already known 0, rejected 0\n")


def test_text_after_a_closing_quote_is_a_row_problem(store_cli, tmp_path):
    source = tmp_path / "mentions.csv"
    source.write_text(HEADER + 'https://d.example/q,"Knox" News,Daily,2024-03-05,,,,,,\n'
                      + ",".join(good_row(2)) + "\n")
    result = store_cli("mention", "import", str(source))
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert "row 2: text after the closing quote" in result.stderr
    assert result.stdout == "added 1, already known 0, rejected 1\n"


# ---- the CSV reader alone, generated ---------------------------------------------------------------

cell_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",),
                                           blacklist_characters='"\r\x00'), max_size=20)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(cell_text, min_size=3, max_size=3), min_size=1, max_size=8),
       data=st.data())
def test_generated_files_with_one_unclosed_quote(tmp_path, rows, data):
    """Whatever the cells, a quote opened in row k and never closed is reported at its line."""
    from pressroom.errors import InputError
    from pressroom.mentions.importer import RowContext, csv_rows

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writerow(["url", "title", "date"])
    target = data.draw(st.integers(0, len(rows) - 1))
    text = buffer.getvalue()
    line = text.count("\n")
    for index, row in enumerate(rows):
        chunk = io.StringIO(newline="")
        csv.writer(chunk, lineterminator="\n", quoting=csv.QUOTE_ALL).writerow(row)
        if index == target:
            opened_at = line + 1
            text += chunk.getvalue()[:-2] + "\n"  # drop the last closing quote
            break
        text += chunk.getvalue()
        line += chunk.getvalue().count("\n")
    path = tmp_path / "generated.csv"
    path.write_text(text, encoding="utf-8", newline="")
    with pytest.raises(InputError) as caught:
        list(csv_rows(path, "generated.csv", RowContext(None)))
    assert str(caught.value) == (f"generated.csv: line {opened_at}: a quoted field opened here "
                                 "is never closed")
