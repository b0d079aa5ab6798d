"""SQLite and PostgreSQL find the same cases for the same query on the same mail.

Both databases get the same generated mailbox (German and English threads, names with
umlauts and ß, addresses, attachment names, tags, commitments), indexed by the triggers
as it is inserted. Relevance scores differ between bm25 and ts_rank, so ranked results
are compared as sets; everything ordered by time must agree exactly.
"""

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from omnidesk.core.ids import AgentId
from omnidesk.core.query import parse_query
from omnidesk.store import search
from omnidesk.store.engine import Database
from omnidesk.store.migrate import upgrade
from omnidesk.store.search_plan import plan_query
from tests.benchmarks.bench_search import Loaded, load
from tests.benchmarks.gen_mail import generate

MESSAGES = 700
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
ZONE = ZoneInfo("Europe/Berlin")
ANNA = AgentId(1)

QUERIES = [
    "rechnung",
    "Rechnung",
    "rechnungen",
    "rech*",
    "refu*",
    "gu*",
    "liefer* -paket",
    '"vielen dank"',
    '"call you back"',
    '"zweimal von meinem konto"',
    '"order" "tracking"',
    "muller",
    "müller",
    "MUELLER",
    "gross",
    "groß",
    "weiss",
    "strauss",
    "schlossallee",
    "süderstraße",
    "suderstrasse",
    "dusseldorf",
    "zoe",
    "o'brien",
    "obrien",
    "paket OR parcel",
    "refund -invoice",
    "refund invoice",
    "-rechnung",
    "pdf",
    "rechnung_2024*",
    "screenshot*",
    "heic",
    "1234567",
    "jjd*",
    "re-2024*",
    "from:web.de",
    "from:anna",
    "from:gmail.com",
    "to:gmail",
    "to:müller",
    "customer:groß",
    "customer:gross",
    "subject:lieferung",
    'subject:"order"',
    "-subject:rechnung",
    "status:open",
    "status:waiting_on_customer owner:anna",
    "status:new OR status:open",
    "owner:me",
    "owner:none",
    "-owner:ben",
    "tag:vip",
    "tag:rechnung rech*",
    "has:attachment",
    "has:attachment -pdf",
    "channel:chat",
    "channel:form OR channel:chat",
    "is:unassigned",
    "is:overdue",
    "after:2024-01-03",
    "before:2024-01-02",
    "after:2024-01-02 before:2024-01-03 rechnung",
    "#1005",
    "-#1005 #1006",
    "kaffeevollautomat has:attachment",
    "defekt owner:ben",
    "from:anna OR status:new",
    "customer:hopper OR tag:vip",
    "",
]


def _backends_ready(pg_server) -> Iterator[tuple[Database, Database]]:
    import tempfile
    from pathlib import Path

    folder = Path(tempfile.mkdtemp(prefix="omnidesk-agree-"))
    pg_server.ensure_running()
    name = pg_server.create_database()
    databases = (Database(f"sqlite:///{folder / 'agree.db'}"), Database(pg_server.url(name)))
    try:
        for db in databases:
            upgrade(db)
            load(db, generate(MESSAGES, seed=7), Loaded())
        yield databases
    finally:
        for db in databases:
            db.dispose()
        pg_server.drop_database(name)


@pytest.fixture(scope="module")
def both(pg_server) -> Iterator[tuple[Database, Database]]:
    yield from _backends_ready(pg_server)


def _run(db: Database, query: str, **options: int) -> list[int]:
    parsed = parse_query(query, now=NOW, tz=ZONE)
    with db.read() as session:
        rows = search.search(session, parsed, me=ANNA, now=NOW, **options)
    return [int(r.case_number) for r in rows]


@pytest.mark.postgres
@pytest.mark.parametrize("query", QUERIES)
def test_the_same_cases_on_both_backends(both, query):
    sqlite, postgres = both
    on_sqlite = _run(sqlite, query, limit=500)
    on_postgres = _run(postgres, query, limit=500)
    assert sorted(on_sqlite) == sorted(on_postgres)
    if not plan_query(parse_query(query, now=NOW, tz=ZONE)).required:  # time order alone
        assert on_sqlite == on_postgres


@pytest.mark.postgres
@pytest.mark.parametrize(
    "query", ["rechnung", "the", "hallo OR hi", "has:attachment", "pdf OR jpg"]
)
def test_the_same_window_and_the_same_older_cases(both, query):
    sqlite, postgres = both
    on_sqlite = _run(sqlite, query, limit=40, window_cases=10)
    on_postgres = _run(postgres, query, limit=40, window_cases=10)
    assert len(on_sqlite) == 40
    assert set(on_sqlite[:10]) == set(on_postgres[:10])
    assert on_sqlite[10:] == on_postgres[10:]


@pytest.mark.postgres
def test_the_mailbox_is_big_enough_to_mean_something(both):
    sqlite, _ = both
    assert len(_run(sqlite, "", limit=500)) > 60
    assert 0 < len(_run(sqlite, "muller", limit=500)) < 40
    assert len(_run(sqlite, "has:attachment", limit=500)) > 10
