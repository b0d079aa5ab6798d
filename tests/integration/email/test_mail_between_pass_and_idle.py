"""Mail that arrives after a pass looked and before IDLE began is imported at once,
not when the IDLE period (25 minutes) ends."""

import asyncio
from typing import Any

import pytest

from omnidesk.channels.email.imap_fetch import fetch_account
from omnidesk.channels.email.workers import MailWorkers, Pacing, run_mail_workers
from omnidesk.config.mail_accounts import MailAccount
from omnidesk.config.secrets import SecretStore
from omnidesk.store.engine import Database
from tests.integration.email.test_imap_and_outbox import customer_mail
from tests.integration.email.test_workers import messages, settings_for, state, wait_for
from tests.servers.dovecot import ImapAccount

# Long IDLE: without a fix, the late mail would wait this long.
PACING = Pacing(idle_seconds=600, first_retry=0.2, max_retry=1, outbox_seconds=0.5)


async def test_mail_arriving_between_a_pass_and_idle_is_not_left_waiting(
    sqlite_db: Database,
    account: MailAccount,
    imap_account: ImapAccount,
    secrets: SecretStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    passes = {"n": 0}

    def fetch_then_mail_arrives(*args: Any, **kwargs: Any) -> Any:
        report = fetch_account(*args, **kwargs)
        passes["n"] += 1
        if passes["n"] == 2:
            # The customer's mail lands after this pass searched, before IDLE starts.
            imap_account.append(customer_mail("Dazwischen", "genau dazwischen"))
        return report

    monkeypatch.setattr("omnidesk.channels.email.workers.fetch_account", fetch_then_mail_arrives)
    stop = asyncio.Event()
    statuses = MailWorkers()
    running = asyncio.create_task(
        run_mail_workers(
            sqlite_db, settings_for(account), secrets, stop, pacing=PACING, workers=statuses
        )
    )
    try:
        await wait_for(lambda: state(statuses) == "waiting")
        imap_account.append(customer_mail("Erste", "Hallo"))
        await wait_for(lambda: messages(sqlite_db) == 2, within=10)
    finally:
        stop.set()
        await asyncio.wait_for(running, timeout=10)
