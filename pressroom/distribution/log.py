"""Reading the send log: one release's sends, and its distribution for the pickup report."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from pressroom.journalists import tables as j
from pressroom.store import schema as t


def release_sends(store, slug: str) -> list[dict]:  # noqa: ANN001
    """Each recipient of release *slug* with the status and time of its message."""
    sends = j.distribution_sends
    query = (select(sends.c.status, sends.c.at, sends.c.attempts, sends.c.error,
                    sends.c.list_name, sends.c.message_id, j.journalists.c.email,
                    j.journalists.c.name, t.outlets.c.name.label("outlet"))
             .join(j.journalists, j.journalists.c.id == sends.c.journalist_id)
             .outerjoin(t.outlets, t.outlets.c.id == sends.c.outlet_id)
             .where(sends.c.release_slug == slug)
             .order_by(sends.c.at, sends.c.id))
    with store.connect() as conn:
        rows = conn.execute(query).all()
    return [{"email": r.email or "(forgotten)", "name": r.name, "outlet": r.outlet,
             "list": r.list_name, "status": r.status, "at": r.at.isoformat(),
             "attempts": r.attempts, "error": r.error, "message_id": r.message_id}
            for r in rows]


def distribution(conn, slug: str, mentions: list[dict]) -> dict[str, Any] | None:  # noqa: ANN001
    """How release *slug* was sent, against its coverage (*mentions*, each with ``outlet`` and
    ``published``): people and outlets sent to, which of those outlets covered it and first when,
    and which coverage came from outlets not on the send. None when it was never sent."""
    sends = j.distribution_sends
    rows = conn.execute(select(sends.c.journalist_id, t.outlets.c.name)
                        .outerjoin(t.outlets, t.outlets.c.id == sends.c.outlet_id)
                        .where(sends.c.release_slug == slug,
                               sends.c.status.in_(("sent", "outbox")))).all()
    if not rows:
        return None
    sent_outlets = {name for _jid, name in rows if name}
    first: dict[str, str] = {}
    for mention in mentions:
        day = str(mention["published"])
        outlet = mention["outlet"]
        if outlet not in first or day < first[outlet]:
            first[outlet] = day
    covered = [{"outlet": o, "first": first[o]} for o in sorted(sent_outlets, key=str.casefold)
               if o in first]
    others = [{"outlet": o, "first": d} for o, d in sorted(first.items(), key=lambda kv: kv[0].casefold())
              if o not in sent_outlets]
    return {"people": len({jid for jid, _ in rows}), "outlets": len(sent_outlets),
            "covered": covered, "not_sent": others}


def distribution_line(summary: dict) -> str:
    """"sent to 40 people at 38 outlets; 6 of those outlets covered it"."""
    people = summary["people"]
    outlets = summary["outlets"]
    return (f"sent to {people} {'person' if people == 1 else 'people'} at {outlets} "
            f"outlet{'' if outlets == 1 else 's'}; {len(summary['covered'])} of those outlets "
            "covered it")
