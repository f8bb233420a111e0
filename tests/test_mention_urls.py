"""Canonical URLs: examples and properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from pressroom.errors import InputError
from pressroom.mentions.urls import canonical_url


@pytest.mark.parametrize("given_url, expected", [
    ("HTTPS://WWW.Example.COM:443/News/Story/", "https://www.example.com/News/Story"),
    ("http://example.com:80", "http://example.com/"),
    ("http://example.com:8080/a", "http://example.com:8080/a"),
    ("https://example.com/a?utm_source=x&utm_medium=y&b=2&a=1&fbclid=z#frag", "https://example.com/a?a=1&b=2"),
    ("https://example.com/a?gclid=1&mc_cid=2&mc_eid=3&ref=4&cmpid=5", "https://example.com/a"),
    ("https://www.google.com/url?rct=j&sa=t&url=https://www.wbrc.com/x/%3Futm_source%3Dg&ct=ga",
     "https://www.wbrc.com/x"),
    ("https://www.google.com/url?q=https://al.com/y&sa=D", "https://al.com/y"),
    ("https://news.google.com/news/url?url=https://al.com/z", "https://al.com/z"),
    ("https://www.bing.com/news/apiclick.aspx?ref=FexRss&url=https%3a%2f%2fal.com%2fw&c=1",
     "https://al.com/w"),
    ("https://l.facebook.com/l.php?u=https%3A%2F%2Fal.com%2Fv%3Ffbclid%3D1&h=AT0", "https://al.com/v"),
    ("https://t.co/AbCd123", "https://t.co/AbCd123"),
    ("www.wbrc.com/story", "https://www.wbrc.com/story"),
    ("https://example.com/a b", None),
])
def test_examples(given_url, expected):
    if expected is None:
        with pytest.raises(InputError):
            canonical_url(given_url)
    else:
        assert canonical_url(given_url) == expected


@pytest.mark.parametrize("bad", ["", "not a url", "ftp://example.com/x", "mailto:a@b.c",
                                 "http://", "http://[::1", "https://exa mple.com/", "javascript:alert(1)",
                                 "http://example.com:99999/"])
def test_not_web_addresses(bad):
    with pytest.raises(InputError, match="is not a web address"):
        canonical_url(bad)


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_never_raises_anything_but_input_error(text):
    try:
        canonical_url(text)
    except InputError:
        pass


url_parts = st.builds(
    lambda scheme, host, port, path, query, frag: f"{scheme}://{host}{port}{path}{query}{frag}",
    st.sampled_from(["http", "https", "HTTP", "hTTps"]),
    st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9-]{0,10}[A-Za-z0-9])?(\.[A-Za-z]{2,5}){1,2}", fullmatch=True),
    st.sampled_from(["", ":80", ":443", ":8080"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="?#"), max_size=30)
    .map(lambda p: "/" + p.replace(" ", "%20")),
    st.lists(st.tuples(st.sampled_from(["utm_source", "a", "B", "ref", "fbclid", "q", "x%20y"]),
                       st.text(alphabet="abc=&%+ 123/", max_size=5)), max_size=4)
    .map(lambda kv: ("?" + "&".join(f"{k}={v}" for k, v in kv)) if kv else ""),
    st.sampled_from(["", "#x", "#"]),
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(url_parts, st.text()))
def test_idempotent(text):
    try:
        once = canonical_url(text)
    except InputError:
        return
    assert canonical_url(once) == once


# The fast path (no urllib) must agree with the full one on every address it takes.
_safe = st.text(alphabet="abcXYZ019._~-", min_size=1, max_size=6)
fast_shaped = st.builds(
    lambda scheme, host, path, pairs: f"{scheme}://{host}/{path}" + (
        "?" + "&".join(f"{k}={v}" for k, v in pairs) if pairs else ""),
    st.sampled_from(["http", "https"]),
    st.sampled_from(["example.com", "www.wbrc.com", "a-b.example.org", "www.google.com",
                     "news.google.com", "l.facebook.com", "t.co"]),
    st.lists(_safe, max_size=4).map("/".join),
    st.lists(st.tuples(st.one_of(_safe, st.sampled_from(["utm_source", "UTM_Medium", "fbclid", "ref",
                                                          "url", "q", "u", "a", "B"])),
                       st.one_of(st.text(alphabet="abc019._~-", max_size=5),
                                 st.just("https://al.com/x"))),
             max_size=5),
)


@settings(max_examples=1000, deadline=None)
@given(fast_shaped)
def test_fast_path_agrees_with_the_full_one(text):
    from pressroom.mentions.urls import _canonical

    try:
        slow = _canonical(text, depth=0)
    except InputError:
        with pytest.raises(InputError):
            canonical_url(text)
        return
    assert canonical_url(text) == slow
