"""The gateway's mail workers: IDLE picks up new mail; a wrong password is not hammered."""

import asyncio
import time
from dataclasses import replace

from sqlalchemy import text

from omnidesk.channels.email.workers import MailWorkers, Pacing, run_mail_workers
from omnidesk.config.mail_accounts import MailAccount
from omnidesk.config.secrets import SecretStore
from omnidesk.config.settings import Settings
from omnidesk.store.engine import Database
from tests.integration.email.test_imap_and_outbox import customer_mail, refuse_to_store
from tests.servers.dovecot import ImapAccount

FAST = Pacing(
    idle_seconds=5,
    poll_seconds=1,
    first_retry=0.2,
    max_retry=1,
    after_login_failure=30,
    outbox_seconds=0.5,
)


def settings_for(account: MailAccount) -> Settings:
    section = {
        "accounts": {
            account.name: {
                "host": account.host,
                "port": account.port,
                "user": account.user,
                "security": "plain",
            }
        }
    }
    # No acknowledgements: these tests count the stored messages (see test_acknowledgement_e2e).
    return replace(Settings(), extra={"mail": section}, acknowledge_email=False)


def messages(db: Database) -> int:
    with db.read() as session:
        return int(session.execute(text("SELECT count(*) FROM message")).scalar_one())


def state(workers: MailWorkers) -> str | None:
    status = workers.statuses.get("support")
    return status.state if status else None


async def wait_for(predicate, within: float = 15.0) -> None:
    deadline = time.monotonic() + within
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.1)


async def test_idle_worker_imports_mail_as_it_arrives(
    sqlite_db: Database, account: MailAccount, imap_account: ImapAccount, secrets: SecretStore
):
    stop = asyncio.Event()
    workers = MailWorkers()
    running = asyncio.create_task(
        run_mail_workers(
            sqlite_db, settings_for(account), secrets, stop, pacing=FAST, workers=workers
        )
    )
    try:
        await wait_for(lambda: state(workers) == "waiting")
        imap_account.append(customer_mail("Neu per IDLE", "Hallo"))
        await wait_for(lambda: messages(sqlite_db) == 1)
        imap_account.append(customer_mail("Noch eine", "Hallo nochmal"))
        await wait_for(lambda: messages(sqlite_db) == 2)
        assert workers.statuses["support"].last_error is None
    finally:
        stop.set()
        await asyncio.wait_for(running, timeout=10)
    assert workers.statuses["support"].state == "stopped"


async def test_wrong_password_waits_instead_of_retrying_hot(
    sqlite_db: Database, account: MailAccount, secrets: SecretStore
):
    secrets.set(account.secret_key, "wrong")
    stop = asyncio.Event()
    workers = MailWorkers()
    running = asyncio.create_task(
        run_mail_workers(
            sqlite_db, settings_for(account), secrets, stop, pacing=FAST, workers=workers
        )
    )
    try:
        await wait_for(lambda: state(workers) == "login refused")
        await asyncio.sleep(1.5)  # many retry periods of the fast pacing
        status = workers.statuses["support"]
        assert status.login_failures == 1
        assert "refused the login" in (status.last_error or "")
    finally:
        stop.set()
        await asyncio.wait_for(running, timeout=10)


async def test_a_message_that_cannot_be_stored_holds_up_no_other_mail(
    sqlite_db: Database,
    account: MailAccount,
    imap_account: ImapAccount,
    secrets: SecretStore,
    monkeypatch,
):
    from omnidesk.channels.email import imap_fetch

    real = refuse_to_store(monkeypatch, "Kaputt")
    imap_account.append(customer_mail("Kaputt", "kann nicht gespeichert werden"))
    stop = asyncio.Event()
    workers = MailWorkers()
    running = asyncio.create_task(
        run_mail_workers(
            sqlite_db, settings_for(account), secrets, stop, pacing=FAST, workers=workers
        )
    )
    try:
        await wait_for(lambda: state(workers) == "waiting")
        # The operator sees which message and why; the worker keeps waiting for mail.
        assert "UID 1 ('Kaputt') could not be stored: value too long" in (
            workers.statuses["support"].last_error or ""
        )
        imap_account.append(customer_mail("Danach", "kommt trotzdem an"))
        await wait_for(lambda: messages(sqlite_db) == 1)
        monkeypatch.setattr(imap_fetch, "ingest_batch", real)
        imap_account.append(customer_mail("Und noch eine", "der nächste Durchgang"))
        # The next pass stores the held message as well, and the error is gone.
        await wait_for(lambda: messages(sqlite_db) == 3)
        await wait_for(lambda: workers.statuses["support"].last_error is None)
    finally:
        stop.set()
        await asyncio.wait_for(running, timeout=10)
