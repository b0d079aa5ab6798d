"""Exactly one ingester per mailbox across gateways: a PostgreSQL advisory lock.

Two gateways may serve one team database (a spare, or a rolling restart). Each asks
for the mailbox's lock before it logs in to IMAP; the one that gets it ingests, the
other waits on standby and asks again. The lock belongs to a database session of its
own, so it ends with that session: when the holding gateway dies — crash, kill -9,
lost network — PostgreSQL releases the lock and the standby takes over at its next
try. Ingestion is idempotent anyway (receipts by UIDVALIDITY/UID and Message-ID), so
the lock saves duplicate work and IMAP flag races, not data.

SQLite has no second machine to coordinate with: the lease is always granted.
"""

import contextlib
import hashlib
import logging
from typing import Any

import psycopg

from omnidesk.store.engine import Database, first_line

log = logging.getLogger(__name__)

_NAMESPACE = "omnidesk-mailbox:"


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for ``name`` (advisory locks take a bigint)."""
    digest = hashlib.sha256((_NAMESPACE + name).encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class MailboxLease:
    """``try_acquire()`` before ingesting, ``still_held()`` now and then, then ``release()``."""

    def __init__(self, db: Database, name: str) -> None:
        self._db = db
        self.name = name
        self.key = lock_key(name)
        self._connection: Any = None
        self.held = False
        self.unreachable: str | None = None
        """Why the last ``try_acquire()`` could not even ask (the database is away), else None."""

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; never waits."""
        if self.held and self.still_held():
            return True
        if self._db.backend != "postgresql":
            self.held = True
            return True
        self._drop_connection()
        self.unreachable = None
        connection = None
        try:
            connection = psycopg.connect(_conninfo(self._db), autocommit=True)
            row = connection.execute("SELECT pg_try_advisory_lock(%s)", (self.key,)).fetchone()
        except (psycopg.Error, OSError) as exc:
            # Caught here, not by the caller: a worker asking for its lock must outlive this.
            log.warning("mailbox %s: cannot reach the database for its lock: %s", self.name, exc)
            self.unreachable = f"cannot reach the database: {first_line(exc)}"
            if connection is not None:
                with contextlib.suppress(psycopg.Error, OSError):
                    connection.close()
            return False
        if row is None or not row[0]:
            connection.close()
            return False
        self._connection, self.held = connection, True
        log.info("mailbox %s: this gateway ingests it now", self.name)
        return True

    def still_held(self) -> bool:
        """False once the lock's session is gone (then another gateway may hold the lock)."""
        if not self.held:
            return False
        if self._connection is None:
            return True  # SQLite
        try:
            self._connection.execute("SELECT 1")
        except (psycopg.Error, OSError):
            log.warning("mailbox %s: lost its lock with the database connection", self.name)
            self._drop_connection()
            return False
        return True

    def release(self) -> None:
        if self._connection is not None:
            # A session that is gone took the lock with it.
            with contextlib.suppress(psycopg.Error, OSError):
                self._connection.execute("SELECT pg_advisory_unlock(%s)", (self.key,))
        self._drop_connection()

    def _drop_connection(self) -> None:
        self.held = False
        if self._connection is not None:
            with contextlib.suppress(psycopg.Error, OSError):
                self._connection.close()
            self._connection = None


def _conninfo(db: Database) -> str:
    return db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
