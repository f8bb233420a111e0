"""Mailing a digest: the HTML form with the text form as its plain alternative, through the
workspace's mail settings (the outbox by default, SMTP when configured)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pressroom.mail import Delivery
    from pressroom.workspace import Workspace


def digest_subject(digest: dict) -> str:
    from pressroom.digest.view import digest_view

    return digest_view(digest)["subject"]


def mail_digest(ws: "Workspace", digest: dict, to: str | list[str]) -> "Delivery":
    from pressroom.digest.render import render_digest
    from pressroom.mail import compose, deliver

    message = compose(to, digest_subject(digest), render_digest(digest, "text", ws),
                      html=render_digest(digest, "html", ws), where="--mail-to")
    return deliver(ws, message)
