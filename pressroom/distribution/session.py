"""One SMTP connection for a whole send: a rate limit, retries for temporary refusals.

:meth:`SmtpSession.send` hands one message (one recipient) to the server and returns ``None`` when
it was accepted, or raises :class:`Refused` (``permanent`` for a 5xx answer, else a 4xx after the
retries) or :class:`ConnectionLost` when the server cannot be reached at all. A connection the
server dropped is opened again once before a message counts as not sent.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
import time

from pressroom.mail.settings import MailSettings

RETRIES = 3          # further attempts after a 4xx answer
BACKOFF = 2.0        # seconds before the first retry; doubled each time


class Refused(Exception):
    def __init__(self, reason: str, *, permanent: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent


class ConnectionLost(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class RateLimit:
    """At most *rate* messages per second on average (None: no limit)."""

    def __init__(self, rate: float | None, clock=time.monotonic, sleep=time.sleep) -> None:  # noqa: ANN001
        self.interval = 1.0 / rate if rate else 0.0
        self.clock, self.sleep = clock, sleep
        self.next = 0.0

    def wait(self) -> None:
        if not self.interval:
            return
        moment = self.clock()
        if moment < self.next:
            self.sleep(self.next - moment)
            moment = self.next
        self.next = moment + self.interval


def _text(value: object) -> str:
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    return " ".join(text.split())[:500]


class SmtpSession:
    def __init__(self, settings: MailSettings, *, rate: float | None, retries: int = RETRIES,
                 backoff: float = BACKOFF) -> None:
        self.settings = settings
        self.limit = RateLimit(rate)
        self.retries, self.backoff = retries, backoff
        self.client: smtplib.SMTP | None = None
        self.where = f"{settings.host}:{settings.port}"

    def _connect(self) -> smtplib.SMTP:
        settings = self.settings
        password = settings.password()
        if settings.user and settings.password_env and password is None:
            raise ConnectionLost(f"the environment variable {settings.password_env} "
                                 "(mail.password_env) is not set")
        from pressroom.mail.smtp import connect

        try:
            client = connect(settings, password)
        except smtplib.SMTPResponseException as exc:
            raise ConnectionLost(f"{self.where} refused the session: {exc.smtp_code} "
                                 f"{_text(exc.smtp_error)}") from None
        except (smtplib.SMTPException, ssl.SSLError) as exc:
            raise ConnectionLost(f"{self.where}: {_text(exc)}") from None
        except (socket.timeout, TimeoutError):
            raise ConnectionLost(f"{self.where} did not answer within {settings.timeout} "
                                 "seconds") from None
        except OSError as exc:
            raise ConnectionLost(f"cannot connect to {self.where}: {exc.strerror or exc}") from None
        return client

    def send(self, message: bytes, sender: str, recipient: str) -> None:
        delay = self.backoff
        for attempt in range(self.retries + 1):
            self.limit.wait()
            try:
                self._send_once(message, sender, recipient)
                return
            except Refused as refused:
                if refused.permanent or attempt == self.retries:
                    raise
            time.sleep(delay)
            delay *= 2

    def _send_once(self, data: bytes, sender: str, recipient: str) -> None:
        for fresh in (False, True):
            if self.client is None:
                self.client = self._connect()
                fresh = True
            try:
                self.client.sendmail(sender, [recipient], data)
                return
            except smtplib.SMTPRecipientsRefused as exc:
                code, text = next(iter(exc.recipients.values()))
                raise Refused(f"{code} {_text(text)}", permanent=code >= 500) from None
            except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
                raise Refused(f"{exc.smtp_code} {_text(exc.smtp_error)}",
                              permanent=exc.smtp_code >= 500) from None
            except (smtplib.SMTPServerDisconnected, OSError) as exc:
                self.close()
                if fresh:
                    raise ConnectionLost(f"{self.where} dropped the connection: {_text(exc)}") from None

    def close(self) -> None:
        if self.client is not None:
            try:
                self.client.quit()
            except (smtplib.SMTPException, OSError):
                pass
            self.client = None
