"""A bulk import indexes exactly what the per-row triggers index, and never loses a trigger."""

import mailbox
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from omnidesk.channels.email.history_import import import_paths
from omnidesk.channels.email.inbound import to_inbound
from omnidesk.services.ingest_email import IngestPolicy, ingest_email, ingest_email_in
from omnidesk.services.search import SearchHit, search_cases
from omnidesk.store.blobs import put_blob
from omnidesk.store.engine import Database
from omnidesk.store.migrate import upgrade
from omnidesk.store.search_bulk import bulk_indexing
from omnidesk.store.search_schema import FTS_TABLE, PG_TABLE, SQLITE_TRIGGERS
from omnidesk.store.tables import AttachmentRow, IdentityRow
from tests.benchmarks.gen_mail import generate, to_email
from tests.integration.search.test_index_sync import assert_index_matches_the_tables

POLICY = IngestPolicy(keep_sent_time=True)
NOW = datetime(2024, 3, 1, tzinfo=UTC)
MESSAGES = 420
"""Enough generated mail for two import batches, threads, attachments and repeat senders."""

QUERIES = (
    "rechnung",
    "rech*",
    "muller",
    "groß",
    "from:gmail.com",
    "customer:muller",
    "customer:gmail.com",
    "subject:lieferung",
    "has:attachment pdf",
    "screenshot*",
    "bestellung -rechnung",
    "status:new has:attachment",
    "after:2024-01-03 rechnung",
)


def mailbox_raws() -> list[bytes]:
    raws = [to_email(m).as_bytes() for m in generate(MESSAGES, seed=3) if m.direction != "internal"]
    # The same mail again in the same batch and in the next one: stored once.
    return [*raws[:200], raws[10], *raws[200:], raws[20]]


@dataclass
class Pair:
    bulk: Database
    rows: Database
    """Filled message by message, each in its own transaction: the triggers index it."""


@pytest.fixture
def pair(db: Database, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Pair]:
    if db.backend == "sqlite":
        other = Database(f"sqlite:///{tmp_path / 'rows.db'}")
        upgrade(other)
        yield Pair(bulk=db, rows=other)
        other.dispose()
        return
    server = request.getfixturevalue("pg_server")
    name = server.create_database()
    other = Database(server.url(name))
    upgrade(other)
    yield Pair(bulk=db, rows=other)
    other.dispose()
    server.drop_database(name)


def import_both(pair: Pair, tmp_path: Path) -> dict[str, int]:
    raws = mailbox_raws()
    path = tmp_path / "history.mbox"
    box = mailbox.mbox(path)
    for raw in raws:
        box.add(raw)
    box.close()
    report = import_paths(pair.bulk, [path], policy=POLICY, parsers=0)
    row_outcomes: dict[str, int] = {}
    for raw in raws:
        outcome = ingest_email(pair.rows, to_inbound(raw), source=None, policy=POLICY).outcome
        row_outcomes[outcome.value] = row_outcomes.get(outcome.value, 0) + 1
    assert dict(report.outcomes) == row_outcomes
    return row_outcomes


def stored(db: Database) -> list[object]:
    with db.read() as session:
        return [
            *session.execute(
                text(
                    "SELECT id, case_id, author_identity_id, subject, thread_reason "
                    "FROM message ORDER BY id"
                )
            ).all(),
            *session.execute(
                text("SELECT id, number, customer_id, status FROM support_case ORDER BY id")
            ).all(),
            *session.execute(text("SELECT case_id, kind, reason FROM event ORDER BY id")).all(),
        ]


def index_content(db: Database) -> list[object]:
    """Every word the index holds, where: FTS5's own vocabulary, or PostgreSQL's vectors."""
    with db.read() as session:
        if db.backend == "sqlite":
            session.execute(
                text(
                    f"CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, {FTS_TABLE}, instance)"
                )
            )
            return list(session.execute(text("SELECT * FROM temp.vocab ORDER BY 1, 2, 3, 4")).all())
        return list(
            session.execute(
                text(
                    f"SELECT message_id, doc::text, subject_doc::text, sender_doc::text, "
                    f"recipient_doc::text, customer_doc::text FROM {PG_TABLE} ORDER BY 1"
                )
            ).all()
        )


def found(db: Database, query: str) -> list[SearchHit]:
    return search_cases(db, query, me=None, now=NOW, limit=500)


def triggers(db: Database) -> dict[str, str]:
    """Every trigger: its SQL on SQLite, whether it is enabled on PostgreSQL."""
    with db.read() as session:
        return triggers_in(session)


def test_an_import_is_indexed_and_stored_exactly_like_mail_ingested_one_by_one(
    pair: Pair, tmp_path: Path
):
    before = triggers(pair.bulk)
    outcomes = import_both(pair, tmp_path)
    assert outcomes["duplicate"] == 2
    assert stored(pair.bulk) == stored(pair.rows)
    assert_index_matches_the_tables(pair.bulk)
    vocabulary = index_content(pair.bulk)
    assert len(vocabulary) >= message_count(pair.bulk) > 300
    assert vocabulary == index_content(pair.rows)
    for query in QUERIES:
        hits = found(pair.bulk, query)
        assert hits, query
        assert hits == found(pair.rows, query), query
    assert triggers(pair.bulk) == before
    if pair.bulk.backend == "sqlite":
        assert set(before) == set(SQLITE_TRIGGERS)


