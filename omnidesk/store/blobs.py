"""Content-addressed blobs: attachments and raw mail sources, stored once per content."""

import hashlib

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
    values = {"sha256": digest, "size": len(data), "data": data, "created_at": utcnow()}
    session.execute(_INSERT[session.get_bind().dialect.name], values)
    return digest


def get_blob(session: Session, digest: str) -> bytes | None:
    row = session.execute(
        select(col(Blob.data)).where(col(Blob.sha256) == digest)
    ).scalar_one_or_none()
    return None if row is None else bytes(row)
