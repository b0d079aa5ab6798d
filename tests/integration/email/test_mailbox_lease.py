"""Two gateways on one PostgreSQL: each mailbox is ingested by exactly one of them, and the
other takes over when the first one's database session dies."""

import asyncio
from dataclasses import replace

import pytest
from sqlalchemy import text

from omnidesk.channels.email.workers import MailWorkers, mailbox_name, run_mail_workers
from omnidesk.config.mail_accounts import MailAccount
from omnidesk.config.secrets import SecretStore
from omnidesk.store.engine import Database
from omnidesk.store.leases import MailboxLease, lock_key
from omnidesk.store.migrate import upgrade
from tests.integration.email.test_imap_and_outbox import customer_mail
from tests.integration.email.test_workers import FAST, settings_for, state, wait_for
from tests.servers.dovecot import ImapAccount

pytestmark = pytest.mark.postgres

LEASED = replace(FAST, standby_seconds=0.2, lease_check_seconds=0.2)


def subjects(db: Database) -> list[str]:
    with db.read() as session:
        rows = session.execute(
            text("SELECT subject FROM message WHERE direction = 'in' ORDER BY id")
        ).scalars()
        return list(rows)


def terminate_lock_holder(db: Database, key: int) -> None:
    """What a crash, a kill -9 or a lost network does to the holder: its session ends."""
    with db.write() as session:
        session.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_locks "
                "WHERE locktype = 'advisory' AND granted "
                # A bigint key is split into two oids; the shift wraps like the key's sign.
                "AND ((classid::bigint << 32) | objid::bigint) = :k"
            ),
            {"k": key},
        )


def test_the_lock_is_exclusive_and_ends_with_its_session(pg_url: str):
    first, second = Database(pg_url), Database(pg_url)
    a, b = MailboxLease(first, "anna@mail:993"), MailboxLease(second, "anna@mail:993")
    other = MailboxLease(second, "ben@mail:993")
    try:
        assert a.try_acquire()
        assert not b.try_acquire()
        assert other.try_acquire(), "another mailbox has its own lock"
        assert a.still_held()
        a.release()
        assert b.try_acquire()
        assert not a.try_acquire()
    finally:
        for lease in (a, b, other):
            lease.release()
        first.dispose()
        second.dispose()


def test_lock_keys_are_stable_and_distinct():
    assert lock_key("x@h:993") == lock_key("x@h:993")
    assert lock_key("x@h:993") != lock_key("y@h:993")
    assert -(2**63) <= lock_key("x@h:993") < 2**63


async def test_one_of_two_gateways_ingests_and_the_other_takes_over(
    pg_url: str, account: MailAccount, imap_account: ImapAccount, secrets: SecretStore
):
    upgrade(Database(pg_url))
    db_a, db_b = Database(pg_url), Database(pg_url)
    settings = settings_for(account)
    stop_a, stop_b = asyncio.Event(), asyncio.Event()
    workers_a, workers_b = MailWorkers(), MailWorkers()
    gateway_a = asyncio.create_task(
        run_mail_workers(db_a, settings, secrets, stop_a, pacing=LEASED, workers=workers_a)
    )
    await wait_for(lambda: state(workers_a) == "waiting")
    gateway_b = asyncio.create_task(
        run_mail_workers(db_b, settings, secrets, stop_b, pacing=LEASED, workers=workers_b)
    )
    try:
        await wait_for(lambda: state(workers_b) == "standby")
        imap_account.append(customer_mail("Erste Frage", "Hallo"))
        await wait_for(lambda: subjects(db_a) == ["Erste Frage"])
        assert workers_b.statuses["support"].passes == 0, "the standby gateway fetched"

        # Gateway A's database session dies: B takes over, A stands back.
        key = lock_key(mailbox_name(account))
        await asyncio.to_thread(terminate_lock_holder, db_b, key)
        await wait_for(lambda: state(workers_b) == "waiting")
        await wait_for(lambda: state(workers_a) == "standby")
        imap_account.append(customer_mail("Zweite Frage", "Hallo nochmal"))
        await wait_for(lambda: subjects(db_b) == ["Erste Frage", "Zweite Frage"])
        await asyncio.sleep(1.0)  # time for a mistaken second ingester to add a duplicate
        assert subjects(db_b) == ["Erste Frage", "Zweite Frage"]
    finally:
        stop_a.set()
        stop_b.set()
        await asyncio.wait_for(asyncio.gather(gateway_a, gateway_b), timeout=15)
        db_a.dispose()
        db_b.dispose()
