"""The one-line lead after a quote (digests and the site's "in the media"): its own module, so
the site reads it without importing the digest's queries (and SQLAlchemy with them)."""

from __future__ import annotations

# How the one-line lead after a quote says where it was said, by outlet type.
LEAD_VERBS = {
    "tv": "told", "radio": "told", "print": "told", "wire": "told",
    "online": "shared with", "trade": "shared with", "blog": "shared with",
    "podcast": "said on",
}
DEFAULT_LEAD_VERB = "told"


def lead_line(*, org: str, title: str, name: str, outlet: str, outlet_type: str | None) -> str:
    """``That's part of what NASRO executive director Mo Canady told WVTM TV.``"""
    verb = LEAD_VERBS.get((outlet_type or "").lower(), DEFAULT_LEAD_VERB)
    who = " ".join(part for part in (org if title else "", title, name) if part)
    return f"That's part of what {who} {verb} {outlet}."
