"""The messages credential requests produce: the routing notice to the media contact and the
journalist's answer for each decision, rendered from templates the workspace can override.

Templates live in ``templates/mail/`` (the workspace's own folder first, then pressroom's
defaults; ``default/mail/...`` always names the default, to extend it). A template's first line
is ``Subject: ...``; the rest, after a blank line, is the body. They are rendered through the
workspace's template chain (:class:`pressroom.templating.Templates`) with the release filters, so the same
override chain, filters (``ap_date``, ``wrap``...) and the shared ``_contact.txt.j2`` apply.

Who a message is from: ``mail.from`` when set, else the event's media contact; ``Reply-To`` is
always the media contact, so a journalist's answer reaches a person. The routing notice replies
to the journalist instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from email.message import EmailMessage
from typing import Any

from pressroom.errors import InputError, Location

# decision status -> template; statuses without one (pending after reopen, cancelled) send nothing.
DECISION_TEMPLATES = {
    "approved": "mail/credential-approved.txt.j2",
    "waitlisted": "mail/credential-waitlisted.txt.j2",
    "denied": "mail/credential-denied.txt.j2",
    "needs-info": "mail/credential-needs-info.txt.j2",
    "revoked": "mail/credential-revoked.txt.j2",
}
ROUTED_TEMPLATE = "mail/credential-routed.txt.j2"
WIDTH = 72


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str


def date_span(start: date, end: date) -> str:
    """AP style for the days of an event: ``June 23-28, 2019``, ``June 30-July 2, 2019``."""
    from pressroom.apstyle import ap_date

    first, last = ap_date(start), ap_date(end)
    if start == end:
        return first
    if start.year != end.year:
        return f"{first}-{last}"
    month_day = first.rsplit(",", 1)[0]
    if start.month == end.month:
        return f"{month_day}-{end.day}, {end.year}"
    return f"{month_day}-{last}"


@lru_cache(maxsize=4)
def _templates(workspace: Any) -> Any:
    from pressroom.releases.render import release_filters
    from pressroom.templating import Templates

    return Templates(workspace, release_filters())


def render_mail(workspace: Any, template: str, context: dict[str, Any]) -> Rendered:
    """Render a mail template into its subject and body."""
    text = _templates(workspace).render(template, context)
    head, _, body = text.lstrip("\n").partition("\n")
    if not head.startswith("Subject:"):
        raise InputError("a mail template must start with a 'Subject: ...' line", where=Location(template))
    from pressroom.releases.markdown import wrap

    # Templates write a paragraph as one line; it is filled here so no line passes 72 columns.
    return Rendered(head[len("Subject:"):].strip(), wrap(body.strip("\n"), WIDTH).rstrip() + "\n")


def _context(workspace: Any, event: Any, request: dict[str, Any], **extra: Any) -> dict[str, Any]:
    from pressroom.apstyle import ap_date

    config = workspace.config
    contact = config.contact(event.media_contact)
    days = [ap_date(date.fromisoformat(d)) for d in request.get("days") or []]
    submitted = ""
    if request.get("submitted_at"):
        from datetime import datetime
        from zoneinfo import ZoneInfo

        from pressroom.apstyle import ap_datetime

        moment = datetime.fromisoformat(request["submitted_at"].replace("Z", "+00:00"))
        submitted = ap_datetime(moment.astimezone(ZoneInfo(config.defaults.timezone)), weekday=False)
    return {"event": event, "request": request, "contact": contact,
            "organization": config.organization, "dates": date_span(event.start, event.end),
            "deadline": ap_date(event.deadline) if event.deadline else None,
            "days": days, "submitted": submitted, **extra}


def _sender(workspace: Any, contact: Any) -> tuple[Any, Any]:
    from pressroom.mail.settings import mail_settings

    settings = mail_settings(workspace)
    reply_to = (contact.name, contact.email)
    sender = settings.sender if settings is not None and settings.sender is not None else reply_to
    return sender, reply_to


def routing_message(workspace: Any, event: Any, request: dict[str, Any], routed_to: Any) -> EmailMessage:
    """The notice to the contact a new request is routed to, with the commands to decide it."""
    from pressroom.mail import compose

    rendered = render_mail(workspace, ROUTED_TEMPLATE, _context(
        workspace, event, request, routed_to=routed_to,
        commands=[f"pressroom credential {action} {request['id']}"
                  for action in ("approve", "needs-info", "waitlist", "deny")]))
    sender, _ = _sender(workspace, workspace.config.contact(event.media_contact))
    return compose((routed_to.name, routed_to.email), rendered.subject, rendered.text,
                   sender=sender, reply_to=(request["name"], request["email"]),
                   where=f"request {request['id']}")


def decision_message(workspace: Any, event: Any, request: dict[str, Any], status: str,
                     note: str | None) -> EmailMessage | None:
    """The journalist's message for a decision, or None when the status sends none (or the
    request's personal data has been purged)."""
    from pressroom.mail import compose

    template = DECISION_TEMPLATES.get(status)
    if template is None or not request.get("email"):
        return None
    rendered = render_mail(workspace, template, _context(workspace, event, request, note=note or ""))
    sender, reply_to = _sender(workspace, workspace.config.contact(event.media_contact))
    return compose((request["name"], request["email"]), rendered.subject, rendered.text,
                   sender=sender, reply_to=reply_to, where=f"request {request['id']}")
