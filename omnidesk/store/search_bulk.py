"""Indexing a batch of imported messages with one statement at its end, not row by row.

FTS5 pays a fixed price for every statement that writes to it (it flushes its pending
terms at each statement's savepoint), so the per-row triggers of migration ``0003`` cost
an import about three times what one ``INSERT ... SELECT`` over the whole batch costs;
a message with an attachment is even indexed three times (add, remove, add).

:func:`bulk_indexing` therefore drops the triggers that fire on *inserts* inside the
caller's write transaction, lets the batch write, indexes every message the batch added
in one statement and creates the triggers again from the SQL SQLite stored for them,
before the transaction commits. SQLite's DDL is transactional and a write transaction
holds the database's only write lock, so no other connection (a running desktop, the
gateway) ever sees a trigger missing: readers see the snapshot before the batch (triggers,
no new rows) or after it (triggers, new rows indexed), no writer can slip in between, and a
crash or a rollback takes the ``DROP TRIGGER`` back together with the rows.

What the block may do: insert messages, attachments of those new messages, and customers
with their identities; update columns the index does not read (case status, delivery
state). That is what ingestion does. An attachment or identity that changes the text of
an older message is noticed at the end and answered with a full rebuild (slow but correct);
an update of an indexed column of a new message fails loudly (FTS5 refuses to remove a
row it never indexed) and the batch rolls back.

On PostgreSQL the insert triggers are disabled for the transaction the same way and one
refresh indexes the batch (see :func:`_suspend_postgres` for the locks that takes).
"""

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from omnidesk.store.engine import first_line
from omnidesk.store.search_schema import (
    FTS_COLUMNS,
    FTS_TABLE,
    PG_TRIGGERS,
    SOURCE_VIEW,
    SQLITE_TRIGGERS,
)

log = logging.getLogger(__name__)

SUSPENDED_TRIGGERS = (
    "message_fts_ai",
    "attachment_fts_bi",
    "attachment_fts_ai",
    "identity_fts_bi",
    "identity_fts_ai",
)
"""The triggers that fire when ingestion inserts rows; every other one stays in place."""

assert set(SUSPENDED_TRIGGERS) <= set(SQLITE_TRIGGERS)

PG_SUSPENDED_TRIGGERS = (
    ("message", "message_search_insert"),
    ("attachment", "attachment_search_insert"),
    ("customer_identity", "identity_search_sync"),
)
"""(table, trigger) on PostgreSQL: message and attachment inserts are indexed per
statement, so a batch of single-row inserts is still one refresh per message."""

assert set(PG_SUSPENDED_TRIGGERS) <= set(PG_TRIGGERS)
_PG_TABLES = ", ".join(table for table, _ in PG_SUSPENDED_TRIGGERS)

_FIELDS = ", ".join(FTS_COLUMNS)
_INDEX_NEW = text(
    f"INSERT INTO {FTS_TABLE}(rowid, {_FIELDS}) "
    f"SELECT id, {_FIELDS} FROM {SOURCE_VIEW} WHERE id > :after ORDER BY id"
)
_REBUILD = text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
_MARKS = text(
    "SELECT (SELECT coalesce(max(id), 0) FROM message), "
    "(SELECT coalesce(max(id), 0) FROM attachment), "
    "(SELECT coalesce(max(id), 0) FROM customer_identity)"
)
# Every message the batch added or whose text its new attachments or addresses changed.
_PG_REFRESH_NEW = text(
    "SELECT omnidesk_search_refresh(ARRAY("
    "SELECT id FROM message WHERE id > :message "
    "UNION SELECT message_id FROM attachment WHERE id > :attachment "
    "UNION SELECT m.id FROM customer_identity i "
    "JOIN support_case c ON c.customer_id = i.customer_id "
    "JOIN message m ON m.case_id = c.id WHERE i.id > :identity))"
)
# Rows the batch added that change the search text of a message indexed before it (SQLite).
# Both halves must start from the batch's own rows (id above the mark, a short rowid
# range): left to itself the planner walks every older message or attachment instead
# (``m.id <= :message``), which made each batch of an import slower than the one before.
# ``+message_id`` keeps it off the message_id index, CROSS JOIN fixes the join order.
_OLD_MESSAGE_CHANGED = text(
    "SELECT EXISTS (SELECT 1 FROM attachment WHERE id > :attachment AND +message_id <= :message) "
    "OR EXISTS (SELECT 1 FROM customer_identity i "
    "CROSS JOIN support_case c CROSS JOIN message m "
    "WHERE i.id > :identity AND c.customer_id = i.customer_id AND m.case_id = c.id "
    "AND m.id <= :message)"
)


