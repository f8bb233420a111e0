"""Located YAML loading: every problem is an InputError at file:line:column, never a traceback."""

import pytest
from hypothesis import given, settings, strategies as st

from pressroom.errors import InputError
from pressroom.yamlfile import (YamlMap, check_keys, get_date, get_int, get_str, load_yaml,
                                load_yaml_text)


def error_of(text: str) -> str:
    with pytest.raises(InputError) as info:
        load_yaml_text(text, "x.yaml")
    return str(info.value)


def test_values_know_their_positions():
    doc = load_yaml_text("a: 1\nb:\n  c: [x, y]\n", "x.yaml")
    assert doc == {"a": 1, "b": {"c": ["x", "y"]}}
    assert str(doc.where("a")) == "x.yaml:1:4"
    assert str(doc.where("b", of_key=True)) == "x.yaml:2:1"
    assert str(doc["b"].where("c")) == "x.yaml:3:6"
    assert str(doc["b"]["c"].where(1)) == "x.yaml:3:10"


def test_malformed_yaml_is_located():
    assert error_of("a: [1, 2\nb: 3\n").startswith("x.yaml:2:")


def test_python_tags_are_refused():
    message = error_of("a: !!python/object/apply:os.system ['echo hacked']\n")
    assert message.startswith("x.yaml:1:4: ")
    assert "tag not allowed" in message


def test_duplicate_keys_are_refused():
    assert error_of("a: 1\nb: 2\na: 3\n") == "x.yaml:3:1: duplicate key 'a'"


def test_nul_bytes_are_refused():
    assert error_of("a: 1\x00") == "x.yaml: not a text file (it contains NUL bytes)"


def test_not_utf8_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"a: 1\nb: caf\xe9\n")
    with pytest.raises(InputError) as info:
        load_yaml(path, shown_as="bad.yaml")
    assert str(info.value) == "bad.yaml:2:7: not UTF-8 text (byte 0xe9)"


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as info:
        load_yaml(tmp_path / "nope.yaml", shown_as="nope.yaml")
    assert str(info.value) == "nope.yaml: no such file"


def test_unknown_key_suggests_the_near_miss():
    doc = load_yaml_text("headline: x\nsubhaed: y\n", "r.yaml")
    with pytest.raises(InputError) as info:
        check_keys(doc, ["headline", "subhead"])
    assert str(info.value) == "r.yaml:2:1: unknown key 'subhaed' (did you mean 'subhead'?)"


def test_typed_getters_locate_wrong_types():
    doc = load_yaml_text("n: many\ns: [1]\nd: someday\n", "t.yaml")
    with pytest.raises(InputError, match=r"^t.yaml:1:4: 'n' must be a whole number, not 'many'$"):
        get_int(doc, "n")
    with pytest.raises(InputError, match=r"^t.yaml:2:4: 's' must be text, not a list$"):
        get_str(doc, "s")
    with pytest.raises(InputError, match=r"^t.yaml:3:4: 'd': cannot read 'someday' as a date"):
        get_date(doc, "d")


def test_dates_in_words_are_read():
    doc = load_yaml_text("d: April 15, 2019\ne: 2019-02-27\n", "t.yaml")
    assert str(get_date(doc, "d")) == "2019-04-15"
    assert str(get_date(doc, "e")) == "2019-02-27"


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_any_text_loads_or_fails_located(text):
    try:
        load_yaml_text(text, "any.yaml")
    except InputError as exc:
        assert str(exc).startswith("any.yaml")


@settings(max_examples=200, deadline=None)
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=8),
                    lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=5), kids, max_size=3),
                    max_leaves=10))
def test_any_document_round_trips(value):
    import yaml

    text = yaml.safe_dump({"v": value})
    assert load_yaml_text(text, "rt.yaml") == {"v": value}
    assert isinstance(load_yaml_text(text, "rt.yaml"), YamlMap)
