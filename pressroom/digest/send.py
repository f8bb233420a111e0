"""Mailing a digest: the HTML form with the text form as its plain alternative, through the
workspace's mail settings (the outbox by default, SMTP when configured). Several recipients get
one message addressed to all of them."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pressroom.mail import Delivery
    from pressroom.workspace import Workspace


def digest_subject(digest: dict) -> str:
    from pressroom.digest.view import digest_view

    return digest_view(digest)["subject"]


def mail_recipients(addresses: list[str]) -> list:
    """Every ``--mail-to`` address checked (``board@example.org`` or ``Board <board@...>``), as
    :class:`email.headerregistry.Address`; repeats (ignoring case) dropped, in the order given."""
    from pressroom.mail import to_address

    seen: dict = {}
    for address in addresses:
        checked = to_address(address, "--mail-to")
        seen.setdefault(checked.addr_spec.lower(), checked)
    return list(seen.values())


def mail_digest(ws: "Workspace", digest: dict, to) -> "Delivery":  # noqa: ANN001 - AddressLike(s)
    from pressroom.digest.render import render_digest
    from pressroom.mail import compose, deliver

    message = compose(to, digest_subject(digest), render_digest(digest, "text", ws),
                      html=render_digest(digest, "html", ws), where="--mail-to")
    return deliver(ws, message)
