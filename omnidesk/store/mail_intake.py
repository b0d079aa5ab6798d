"""Mail taken from IMAP folders and stored raw, waiting to be parsed into cases."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, delete, func, update
from sqlalchemy import select as sa_select
from sqlmodel import Session

from omnidesk.store.tables import MailIntakeRow, core_table
from omnidesk.store.types import utcnow

_INTAKE = core_table(MailIntakeRow)
_KEY = ["account", "folder", "uidvalidity", "uid"]
_COLUMNS = "account, folder, uidvalidity, uid, raw, problem, fetched_at, attempts"
_INSERT_SQL = {
    dialect: f"INSERT INTO mail_intake ({_COLUMNS}) VALUES ({', '.join([mark] * 8)}) "
    f"ON CONFLICT ({', '.join(_KEY)}) DO NOTHING"
    for dialect, mark in (("sqlite", "?"), ("postgresql", "%s"))
}
_DELETE = delete(_INTAKE).where(_INTAKE.c.id.in_(bindparam("ids", expanding=True)))


@dataclass(frozen=True, slots=True)
class Fetched:
    """One message as the server gave it."""

    folder: str
    uidvalidity: int
    uid: int
    raw: bytes
    problem: str | None = None
    """Set when only part of the message could be taken (it is too large)."""


@dataclass(frozen=True, slots=True)
class Waiting:
    """A stored message not yet in a case."""

    id: int
    folder: str
    uidvalidity: int
    uid: int
    raw: bytes
    problem: str | None


@dataclass(frozen=True, slots=True)
class Held:
    """A message that could not be stored yet, and why."""

    folder: str
    uid: int
    attempts: int
    last_error: str


def add_fetched(session: Session, account: str, fetched: Sequence[Fetched]) -> None:
    """Store ``fetched`` raw; a message stored before (same folder position) is skipped.

    Straight to the driver's executemany: this runs at download speed, in a thread beside
    the download, and SQLAlchemy's per-row parameter handling held the GIL it needs.
    """
    if not fetched:
        return
    connection = session.connection()
    dialect = connection.dialect
    stamp = _INTAKE.c.fetched_at.type.bind_processor(dialect)
    now = stamp(utcnow()) if stamp is not None else utcnow()
    connection.exec_driver_sql(
        _INSERT_SQL[dialect.name],
        [(account, f.folder, f.uidvalidity, f.uid, f.raw, f.problem, now, 0) for f in fetched],
    )


def waiting(
    session: Session, account: str, *, after_id: int, limit: int, max_bytes: int
) -> list[Waiting]:
    """The next messages of ``account`` after ``after_id``, in the order they came: at most
    ``limit`` of them and ``max_bytes`` together (but always one)."""
    sizes = session.execute(
        sa_select(_INTAKE.c.id, func.length(_INTAKE.c.raw))
        .where(_INTAKE.c.account == account, _INTAKE.c.id > after_id)
        .order_by(_INTAKE.c.id)
        .limit(limit)
    ).all()
    ids: list[int] = []
    total = 0
    for intake_id, size in sizes:
        if ids and total + int(size) > max_bytes:
            break
        ids.append(int(intake_id))
        total += int(size)
    if not ids:
        return []
    rows = session.execute(
        sa_select(
            _INTAKE.c.id,
            _INTAKE.c.folder,
            _INTAKE.c.uidvalidity,
            _INTAKE.c.uid,
            _INTAKE.c.raw,
            _INTAKE.c.problem,
        )
        .where(_INTAKE.c.id.in_(ids))
        .order_by(_INTAKE.c.id)
    ).all()
    return [Waiting(int(r[0]), str(r[1]), int(r[2]), int(r[3]), bytes(r[4]), r[5]) for r in rows]


def count_waiting(session: Session, account: str) -> int:
    return int(
        session.execute(
            sa_select(func.count()).select_from(_INTAKE).where(_INTAKE.c.account == account)
        ).scalar_one()
    )


def remove(session: Session, ids: Sequence[int]) -> None:
    """The messages are in cases now (in this same transaction)."""
    if ids:
        session.execute(_DELETE, {"ids": list(ids)})


def record_failure(session: Session, intake_id: int, error: str) -> None:
    session.execute(
        update(_INTAKE)
        .where(_INTAKE.c.id == intake_id)
        .values(attempts=_INTAKE.c.attempts + 1, last_error=error[:2000])
    )


def held(session: Session, account: str, folder: str, uidvalidity: int) -> list[Held]:
    """What waits in one folder's intake, with the reason when storing it failed."""
    rows = session.execute(
        sa_select(_INTAKE.c.uid, _INTAKE.c.attempts, _INTAKE.c.last_error)
        .where(
            _INTAKE.c.account == account,
            _INTAKE.c.folder == folder,
            _INTAKE.c.uidvalidity == uidvalidity,
        )
        .order_by(_INTAKE.c.uid)
    ).all()
    return [Held(folder, int(r[0]), int(r[1]), str(r[2] or "")) for r in rows]
