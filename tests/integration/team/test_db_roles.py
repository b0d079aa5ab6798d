"""The documented database roles (packaging/docker/roles.sql) are enough, and no more.

The owner migrates; an agent's desktop and the gateway work with their own roles,
which cannot change the schema; a desktop newer than the schema says what to do.
"""

from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import ProgrammingError

from omnidesk.core.enums import Channel, IdentityKind, ReplyMode
from omnidesk.core.errors import StorageUnavailable
from omnidesk.services.agents import add_agent
from omnidesk.services.cases import Incoming, claim_case, open_case, write_on_case
from omnidesk.services.search import search_cases
from omnidesk.store.engine import Database
from omnidesk.store.migrate import upgrade
from tests.servers.postgres import PgDatabase, PostgresServer

pytestmark = pytest.mark.postgres

ROLES_SQL = Path(__file__).resolve().parents[3] / "packaging" / "docker" / "roles.sql"


def as_role(server: PostgresServer, database: str, role: str) -> Database:
    return Database(f"postgresql+psycopg://{role}@{server.host}:{server.port}/{database}")


@pytest.fixture
def roles(pg_server: PostgresServer, pg_database: PgDatabase) -> str:
    with pg_server.connect(pg_database.name) as admin:
        admin.execute(ROLES_SQL.read_text(encoding="utf-8"))
        admin.execute(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
            "'anna_desk') THEN CREATE ROLE anna_desk LOGIN IN ROLE omnidesk_agents; "
            "END IF; END $$"
        )
    return pg_database.name


def test_agents_and_the_gateway_work_with_their_roles_and_cannot_change_the_schema(
    pg_server: PostgresServer, roles: str
):
    owner = as_role(pg_server, roles, "omnidesk_owner")
    upgrade(owner)
    anna = add_agent(owner, name="anna", email="anna@team.example")
    owner.dispose()

    gateway = as_role(pg_server, roles, "omnidesk_gateway")
    number = open_case(
        gateway,
        Incoming(
            channel=Channel.FORM,
            identity_kind=IdentityKind.EMAIL,
            identity_value="kunde@example.de",
            customer_name="Käthe Köhler",
            subject="Rechnung doppelt",
            text="Mir wurde die Rechnung zweimal abgebucht.",
        ),
    )
    gateway.dispose()

    desk = as_role(pg_server, roles, "anna_desk")
    try:
        upgrade(desk)  # at head already: a desktop's start-up check needs no DDL
        claim_case(desk, number, anna)
        write_on_case(desk, number, agent=anna, text="Wir erstatten es.", mode=ReplyMode.REPLY)
        hits = search_cases(desk, "Rechnung", me=anna.id)
        assert [h.case_number for h in hits] == [number]
        for statement in ("ALTER TABLE message ADD COLUMN sneaky integer", "DROP TABLE outbox"):
            with pytest.raises(ProgrammingError, match=r"must be owner"), desk.write() as session:
                session.execute(text(statement))
    finally:
        desk.dispose()


def test_a_desktop_newer_than_the_schema_asks_for_the_upgrade(
    pg_server: PostgresServer, roles: str
):
    owner = as_role(pg_server, roles, "omnidesk_owner")
    upgrade(owner, "0005")
    owner.dispose()
    desk = as_role(pg_server, roles, "anna_desk")
    try:
        with pytest.raises(StorageUnavailable) as refused:
            upgrade(desk)
        assert "omnidesk db upgrade" in refused.value.message
        assert "owner" in refused.value.message
    finally:
        desk.dispose()
    with psycopg.connect(pg_server.conninfo(roles)) as admin:
        version = admin.execute("SELECT version_num FROM alembic_version").fetchone()
    assert version == ("0005",), "nothing half-done"
