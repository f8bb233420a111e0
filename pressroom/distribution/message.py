"""Each journalist's message: the rendered release, addressed to them alone.

The release is rendered once per send (HTML and text, through ``templates/mail/release.*.j2``,
which extend the release templates); each message then differs only in its ``To`` and its
``Message-ID``, which is stable per (release, recipient) so that a message re-sent after a crash
is recognisably the same message. Headers are built by :func:`pressroom.mail.compose`, which
checks every header-bound value; the list headers are set from validated values only.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from pressroom.errors import InputError


@dataclass(frozen=True)
class Recipient:
    id: int
    email: str
    name: str | None
    outlet_id: int | None = None
    outlet: str | None = None
    list_name: str | None = None
    logged: bool = False  # already has a row in the send log (deferred, or in flight at a crash)


def embargo_active(release: Any, moment: Any) -> bool:
    return release.embargo is not None and release.embargo.moment > moment


class ReleaseMail:
    """The parts shared by every message of one send."""

    def __init__(self, workspace: Any, release: Any, unsubscribe: str, *, embargoed: bool) -> None:
        from pressroom.mail.compose import to_address
        from pressroom.mail.settings import mail_settings
        from pressroom.releases.render import Renderer, release_line

        from pressroom.journalists.directory import refuse_encoded_words

        self.release = release
        refuse_encoded_words(release.headline, "the headline", release.located("headline"))
        renderer = Renderer(workspace)
        context = {**renderer.context(release), "unsubscribe": unsubscribe}
        self.text = renderer.templates.render("mail/release.txt.j2", context, where=release.shown)
        self.html = renderer.templates.render("mail/release.html.j2", context, where=release.shown)
        self.subject = (f"{release_line(release)}: {release.headline}" if embargoed
                        else release.headline)
        settings = mail_settings(workspace)
        config = workspace.config
        if settings is not None and settings.sender is not None:
            self.sender = settings.sender
        else:
            contact = config.contact(config.defaults.contact) if config.defaults.contact else None
            if contact is not None:
                self.sender = to_address((contact.name, contact.email))
            elif config.organization.email:
                self.sender = to_address((config.organization.short_name,
                                          config.organization.email))
            else:
                raise InputError("no sender: set 'from' under 'mail:', a default contact or the "
                                 "organization's email in pressroom.yaml")
        contacts = list(release.contacts)
        if not contacts and config.defaults.contact:
            default = config.contact(config.defaults.contact)
            contacts = [default] if default else []
        if not contacts:
            raise InputError("the release has no media contact for Reply-To", where=release.shown)
        self.reply_to = to_address((contacts[0].name, contacts[0].email))
        for address, what in ((self.sender, "the sender's name"),
                              (self.reply_to, "the media contact's name")):
            refuse_encoded_words(address.display_name, what,
                                 workspace.shown(workspace.config_path))
        self.unsubscribe = unsubscribe
        self._templates: dict[str, bytes] = {}

    def message_id(self, recipient_key: str) -> str:
        digest = hashlib.sha256(f"{self.release.slug}\0{recipient_key}".encode("utf-8")).hexdigest()
        return f"<release.{digest[:32]}@{self.sender.domain}>"

    def _template(self, subject_prefix: str) -> bytes:
        """Every header and both bodies, composed once (through :func:`compose`, which checks
        each header-bound value), serialised without ``To`` and ``Message-ID``."""
        if subject_prefix not in self._templates:
            from email import policy

            from pressroom.mail.compose import check_address, compose

            message = compose(self.sender, subject_prefix + self.subject, self.text,
                              html=self.html, sender=self.sender, reply_to=self.reply_to,
                              where=self.release.shown)
            del message["To"]
            del message["Message-ID"]
            address = check_address(self.unsubscribe, what="unsubscribe address")
            message["List-Unsubscribe"] = f"<mailto:{address}?subject=unsubscribe>"
            message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
            self._templates[subject_prefix] = message.as_bytes(policy=policy.SMTP)
        return self._templates[subject_prefix]

    def build(self, recipient: Recipient, *, subject_prefix: str = "") -> bytes:
        """The message to *recipient* alone, ready for SMTP (CRLF line ends).

        Only ``To`` and ``Message-ID`` differ between recipients: they are made here with the
        mail module's address check (:func:`pressroom.mail.compose.to_address`) and the email
        package's header folding, and put in front of the template's headers. Composing the
        whole message again for each recipient would cost ten times as much."""
        from email import policy
        from email.message import EmailMessage

        from pressroom.journalists.directory import refuse_encoded_words
        from pressroom.mail.compose import to_address

        where = f"journalist {recipient.id}" if recipient.id else None
        refuse_encoded_words(recipient.name or "", "the journalist's name", where)
        to = (recipient.name, recipient.email) if recipient.name else recipient.email
        headers = EmailMessage()
        headers["To"] = to_address(to, where, what="recipient address")
        headers["Message-ID"] = self.message_id(f"journalist {recipient.id}"
                                                if recipient.id else recipient.email.lower())
        head = headers.as_bytes(policy=policy.SMTP)
        assert head.endswith(b"\r\n\r\n")
        return head[:-2] + self._template(subject_prefix)
