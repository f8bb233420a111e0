"""Canonical URLs: one spelling per story, so a mention is logged once however it arrives.

Scheme and host are lower-cased, default ports dropped, redirect wrappers of alert services
unwrapped (Google, Google News, Bing News, Facebook; ``t.co`` cannot be unwrapped offline and is
left alone), tracking parameters removed, the remaining query sorted, fragments dropped, and a
trailing slash removed from any path but ``/``. ``canonical_url(canonical_url(u)) ==
canonical_url(u)``; text that is not a web address raises :class:`InputError`.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from pressroom.errors import InputError

# Query parameters that identify a campaign or a click, never the story.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "twclid", "igshid", "mc_cid",
    "mc_eid", "ref", "ref_src", "ref_url", "cmpid", "cmp", "icid", "ocid", "_ga", "_gl", "smid",
    "sr_share", "ito", "spm", "mkt_tok", "wt.mc_id", "wt_mc_id", "__twitter_impression", "s_cid",
    "cid_source", "at_medium", "at_campaign", "soc_src", "soc_trk", "taid", "rss", "feedtype",
})
TRACKING_PREFIXES = ("utm_", "hsa_", "pk_", "mtm_", "oly_")

# host -> (path prefix, query parameters that hold the real address)
REDIRECTS = {
    "www.google.com": ("/url", ("url", "q")),
    "google.com": ("/url", ("url", "q")),
    "news.google.com": ("/news/url", ("url",)),
    "www.bing.com": ("/news/apiclick", ("url",)),
    "bing.com": ("/news/apiclick", ("url",)),
    "l.facebook.com": ("/l.php", ("u",)),
    "www.facebook.com": ("/l.php", ("u",)),
    "m.facebook.com": ("/l.php", ("u",)),
    "lm.facebook.com": ("/l.php", ("u",)),
}
DEFAULT_PORTS = {"http": 80, "https": 443}

_PATH_SAFE = "/:@!$&'()*+,;=-._~"
# The shape of most addresses in a big import: lower-case scheme and host, no port, a path of
# characters that quoting leaves alone and no trailing slash, no fragment, and at most a query of
# ``key=value`` pairs of such characters. For those, canonicalising is only dropping tracking
# parameters and sorting the rest, done without urllib (which costs ~20x more per address).
_SAFE = r"[A-Za-z0-9._~-]"
_FAST = re.compile(
    r"(https?://([a-z0-9][a-z0-9.-]*[a-z0-9])/(?:[A-Za-z0-9._~/-]*[A-Za-z0-9._~-])?)"
    rf"(?:\?({_SAFE}+={_SAFE}*(?:&{_SAFE}+={_SAFE}*)*))?")
_FAST_HOST = re.compile(r"https?://([a-z0-9.-]+)(?:[/?#]|$)")
_HOST = re.compile(r"^[^\s/?#@\\:\[\]%]+$")
_SCHEMELESS = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(?:[/?#]|$)")


def canonical_url(text: str) -> str:
    """The canonical form of a story's web address (see the module docstring)."""
    fast = _FAST.fullmatch(text)
    if fast is not None:
        base, host, query = fast.groups()
        if query is None:  # already canonical: the common case in big imports
            return text
        if host not in REDIRECTS:  # redirect wrappers take the full path below
            # parse_qsl and urlencode leave these characters as they are: same result as below
            kept = sorted(tuple(pair.split("=", 1)) for pair in query.split("&")
                          if not _tracking(pair.split("=", 1)[0]))
            return base + "?" + "&".join(f"{k}={v}" for k, v in kept) if kept else base
    return _canonical(text, depth=0)


def _canonical(text: str, depth: int) -> str:
    original = text
    text = text.strip()
    if _SCHEMELESS.match(text):
        text = "https://" + text
    try:
        parts = urlsplit(text)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError:
        raise InputError(f"'{_short(original)}' is not a web address") from None
    if scheme not in DEFAULT_PORTS or not host or not _HOST.match(host) or any(c.isspace() for c in text):
        raise InputError(f"'{_short(original)}' is not a web address (use http:// or https://)")
    host = host.lower()
    query = parse_qsl(parts.query, keep_blank_values=True)
    target = _unwrap(host, parts.path, query)
    if target is not None and depth < 5:
        try:
            return _canonical(target, depth + 1)
        except InputError:
            pass  # a wrapper around something that is not a web address: keep the wrapper
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = quote(unquote(parts.path), safe=_PATH_SAFE) or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    kept = sorted((k, v) for k, v in query if not _tracking(k))
    return urlunsplit((scheme, netloc, path, urlencode(kept), ""))


def _tracking(key: str) -> bool:
    key = key.lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _unwrap(host: str, path: str, query: list[tuple[str, str]]) -> str | None:
    rule = REDIRECTS.get(host)
    if rule is None or not path.startswith(rule[0]):
        return None
    values = dict(query)
    for key in rule[1]:
        target = values.get(key, "").strip()
        if target.lower().startswith(("http://", "https://")):
            return target
    return None


def url_domain(url: str) -> str:
    """The host of a canonical URL without ``www.`` (``https://www.wbrc.com/x`` → ``wbrc.com``)."""
    fast = _FAST_HOST.match(url)
    host = fast.group(1) if fast is not None else (urlsplit(url).hostname or "")
    return host[4:] if host.startswith("www.") else host


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."
