"""Faults in team mode, with real parts: the gateway killed and restarted, PostgreSQL
restarted, while customers keep writing by mail and chat and agents keep replying.

Afterwards every inbound mail and every acknowledged chat message is stored exactly
once, every agent reply reached the chat visitor exactly once, and every reply queued
as email reached the SMTP server exactly once.
"""

import asyncio
import contextlib
import functools
import time
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sqlalchemy import text

from omnidesk.channels.email.workers import MailWorkers, Pacing, run_mail_workers
from omnidesk.config.secrets import SecretStore
from omnidesk.config.settings import settings_from_mapping
from omnidesk.core.entities import Agent
from omnidesk.core.enums import Channel, IdentityKind, ReplyMode
from omnidesk.core.ids import CaseNumber
from omnidesk.gateway.config import GatewayConfig
from omnidesk.gateway.server import Gateway
from omnidesk.services.agents import add_agent
from omnidesk.services.cases import Incoming, open_case, write_on_case
from omnidesk.services.chat import agent_heartbeat
from omnidesk.store.change_feed import MessageChange, Subscription
from omnidesk.store.engine import Database
from omnidesk.store.migrate import upgrade
from tests.integration.team.fault_parts import (
    TEAM,
    ChatCustomer,
    GatewayProcess,
    customer_mail,
    email_cases,
    eventually,
    inbound_count,
    reply_message_ids,
    settings_table,
    sink_message_ids,
    stored_per_message_id,
    stored_per_text,
    transcript,
    write_settings,
)
from tests.servers.dovecot import ImapAccount
from tests.servers.ports import free_port
from tests.servers.postgres import PostgresServer
from tests.servers.smtp import SmtpServer

pytestmark = pytest.mark.postgres

OUTBOX_EVERY = 10.0
"""The outbox worker's pause between passes in ``omnidesk gateway`` (Pacing default)."""


class Work:
    """Customers writing by mail and chat, and an agent replying, until told to stop."""

    def __init__(
        self, db: Database, imap: ImapAccount, agent: Agent, url: str, *, chats: int = 3
    ) -> None:
        self.db = db
        self.imap = imap
        self.agent = agent
        self.mails: list[str] = []
        self.customers = [ChatCustomer(url, name) for name in ("Käthe", "Lars", "Mia")[:chats]]
        self.chat_replies: dict[str, list[str]] = {c.name: [] for c in self.customers}
        self.email_replies: list[int] = []
        self.replied_cases: set[int] = set()
        self.email_replies_on = True
        self.quiet = asyncio.Event()
        """Set: no more mail and replies."""
        self.stop = asyncio.Event()
        """Set: the chat visitors finish."""
        self._writers: list[asyncio.Task[None]] = []
        self._chats: list[asyncio.Task[None]] = []

    def start(self, *, replies: bool = True) -> None:
        self._writers = [asyncio.create_task(self._send_mail())]
        if replies:
            self._writers.append(asyncio.create_task(self._reply()))
        self._chats = [asyncio.create_task(c.run(self.stop)) for c in self.customers]

    async def finish(self) -> None:
        """Stop writing; once every chat has its replies (live: within seconds, not at
        the 30-second safety sweep), the visitors send their last message and leave."""
        self.quiet.set()
        await asyncio.wait_for(asyncio.gather(*self._writers), 30)
        for customer in self.customers:
            await eventually(
                functools.partial(self.unreceived, customer),
                f"{customer.name} received every agent reply",
                within=10,
                done=lambda unreceived: not unreceived,
            )
        self.stop.set()
        await asyncio.wait_for(asyncio.gather(*self._chats), 30)

    def unreceived(self, customer: ChatCustomer) -> list[str]:
        """The agent's chat replies to ``customer`` it has not received."""
        return [t for t in self.chat_replies[customer.name] if t not in customer.agent_texts()]

    def cancel(self) -> None:
        self.quiet.set()
        self.stop.set()
        for task in self._writers + self._chats:
            task.cancel()

    async def _send_mail(self) -> None:
        while not self.quiet.is_set():
            message_id, raw = customer_mail(len(self.mails) + 1)
            await asyncio.to_thread(self.imap.append, raw)
            self.mails.append(message_id)
            await asyncio.sleep(0.15)

    async def _reply(self) -> None:
        while not self.quiet.is_set():
            for customer in self.customers:
                if customer.case is not None:
                    await asyncio.to_thread(self.reply_in_chat, customer)
            for _ in range(2):
                if self.email_replies_on:
                    await asyncio.to_thread(self.reply_by_email)
            await asyncio.sleep(0.6)

    def reply_in_chat(self, customer: ChatCustomer) -> str:
        """The agent answers a chat visitor (from a desktop: straight into the database)."""
        assert customer.case is not None
        replies = self.chat_replies[customer.name]
        text = f"Antwort {len(replies) + 1} an {customer.name}"
        self._write(customer.case, text)
        replies.append(text)
        return text

    def reply_by_email(self) -> int | None:
        """The agent answers one more customer who wrote by mail: the reply's message id,
        or None when every mail so far has its answer."""
        mails = set(self.mails)
        cases = email_cases(self.db)
        waiting = [n for mid, n in cases.items() if mid in mails and n not in self.replied_cases]
        if not waiting:
            return None
        number = min(waiting)
        self.replied_cases.add(number)
        message = self._write(number, f"Antwort auf #{number}")
        self.email_replies.append(message)
        return message

    def _write(self, number: int, text: str) -> int:
        return int(
            write_on_case(
                self.db,
                CaseNumber(number),
                agent=self.agent,
                text=text,
                mode=ReplyMode.REPLY,
                mail_domain="team.example",
            )
        )


