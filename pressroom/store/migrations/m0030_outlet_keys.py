"""Outlet, alias and credential outlet keys recomputed with look-alike-proof keys.

:func:`pressroom.mentions.outlets.name_key` now NFKC-normalises names and reads Cyrillic and Greek
look-alike letters as Latin before case folding. Keys stored by earlier versions are recomputed
here. Outlets that were told apart only by look-alike letters (``Кnox News`` beside ``Knox
News``: the hole this closes) now share a key: the later one is merged into the earliest, its
mentions and aliases moved to it (its own spelling still finds it through the shared key).
"""

from __future__ import annotations

from sqlalchemy import column, delete, inspect, select, table, update

outlets = table("outlets", column("id"), column("name"), column("name_key"))
aliases = table("outlet_aliases", column("id"), column("outlet_id"), column("alias"),
                column("alias_key"))
mentions = table("mentions", column("id"), column("outlet_id"))
requests = table("credential_requests", column("id"), column("outlet"), column("outlet_key"))


def upgrade(conn, dialect: str) -> None:  # noqa: ARG001 - the same on both databases
    from pressroom.mentions.outlets import name_key

    present = set(inspect(conn).get_table_names())
    if "outlets" in present:
        _outlets(conn, name_key)
    if "credential_requests" in present:
        for row in conn.execute(select(requests.c.id, requests.c.outlet, requests.c.outlet_key)).all():
            key = name_key(row.outlet)
            if key != row.outlet_key:
                conn.execute(update(requests).where(requests.c.id == row.id).values(outlet_key=key))


def _outlets(conn, name_key) -> None:  # noqa: ANN001
    rows = conn.execute(select(outlets.c.id, outlets.c.name).order_by(outlets.c.id)).all()
    alias_rows = conn.execute(select(aliases.c.id, aliases.c.outlet_id, aliases.c.alias)
                              .order_by(aliases.c.id)).all()
    # Free every key first ('#' never occurs in a key), so no update meets a stale unique key.
    conn.execute(update(outlets).values(name_key=_temporary(outlets.c.id)))
    conn.execute(update(aliases).values(alias_key=_temporary(aliases.c.id)))
    keeper: dict[str, int] = {}
    merged: dict[int, int] = {}
    for row in rows:
        key = name_key(row.name)
        if key in keeper:
            merged[row.id] = keeper[key]
            continue
        keeper[key] = row.id
        conn.execute(update(outlets).where(outlets.c.id == row.id).values(name_key=key))
    taken = set(keeper)
    for row in alias_rows:
        key = name_key(row.alias)
        if key in taken:  # the same name twice: the one already kept finds the outlet
            conn.execute(delete(aliases).where(aliases.c.id == row.id))
            continue
        taken.add(key)
        conn.execute(update(aliases).where(aliases.c.id == row.id)
                     .values(alias_key=key, outlet_id=merged.get(row.outlet_id, row.outlet_id)))
    for gone, kept in merged.items():
        conn.execute(update(mentions).where(mentions.c.outlet_id == gone).values(outlet_id=kept))
        conn.execute(update(aliases).where(aliases.c.outlet_id == gone).values(outlet_id=kept))
        conn.execute(delete(outlets).where(outlets.c.id == gone))
        # the merged-away spelling stays findable through the shared key: no alias needed


def _temporary(id_column):  # noqa: ANN001, ANN202
    from sqlalchemy import String, cast, literal

    return literal("#") + cast(id_column, String)
