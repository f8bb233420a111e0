"""`mention add --text-file`: the article text is stored (HTML stripped) and the spokespeople's
quotes in it are added to the mention, unless --no-extract."""

import json

ARTICLE = """<html><body>
<h1>Schools weigh the role of resource officers</h1>
<p>&ldquo;An SRO is not there to enforce school discipline,&rdquo; NASRO executive director
Mo Canady told the paper.</p>
<p>Principal Dana Ortiz said, &ldquo;Our officer knows every student by name.&rdquo;</p>
<p>&ldquo;Training should never be optional,&rdquo; Canady added.</p>
</body></html>
"""


def add(cli, tmp_path, *extra):
    article = tmp_path / "article.html"
    article.write_text(ARTICLE, encoding="utf-8")
    return cli("mention", "add", "https://news.example/sro-role", "--outlet", "Example News",
               "--title", "Schools weigh the role of resource officers", "--date", "2019-03-07",
               "--text-file", str(article), *extra)


def shown(cli, mention_id):
    [mention] = [m for m in json.loads(cli("mention", "list", "--format", "json").stdout)
                 if m["id"] == mention_id]
    return mention


def test_text_file_adds_the_spokespeoples_quotes(store_cli, tmp_path):
    result = add(store_cli, tmp_path)
    assert result.exit_code == 0, result.stderr
    mention = shown(store_cli, int(result.stdout))
    assert [(q["speaker"], q["speaker_name"], q["text"]) for q in mention["quotes"]] == [
        ("canady", "Mo Canady", "An SRO is not there to enforce school discipline"),
        ("canady", "Mo Canady", "Training should never be optional"),
    ]
    found = json.loads(store_cli("mention", "list", "--search", "principal", "--format", "json").stdout)
    assert [m["id"] for m in found] == [mention["id"]]  # the stored text is searchable


def test_no_extract_stores_the_text_only(store_cli, tmp_path):
    result = add(store_cli, tmp_path, "--no-extract")
    assert result.exit_code == 0, result.stderr
    assert shown(store_cli, int(result.stdout))["quotes"] == []


def test_a_quote_given_by_hand_is_not_added_twice(store_cli, tmp_path):
    result = add(store_cli, tmp_path, "--quote", "Training should never be optional.",
                 "--speaker", "canady")
    quotes = shown(store_cli, int(result.stdout))["quotes"]
    assert [q["text"] for q in quotes] == ["Training should never be optional.",
                                           "An SRO is not there to enforce school discipline"]


def test_text_and_text_file_together_is_an_error(store_cli, tmp_path):
    result = add(store_cli, tmp_path, "--text", "x")
    assert (result.exit_code, result.stderr) == (
        2, "error: give the article text with --text or --text-file, not both\n")


def test_a_text_file_that_is_not_utf8(store_cli, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 au lait\n")
    result = store_cli("mention", "add", "https://news.example/x", "--outlet", "X", "--title", "T",
                       "--date", "2019-03-07", "--text-file", str(bad))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {bad}:1:4: not UTF-8 text")


def test_a_quote_split_by_a_full_sentence_reaches_mention_show_with_its_punctuation(store_cli, tmp_path):
    """Issue 13, item 8: never “…in July That is lethal…”; each sentence keeps its own marks."""
    article = tmp_path / "creeks.txt"
    article.write_text("“The creeks passed 20 degrees in July,” Canady said. “That is lethal for "
                       "juvenile coho.”\n\n“If the rain holds off,” Canady said, “we’ll be fine.”\n",
                       encoding="utf-8")
    result = store_cli("mention", "add", "https://news.example/creeks", "--outlet", "Example News",
                       "--title", "Creeks run hot", "--date", "2019-03-07", "--text-file", str(article))
    assert result.exit_code == 0, result.stderr
    shown = json.loads(store_cli("mention", "show", result.stdout.strip(), "--format", "json").stdout)
    assert [q["text"] for q in shown["quotes"]] == [
        "The creeks passed 20 degrees in July", "That is lethal for juvenile coho.",
        "If the rain holds off, we’ll be fine."]
    table = store_cli("mention", "show", result.stdout.strip()).stdout
    assert "July That" not in " ".join(table.split())