def missing(db: Database, mails: list[str], log: str) -> str:
    """Which appended mails are not stored (for a failure message), and the gateway's log."""
    stored = stored_per_message_id(db, mails)
    gone = [f"{i + 1} of {len(mails)}" for i, mid in enumerate(mails) if mid not in stored]
    return f"not stored: {', '.join(gone)}\n{log}"


def earlier_cases(db: Database, agent: Agent, count: int) -> list[int]:
    """Email cases from before the gateway ran, each with a reply waiting in the outbox."""
    replies = []
    for i in range(count):
        number = open_case(
            db,
            Incoming(
                channel=Channel.EMAIL,
                identity_kind=IdentityKind.EMAIL,
                identity_value=f"frueher{i}@kunde.example",
                customer_name=f"Früher {i}",
                subject=f"Alte Frage {i}",
                text="Schon länger offen.",
                message_id_header=f"<alt-{i}@kunde.example>",
            ),
        )
        replies.append(
            int(
                write_on_case(
                    db,
                    number,
                    agent=agent,
                    text=f"Späte Antwort {i}",
                    mode=ReplyMode.REPLY,
                    mail_domain="team.example",
                )
            )
        )
    return replies


async def test_gateway_killed_and_restarted_while_mail_and_chats_arrive(
    pg_url: str, imap_account: ImapAccount, smtp_server: SmtpServer, tmp_path: Path
) -> None:
    db = Database(pg_url)
    upgrade(db)
    anna = add_agent(db, name="anna", email="anna@team.example", display_name="Anna Schmidt")
    agent_heartbeat(db, anna.id)  # someone is online: chats open without an address
    early_replies = earlier_cases(db, anna, 3)
    secrets_dir = tmp_path / "secrets"
    secrets_dir.mkdir(mode=0o700)
    (secrets_dir / "imap_support").write_text(imap_account.password + "\n", encoding="utf-8")
    port = free_port()
    write_settings(tmp_path / "data", imap=imap_account, smtp=smtp_server, http_port=port)
    gateway = GatewayProcess(
        data_dir=tmp_path / "data", secrets_dir=secrets_dir, db_url=pg_url, port=port
    )
    work = Work(db, imap_account, anna, gateway.url)
    try:
        gateway.start()
        await gateway.wait_healthy()
        # The first outbox pass has run: the next one is OUTBOX_EVERY seconds away, so the
        # kill below cannot land inside a send (a killed send is retried, by design, only
        # when its 5-minute lease ends, and may then arrive twice with one Message-ID).
        first_pass_done = time.monotonic()
        await asyncio.to_thread(smtp_server.wait_for, len(early_replies), 10)
        work.start()
        await asyncio.sleep(4.0)
        assert time.monotonic() - first_pass_done < OUTBOX_EVERY - 1.5, "too slow to kill safely"
        gateway.kill()
        mails_at_kill = len(work.mails)

        await asyncio.sleep(2.0)  # mail, chat attempts and replies go on with no gateway
        work.email_replies_on = False  # the rest reach the new gateway's first outbox pass
        await asyncio.sleep(0.7)
        mails_while_down = len(work.mails) - mails_at_kill
        gateway.start()
        await gateway.wait_healthy()
        await asyncio.sleep(3.0)
        await work.finish()

        await eventually(
            lambda: set(stored_per_message_id(db, work.mails)) == set(work.mails),
            "every appended mail stored",
            detail=lambda: missing(db, work.mails, gateway.log_tail()),
        )
        replies = reply_message_ids(db, early_replies + work.email_replies)
        await asyncio.to_thread(smtp_server.wait_for, len(replies), 15)
        await asyncio.sleep(1.0)  # time for a duplicate to show up

        assert mails_while_down > 0
        assert len(work.email_replies) >= 3
        assert all(c.connections >= 2 for c in work.customers), "every chat reconnected"
        # Every mail exactly once, and nothing else came in by mail.
        assert stored_per_message_id(db, work.mails) == Counter(work.mails)
        assert inbound_count(db, "email") == len(work.mails) + len(early_replies)
        # Every acknowledged chat message exactly once.
        said = [t for c in work.customers for t in c.visitor_texts()]
        assert stored_per_text(db, said) == Counter(said)
        assert inbound_count(db, "chat") == len(said)
        # Live and after each reconnect: every agent reply once, none twice.
        for customer in work.customers:
            assert Counter(customer.agent_texts()) == Counter(work.chat_replies[customer.name])
            seqs = [e["seq"] for e in customer.received if e["from"] == "agent"]
            assert len(seqs) == len(set(seqs))
            assert customer.case is not None
            expected = len(customer.visitor_texts()) + len(work.chat_replies[customer.name])
            whole = await transcript(gateway.url, customer.token, expected)
            assert sorted(e["text"] for e in whole) == sorted(
                customer.visitor_texts() + work.chat_replies[customer.name]
            )
            assert [e["seq"] for e in whole] == list(range(1, expected + 1))
        # Every reply queued as email reached the SMTP server exactly once.
        assert sink_message_ids(smtp_server) == Counter(replies)
        assert gateway.stop() == 0
    finally:
        work.cancel()
        if gateway.process is not None and gateway.process.poll() is None:
            gateway.process.kill()
            gateway.process.wait()
        db.dispose()


