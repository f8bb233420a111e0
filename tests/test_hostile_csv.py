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


# ---- encodings and separators of real exports (Meltwater, Excel's "Unicode Text", ";") ---------

MELTWATER = ("Date\tHeadline\tURL\tOpening Text\tHit Sentence\tSource\tReach\n"
             "04-Mar-2024 06:22PM\tSROs need more training\thttps://www.wbrc.example/sro\t"
             "Officers spent the week\tMo Canady said training matters\tWBRC\t120000\n"
             "05-Mar-2024 09:10AM\tCaf\u00e9 talk: \u201cschool safety\u201d\t"
             "https://news.example/cafe\t\tThe NASRO conference\tDaily Example\t5000\n")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le-bom", "utf-16-be-bom"])
def test_a_meltwater_export_in_utf16_with_tabs_is_imported(store_cli, tmp_path, encoding):
    import codecs

    data = {"utf-16": MELTWATER.encode("utf-16"),
            "utf-16-le-bom": codecs.BOM_UTF16_LE + MELTWATER.encode("utf-16-le"),
            "utf-16-be-bom": codecs.BOM_UTF16_BE + MELTWATER.encode("utf-16-be")}[encoding]
    source = tmp_path / "meltwater.csv"
    source.write_bytes(data)
    result = store_cli("mention", "import", str(source))
    assert (result.exit_code, result.stdout) == (0, "added 2, already known 0, rejected 0\n"), \
        result.stderr
    rows = {r["title"]: r for r in listed(store_cli)}
    assert rows["SROs need more training"]["published"] == "2024-03-04"
    assert rows["SROs need more training"]["outlet"] == "WBRC"
    assert rows["Caf\u00e9 talk: \u201cschool safety\u201d"]["outlet"] == "Daily Example"
    shown = store_cli("mention", "show", str(rows["SROs need more training"]["id"]),
                      "--format", "json")
    assert json.loads(shown.stdout)["excerpt"] == "Mo Canady said training matters"


def test_semicolons_separate_cells_where_excel_writes_them(store_cli, tmp_path):
    source = tmp_path / "excel-de.csv"
    source.write_text('URL;Titel;Headline;Date;Source\n'
                      'https://news.example/a;x;"Officers, trained; ready";2024-03-05;Daily Example\n',
                      encoding="utf-8-sig")
    result = store_cli("mention", "import", str(source))
    assert result.exit_code == 0, result.stderr
    assert [r["title"] for r in listed(store_cli)] == ["Officers, trained; ready"]


def test_a_tab_or_semicolon_inside_a_quoted_header_keeps_the_comma(store_cli, tmp_path):
    source = tmp_path / "quoted.csv"
    source.write_text('"url";"title";"date"\n', encoding="utf-8")  # semicolons: three columns
    source.write_text('url,title,date,"notes;\tand; more;\t"\n'
                      'https://news.example/b,Plain title,2024-03-05,x\n', encoding="utf-8")
    result = store_cli("mention", "import", str(source))
    assert result.exit_code == 0, result.stderr
    assert [r["title"] for r in listed(store_cli)] == ["Plain title"]


@pytest.mark.parametrize("name, tail, line", [
    ("cut-short.csv", b"\x41", 3),              # an odd byte at the end: the export cut short
    ("lone-surrogate.csv", "\n".encode("utf-16-le") + b"\x00\xd8\x41\x00", 4),  # half a pair
])
def test_broken_utf16_is_refused_with_its_line_and_nothing_imported(store_cli, tmp_path, name,
                                                                     tail, line):
    source = tmp_path / name
    source.write_bytes(("url,title,date\nhttps://news.example/c,T,2024-03-05\n").encode("utf-16")
                       + "https://news.example/d,U,2024-03-05".encode("utf-16-le") + tail)
    result = store_cli("mention", "import", str(source))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {source}: not UTF-16 text (line {line}), though the "
                                    "file starts with UTF-16's byte-order mark"), result.stderr
    assert "Traceback" not in result.stderr
    assert listed(store_cli) == []


def test_utf16_without_its_mark_is_refused_at_its_header(store_cli, tmp_path):
    source = tmp_path / "nomark.csv"
    source.write_bytes("url,title,date\nhttps://news.example/e,T,2024-03-05\n".encode("utf-16-le"))
    result = store_cli("mention", "import", str(source))
    assert result.exit_code == 2 and listed(store_cli) == []
    assert result.stderr == (f"error: {source}:1: the header line has NUL bytes: the file looks "
                             "like UTF-16 without its byte-order mark; save it as UTF-8 (in "
                             "Excel: 'CSV UTF-8') and import it again\n")


def test_a_formula_in_a_utf16_export_stays_text_and_exports_defused(store_cli, tmp_path):
    source = tmp_path / "formula.csv"
    source.write_bytes(("URL\tHeadline\tDate\tSource\n"
                        "https://news.example/f\t=HYPERLINK(\"http://evil.example\")\t2024-03-05\t"
                        "@SUM(1)\n").encode("utf-16"))
    assert store_cli("mention", "import", str(source)).exit_code == 0
    exported = store_cli("mention", "list", "--format", "csv")
    assert exported.exit_code == 0
    assert "'=HYPERLINK" in exported.stdout and "'@SUM(1)" in exported.stdout
