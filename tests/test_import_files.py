"""`pressroom mention import`: CSV exports and alert feeds, good and bad."""

from __future__ import annotations

import csv
import json
import resource
import time
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from pressroom.errors import InputError

DATA = Path(__file__).parent / "data" / "imports"


def listed(cli, *args):
    result = cli("mention", "list", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_csv_import_with_rejections_then_reimport(store_cli, tmp_path):
    source = tmp_path / "mentions.csv"
    source.write_bytes((DATA / "mentions.csv").read_bytes())
    first = store_cli("mention", "import", str(source))
    assert first.exit_code == 2  # bad rows are bad input, though the good ones are imported
    assert first.stdout == "added 2, already known 1, rejected 2\n"
    assert first.stderr == (
        f"{source}: row 5: date 'yesterday' is not a date (use YYYY-MM-DD)\n"
        f"{source}: row 6: unknown release 'no-such-release' (a release is a file releases/YYYY-MM-DD-<slug>.yaml)\n")
    rows = listed(store_cli)
    assert [(r["title"], r["outlet"], r["published"]) for r in rows] == [
        ("Conference draws officers", "AL.com", "2024-03-05"),
        ("SROs need more training", "WBRC FOX6 News", "2024-03-04")]
    wbrc = rows[1]
    assert wbrc["url"] == "https://www.wbrc.com/2024/03/04/nasro-training"
    assert wbrc["quotes"] == [{"id": 1, "speaker": "canady", "speaker_name": "Mo Canady",
                               "text": "Training is everything."}]
    assert wbrc["tags"] == ["safety", "training"] and wbrc["release"] == "conference-keynote"
    again = store_cli("mention", "import", str(source))
    assert (again.exit_code, again.stdout) == (2, "added 0, already known 3, rejected 2\n")


def test_strict_imports_nothing(store_cli):
    result = store_cli("mention", "import", "--strict", str(DATA / "mentions.csv"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.endswith("error: nothing imported: 2 rows rejected (--strict)\n")
    assert listed(store_cli) == []


def test_feeds_unwrap_strip_and_deduplicate(store_cli, monkeypatch):
    monkeypatch.setenv("PRESSROOM_TODAY", "2024-03-06")
    google = store_cli("mention", "import", str(DATA / "alerts-google.xml"))
    assert (google.exit_code, google.stdout) == (0, "added 2, already known 0, rejected 0\n")
    rss = store_cli("mention", "import", str(DATA / "alerts-rss.xml"))
    assert (rss.exit_code, rss.stdout) == (0, "added 2, already known 1, rejected 0\n")
    assert rss.stderr.endswith("alerts-rss.xml: entry 3: note: no date: took the day of the "
                               "import, 2024-03-06\n")
    rows = listed(store_cli)
    assert [(r["url"], r["outlet"], r["title"]) for r in rows] == [
        ("https://www.example.com/undated", "example.com", "An item without a date"),
        ("https://www.al.com/news/2024/03/sro-conference.html", "al.com", "SROs and the NASRO conference"),
        ("https://www.baltimoresun.com/news/school-police.html", "baltimoresun.com",
         "School police in Baltimore: what NASRO recommends"),
        ("https://www.wbrc.com/2024/03/04/nasro-training", "wbrc.com",
         'NASRO director says school resource officers need "more training"')]
    assert rows[3]["excerpt"].endswith("National Association of School Resource Officers, said & more")


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>The Hoover &lt;b&gt;Sun&lt;/b&gt;</title><link>https://www.hooversun.example/</link>
{channel_date}
<item><title>Undated story</title><link>https://news.hooversun.example/a</link>{item_date}</item>
<item><title>Wire copy</title><link>https://apnews.example/b</link>
<pubDate>Tue, 05 Mar 2024 07:00:00 GMT</pubDate></item>
<item><title>Syndicated</title><link>https://other.example/c</link>
<source url="https://other.example/rss">Other Gazette</source>
<pubDate>Tue, 05 Mar 2024 07:00:00 GMT</pubDate></item>
</channel></rss>
"""


@pytest.mark.parametrize("channel_date, item_date, note, day", [
    ("<lastBuildDate>Mon, 04 Mar 2024 12:00:00 GMT</lastBuildDate>", "",
     "no date: took the feed's date, 2024-03-04", "2024-03-04"),
    ("", "<pubDate>sometime last week</pubDate>",
     "the date 'sometime last week' is not usable: took the day of the import, 2024-03-06",
     "2024-03-06"),
    ("", "<pubDate>March 1, 2024</pubDate>", None, "2024-03-01"),
    ("<pubDate>Sun, 03 Mar 2024 08:00:00 GMT</pubDate>", "<pubDate>2019-02-30</pubDate>",
     "the date '2019-02-30' is not usable: took the feed's date, 2024-03-03", "2024-03-03"),
    ("", "<pubDate>" + "9" * 5000 + "</pubDate>",
     "the date '" + "9" * 40 + "' is not usable: took the day of the import, 2024-03-06",
     "2024-03-06"),
    ("", "<pubDate>\u2028\u00a0</pubDate>", "no date: took the day of the import, 2024-03-06",
     "2024-03-06"),
])
def test_feed_entries_without_a_usable_date_are_kept_with_a_note(store_cli, tmp_path, monkeypatch,
                                                                  channel_date, item_date, note, day):
    """Issue 10 item 12: an undated alert takes the feed's date or the import's, with a note;
    a publisher's own feed names its new outlet by the feed's title, not the domain."""
    monkeypatch.setenv("PRESSROOM_TODAY", "2024-03-06")
    path = tmp_path / "sun.xml"
    path.write_text(FEED.format(channel_date=channel_date, item_date=item_date), encoding="utf-8")
    result = store_cli("mention", "import", str(path))
    assert (result.exit_code, result.stdout) == (0, "added 3, already known 0, rejected 0\n")
    assert result.stderr == (f"{path}: entry 1: note: {note}\n" if note else ""), result.stderr
    rows = {r["title"]: r for r in listed(store_cli)}
    assert rows["Undated story"]["published"] == day
    assert rows["Undated story"]["outlet"] == "The Hoover Sun"   # its own feed: the feed's title
    assert rows["Wire copy"]["outlet"] == "apnews.example"       # another site's story: its domain
    assert rows["Syndicated"]["outlet"] == "Other Gazette"       # an RSS <source>: its name


def test_feed_outlet_comes_from_the_registry(store_cli):
    store_cli("outlet", "add", "WBRC", "--domain", "wbrc.com", "--type", "tv")
    store_cli("mention", "import", str(DATA / "alerts-google.xml"))
    assert {r["outlet"] for r in listed(store_cli)} == {"WBRC", "baltimoresun.com"}


@pytest.mark.parametrize("name, content, message", [
    ("not-a-feed.xml", None, "not-a-feed.xml:3: not an RSS or Atom feed (mismatched tag)"),
    ("plain.xml", b"hello, this is text", "plain.xml:1: not an RSS or Atom feed (syntax error)"),
    ("header-only.csv", None, None),
    ("missing.csv", b"link,headline,source\nhttps://a.example/x,T,S\n",
     "missing.csv:1: missing column date (or published) (the header has: link, headline, source)"),
    ("empty.csv", b"", "empty.csv: the file is empty (no header row)"),
    ("latin1.csv", "url,title,date\nhttps://a.example/x,Caf\u00e9,2024-01-01\n".encode("cp1252"),
     "latin1.csv: not UTF-8 text (line 2); save the file as UTF-8"),
    ("nothing.csv", b"url,title,date\n", None),
])
def test_file_level_errors_are_located(store_cli, tmp_path, monkeypatch, name, content, message):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / name
    path.write_bytes(content if content is not None else (DATA / name).read_bytes())
    result = store_cli("mention", "import", name)
    if message is None:
        assert (result.exit_code, result.stdout) == (0, "added 0, already known 0, rejected 0\n")
    else:
        assert result.exit_code == 2
        assert result.stderr.startswith("error: " + message), result.stderr
        assert "Traceback" not in result.stderr
    assert listed(store_cli) == []


def _assert_fast_and_small(start, rss_before):
    assert time.monotonic() - start < 5
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before
    assert grown_kib < 100 * 1024


def test_billion_laughs_is_refused(store_cli, tmp_path):
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    result = store_cli("mention", "import", str(DATA / "billion-laughs.xml"))
    _assert_fast_and_small(start, rss_before)
    assert result.exit_code == 2
    assert "billion-laughs.xml:3: the feed declares XML entities (<!ENTITY)" in result.stderr
    assert listed(store_cli) == []


def test_quadratic_blowup_is_refused(store_cli, tmp_path):
    big = "A" * 50_000
    refs = "&a;" * 50_000  # 2.5 GB if expanded
    path = tmp_path / "quadratic.xml"
    path.write_text(f'<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "{big}">]>\n'
                    f'<rss version="2.0"><channel><title>q</title><item><title>{refs}</title>'
                    '<link>https://example.com/q</link></item></channel></rss>\n')
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    result = store_cli("mention", "import", str(path))
    _assert_fast_and_small(start, rss_before)
    assert result.exit_code == 2 and "declares XML entities" in result.stderr


def test_a_10mb_cell_is_a_located_rejection(store_cli, tmp_path):
    path = tmp_path / "big.csv"
    with open(path, "w", encoding="utf-8") as out:
        out.write("url,title,date,outlet,text\n")
        out.write("https://a.example/1,Fine,2024-01-01,A,short\n")
        out.write('https://a.example/2,Huge,2024-01-01,A,"' + "x" * 10_000_000 + '"\n')
        out.write("https://a.example/3,Fine too,2024-01-02,A,\n")
        out.write('https://a.example/4,Huger,2024-01-01,A,"' + "y" * 20_000_000 + '"\n')
        out.write("https://a.example/5,Last,2024-01-03,A,\n")
    result = store_cli("mention", "import", str(path))
    assert result.exit_code == 2
    assert result.stdout == "added 3, already known 0, rejected 2\n"
    assert result.stderr == (f"{path}: row 3: cell 'text' is larger than 1 MB\n"
                             f"{path}: row 5: a cell is larger than 16 MB\n")
    assert sorted(r["title"] for r in listed(store_cli)) == ["Fine", "Fine too", "Last"]


def test_bom_and_export_column_names(store_cli, tmp_path):
    path = tmp_path / "meltwater.csv"
    path.write_bytes("\ufeffArticle URL,Headline,Source Name,Publication Date,Byline,Snippet\n"
                     "https://a.example/x?utm_campaign=1,\"Quoted, title\",The Paper,"
                     "\"March 5, 2024\",Sam,Hello\n".encode("utf-8"))
    assert store_cli("mention", "import", str(path)).stdout == "added 1, already known 0, rejected 0\n"
    row = listed(store_cli)[0]
    assert (row["url"], row["title"], row["outlet"], row["published"], row["reporter"], row["excerpt"]) == \
        ("https://a.example/x", "Quoted, title", "The Paper", "2024-03-05", "Sam", "Hello")


@pytest.mark.parametrize("header", [
    "Link,News Headline,Publication Name,Date Published,Author(s),Summary",
    "URL,Title,Media Name,Date,Influencer,Hit Sentence",
    "Article Link,Headline,Media Outlet,Publish Date,Author Name,Description",
])
def test_other_export_column_names(store_cli, tmp_path, header):
    path = tmp_path / "export.csv"
    path.write_text(f"{header}\nhttps://a.example/y,A title,The Paper,2024-03-05,Sam Lee,Hi\n",
                    encoding="utf-8")
    assert store_cli("mention", "import", str(path)).exit_code == 0
    row = listed(store_cli)[0]
    assert (row["title"], row["outlet"], row["published"], row["reporter"], row["excerpt"]) == \
        ("A title", "The Paper", "2024-03-05", "Sam Lee", "Hi")


def test_duplicate_urls_in_one_file_first_wins(store_cli, tmp_path):
    path = tmp_path / "dups.csv"
    path.write_text("url,title,date\nhttps://a.example/x,First,2024-01-01\n"
                    "https://a.example/x/?utm_source=y,Second,2024-01-01\n")
    assert store_cli("mention", "import", str(path)).stdout == "added 1, already known 1, rejected 0\n"
    assert [r["title"] for r in listed(store_cli)] == ["First"]


def test_quotes_are_extracted_from_article_text(store_cli):
    result = store_cli("mention", "import", str(DATA / "articles.csv"))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0, "added 3, already known 0, rejected 0\n", "")
    rows = {r["title"]: r for r in listed(store_cli)}
    assert [(q["speaker"], q["speaker_name"], q["text"])
            for q in rows["Officers train for the worst"]["quotes"]] == [
        ("canady", "Mo Canady", "Training should not be optional")]
    # a row that names its quote keeps just that one; text quoting nobody known gives none
    assert [q["text"] for q in rows["Quote given"]["quotes"]] == ["Given, not extracted."]
    assert rows["Nobody we know"]["quotes"] == []


def test_no_extract_keeps_only_named_quotes(store_cli):
    result = store_cli("mention", "import", "--no-extract", str(DATA / "articles.csv"))
    assert result.exit_code == 0
    rows = {r["title"]: r for r in listed(store_cli)}
    assert rows["Officers train for the worst"]["quotes"] == []
    assert [q["text"] for q in rows["Quote given"]["quotes"]] == ["Given, not extracted."]


def test_feed_content_is_searched_for_quotes(store_cli, tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>a</title>'
        '<entry><title>SRO training</title><link href="https://www.al.com/sro-training"/>'
        '<updated>2024-03-05T10:00:00Z</updated>'
        '<content type="html">&lt;p&gt;\u201cEvery officer deserves the training,\u201d Canady said.'
        '&lt;/p&gt;</content></entry></feed>\n', encoding="utf-8")
    assert store_cli("mention", "import", str(path)).exit_code == 0
    [row] = listed(store_cli)
    assert [(q["speaker"], q["text"]) for q in row["quotes"]] == [
        ("canady", "Every officer deserves the training")]


# ---- the row parser --------------------------------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.sampled_from(["url", "title", "published", "outlet", "type", "reporter",
                                        "excerpt", "quote", "speaker", "release", "tags", "text"]),
                       st.one_of(st.text(max_size=40),
                                 st.sampled_from(["https://a.example/x", "2024-01-01", "tv",
                                                  "canady", "conference-keynote"]))))
def test_row_parser_accepts_or_says_why(values):
    from pressroom.mentions.importer import RowContext, parse_row
    from pressroom.workspace import Workspace

    ctx = RowContext(Workspace(Path(__file__).resolve().parent.parent))
    try:
        row = parse_row(values, ctx)
    except InputError as exc:
        assert exc.message and "\n" not in exc.message
    else:
        assert row.url.startswith(("http://", "https://")) and row.title


def test_imported_article_text_keeps_each_quoted_sentence_with_its_punctuation(store_cli, tmp_path):
    """Issue 13, item 8, through `mention import`: a split quote is never stored run together."""
    path = tmp_path / "split.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ["url", "title", "date", "text"],
            ["https://news.example/creeks", "Creeks run hot", "2024-03-05",
             "“The creeks passed 20 degrees in July,” Canady said. “That is lethal for coho.”\n\n"
             "“We have to act this summer.”"]])
    assert store_cli("mention", "import", str(path)).exit_code == 0
    [row] = listed(store_cli)
    assert [q["text"] for q in row["quotes"]] == [
        "The creeks passed 20 degrees in July", "That is lethal for coho.",
        "We have to act this summer."]


def test_a_bing_news_feed_names_its_outlets_and_its_snippets_give_quotes(store_cli):
    """An RSS alert keeps its snippet in the description (an Atom alert, in its content): the
    spokespeople's quotes are looked for there, and Bing's <News:Source> names the outlet."""
    result = store_cli("mention", "import", str(DATA / "alerts-bing.xml"))
    assert (result.exit_code, result.stdout) == (0, "added 2, already known 0, rejected 0\n"), \
        result.stderr
    rows = {r["outlet"]: r for r in listed(store_cli)}
    assert set(rows) == {"KXAN Austin", "WFAA"}
    assert rows["KXAN Austin"]["url"] == "https://www.kxan.example/news/sro-training"
    assert rows["KXAN Austin"]["title"] == "What NASRO's Canady says about \"training\" & the new law"
    assert [(q["speaker"], q["text"]) for q in rows["KXAN Austin"]["quotes"]] == [
        ("canady", "No officer should walk into a school untrained")]
    assert rows["WFAA"]["quotes"] == []  # the trustees' words: no spokesperson's


@pytest.mark.parametrize("source, outlet", [
    ("<![CDATA[<script>alert(1)</script>Evil&#8203;TV]]>", "alert(1)Evil\u200bTV"),
    ("   ", "kxan.example"),
    ("x" * 5000, "x" * 300),
])
def test_a_hostile_bing_source_is_plain_text_or_falls_back_to_the_domain(store_cli, tmp_path,
                                                                          source, outlet):
    text = (DATA / "alerts-bing.xml").read_text(encoding="utf-8").replace(
        "<News:Source>KXAN Austin</News:Source>", f"<News:Source>{source}</News:Source>")
    path = tmp_path / "bing.xml"
    path.write_text(text, encoding="utf-8")
    result = store_cli("mention", "import", str(path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert outlet in {r["outlet"] for r in listed(store_cli)}  # markup gone, capped, or the domain
