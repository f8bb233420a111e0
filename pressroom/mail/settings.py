"""The ``mail:`` section of ``pressroom.yaml``: how (and whether) messages leave the outbox.

Without it every message is only written to ``outbox/`` as an ``.eml`` file. With it::

    mail:
      host: smtp.example.org
      port: 587                 # default: 587 for starttls, 465 for tls, 25 for none
      security: starttls        # starttls | tls | none
      user: press@example.org
      password_env: PRESSROOM_SMTP_PASSWORD   # the password is read from this variable
      from: NASRO Communications <press@example.org>
      timeout: 30               # seconds

The password itself never lives in the file.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from email.headerregistry import Address

from pressroom.errors import InputError
from pressroom.yamlfile import check_keys, get_int, get_str, require_map

SECURITY_MODES = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
KEYS = ("host", "port", "security", "user", "password_env", "from", "timeout",
        "rate")  # rate: read by pressroom.distribution.settings


@dataclass(frozen=True)
class MailSettings:
    host: str
    port: int
    security: str = "starttls"
    user: str | None = None
    password_env: str | None = None
    sender: Address | None = None  # `from:`
    timeout: int = 30

    def password(self) -> str | None:
        """The password from the environment; None when no variable is configured or it is unset."""
        return os.environ.get(self.password_env) if self.password_env else None


def parse_mail_settings(section: object, where_file: str = "pressroom.yaml") -> MailSettings | None:
    """Validate a raw ``mail:`` mapping (None when the section is absent)."""
    if section is None:
        return None
    from pressroom.errors import Location, did_you_mean
    from pressroom.mail.compose import check_line, to_address

    where = getattr(section, "where", None)
    mapping = require_map(section, "'mail'", where() if where else Location(where_file))
    check_keys(mapping, KEYS, required=("host",), what="'mail'")
    host = get_str(mapping, "host", required=True, multiline=False) or ""
    check_line(host, "mail host", mapping.where("host"))
    security = get_str(mapping, "security", default="starttls", multiline=False) or "starttls"
    if security not in SECURITY_MODES:
        raise InputError(f"unknown mail security '{security}'{did_you_mean(security, SECURITY_MODES)}"
                         f"; one of: {', '.join(SECURITY_MODES)}", where=mapping.where("security"))
    port = get_int(mapping, "port", default=DEFAULT_PORTS[security], minimum=1)
    assert port is not None
    if port > 65535:
        raise InputError("'port' must be at most 65535", where=mapping.where("port"))
    user = get_str(mapping, "user", multiline=False)
    if user:
        check_line(user, "mail user", mapping.where("user"))
    password_env = get_str(mapping, "password_env", multiline=False)
    if password_env and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", password_env):
        raise InputError(f"'password_env' names an environment variable (like PRESSROOM_SMTP_PASSWORD), "
                         f"not '{password_env}'; the password itself never goes in this file",
                         where=mapping.where("password_env"))
    sender_text = get_str(mapping, "from", multiline=False)
    sender = to_address(sender_text, mapping.where("from"), what="'from' address") if sender_text else None
    timeout = get_int(mapping, "timeout", default=30, minimum=1)
    assert timeout is not None
    return MailSettings(host=host, port=port, security=security, user=user or None,
                        password_env=password_env or None, sender=sender, timeout=timeout)


def mail_settings(workspace) -> MailSettings | None:  # noqa: ANN001 - a Workspace
    """The workspace's validated ``mail:`` settings, or None to keep messages in the outbox."""
    return parse_mail_settings(workspace.config.section("mail"),
                               workspace.shown(workspace.config_path))
