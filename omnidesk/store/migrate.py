"""Running the Alembic migrations that live inside the package."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from psycopg.errors import InsufficientPrivilege
from sqlalchemy.exc import ProgrammingError

from omnidesk.core.errors import StorageUnavailable
from omnidesk.store.engine import Database

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(db: Database) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database"] = db
    return config


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the schema to ``revision``; safe to call at every start-up."""
    try:
        command.upgrade(alembic_config(db), revision)
    except ProgrammingError as exc:
        if isinstance(exc.orig, InsufficientPrivilege):
            # A desktop's database role may read and write rows, not change the schema.
            raise StorageUnavailable(
                f"the database {db.display_url} needs a schema upgrade that this database "
                "user may not make; ask your administrator to run 'omnidesk db upgrade' as "
                "the schema's owner"
            ) from None
        raise
    except CommandError as exc:
        if "Can't locate revision" in str(exc):
            raise StorageUnavailable(
                f"the database {db.display_url} was created by a newer OmniDesk "
                "(its schema is unknown to this version); update OmniDesk"
            ) from None
        raise


def is_current(db: Database) -> bool:
    return current_revision(db) == head_revision()