@dataclass(frozen=True, slots=True)
class _Marks:
    """The highest ids before the batch: every row above them is the batch's own."""

    message: int
    attachment: int
    identity: int


@contextmanager
def bulk_indexing(session: Session) -> Iterator[None]:
    """Inside the caller's write transaction: index the block's new messages at its end.

    Leaves the index exactly as the triggers would have (the tests compare both).
    """
    backend = session.get_bind().dialect.name
    restore = _suspend_sqlite(session) if backend == "sqlite" else _suspend_postgres(session)
    if restore is None:
        # The triggers stay and do their work, row by row.
        yield
        return
    try:
        yield
    except BaseException:
        _restore_or_roll_back(session, restore)
        raise
    session.flush()  # ORM objects added in the block are rows of the batch too
    restore()


def _restore_or_roll_back(session: Session, restore: Callable[[], None]) -> None:
    """After an error: the caller may still commit, so put the triggers back or undo all."""
    try:
        session.flush()
        restore()
    except Exception:
        log.exception("could not finish bulk indexing; rolling the batch back")
        session.rollback()


def _suspend_sqlite(session: Session) -> Callable[[], None] | None:
    definitions = _trigger_definitions(session)
    if definitions is None:
        return None
    marks = _marks(session)
    for name in definitions:
        session.execute(text(f"DROP TRIGGER {name}"))

    def restore() -> None:
        _index_new(session, marks)
        for sql in definitions.values():
            session.execute(text(sql))

    return restore


def _suspend_postgres(session: Session) -> Callable[[], None] | None:
    """Disable the insert triggers for this transaction, or leave them when that cannot be.

    ``ALTER TABLE ... DISABLE TRIGGER`` is transactional too, but it locks the table
    against other writers (``SHARE ROW EXCLUSIVE``; readers are not blocked) until the
    batch commits. ``NOWAIT`` never queues behind another writer, so an import cannot
    deadlock with a desktop: when a table is busy, or the role does not own the tables,
    this batch keeps the triggers.
    """
    savepoint = session.begin_nested()
    try:
        session.execute(text(f"LOCK TABLE {_PG_TABLES} IN SHARE ROW EXCLUSIVE MODE NOWAIT"))
        for table, trigger in PG_SUSPENDED_TRIGGERS:
            session.execute(text(f"ALTER TABLE {table} DISABLE TRIGGER {trigger}"))
    except DBAPIError as exc:
        savepoint.rollback()
        log.info("bulk indexing is off for this batch: %s", first_line(exc))
        return None
    savepoint.commit()
    marks = _marks(session)

    def restore() -> None:
        # On PostgreSQL a refresh is an upsert: any message whose text the batch changed
        # can simply be indexed again.
        session.execute(
            _PG_REFRESH_NEW,
            {"message": marks.message, "attachment": marks.attachment, "identity": marks.identity},
        )
        for table, trigger in PG_SUSPENDED_TRIGGERS:
            session.execute(text(f"ALTER TABLE {table} ENABLE TRIGGER {trigger}"))

    return restore


def _trigger_definitions(session: Session) -> dict[str, str] | None:
    rows = session.execute(text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")).all()
    stored = {str(name): str(sql) for name, sql in rows if name in SUSPENDED_TRIGGERS}
    if len(stored) != len(SUSPENDED_TRIGGERS):
        log.warning("search triggers not as expected; bulk indexing is off for this batch")
        return None
    return {name: stored[name] for name in SUSPENDED_TRIGGERS}


def _marks(session: Session) -> _Marks:
    message, attachment, identity = session.execute(_MARKS).one()
    return _Marks(message=int(message), attachment=int(attachment), identity=int(identity))


def _index_new(session: Session, marks: _Marks) -> None:
    changed = session.execute(
        _OLD_MESSAGE_CHANGED,
        {"attachment": marks.attachment, "identity": marks.identity, "message": marks.message},
    ).scalar_one()
    if changed:
        # Their old text is gone, and FTS5 can only remove a row given its old text.
        log.warning("a bulk write changed already indexed messages; rebuilding the search index")
        session.execute(_REBUILD)
        return
    session.execute(_INDEX_NEW, {"after": marks.message})
