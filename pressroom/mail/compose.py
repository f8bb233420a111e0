"""Building a message safely: every value that ends up in a header is checked first.

Header injection is the classic hole in mail-sending code: a "name" or "address" carrying a line
break (``"x@example.org\\r\\nBcc: victim@example.org"``) becomes a second header. Here every
header-bound value is refused, with a located :class:`~pressroom.errors.InputError`, when it holds a
line break of any kind (CR, LF, NEL, U+2028, U+2029...) or another control character; addresses
must match a strict pattern *and* survive :mod:`email.headerregistry`; display names may not smuggle
``<``, ``>``, ``@`` or backslashes.

The second hole is subtler: RFC 2047 *encoded words*. The email package decodes
``=?utf-8?q?Knox=0D=0ABcc:_x=40evil.example?=`` in a header value it is given, and writes the
decoded line break out as a real one. Values are therefore never handed to it as header text to
parse: a subject or display name holding ``=?`` is kept literally and written out as encoded words
*of that literal text* (:class:`LiteralText`, :class:`LiteralAddresses`), so the recipient reads
exactly what was typed and no input can produce a line break or a new header.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timezone
from email.header import Header
from email.headerregistry import Address, AddressHeader, BaseHeader, Group, UnstructuredHeader
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from typing import Iterable, Union

from pressroom.errors import InputError, Location
from pressroom.header_text import check_line, shown  # noqa: F401 (check_line: also imported from here)

AddressLike = Union[str, Address, tuple[str, str]]

# RFC 5322 atext for the local part (dot-separated atoms, no quoted strings); an ASCII host name
# of at least two labels. Deliberately stricter than the RFC: what a journalist types into a form.
_LOCAL = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
ADDRESS_PATTERN = re.compile(rf"^{_LOCAL}@{_LABEL}(?:\.{_LABEL})+$")
# A display name is quoted by the email package, so commas and quotes are safe ("Smith, Jr.");
# angle brackets and @ are refused because they let a name pose as an address.
_NAME_FORBIDDEN = set("<>@\\")
MAX_ADDRESS = 254
ENCODED_WORD = "=?"  # how an RFC 2047 encoded word starts


def check_address(value: str, where: Location | str | None = None, *,
                  what: str = "email address") -> str:
    """A bare address (``jay.farlow@example.org``), strictly checked; returned stripped."""
    check_line(value, what, where, max_length=MAX_ADDRESS)
    text = value.strip()
    if ENCODED_WORD in text:  # the parser would decode it: a real address never holds one
        raise InputError(f"'{shown(text)}' is not a valid {what} (it holds an encoded word '=?')",
                         where=where)
    if not ADDRESS_PATTERN.match(text):
        raise InputError(f"'{shown(text)}' is not a valid {what}", where=where)
    try:
        parsed = Address(addr_spec=text)
    except (ValueError, IndexError, TypeError):
        raise InputError(f"'{shown(text)}' is not a valid {what}", where=where) from None
    if parsed.addr_spec != text:
        raise InputError(f"'{shown(text)}' is not a valid {what}", where=where)
    return text


def check_display_name(value: str, where: Location | str | None = None, *,
                       what: str = "name") -> str:
    """A person's or outlet's name as it may appear in a From/To header."""
    check_line(value, what, where, max_length=200)
    text = " ".join(value.split())
    bad = sorted({ch for ch in text if ch in _NAME_FORBIDDEN})
    if bad:
        listed = " ".join(bad)
        raise InputError(f"{what} may not contain {listed}: '{shown(text)}'", where=where)
    return text


_NAMED = re.compile(r"^\s*(?P<name>[^<>]*?)\s*<(?P<addr>[^<>]*)>\s*$")


def to_address(value: AddressLike, where: Location | str | None = None, *,
               what: str = "email address") -> Address:
    """``"Jay Farlow <jay@example.org>"``, ``("Jay Farlow", "jay@example.org")``, a bare address or
    an :class:`Address`, checked and returned as an :class:`Address`."""
    if isinstance(value, Address):
        name, addr = value.display_name, value.addr_spec
    elif isinstance(value, tuple):
        name, addr = value
    elif isinstance(value, str):
        check_line(value, what, where, max_length=MAX_ADDRESS + 200)
        match = _NAMED.match(value)
        name, addr = (match["name"], match["addr"]) if match else ("", value)
    else:
        raise InputError(f"{what} must be text", where=where)
    addr = check_address(addr, where, what=what)
    name = check_display_name(name, where, what=f"the name in the {what}") if name else ""
    return Address(display_name=name, addr_spec=addr)


def _addresses(value: AddressLike | Iterable[AddressLike], what: str,
               where: Location | str | None) -> list[Address]:
    items = [value] if isinstance(value, (str, Address, tuple)) else list(value)
    if not items:
        raise InputError(f"no {what}", where=where)
    return [to_address(item, where, what=what) for item in items]


def compose(to: AddressLike | Iterable[AddressLike], subject: str, text: str, *,
            html: str | None = None, sender: AddressLike | None = None,
            reply_to: AddressLike | None = None, date: datetime | None = None,
            where: Location | str | None = None) -> EmailMessage:
    """A plain-text message (with an optional HTML alternative) whose headers are known safe.

    ``From`` may be left out (``sender=None``): :func:`pressroom.mail.deliver` fills it from the
    workspace's ``mail.from``. ``Date`` and ``Message-ID`` are always set.
    """
    recipients = _addresses(to, "recipient address", where)
    subject = check_line(" ".join(subject.split(" ")), "subject", where, max_length=250).strip()
    if not subject:
        raise InputError("the subject is empty", where=where)
    message = EmailMessage()
    if sender is not None:
        set_addresses(message, "From", [to_address(sender, where, what="sender address")])
    set_addresses(message, "To", recipients)
    if reply_to is not None:
        set_addresses(message, "Reply-To", [to_address(reply_to, where, what="reply-to address")])
    set_text(message, "Subject", subject)
    if date is None:
        from pressroom.clock import now_utc

        date = now_utc()
    moment = date
    message["Date"] = format_datetime(moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc))
    domain = (to_address(sender).domain if sender is not None else "pressroom.invalid")
    message["Message-ID"] = make_msgid(domain=domain)
    message.set_content(_body(text))
    if html is not None:
        message.add_alternative(_body(html), subtype="html")
    return message


class LiteralText(UnstructuredHeader, BaseHeader):
    """An unstructured header (Subject) whose value is taken literally: encoded words in it are
    not decoded, and it is written out as encoded words of the literal text."""

    @classmethod
    def parse(cls, value, kwds):  # noqa: ANN001, ANN206 - the email package's protocol
        kwds["decoded"] = str(value)
        kwds["parse_tree"] = None  # fold() below never uses it

    def fold(self, *, policy):  # noqa: ANN001, ANN201
        return _fold_encoded(self.name, [_encoded(self.name, str(self), policy)], policy)


class LiteralAddresses(AddressHeader, BaseHeader):
    """An address header built from checked :class:`Address` objects, never from text to parse;
    display names are written out as encoded words of their literal text."""

    @classmethod
    def parse(cls, value, kwds):  # noqa: ANN001, ANN206
        addresses = list(value)
        kwds["groups"] = [Group(None, [address]) for address in addresses]
        kwds["decoded"] = ", ".join(str(address) for address in addresses)
        kwds["defects"] = []
        kwds["parse_tree"] = None

    def fold(self, *, policy):  # noqa: ANN001, ANN201
        # one encoded word per name: the email package's phrase decoder puts a space between
        # adjacent encoded words, which would change the name a recipient reads
        parts = [(f"{_encoded(self.name, a.display_name, policy, fold=False)} <{a.addr_spec}>"
                  if a.display_name else a.addr_spec) for a in self.addresses]
        return _fold_encoded(self.name, parts, policy)


def _encoded(name: str, text: str, policy, *, fold: bool = True) -> str:  # noqa: ANN001
    return Header(text, "utf-8", header_name=name).encode(linesep=policy.linesep,
                                                          maxlinelen=None if fold else 0)


def _fold_encoded(name: str, parts: list[str], policy) -> str:  # noqa: ANN001
    return f"{name}: " + f",{policy.linesep} ".join(parts) + policy.linesep


def set_text(message: EmailMessage, name: str, value: str) -> None:
    """Set an unstructured header from checked text (see :func:`check_line`): through the email
    package as usual, or as :class:`LiteralText` when the text looks like an encoded word."""
    message[name] = LiteralText(name, value) if ENCODED_WORD in value else value


def set_addresses(message: EmailMessage, name: str, addresses: list[Address]) -> None:
    """Set an address header from checked :class:`Address` objects (see :func:`to_address`)."""
    if any(ENCODED_WORD in a.display_name for a in addresses):
        message[name] = LiteralAddresses(name, addresses)
    else:
        message[name] = addresses


def _body(text: str) -> str:
    """Normalised line endings; the body may hold line breaks but no other control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    return text if text.endswith("\n") else text + "\n"