def _first_mails(count: int) -> list[bytes]:
    return mailbox_raws()[:count]


def test_a_failed_batch_takes_its_rows_back_and_keeps_every_trigger(db: Database):
    import_some(db, _first_mails(30))
    before = triggers(db)
    with pytest.raises(RuntimeError, match="interrupted"):
        interrupted_batch(db, _first_mails(60)[30:])
    assert triggers(db) == before
    assert message_count(db) == 30
    assert_index_matches_the_tables(db)


def test_a_caller_that_swallows_the_error_still_commits_an_indexed_batch(db: Database):
    import_some(db, _first_mails(30))
    before = triggers(db)
    with db.write() as session:
        try:
            with bulk_indexing(session):
                for raw in _first_mails(60)[30:]:
                    ingest_email_in(session, to_inbound(raw), source=None, policy=POLICY)
                raise RuntimeError("interrupted")
        except RuntimeError:
            pass
    assert triggers(db) == before
    assert message_count(db) == 60
    assert_index_matches_the_tables(db)


def test_other_connections_never_see_a_trigger_missing(sqlite_db: Database, sqlite_url: str):
    before = triggers(sqlite_db)
    path = sqlite_url.removeprefix("sqlite:///")
    with sqlite_db.write() as session, bulk_indexing(session):
        for raw in _first_mails(20):
            ingest_email_in(session, to_inbound(raw), source=None, policy=POLICY)
        # Mid-batch, this connection has dropped its insert triggers; a reader has not.
        assert triggers_in(session) != before
        reader = sqlite3.connect(path, timeout=0.1)
        seen = dict(reader.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"))
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            # A writer waits for the batch to commit, triggers back in place.
            reader.execute("BEGIN IMMEDIATE")
        reader.close()
    assert seen == before
    assert triggers(sqlite_db) == before
    assert_index_matches_the_tables(sqlite_db)


@pytest.mark.postgres
def test_other_postgresql_sessions_see_the_triggers_and_wait_to_write(pg_url: str):
    db = Database(pg_url)
    upgrade(db)
    before = triggers(db)
    other = Database(pg_url)
    with db.write() as session, bulk_indexing(session):
        for raw in _first_mails(20):
            ingest_email_in(session, to_inbound(raw), source=None, policy=POLICY)
        assert triggers_in(session) != before
        with other.read() as reader:
            seen = triggers_in(reader)
            reader.execute(text("SET LOCAL lock_timeout = '200ms'"))
            with pytest.raises(OperationalError, match="lock timeout"):
                # A writer waits for the batch to commit, triggers enabled again.
                reader.execute(text("LOCK TABLE message IN ROW EXCLUSIVE MODE"))
    other.dispose()
    assert seen == before
    assert triggers(db) == before
    assert_index_matches_the_tables(db)
    db.dispose()


def test_rows_that_change_older_messages_are_indexed_again(db: Database):
    """Ingestion never does this; a future bulk writer that does must not corrupt the index."""
    import_some(db, _first_mails(30))
    with db.write() as session, bulk_indexing(session):
        old_message, customer = session.execute(
            text(
                "SELECT m.id, c.customer_id FROM message m JOIN support_case c ON c.id = m.case_id "
                "ORDER BY m.id LIMIT 1"
            )
        ).one()
        session.add(
            AttachmentRow(
                message_id=old_message,
                filename="Nachtrag_Quittung_5531.pdf",
                content_type="application/pdf",
                size=0,
                sha256=put_empty_blob(session),
                inline=False,
            )
        )
        session.add(
            IdentityRow(
                customer_id=customer,
                kind="email",
                value="zweitadresse@example.net",
                display_name="",
                created_at=NOW,
            )
        )
        for raw in _first_mails(40)[30:]:
            ingest_email_in(session, to_inbound(raw), source=None, policy=POLICY)
    assert_index_matches_the_tables(db)
    assert [h.message_id for h in found(db, "quittung_5531*")] == [old_message]
    assert found(db, "customer:zweitadresse")
    assert message_count(db) == 40


def put_empty_blob(session: Session) -> str:
    return put_blob(session, b"")


def interrupted_batch(db: Database, raws: list[bytes]) -> None:
    with db.write() as session, bulk_indexing(session):
        for raw in raws:
            ingest_email_in(session, to_inbound(raw), source=None, policy=POLICY)
        raise RuntimeError("interrupted in the middle of a batch")


def import_some(db: Database, raws: list[bytes]) -> None:
    with db.write() as session, bulk_indexing(session):
        for raw in raws:
            ingest_email_in(session, to_inbound(raw), source=None, policy=POLICY)


def message_count(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(text("SELECT count(*) FROM message")).scalar_one())


def triggers_in(session: Session) -> dict[str, str]:
    if session.get_bind().dialect.name == "sqlite":
        query = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
    else:
        query = "SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal"
    return {str(name): str(state) for name, state in session.execute(text(query))}
