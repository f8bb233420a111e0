"""Look-alike outlet names (issue 9 item 3), on SQLite and PostgreSQL.

``Ｋｎｏｘ Ｎｅｗｓ`` (fullwidth) and ``Кnox News`` (a Cyrillic К) are the outlet "Knox News": the
per-outlet credential limit holds against them, the outlet registry refuses them as new outlets,
and a database made before the key change has its keys recomputed by ``m0030_outlet_keys``.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.fixtures_mail import assert_refused, database_rows

LOOKALIKES = {
    "fullwidth": "Ｋｎｏｘ Ｎｅｗｓ",
    "cyrillic-K": "Кnox News",
    "cyrillic-e": "Knox Nеws",
    "cyrillic-o-and-x": "Knох News",
    "greek-K-N": "Κnox Νews",
    "greek-o": "Knοx News",
    "bold-math": "𝐊𝐧𝐨𝐱 𝐍𝐞𝐰𝐬",
    "fullwidth-lower-hyphen": "ｋｎｏｘ－ｎｅｗｓ",
    "nbsp-caps": "KNOX\u00a0NEWS",
    "mixed-fullwidth-cyrillic": "Ｋnох Ｎews",
    "dotless-i-free": "Knox  News ",
}
DISGUISED = {k: v for k, v in LOOKALIKES.items() if k not in ("nbsp-caps", "dotless-i-free")}


def _request(cli, n: int, outlet: str):  # noqa: ANN202
    return cli("credential", "request", "--event", "nssc-2019", "--name", f"Reporter {n}",
               "--email", f"r{n}@example.org", "--outlet", outlet)


@pytest.fixture
def one_per_outlet(cred_cli, example_workspace):
    config = example_workspace / "pressroom.yaml"
    config.write_text(config.read_text(encoding="utf-8")
                      .replace("per_outlet_limit: 3", "per_outlet_limit: 1"), encoding="utf-8")
    assert _request(cred_cli, 0, "Knox News").exit_code == 0
    assert cred_cli("credential", "approve", "1").exit_code == 0
    return cred_cli


@pytest.mark.parametrize("outlet", list(LOOKALIKES.values()), ids=list(LOOKALIKES))
def test_the_per_outlet_limit_holds_against_look_alikes(one_per_outlet, store, outlet):
    cli = one_per_outlet
    made = _request(cli, 1, outlet)
    assert made.exit_code == 0, made.stderr
    before = database_rows(store)
    refused = cli("credential", "approve", "2")
    line = assert_refused(refused, (2,))
    assert "already has 1 of 1 credentials allowed per outlet for nssc-2019" in line
    assert database_rows(store) == before
    [first, second] = json.loads(cli("credential", "list", "-f", "json").stdout)
    assert second["status"] == "pending"


@pytest.mark.parametrize("outlet", list(DISGUISED.values()), ids=list(DISGUISED))
def test_a_look_alike_outlet_is_recorded_as_the_known_one_and_the_user_told(one_per_outlet, outlet):
    made = _request(one_per_outlet, 1, outlet)
    assert made.exit_code == 0
    assert made.stderr.startswith(f"note: request 2: outlet '{outlet}' taken as 'Knox News': ")
    assert re.search(r"mixes \w+ and \w+ letters|compatibility characters", made.stderr)
    [_, second] = json.loads(one_per_outlet("credential", "list", "-f", "json").stdout)
    assert second["outlet"] == "Knox News"


@pytest.mark.parametrize("outlet", list(DISGUISED.values()), ids=list(DISGUISED))
def test_the_outlet_registry_refuses_a_look_alike_as_a_new_outlet(store_cli, store, outlet):
    assert store_cli("outlet", "add", "Knox News", "--type", "print").exit_code == 0
    before = database_rows(store)
    line = assert_refused(store_cli("outlet", "add", outlet), (2,))
    assert "already exists (as 'Knox News', id 1)" in line
    assert database_rows(store) == before
    alias = assert_refused(store_cli("outlet", "add", "Knoxville Daily", "--alias", outlet), (2,))
    assert "already names outlet 'Knox News'" in alias
    assert database_rows(store) == before


def test_a_mention_from_a_look_alike_outlet_finds_the_known_one(store_cli):
    assert store_cli("outlet", "add", "Knox News", "--type", "print").exit_code == 0
    added = store_cli("mention", "add", "https://knoxnews.example/sro", "--outlet", "Кnox News",
                      "--title", "Officers train", "--date", "2019-03-04")
    assert added.exit_code == 0, added.stderr
    outlets = json.loads(store_cli("outlet", "list", "--format", "json").stdout)
    assert [(o["name"], o["mentions"]) for o in outlets] == [("Knox News", 1)]


def test_different_outlets_stay_different():
    from pressroom.mentions.outlets import name_key

    names = ["Knox News", "Knoxville News Sentinel", "WBIR-TV", "WBRC FOX6 News", "Télé-Québec",
             "Новая газета", "Η Καθημερινή", "AL.com", "KNXV", "Knox Nevvs"]
    keys = [name_key(n) for n in names]
    assert len(set(keys)) == len(keys)
    assert all(keys)


# --- m0030: keys of an existing database -------------------------------------------------------

def _old_key(name: str) -> str:
    """The key format before m0030: case-folded, letters and digits only."""
    return re.sub(r"[\W_]+", "", name.casefold())


def test_m0030_recomputes_keys_and_merges_look_alike_outlets(store, example_workspace):
    from sqlalchemy import text

    from pressroom.store import open_store
    from pressroom.workspace import Workspace

    url = store.engine.url.render_as_string(hide_password=False)
    rows = [(1, "Knox News"), (2, "Кnox News"), (3, "Ｋｎｏｘ Ｔｉｍｅｓ"), (4, "WBIR-TV")]
    with store.begin() as conn:
        for outlet_id, name in rows:
            conn.execute(text("INSERT INTO outlets (id, name, name_key) VALUES (:i, :n, :k)"),
                         {"i": outlet_id, "n": name, "k": _old_key(name)})
        conn.execute(text("INSERT INTO outlet_aliases (outlet_id, alias, alias_key) "
                          "VALUES (2, 'Кnox Daily', :k), (1, 'Knox Daily', 'knoxdaily')"),
                     {"k": _old_key("Кnox Daily")})
        for mention_id, outlet_id in ((1, 1), (2, 2), (3, 2), (4, 3)):
            conn.execute(text("INSERT INTO mentions (id, url, outlet_id, title, published, logged_at, "
                              "logged_by) VALUES (:m, :u, :o, 't', '2019-03-04', "
                              "'2019-03-04T00:00:00', 'test')"),
                         {"m": mention_id, "u": f"https://example.org/{mention_id}", "o": outlet_id})
        conn.execute(text(
            "INSERT INTO credential_requests (event_id, name, email, email_key, outlet, outlet_key, "
            "role, credential_type, days, status, submitted_at, late, source) VALUES "
            "('nssc-2019', 'Ana', 'a@example.org', 'a@example.org', 'Кnox News', :k, 'reporter', "
            "'full-access', '', 'approved', '2019-05-01T00:00:00', :f, 'cli')"),
            {"k": _old_key("Кnox News"), "f": False})
        conn.execute(text("DELETE FROM schema_migrations WHERE name = 'm0030_outlet_keys'"))
    if store.dialect == "postgresql":
        with store.begin() as conn:  # the ids above were given by hand: move the sequences on
            for table in ("outlets", "mentions"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 10)"))
    store.close()

    reopened = open_store(Workspace(example_workspace), url=url)  # runs m0030 again
    with reopened.connect() as conn:
        outlets = conn.execute(text("SELECT id, name, name_key FROM outlets ORDER BY id")).all()
        aliases = conn.execute(text("SELECT outlet_id, alias, alias_key FROM outlet_aliases")).all()
        mentions = conn.execute(text("SELECT id, outlet_id FROM mentions ORDER BY id")).all()
        request_key = conn.execute(text("SELECT outlet_key FROM credential_requests")).scalar_one()
    reopened.close()
    assert [tuple(o) for o in outlets] == [(1, "Knox News", "knoxnews"),
                                           (3, "Ｋｎｏｘ Ｔｉｍｅｓ", "knoxtimes"),
                                           (4, "WBIR-TV", "wbirtv")]
    assert [tuple(a) for a in aliases] == [(1, "Кnox Daily", "knoxdaily")]  # one of the two kept
    assert [tuple(m) for m in mentions] == [(1, 1), (2, 1), (3, 1), (4, 3)]
    assert request_key == "knoxnews"
