"""`pressroom mention|quote|outlet ...`: exact output on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json

import pytest

ADD = ("mention", "add", "https://www.WBRC.com/2024/03/04/nasro-training/?utm_source=x#top",
       "--outlet", "WBRC FOX6 News", "--type", "tv", "--title", "SROs need  more training",
       "--date", "2024-03-04", "--reporter", "Jane Reporter", "--release", "conference-keynote",
       "--excerpt", "Mo Canady spoke", "--tag", "Training", "--tag", "safety",
       "--quote", "Training is everything.", "--speaker", "Canady",
       "--quote", "We are glad.", "--speaker", "Principal Ann Lee", "--by", "jay")


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr("pressroom.mentions.records._utc_now",
                        lambda: dt.datetime(2024, 3, 5, 14, 0, tzinfo=dt.timezone.utc))


def test_add_prints_the_id_and_a_repeat_changes_nothing(store_cli):
    first = store_cli(*ADD)
    assert (first.exit_code, first.stdout, first.stderr) == (0, "1\n", "")
    again = store_cli("mention", "add", "http://wbrc.com/2024/03/04/nasro-training?fbclid=1",
                      "--outlet", "x", "--title", "y", "--date", "2024-03-04")
    assert (again.exit_code, again.stdout, again.stderr) == (0, "2\n", "")  # another host: new
    repeat = store_cli("mention", "add", "https://www.wbrc.com/2024/03/04/nasro-training?gclid=2",
                       "--outlet", "x", "--title", "y", "--date", "2024-03-04")
    assert (repeat.exit_code, repeat.stdout, repeat.stderr) == (0, "", "already logged as mention 1\n")


def test_show(store_cli):
    store_cli(*ADD)
    shown = store_cli("mention", "show", "1")
    assert shown.exit_code == 0
    assert shown.stdout == (
        "mention 1\n"
        "url:        https://www.wbrc.com/2024/03/04/nasro-training\n"
        "outlet:     WBRC FOX6 News (tv)\n"
        "title:      SROs need more training\n"
        "published:  2024-03-04\n"
        "reporter:   Jane Reporter\n"
        "release:    conference-keynote\n"
        "tags:       safety, training\n"
        "excerpt:    Mo Canady spoke\n"
        "logged:     2024-03-05T14:00:00Z by jay\n"
        "quotes:\n"
        "  [1] Mo Canady (canady): \u201cTraining is everything.\u201d\n"
        "  [2] Principal Ann Lee: \u201cWe are glad.\u201d\n")


def test_list_json_contract(store_cli):
    store_cli(*ADD)
    store_cli("mention", "add", "https://al.com/sro", "--outlet", "AL.com", "--title", "Officers meet",
              "--date", "2024-03-06")
    listed = store_cli("mention", "list", "--format", "json")
    assert listed.exit_code == 0
    rows = json.loads(listed.stdout)
    assert [r["id"] for r in rows] == [2, 1]  # newest first
    assert rows[1] == {
        "id": 1, "url": "https://www.wbrc.com/2024/03/04/nasro-training", "outlet": "WBRC FOX6 News",
        "outlet_type": "tv", "title": "SROs need more training", "published": "2024-03-04",
        "reporter": "Jane Reporter", "release": "conference-keynote", "excerpt": "Mo Canady spoke",
        "quotes": [{"id": 1, "speaker": "canady", "speaker_name": "Mo Canady",
                    "text": "Training is everything."},
                   {"id": 2, "speaker": None, "speaker_name": "Principal Ann Lee",
                    "text": "We are glad."}],
        "tags": ["safety", "training"]}


def test_list_filters(store_cli):
    store_cli(*ADD)
    store_cli("mention", "add", "https://al.com/sro", "--outlet", "AL.com", "--title", "Officers meet",
              "--date", "2024-03-06", "--text", "The article body mentions budgets.")

    def ids(*args):
        result = store_cli("mention", "list", "--format", "json", *args)
        assert result.exit_code == 0, result.stderr
        return [r["id"] for r in json.loads(result.stdout)]

    assert ids("--since", "2024-03-05") == [2]
    assert ids("--until", "2024-03-05") == [1]
    assert ids("--outlet", "wbrc fox-6 NEWS") == [1]
    assert ids("--speaker", "Mo Canady") == [1]
    assert ids("--speaker", "principal ann lee") == [1]
    assert ids("--release", "conference-keynote") == [1]
    assert ids("--search", "budgets") == [2]
    assert ids("--search", "everything") == [1]  # words in quotes are searched
    assert ids("--search", "train") == [1]       # stemmed: training
    assert ids("--limit", "1") == [2]
    assert ids("--tag", "safety") == [1]


@pytest.mark.parametrize("words", ['"', 'training*', 'NEAR(training', '-training', 'title:x',
                                   "'; DROP TABLE mentions; --", 'AND OR NOT', '^training'])
def test_search_never_breaks_on_operators(store_cli, words):
    store_cli(*ADD)
    result = store_cli("mention", "list", "--search", words, "--format", "json")
    if result.exit_code == 2:
        assert result.stderr.startswith("error: nothing to search for")
    else:
        assert result.exit_code == 0, result.stderr
        json.loads(result.stdout)
    assert store_cli("mention", "show", "1").exit_code == 0


def test_csv_output_neutralises_formulas(store_cli):
    store_cli("mention", "add", "https://evil.example/x", "--outlet", "@Evil", "--title",
              '=HYPERLINK("http://x","click")', "--date", "2024-03-01", "--reporter", "+1 555",
              "--excerpt", "-2+3", "--quote", "=cmd|' /C calc'!A0", "--speaker", "Someone")
    result = store_cli("mention", "list", "--format", "csv")
    assert result.exit_code == 0
    assert result.stdout == (
        "id,published,outlet,outlet_type,title,reporter,release,url,excerpt,tags,quotes\n"
        "1,2024-03-01,'@Evil,,\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\",'+1 555,,"
        "https://evil.example/x,'-2+3,,Someone: =cmd|' /C calc'!A0\n")


def test_table_output(store_cli):
    store_cli(*ADD)
    result = store_cli("mention", "list")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["ID", "Date", "Outlet", "Title", "Reporter", "Quotes", "Release"]
    assert "SROs need more training" in lines[2] and "WBRC FOX6 News" in lines[2]
    assert store_cli("mention", "list", "--since", "2030-01-01").stdout == "no mentions\n"


def test_edit(store_cli):
    store_cli(*ADD)
    result = store_cli("mention", "edit", "1", "--title", "New title", "--date", "2024-03-02",
                       "--outlet", "Fox 6", "--reporter", "", "--release", "baltimore-school-police")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "updated mention 1\n")
    shown = json.loads(store_cli("mention", "show", "1", "--format", "json").stdout)
    assert (shown["title"], shown["published"], shown["outlet"], shown["reporter"], shown["release"]) == \
        ("New title", "2024-03-02", "Fox 6", None, "baltimore-school-police")
    assert json.loads(store_cli("mention", "list", "--search", "new title", "--format", "json").stdout)[0]["id"] == 1


def test_edit_to_a_logged_url_is_refused(store_cli):
    store_cli(*ADD)
    store_cli("mention", "add", "https://al.com/sro", "--outlet", "AL.com", "--title", "t", "--date", "2024-03-06")
    result = store_cli("mention", "edit", "2", "--url", "https://www.wbrc.com/2024/03/04/nasro-training/")
    assert result.exit_code == 2
    assert result.stderr == "error: https://www.wbrc.com/2024/03/04/nasro-training is already logged as mention 1\n"


def test_remove(store_cli, monkeypatch):
    monkeypatch.setenv("PRESSROOM_NOW", "2024-03-05T14:00:00Z")
    store_cli(*ADD)
    refused = store_cli("mention", "remove", "1")  # no terminal, no --yes
    assert (refused.exit_code, refused.stderr) == (2, "error: not removing without confirmation: add --yes\n")
    removed = store_cli("mention", "remove", "1", "--yes")
    assert (removed.exit_code, removed.stdout, removed.stderr) == (
        0, "", "removed mention 1 (bring it back with 'pressroom mention restore 1' until "
               "2024-04-04)\n")
    assert store_cli("mention", "list", "--format", "json").stdout == "[]\n"
    assert store_cli("quote", "list", "--format", "json").stdout == "[]\n"
    assert store_cli("mention", "list", "--search", "training", "--format", "json").stdout == "[]\n"


def test_removal_is_recoverable_for_30_days(store_cli, monkeypatch):
    """Issue 10 item 13: removed mentions and quotes leave every listing, search, digest and
    report, come back with `restore`, and are purged 30 days later."""
    monkeypatch.setenv("PRESSROOM_NOW", "2024-03-05T14:00:00Z")
    monkeypatch.setenv("PRESSROOM_TODAY", "2024-03-05")
    store_cli(*ADD)
    store_cli("mention", "add", "https://al.com/sro", "--outlet", "AL.com", "--title", "Second",
              "--date", "2024-03-04", "--quote", "Training matters.", "--speaker", "canady")

    def visible():
        mentions = json.loads(store_cli("mention", "list", "--format", "json").stdout)
        quotes = json.loads(store_cli("quote", "list", "--format", "json").stdout)
        found = json.loads(store_cli("mention", "list", "--search", "training", "--format",
                                     "json").stdout)
        digest = json.loads(store_cli("digest", "--since", "2024-03-01", "--until", "2024-03-07",
                                      "--format", "json").stdout)
        coverage = store_cli("report", "coverage", "--since", "2024-03-01", "--format", "csv").stdout
        outlets = {r["name"]: r["mentions"] for r in json.loads(
            store_cli("outlet", "list", "--format", "json").stdout)}
        pickup = json.loads(store_cli("report", "pickup", "conference-keynote", "--format",
                                      "json").stdout)
        return {"mentions": sorted(r["id"] for r in mentions),
                "quotes": sorted(r["id"] for r in quotes),
                "search": sorted(r["id"] for r in found),
                "digest": (digest["totals"]["mentions"], digest["totals"]["quotes"]),
                "coverage": coverage.count("\n") - 1,
                "outlets": outlets, "pickup": len(pickup["mentions"])}

    before = visible()
    assert before["mentions"] == [1, 2] and before["quotes"] == [1, 2, 3]
    assert before["pickup"] == 1
    assert store_cli("mention", "remove", "1", "--yes").exit_code == 0
    assert store_cli("quote", "remove", "3", "--yes").stderr == (
        "removed quote 3 (bring it back with 'pressroom quote restore 3' until 2024-04-04)\n")
    after = visible()
    assert after == {"mentions": [2], "quotes": [], "search": [], "digest": (1, 0),
                     "coverage": 1, "outlets": {"AL.com": 1, "WBRC FOX6 News": 0}, "pickup": 0}
    shown = store_cli("mention", "show", "1")
    assert (shown.exit_code, shown.stderr) == (
        2, "error: mention 1: removed on 2024-03-05 (bring it back with 'pressroom mention "
           "restore 1' until 2024-04-04)\n")
    assert store_cli("quote", "add", "1", "--speaker", "canady", "--text", "x").exit_code == 2
    again = store_cli("mention", "add", "https://www.wbrc.com/2024/03/04/nasro-training",
                      "--outlet", "x", "--title", "y", "--date", "2024-03-04")
    assert again.stderr == ("already logged as mention 1, which was removed: bring it back with "
                            "'pressroom mention restore 1'\n")
    removed = json.loads(store_cli("mention", "list", "--removed", "--format", "json").stdout)
    assert [(r["kind"], r["id"], r["purge_after"]) for r in removed] == [
        ("quote", 3, "2024-04-04"), ("mention", 1, "2024-04-04")]
    assert "Purged after" in store_cli("mention", "list", "--removed").stdout
    assert store_cli("mention", "restore", "1").stderr == "restored mention 1\n"
    assert store_cli("quote", "restore", "3").stderr == "restored quote 3\n"
    assert visible() == before
    not_removed = store_cli("mention", "restore", "1")
    assert (not_removed.exit_code, not_removed.stderr) == (2, "error: mention 1: is not removed\n")

    store_cli("mention", "remove", "2", "--yes")
    monkeypatch.setenv("PRESSROOM_NOW", "2024-04-04T13:59:00Z")  # 30 days later, not quite
    assert [r["id"] for r in json.loads(store_cli("mention", "list", "--removed", "--format",
                                                  "json").stdout)] == [2]
    monkeypatch.setenv("PRESSROOM_NOW", "2024-04-04T14:00:00Z")
    assert store_cli("mention", "list", "--removed").stdout.startswith("nothing removed")
    gone = store_cli("mention", "restore", "2")
    assert (gone.exit_code, gone.stderr) == (
        2, "error: mention 2: no such mention (removed mentions are purged after 30 days)\n")
    assert json.loads(store_cli("mention", "show", "1", "--format", "json").stdout)["quotes"][0]["id"] == 1


def test_soft_delete_migration_upgrades_an_old_database(tmp_path, example_workspace):
    """A database made before m0010 gets removed_at and keeps every mention searchable."""
    from sqlalchemy import create_engine, text

    from pressroom.store import open_store
    from pressroom.store.migrations import migrate

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    migrate(engine, "sqlite", upto="m0002_search")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO outlets (id, name, name_key) VALUES (1, 'A', 'a')"))
        conn.execute(text("INSERT INTO mentions (id, url, outlet_id, title, published, logged_at, "
                          "logged_by) VALUES (1, 'https://a.example/x', 1, 'Zebra story', "
                          "'2024-01-01', '2024-01-01 00:00:00', 'me')"))
    engine.dispose()
    from pressroom.mentions.records import Filters, list_mentions
    from pressroom.workspace import Workspace

    with open_store(Workspace(example_workspace), url=url) as store:
        assert [r["id"] for r in list_mentions(store, None, Filters(search="zebra"))] == []  # not indexed by hand
        from pressroom.store.search import reindex_all

        with store.begin() as conn:
            reindex_all(conn, store.dialect)
        assert [r["id"] for r in list_mentions(store, None, Filters(search="zebra"))] == [1]


@pytest.mark.parametrize("command", [("mention", "show", "99"), ("mention", "edit", "99", "--title", "x"),
                                     ("mention", "remove", "99", "--yes"),
                                     ("quote", "add", "99", "--speaker", "canady", "--text", "x")])
def test_unknown_id(store_cli, command):
    result = store_cli(*command)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "error: mention 99: no such mention\n")


def test_bad_input_messages(store_cli):
    cases = {
        ("--release", "conference-keynot"): "error: unknown release 'conference-keynot' (did you mean 'conference-keynote'?) (a release is a file releases/YYYY-MM-DD-<slug>.yaml)\n",
        ("--date", "yesterday"): "error: date 'yesterday' is not a date (use YYYY-MM-DD)\n",
        ("--quote", "words"): "error: 1 --quote but 0 --speaker: give one --speaker for each --quote, in the same order\n",
        ("--type", "blog"): "error: unknown outlet type 'blog'; one of: tv, radio, print, online, trade, wire, podcast\n",
    }
    for extra, message in cases.items():
        args = ["mention", "add", "https://x.example/a", "--outlet", "X", "--title", "T",
                "--date", "2024-01-01"]
        if extra[0] == "--date":
            args[-1] = extra[1]
        else:
            args += list(extra)
        result = store_cli(*args)
        assert (result.exit_code, result.stderr) == (2, message)
    bad_url = store_cli("mention", "add", "mailto:someone@x.org", "--outlet", "X", "--title", "T",
                        "--date", "2024-01-01")
    assert bad_url.stderr == "error: 'mailto:someone@x.org' is not a web address (use http:// or https://)\n"


def test_quotes(store_cli):
    store_cli(*ADD)
    added = store_cli("quote", "add", "1", "--speaker", "Maurice Canady", "--text", "Again.")
    assert (added.exit_code, added.stdout) == (0, "3\n")
    rows = json.loads(store_cli("quote", "list", "--speaker", "canady", "--format", "json").stdout)
    assert rows == [
        {"id": 1, "mention": 1, "speaker": "canady", "speaker_name": "Mo Canady",
         "text": "Training is everything.", "outlet": "WBRC FOX6 News",
         "title": "SROs need more training", "published": "2024-03-04",
         "url": "https://www.wbrc.com/2024/03/04/nasro-training"},
        {"id": 3, "mention": 1, "speaker": "canady", "speaker_name": "Mo Canady", "text": "Again.",
         "outlet": "WBRC FOX6 News", "title": "SROs need more training", "published": "2024-03-04",
         "url": "https://www.wbrc.com/2024/03/04/nasro-training"}]
    removed = store_cli("quote", "remove", "3", "--yes")
    assert (removed.exit_code, removed.stderr[:16]) == (0, "removed quote 3 ")
    twice = store_cli("quote", "remove", "3", "--yes")
    assert (twice.exit_code, twice.stderr[:29]) == (2, "error: quote 3: removed on 20")
    missing = store_cli("quote", "remove", "9", "--yes")
    assert (missing.exit_code, missing.stderr) == (2, "error: quote 9: no such quote\n")


def test_outlets_add_list_merge(store_cli):
    assert store_cli("outlet", "add", "WBRC", "--type", "tv", "--domain", "www.wbrc.com",
                     "--alias", "WBRC FOX6 News").stdout == "1\n"
    store_cli("mention", "add", "https://www.wbrc.com/a", "--outlet", "wbrc fox 6 news", "--title",
              "A", "--date", "2024-03-01")
    store_cli("mention", "add", "https://fox6.example/b", "--outlet", "Fox6", "--title", "B",
              "--date", "2024-03-02")
    duplicate = store_cli("outlet", "add", "W.B.R.C.")
    assert duplicate.stderr == "error: outlet 'W.B.R.C.' already exists (as 'WBRC', id 1)\n"
    merged = store_cli("outlet", "merge", "fox6", "WBRC")
    assert (merged.exit_code, merged.stderr) == (0, "merged 'Fox6' into 'WBRC' (1 mention moved)\n")
    rows = json.loads(store_cli("outlet", "list", "--format", "json").stdout)
    assert rows == [{"id": 1, "name": "WBRC", "type": "tv", "domain": "wbrc.com",
                     "aliases": ["Fox6", "WBRC FOX6 News"], "mentions": 2}]
    assert store_cli("outlet", "list", "--format", "csv").stdout == (
        "id,name,type,domain,aliases,mentions\n1,WBRC,tv,wbrc.com,Fox6; WBRC FOX6 News,2\n")
    unknown = store_cli("outlet", "merge", "WBRX", "WBRC")
    assert unknown.stderr == "error: outlet 'WBRX': no such outlet (did you mean 'WBRC'?)\n"


def test_edit_type_and_tags(store_cli):
    """Issue 10 item 12: `mention edit` changes the (outlet) type and the tags."""
    store_cli(*ADD)
    result = store_cli("mention", "edit", "1", "--type", "Online", "--tag", "Budget",
                       "--tag", "training", "--remove-tag", "SAFETY")
    assert (result.exit_code, result.stderr) == (0, "updated mention 1\n")
    shown = json.loads(store_cli("mention", "show", "1", "--format", "json").stdout)
    assert (shown["outlet_type"], shown["tags"]) == ("online", ["budget", "training"])
    assert json.loads(store_cli("mention", "list", "--tag", "budget", "--format", "json").stdout)[0]["id"] == 1
    bad = store_cli("mention", "edit", "1", "--type", "blog")
    assert (bad.exit_code, bad.stderr) == (
        2, "error: unknown outlet type 'blog'; one of: tv, radio, print, online, trade, wire, podcast\n")
    nothing = store_cli("mention", "edit", "1", "--tag", "  ")
    assert (nothing.exit_code, nothing.stderr) == (2, "error: nothing to change (give at least one option)\n")


def test_outlet_rename_edit_remove(store_cli):
    """Issue 10 item 12: outlets renamed (old name kept as an alias), edited, and removed only
    with their mentions moved."""
    store_cli(*ADD)
    store_cli("mention", "add", "https://al.com/sro", "--outlet", "AL.com", "--title", "t",
              "--date", "2024-03-06")
    renamed = store_cli("outlet", "rename", "WBRC FOX6 News", "WBRC")
    assert (renamed.exit_code, renamed.stderr) == (
        0, "renamed 'WBRC FOX6 News' to 'WBRC' (the old name is kept as an alias)\n")
    taken = store_cli("outlet", "rename", "WBRC", "al.com")
    assert (taken.exit_code, taken.stderr) == (
        2, "error: 'al.com' already names outlet 'AL.com' (id 2); to make them one, use: "
           "pressroom outlet merge\n")
    edited = store_cli("outlet", "edit", "wbrc fox6 news", "--type", "radio", "--domain",
                       "https://www.wbrc.com/news", "--alias", "Fox 6", "--remove-alias",
                       "WBRC FOX6 News")
    assert (edited.exit_code, edited.stderr) == (0, "updated outlet 'WBRC'\n")
    rows = {r["name"]: r for r in json.loads(store_cli("outlet", "list", "--format", "json").stdout)}
    assert rows["WBRC"] == {"id": 1, "name": "WBRC", "type": "radio", "domain": "wbrc.com",
                            "aliases": ["Fox 6"], "mentions": 1}
    clash = store_cli("outlet", "edit", "AL.com", "--domain", "wbrc.com")
    assert (clash.exit_code, clash.stderr) == (2, "error: the domain wbrc.com belongs to outlet 'WBRC'\n")
    refused = store_cli("outlet", "remove", "WBRC", "--yes")
    assert (refused.exit_code, refused.stderr) == (
        2, "error: outlet 'WBRC' has 1 mention (removed ones included): move them with --move-to "
           "OUTLET, or keep its name too with 'outlet merge'\n")
    no_yes = store_cli("outlet", "remove", "WBRC")
    assert no_yes.exit_code == 2
    removed = store_cli("outlet", "remove", "Fox 6", "--move-to", "AL.com", "--yes")
    assert (removed.exit_code, removed.stderr) == (
        0, "removed outlet 'WBRC' (1 mention moved to 'AL.com')\n")
    rows = json.loads(store_cli("outlet", "list", "--format", "json").stdout)
    assert [(r["name"], r["mentions"]) for r in rows] == [("AL.com", 2)]
    assert store_cli("outlet", "edit", "WBRC", "--type", "tv").exit_code == 2  # gone, names and all
    assert json.loads(store_cli("mention", "show", "1", "--format", "json").stdout)["outlet"] == "AL.com"
    store_cli("outlet", "add", "Empty Weekly")
    assert store_cli("outlet", "remove", "Empty Weekly", "--yes").stderr == "removed outlet 'Empty Weekly'\n"


@pytest.mark.parametrize("args, message", [
    (("outlet", "rename", "AL.com", "!!!"), "error: '!!!' is not an outlet name (it needs letters or digits)\n"),
    (("outlet", "rename", "AL.com", "   "), "error: '' is not an outlet name (it needs letters or digits)\n"),
    (("outlet", "edit", "AL.com", "--domain", "javascript:alert(1)"),
     "error: 'javascript:alert(1)' is not a web domain (like wbrc.com)\n"),
    (("outlet", "edit", "AL.com", "--domain", "exa\u200bmple.com"),
     "error: 'exa\u200bmple.com' is not a web domain (like wbrc.com)\n"),
    (("outlet", "edit", "AL.com", "--domain", "a b.com"), "error: 'a b.com' is not a web domain (like wbrc.com)\n"),
    (("outlet", "edit", "AL.com", "--remove-alias", "Nope"), "error: 'Nope' is not an alias of outlet 'AL.com'\n"),
    (("outlet", "edit", "AL.com"), "error: nothing to change (give --type, --domain, --alias or --remove-alias)\n"),
    (("outlet", "remove", "AL.com", "--move-to", "al com", "--yes"),
     "error: cannot move the mentions of 'AL.com' to itself\n"),
])
def test_outlet_commands_refuse_bad_input(store_cli, args, message):
    store_cli("mention", "add", "https://al.com/sro", "--outlet", "AL.com", "--title", "t",
              "--date", "2024-03-06")
    result = store_cli(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", message)
    rows = json.loads(store_cli("outlet", "list", "--format", "json").stdout)
    assert [(r["name"], r["domain"], r["mentions"]) for r in rows] == [("AL.com", "al.com", 1)]


def test_removed_listing_takes_no_filter(store_cli):
    result = store_cli("mention", "list", "--removed", "--since", "2024-01-01")
    assert (result.exit_code, result.stderr) == (
        2, "error: --removed lists every removed mention and quote; it takes no other filter\n")
    empty = store_cli("mention", "list", "--removed", "--format", "json")
    assert (empty.exit_code, empty.stdout) == (0, "[]\n")
