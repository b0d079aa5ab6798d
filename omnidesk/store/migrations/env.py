"""Alembic environment: runs against the Database handed in by omnidesk.store.migrate.

No ``fileConfig`` here: it would reset the application's logging when migrations
run in-process at start-up.
"""

from alembic import context
from sqlalchemy import Connection, text
from sqlmodel import SQLModel

import omnidesk.store.tables  # registers the tables on SQLModel.metadata
import omnidesk.store.tables_chat  # the gateway's chat tables
import omnidesk.store.tables_team  # noqa: F401  (who views or replies to a case)
from omnidesk.store.engine import Database
from omnidesk.store.search_schema import include_object

# Any number of desktops and gateways may start at once against one PostgreSQL;
# this lock makes exactly one of them migrate while the others wait.
_PG_MIGRATION_LOCK = 0x0D35C


def run_migrations_online() -> None:
    db: Database = context.config.attributes["database"]
    with db.engine.connect() as connection:
        is_sqlite = connection.dialect.name == "sqlite"
        if is_sqlite:
            # A batch migration rebuilds a table (copy, drop, rename); with foreign keys
            # on, dropping a table other rows point at fails. SQLite ignores this pragma
            # inside a transaction, so it goes to the bare connection before one begins.
            _sqlite_foreign_keys(connection, on=False)
        context.configure(
            connection=connection,
            target_metadata=SQLModel.metadata,
            render_as_batch=is_sqlite,
            compare_type=True,
            # The search index's tables and triggers are not models (search_schema.py).
            include_object=include_object,
        )
        try:
            with context.begin_transaction():
                if connection.dialect.name == "postgresql":
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_MIGRATION_LOCK}
                    )
                context.run_migrations()
                if is_sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:  # raising rolls the whole upgrade back
                        raise RuntimeError(f"the upgrade broke foreign keys: {broken[:5]}")
        finally:
            if is_sqlite:
                # Not back to the pool with foreign keys off: the next connection is new
                # and gets the engine's pragmas (turning them on here could be ignored
                # while a transaction is still open on it).
                connection.invalidate()


def _sqlite_foreign_keys(connection: Connection, *, on: bool) -> None:
    connection.connection.driver_connection.execute(  # type: ignore[union-attr]
        f"PRAGMA foreign_keys={'ON' if on else 'OFF'}"
    )


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run 'omnidesk db upgrade'")
run_migrations_online()