PACING = Pacing(
    idle_seconds=5,
    poll_seconds=1,
    first_retry=0.2,
    max_retry=1,
    after_login_failure=30,
    outbox_seconds=2.0,
    standby_seconds=0.2,
    lease_check_seconds=0.2,
)


class HealthLog:
    """/health asked every 50 ms; every answer kept, in order."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.answers: list[tuple[int, dict[str, Any]]] = []
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._poll())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _poll(self) -> None:
        async with aiohttp.ClientSession() as http:
            while True:
                async with http.get(f"{self.url}/health") as response:
                    self.answers.append((response.status, await response.json()))
                await asyncio.sleep(0.05)

    def latest(self) -> tuple[int, dict[str, Any]] | None:
        return self.answers[-1] if self.answers else None


def mail_status(workers: MailWorkers) -> Mapping[str, Any]:
    """What ``omnidesk gateway`` puts under "mail" in /health."""
    return {
        name: {"state": s.state, "last_error": s.last_error, "passes": s.passes}
        for name, s in workers.statuses.items()
    }


async def test_postgresql_restarted_in_the_middle_of_work(
    pg_server: PostgresServer,
    pg_url: str,
    imap_account: ImapAccount,
    smtp_server: SmtpServer,
    memory_keyring: object,
) -> None:
    db = Database(pg_url)
    upgrade(db)
    anna = add_agent(db, name="anna", email="anna@team.example", display_name="Anna Schmidt")
    agent_heartbeat(db, anna.id)
    secrets = SecretStore()
    secrets.set("imap:support", imap_account.password)
    settings = settings_from_mapping(
        settings_table(imap=imap_account, smtp=smtp_server), source="test"
    )
    workers = MailWorkers()
    gateway = Gateway(
        db,
        settings,
        config=GatewayConfig(port=0, team_address=TEAM, poll_interval=0.02, shutdown_timeout=5),
        workers=[
            functools.partial(
                run_mail_workers, db, settings, secrets, pacing=PACING, workers=workers
            )
        ],
        mail_status=lambda: mail_status(workers),
    )
    await gateway.start()
    assert gateway.state is not None
    assert gateway.state.feed is not None
    change_feed = gateway.state.feed
    feed = change_feed.subscribe()
    health = HealthLog(gateway.url)
    health.start()
    work = Work(db, imap_account, anna, gateway.url, chats=1)
    customer = work.customers[0]
    customer.limit = 2  # then only listens, through the outage
    outbox = workers.statuses["outbox"]
    account = workers.statuses["support"]
    try:
        await eventually(lambda: outbox.passes >= 1, "a first outbox pass")
        work.start(replies=False)
        await eventually(lambda: len(customer.acknowledged) == 3, "the chat under way")
        await eventually(lambda: len(email_cases(db)) >= 6, "the first mails imported")
        # Right after an outbox pass: replies queued now are still waiting in the outbox
        # when the database goes away (the next pass is PACING.outbox_seconds away).
        passes = outbox.passes
        await eventually(lambda: outbox.passes > passes, "the next outbox pass", within=5)
        before = [await asyncio.to_thread(work.reply_by_email) for _ in range(3)]
        assert None not in before
        passes = outbox.passes
        await asyncio.to_thread(pg_server.stop)
        try:
            assert outbox.passes == passes, "the outbox ran while the database stopped"
            await eventually(
                lambda: (latest := health.latest()) is not None and latest[0] == 503,
                "/health reporting the outage",
                within=5,
            )
            await eventually(lambda: not change_feed.healthy, "the feed noticing")
            # Both workers meet the outage (mail keeps coming in meanwhile): the account
            # when it checks its lock, the outbox at its next pass.
            await eventually(lambda: account.state == "unavailable", "the account noticing")
            await eventually(lambda: outbox.state == "unavailable", "the outbox noticing")
            mails_during_outage = len(work.mails)
        finally:
            await asyncio.to_thread(pg_server.ensure_running)

        await eventually(
            lambda: (latest := health.latest()) is not None and latest[0] == 200,
            "/health reporting the recovery",
        )
        await eventually(lambda: change_feed.healthy, "the feed reconnected")
        after = [await asyncio.to_thread(work.reply_by_email) for _ in range(2)]
        assert None not in after
        chat_reply = await asyncio.to_thread(work.reply_in_chat, customer)
        await asyncio.sleep(1.0)
        await work.finish()

        await eventually(
            lambda: set(stored_per_message_id(db, work.mails)) == set(work.mails),
            "every appended mail stored",
        )
        replies = reply_message_ids(db, work.email_replies)
        await asyncio.to_thread(smtp_server.wait_for, len(replies), 15)
        await asyncio.sleep(1.0)  # time for a duplicate to show up

        assert len(work.mails) > mails_during_outage > 0
        assert stored_per_message_id(db, work.mails) == Counter(work.mails)
        assert inbound_count(db, "email") == len(work.mails)
        assert sink_message_ids(smtp_server) == Counter(replies)
        assert customer.agent_texts() == [chat_reply]
        said = customer.visitor_texts()
        assert stored_per_text(db, said) == Counter(said)
        # The feed caught up on everything written around the outage, each row once.
        published = await drain(feed)
        with db.read() as session:
            written = [int(r[0]) for r in session.execute(text("SELECT id FROM message")).all()]
        assert sorted(published) == sorted(written)
        # /health: ok, then unavailable with the reason, then ok again with working mail.
        statuses = [status for status, _ in health.answers]
        assert statuses[0] == 200
        down = [body for status, body in health.answers if status == 503]
        assert down
        assert all(b["database"].startswith("unavailable:") for b in down)
        assert any(not b["change_feed"]["healthy"] for b in down)
        mail_down = [b["mail"] for b in down]
        assert any(
            m["support"]["state"] == "unavailable"
            and "cannot reach the database" in m["support"]["last_error"]
            for m in mail_down
        )
        assert any(m["outbox"]["state"] == "unavailable" for m in mail_down)
        assert all(m["support"]["state"] != "standby" for m in mail_down), "no other gateway"
        assert statuses[-1] == 200
        final = health.answers[-1][1]
        assert final["change_feed"]["healthy"] is True
        assert final["mail"]["support"]["state"] in {"waiting", "fetching"}
        assert final["mail"]["support"]["last_error"] is None
        assert final["mail"]["outbox"]["last_error"] is None
    finally:
        work.cancel()
        await health.stop()
        await gateway.stop()
        db.dispose()


async def drain(subscription: Subscription[MessageChange]) -> list[int]:
    """Every message id published to ``subscription`` so far."""
    found: list[int] = []
    while True:
        try:
            batch = await asyncio.wait_for(subscription.get(), 0.5)
        except TimeoutError:
            return found
        assert batch is not None
        found.extend(int(c.message_id) for c in batch)
