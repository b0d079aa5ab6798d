"""Opening the database: engines for SQLite and PostgreSQL, and session scopes.

SQLite runs in WAL mode with foreign keys on. Write transactions on SQLite start
with ``BEGIN IMMEDIATE``: a deferred transaction that reads first and writes later
can fail at once with "database is locked" when another connection wrote in
between, while an immediate one waits its turn (``busy_timeout``). Several
processes (desktop, CLI, gateway) share one SQLite file this way.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

from omnidesk.core.errors import ConfigError, StorageUnavailable

_SQLITE_BUSY_MS = 30_000
_WRITE_OPTION = "omnidesk_write"


def normalize_url(url: str) -> str:
    """Accept the forms people type and return a SQLAlchemy URL.

    ``postgresql://`` and ``postgres://`` mean psycopg 3; a bare path means a SQLite file.
    """
    text = url.strip()
    if not text:
        raise ConfigError("the database URL is empty")
    if text.startswith("postgres://"):
        text = "postgresql://" + text[len("postgres://") :]
    if text.startswith("postgresql://"):
        text = "postgresql+psycopg://" + text[len("postgresql://") :]
    if "://" not in text:
        text = f"sqlite:///{Path(text).expanduser().resolve()}"
    try:
        parsed = make_url(text)
    except ArgumentError:
        raise ConfigError(
            f"{url!r} is not a database URL (try sqlite:///path or postgresql://host/db)"
        ) from None
    if parsed.get_backend_name() not in {"sqlite", "postgresql"}:
        raise ConfigError(
            f"unsupported database {parsed.get_backend_name()!r}: use SQLite or PostgreSQL"
        )
    return text


def describe_url(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    return make_url(url).render_as_string(hide_password=True)


def create_db_engine(url: str) -> Engine:
    url = normalize_url(url)
    parsed = make_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(url)
        return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)
    except (ArgumentError, NoSuchModuleError) as exc:
        raise ConfigError(f"cannot use database {describe_url(url)}: {exc}") from None


def _sqlite_engine(url: str) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        folder = Path(database).parent
        if not folder.is_dir():
            raise StorageUnavailable(f"the folder for the database does not exist: {folder}")
    # Pooled: closing the last connection to a WAL database checkpoints and deletes
    # the WAL, which made every short session pay a full checkpoint (~7 ms). Idle
    # pooled connections hold no snapshot, so other processes still checkpoint, and
    # SQLite's automatic checkpoint keeps the WAL small.
    engine = create_engine(
        url,
        connect_args={"timeout": _SQLITE_BUSY_MS / 1000, "check_same_thread": False},
        poolclass=QueuePool,
        pool_size=5,
        # Never wait for a pooled connection: beyond five, they open and close as needed.
        max_overflow=-1,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Take transaction control from pysqlite so "begin" below decides the mode.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


class Database:
    """One database, opened once per process; hands out short-lived sessions."""

    def __init__(self, url: str) -> None:
        self.url = normalize_url(url)
        self.engine = create_db_engine(self.url)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    @property
    def display_url(self) -> str:
        return describe_url(self.url)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading; it never commits."""
        with _translate_errors(self), Session(self.engine) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A session that commits when the block ends normally and rolls back otherwise."""
        with _translate_errors(self), Session(self.engine) as session:
            session.connection(execution_options={_WRITE_OPTION: True})
            yield session
            session.commit()

    def check_connection(self) -> None:
        """Connect once, so a wrong URL, password or host fails here with a clear message."""
        try:
            with self.engine.connect():
                pass
        except (OperationalError, DBAPIError) as exc:
            raise StorageUnavailable(
                f"cannot open the database {self.display_url}: {first_line(exc)}"
            ) from None

    def dispose(self) -> None:
        self.engine.dispose()


@contextmanager
def _translate_errors(db: Database) -> Iterator[None]:
    try:
        yield
    except OperationalError as exc:
        detail = first_line(exc)
        if exc.connection_invalidated or "connect" in detail.lower() or "unable to open" in detail:
            raise StorageUnavailable(
                f"cannot reach the database {db.display_url}: {detail}"
            ) from exc
        raise


def first_line(exc: BaseException) -> str:
    """The driver's own first line of a database error (SQLAlchemy wraps it in more)."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
