"""Sending one message over SMTP with :mod:`smtplib`. Failures come back as a reason, not a crash.

Recipients are taken from the message's (already validated) ``To``/``Cc`` headers and checked again,
because an ``.eml`` file in the outbox may have been edited by hand since it was written.
"""

from __future__ import annotations

import contextlib
import smtplib
import socket
import ssl
from email.message import EmailMessage

from pressroom.errors import PressroomError
from pressroom.mail.settings import MailSettings


class SendFailure(Exception):
    """The message was not accepted; ``reason`` says why in one line. ``server`` is True when the
    failure is the server's or the connection's (refused, timeout, TLS, login), not this
    message's: every other message would fail the same way."""

    def __init__(self, reason: str, *, server: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.server = server


def envelope(message: EmailMessage, settings: MailSettings) -> tuple[str, list[str]]:
    """The envelope sender and recipients, validated."""
    from pressroom.mail.compose import check_address

    recipients: list[str] = []
    for name in ("To", "Cc", "Bcc"):
        try:
            headers = message.get_all(name) or []
        except ValueError:  # e.g. an encoded word decoding to a line break, edited in by hand
            raise SendFailure(f"the message's {name} header cannot be read") from None
        for header in headers:
            for address in getattr(header, "addresses", ()):
                try:
                    recipients.append(check_address(address.addr_spec, what="recipient address"))
                except PressroomError as exc:
                    raise SendFailure(str(exc)) from None
    if not recipients:
        raise SendFailure("the message has no recipients")
    if settings.sender is not None:
        sender = settings.sender.addr_spec
    else:
        try:
            froms = getattr(message["From"], "addresses", ()) if message["From"] else ()
        except ValueError:
            raise SendFailure("the message's From header cannot be read") from None
        if not froms:
            raise SendFailure("the message has no From address")
        sender = froms[0].addr_spec
    return sender, recipients


def _response(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
    return f"{exc.smtp_code} {' '.join(text.split())}"


def connect(settings: MailSettings, password: str | None) -> smtplib.SMTP:
    """An SMTP session greeted, secured (TLS or STARTTLS) and logged in as *settings* say. If a
    step fails the session is ended (QUIT, then closed) and the exception is raised for the caller
    to word: the outbox and release distribution say it each in their own terms."""
    context = ssl.create_default_context()
    if settings.security == "tls":
        client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port,
                                                timeout=settings.timeout, context=context)
    else:
        client = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    try:
        client.ehlo()
        if settings.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
        if settings.user:
            client.login(settings.user, password or "")
    except BaseException:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            client.__exit__(None, None, None)  # what `with client:` does on leaving
        raise
    return client


def send(message: EmailMessage, settings: MailSettings, data: bytes | None = None) -> None:
    """Hand *message* to the SMTP server, or raise :class:`SendFailure` with the reason.

    *data* is the message exactly as kept in the outbox: it is sent byte for byte. (Letting
    :mod:`smtplib` flatten the parsed message again would refold long headers through the email
    package's parser, which decodes encoded words: the very injection compose() prevents.)"""
    sender, recipients = envelope(message, settings)
    password = settings.password()
    if settings.user and settings.password_env and password is None:
        raise SendFailure(f"the environment variable {settings.password_env} (mail.password_env) "
                          "is not set", server=True)
    where = f"{settings.host}:{settings.port}"
    try:
        with connect(settings, password) as client:
            if data is not None:
                client.sendmail(sender, recipients, data)
            else:
                client.send_message(message, from_addr=sender, to_addrs=recipients)
    except smtplib.SMTPRecipientsRefused as exc:
        reasons = "; ".join(f"{addr}: {code} {msg.decode('utf-8', 'replace') if isinstance(msg, bytes) else msg}"
                            for addr, (code, msg) in exc.recipients.items())
        raise SendFailure(f"{where} refused the recipients ({reasons})") from None
    except smtplib.SMTPAuthenticationError as exc:
        raise SendFailure(f"{where} refused the login: {_response(exc)}", server=True) from None
    except smtplib.SMTPResponseException as exc:
        server = (isinstance(exc, (smtplib.SMTPConnectError, smtplib.SMTPHeloError))
                  or exc.smtp_code == 421)  # 421: the service is closing, for every message
        raise SendFailure(f"{where} refused the message: {_response(exc)}", server=server) from None
    except smtplib.SMTPNotSupportedError as exc:
        raise SendFailure(f"{where}: {exc}", server=True) from None
    except smtplib.SMTPServerDisconnected as exc:
        raise SendFailure(f"{where}: {' '.join(str(exc).split())}", server=True) from None
    except smtplib.SMTPException as exc:
        raise SendFailure(f"{where}: {' '.join(str(exc).split())}") from None
    except ssl.SSLError as exc:
        raise SendFailure(f"TLS with {where} failed: {exc.reason or exc}", server=True) from None
    except (socket.timeout, TimeoutError):
        raise SendFailure(f"{where} did not answer within {settings.timeout} seconds",
                          server=True) from None
    except OSError as exc:
        raise SendFailure(f"cannot connect to {where}: {exc.strerror or exc}", server=True) from None
