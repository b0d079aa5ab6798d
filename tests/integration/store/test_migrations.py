"""The Alembic migrations produce exactly the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import SQLModel

from omnidesk.store.engine import Database
from omnidesk.store.migrate import current_revision, head_revision, is_current, upgrade
from omnidesk.store.search_schema import include_object


def test_upgrade_head_matches_the_models(db: Database):
    assert current_revision(db) == head_revision()
    with db.engine.connect() as connection:
        # The search index lives outside the models (omnidesk/store/search_schema.py).
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_object": include_object}
        )
        differences = compare_metadata(context, SQLModel.metadata)
    assert differences == []


def test_upgrade_is_idempotent_and_keeps_data(db: Database):
    with db.write() as session:
        session.execute(text("INSERT INTO counter (name, value) VALUES ('probe', 7)"))
    upgrade(db)
    upgrade(db)
    assert is_current(db)
    with db.read() as session:
        assert session.execute(text("SELECT value FROM counter WHERE name='probe'")).scalar() == 7


def test_a_database_from_a_newer_version_is_refused_clearly(db: Database):
    import pytest

    from omnidesk.core.errors import StorageUnavailable

    with db.write() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    with pytest.raises(StorageUnavailable, match="created by a newer OmniDesk"):
        upgrade(db)


def test_upgrading_a_database_with_cases_keeps_them(tmp_path):
    """Rebuilding the agent table (0006) must not trip over the cases that point at agents."""
    db = Database(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        upgrade(db, "0005")
        with db.write() as session:
            for sql in (
                "INSERT INTO agent (id, name, display_name, email, active, created_at) "
                "VALUES (1, 'anna', 'Anna', 'anna@example.net', 1, '2024-01-01')",
                "INSERT INTO customer (id, name, created_at) VALUES (1, 'Jürgen', '2024-01-01')",
                "INSERT INTO support_case (id, number, subject, status, priority, owner_id, "
                "customer_id, created_at, updated_at, version) "
                "VALUES (1, 1001, 'Hallo', 'open', 'normal', 1, 1, '2024-01-01', '2024-01-01', 1)",
            ):
                session.execute(text(sql))
        upgrade(db)
        assert is_current(db)
        with db.read() as session:
            owner = session.execute(text("SELECT owner_id FROM support_case")).scalar_one()
            keys = session.execute(text("PRAGMA foreign_keys")).scalar_one()
        assert owner == 1
        assert keys == 1, "foreign keys are on again for the app's connections"
    finally:
        db.dispose()
