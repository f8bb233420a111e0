"""Mail: compose messages safely, keep them in the workspace's outbox, send them over SMTP.

``compose(...)`` builds an :class:`email.message.EmailMessage` after checking every header-bound
value; ``deliver(workspace, message)`` writes it to ``outbox/`` and, with a ``mail:`` section, sends
it; ``send_outbox(workspace)`` retries what is waiting. See :mod:`pressroom.mail.outbox`.
"""

from pressroom.mail.compose import check_address, check_display_name, check_line, compose, to_address
from pressroom.mail.outbox import (Delivery, OutboxBatch, OutboxItem, SendRun, deliver, list_outbox,
                                   mark_sent, send_outbox)
from pressroom.mail.settings import MailSettings, mail_settings

__all__ = ["Delivery", "MailSettings", "OutboxBatch", "OutboxItem", "SendRun", "check_address",
           "check_display_name", "check_line", "compose", "deliver", "list_outbox", "mail_settings",
           "mark_sent", "send_outbox",
           "to_address"]
