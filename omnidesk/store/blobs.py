"""Content-addressed blobs: attachments and raw mail sources, stored once per content."""

import hashlib
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from omnidesk.core.ids import BlobHash
from omnidesk.store.tables import Blob, core_table
from omnidesk.store.types import utcnow

_BLOBS = core_table(Blob)
# Built once: building statements per call costs more than running them on SQLite.
_INSERT = {
    "postgresql": pg_insert(_BLOBS).on_conflict_do_nothing(index_elements=["sha256"]),
    "sqlite": sqlite_insert(_BLOBS).on_conflict_do_nothing(index_elements=["sha256"]),
}


def blob_hash(data: bytes) -> BlobHash:
    return BlobHash(hashlib.sha256(data).hexdigest())


def put_blob(session: Session, data: bytes) -> BlobHash:
    """Store ``data`` unless the same bytes are already there; return its hash.

    ``ON CONFLICT DO NOTHING`` makes two writers storing the same file at once
    both succeed, on SQLite and PostgreSQL alike.
    """
    digest = blob_hash(data)
    session.execute(_INSERT[session.get_bind().dialect.name], _row(digest, data))
    return digest


def _row(digest: BlobHash, data: bytes) -> dict[str, Any]:
    return {"sha256": digest, "size": len(data), "data": data, "created_at": utcnow()}


class BlobWriter:
    """Blob rows for ingestion, on the caller's connection: one by one, or a batch's at once.

    :meth:`store_many` writes the blobs of messages about to be inserted in one
    executemany; :meth:`put` then only returns their hashes and inserts (like
    :func:`put_blob`) what was not stored that way.
    """

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self._insert = _INSERT[connection.dialect.name]
        self._stored: dict[bytes, BlobHash] = {}

    def store_many(self, contents: Iterable[bytes]) -> None:
        rows = []
        for data in contents:
            if data not in self._stored:
                self._stored[data] = digest = blob_hash(data)
                rows.append(_row(digest, data))
        if rows:
            self._connection.execute(self._insert, rows)

    def put(self, data: bytes) -> BlobHash:
        digest = self._stored.get(data)
        if digest is None:
            digest = blob_hash(data)
            self._connection.execute(self._insert, _row(digest, data))
        return digest


def get_blob(session: Session, digest: str) -> bytes | None:
    row = session.execute(
        select(col(Blob.data)).where(col(Blob.sha256) == digest)
    ).scalar_one_or_none()
    return None if row is None else bytes(row)
