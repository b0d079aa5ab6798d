"""Running the Alembic migrations that live inside the package.

Alembic (with Mako) and psycopg are imported only when there is migrating to do: at
every start-up of an up-to-date database a look at the migration files' text and at
``alembic_version`` is enough, and saves a good part of the desktop's start.
"""

import re
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError, SQLAlchemyError

from omnidesk.core.errors import StorageUnavailable
from omnidesk.store.engine import Database

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION_LINE = re.compile(
    r"^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(?:[\"']([\w-]+)[\"']|(None))\s*$", re.M
)


def alembic_config(db: Database) -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["database"] = db
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the schema to ``revision``; safe to call at every start-up."""
    if revision == "head" and _at_head(db):
        return
    from alembic import command
    from alembic.util.exc import CommandError

    try:
        command.upgrade(alembic_config(db), revision)
    except ProgrammingError as exc:
        if db.backend == "postgresql" and _insufficient_privilege(exc):
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


def files_head() -> str | None:
    """The newest revision as the migration files spell it, without importing Alembic.

    None when that is not certain (no files, a merge, more than one head): then
    Alembic itself decides.
    """
    revisions: set[str] = set()
    parents: set[str | None] = set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        found = {m[1]: m[2] or None for m in _REVISION_LINE.finditer(path.read_text("utf-8"))}
        if not found.get("revision") or "down_revision" not in found:
            return None
        revisions.add(str(found["revision"]))
        parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _at_head(db: Database) -> bool:
    head = files_head()
    if head is None:
        return False
    try:
        with db.engine.connect() as connection:
            versions = connection.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:
        return False  # a new database: no version table yet
    return [v[0] for v in versions] == [head]


def _insufficient_privilege(error: ProgrammingError) -> bool:
    from psycopg.errors import InsufficientPrivilege

    return isinstance(error.orig, InsufficientPrivilege)
