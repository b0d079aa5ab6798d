"""The team load benchmark's machinery: set up, run the load, drain, audit, summarize.

:func:`run_load` takes running servers (PostgreSQL database URL, a Dovecot account, an
aiosmtpd sink), so ``bench_team_load.py`` and the pytest smoke test share it. See
``bench_team_load.py`` for what is measured.
"""

import asyncio
import contextlib
import email
import email.policy
import functools
import logging
import os
import statistics
import time
from collections import Counter
from collections.abc import Awaitable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

import aiohttp
from sqlalchemy import text

from omnidesk.channels.email.workers import MailWorkers, Pacing, run_mail_workers
from omnidesk.config.secrets import SecretStore
from omnidesk.config.settings import Settings
from omnidesk.gateway.config import GatewayConfig, Limits
from omnidesk.gateway.server import Gateway
from omnidesk.services.agents import add_agent
from omnidesk.services.chat import agent_heartbeat
from omnidesk.store.change_feed import MessageChange, open_change_feed
from omnidesk.store.engine import Database
from omnidesk.store.migrate import upgrade
from tests.benchmarks.bench_search import queries
from tests.benchmarks.gen_mail import AGENTS
from tests.benchmarks.team_load_actors import (
    AgentDesk,
    LogCounter,
    Recorder,
    agent_loop,
    append_mail,
    inbound_mail,
    visitor,
)
from tests.conftest import MemoryKeyring
from tests.servers.dovecot import ImapAccount
from tests.servers.smtp import SmtpServer

TEAM = "support@omnidesk.example"
ACCOUNT = "support"
# Short intervals: a pass every fraction of a second instead of the production minutes,
# so ingestion and the outbox keep up with the load and drain quickly at the end.
PACING = Pacing(
    idle_seconds=60,
    poll_seconds=0.5,
    first_retry=0.2,
    max_retry=2,
    after_login_failure=30,
    outbox_seconds=0.2,
    standby_seconds=1,
    lease_check_seconds=1,
)
# One loopback address plays every visitor: lift the per-address limits for the run.
LIMITS = Limits(
    chats_per_ip_hour=100_000,
    sockets_per_ip=100_000,
    chat_messages_per_minute=100_000,
    chat_frames_per_10s=100_000,
)
REPORTED = (
    "claim",
    "reply",
    "search",
    "list",
    "chat_visitor_to_agent",
    "chat_agent_to_visitor",
    "chat_visitor_ack",
    "mail_append_to_agent",
)


@dataclass(frozen=True, slots=True)
class LoadOptions:
    seconds: float = 60.0
    agents: int = 20
    visitors: int = 50
    mails_per_minute: float = 1000.0
    seed: int = 1042
    think_seconds: float = 1.0
    """Mean pause between an agent's actions (each action: search, claim, reply)."""
    drain_seconds: float = 120.0
    """How long to wait after the load for ingestion and the outbox to finish."""


@dataclass(frozen=True, slots=True)
class Servers:
    db_url: str
    imap: ImapAccount
    smtp: SmtpServer


def _team(size: int) -> list[tuple[str, str, str]]:
    """gen_mail's agents first (the search queries name some of them), then numbered ones."""
    extra = [(f"agent{n:02d}", f"Agent {n:02d}", f"agent{n:02d}@omnidesk.example")
             for n in range(len(AGENTS) + 1, size + 1)]  # fmt: skip
    return [*AGENTS, *extra][:size]


def summary(samples: list[float]) -> dict[str, float | int]:
    if not samples:
        return {"n": 0}
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "p50": round(statistics.median(ordered), 2),
        "p95": round(p95, 2),
        "max": round(ordered[-1], 2),
    }


def mail_settings(servers: Servers) -> Settings:
    """One IMAP account and the SMTP sink; acknowledgements on, as in production."""
    mail = {
        "accounts": {
            ACCOUNT: {
                "host": servers.imap.host,
                "port": servers.imap.port,
                "user": servers.imap.user,
                "security": "plain",
                "timeout_seconds": 30,
            }
        },
        "smtp": {
            "host": servers.smtp.host,
            "port": servers.smtp.port,
            "user": "",
            "security": "plain",
            "from_address": TEAM,
            "timeout_seconds": 30,
        },
    }
    return replace(Settings(), team_address=TEAM, extra={"mail": mail})


async def run_load(servers: Servers, options: LoadOptions) -> dict[str, Any]:
    """Run the whole benchmark against ``servers``; the result dict holds the audit."""
    admin = Database(servers.db_url)
    upgrade(admin)
    agents = [
        add_agent(admin, name=name, email=address, display_name=display)
        for name, display, address in _team(options.agents)
    ]
    for agent in agents:
        agent_heartbeat(admin, agent.id)  # the chat says someone is there from the start
    settings = mail_settings(servers)
    keyring = SecretStore(backend=MemoryKeyring())
    keyring.set(f"imap:{ACCOUNT}", servers.imap.password)
    logs = LogCounter()
    logging.getLogger().addHandler(logs)
    # The gateway gets a Database of its own, as the separate process it is in production.
    gateway_db = Database(servers.db_url)
    statuses = MailWorkers()
    worker = functools.partial(
        run_mail_workers, gateway_db, settings, keyring, pacing=PACING, workers=statuses
    )
    config = GatewayConfig(
        port=0, team_address=TEAM, team_name="OmniDesk Load", form_min_seconds=0,
        email_fallback=timedelta(minutes=30), poll_interval=0.02, shutdown_timeout=5,
        limits=LIMITS,
    )  # fmt: skip
    gateway = Gateway(gateway_db, settings, config=config, workers=[worker])
    recorder = Recorder()
    desks: list[AgentDesk] = []
    try:
        await gateway.start()
        await _until(lambda: _state(statuses) == "waiting", 30, "the IMAP worker's first pass")
        sample = list(inbound_mail(200, seed=options.seed))
        desks = [
            AgentDesk(
                agent,
                Database(servers.db_url),
                ThreadPoolExecutor(1, thread_name_prefix=f"desk-{agent.name}"),
                queries(sample),
            )
            for agent in agents
        ]
        figures = await _load(recorder, gateway, desks, options, admin, servers)
        drained = await _drain(recorder, admin, options.drain_seconds)
    finally:
        await gateway.stop()
        logging.getLogger().removeHandler(logs)
        for desk in desks:
            desk.executor.shutdown(wait=True)
            desk.db.dispose()
        gateway_db.dispose()
    audit = _audit(recorder, admin, servers)
    delays = _outbox_delays(admin)
    admin.dispose()
    errors = dict(sorted(recorder.errors.items()))
    return {
        "benchmark": "team_load",
        "backend": "postgresql",
        "seconds": options.seconds,
        "agents": options.agents,
        "visitors": options.visitors,
        "mails_per_minute": options.mails_per_minute,
        "think_seconds": options.think_seconds,
        "seed": options.seed,
        **figures,
        "drain_seconds": drained,
        "outbox_queue_to_sent_ms": summary(delays),
        "latency_ms": {name: summary(recorder.latencies.get(name, [])) for name in REPORTED},
        "claims": {"won": recorder.claims_won, "collisions": recorder.collisions},
        "errors": errors,
        "error_total": sum(errors.values()),
        "log_warnings": dict(sorted(logs.counts.items())),
        "log_first": logs.first,
        "audit": audit,
        "cpus": os.cpu_count(),
    }


async def _load(
    recorder: Recorder,
    gateway: Gateway,
    desks: list[AgentDesk],
    options: LoadOptions,
    admin: Database,
    servers: Servers,
) -> dict[str, Any]:
    """Everything at once for ``options.seconds``: mail, chats, agents."""
    # One desktop's change feed: what an agent's screen would be told, and when.
    feed = open_change_feed(admin)
    await feed.start()
    subscription = feed.subscribe()

    async def follow() -> None:
        async for batch in subscription:
            now = time.perf_counter()
            for change in batch:
                if isinstance(change, MessageChange):
                    recorder.seen[int(change.message_id)] = now

    watcher = asyncio.create_task(follow())
    count = round(options.mails_per_minute * options.seconds / 60)
    leave = asyncio.Event()
    started = time.perf_counter()
    stop = started + options.seconds
    outbox_before = len(servers.smtp.messages)
    try:
        connector = aiohttp.TCPConnector(limit=0)
        async with aiohttp.ClientSession(base_url=gateway.url, connector=connector) as http:
            visitors = [
                asyncio.create_task(
                    visitor(
                        recorder,
                        http,
                        gateway.url,
                        number=n,
                        stop=stop,
                        leave=leave,
                        seed=options.seed,
                    )
                )
                for n in range(options.visitors)
            ]
            work: list[Awaitable[None]] = [
                append_mail(recorder, servers.imap, count=count,
                            per_minute=options.mails_per_minute, seed=options.seed),
                *(agent_loop(recorder, desk, stop=stop, think=options.think_seconds,
                             seed=options.seed) for desk in desks),
            ]  # fmt: skip
            await asyncio.gather(*work)
            elapsed = time.perf_counter() - started
            ingested = _count(admin, "SELECT count(*) FROM message WHERE channel = 'email' "
                                     "AND direction = 'in'")  # fmt: skip
            delivered = len(servers.smtp.messages) - outbox_before
            # The agents' last chat replies and the visitors' last acks are on their way.
            with contextlib.suppress(TimeoutError):
                await _until(lambda: _chat_settled(recorder), 15, "chat", on_thread=False)
            leave.set()
            await asyncio.gather(*visitors)
    finally:
        subscription.close()
        watcher.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await watcher
        await feed.close()
    recorder.latencies["chat_visitor_to_agent"] = _visitor_to_agent(recorder, admin)
    recorder.latencies["mail_append_to_agent"] = _mail_to_agent(recorder, admin)
    return {
        "load_seconds": round(elapsed, 2),
        "throughput": {
            "mails_appended": len(recorder.appended),
            "mails_ingested_during_load": ingested,
            "mails_ingested_per_s": round(ingested / elapsed, 2),
            "mails_sent_during_load": delivered,
            "mails_sent_per_s": round(delivered / elapsed, 2),
            "agent_replies": len(recorder.replies),
            "chat_replies": len(recorder.chat_replies),
            "chat_messages_sent": len(recorder.chat_sent),
            "operations_per_s": round(
                sum(len(recorder.latencies.get(op, [])) for op in ("claim", "reply", "search"))
                / elapsed,
                2,
            ),
        },
    }


def _chat_settled(recorder: Recorder) -> bool:
    return all(recorder.chat_acked[m] for m in recorder.chat_sent) and all(
        recorder.chat_reply_received[m] for m in recorder.chat_replies
    )


async def _drain(recorder: Recorder, admin: Database, within: float) -> dict[str, float | None]:
    """Wait until every appended mail is stored and the outbox is empty.

    Returns the seconds after the load until each was true (None: not within ``within``).
    """
    started = time.perf_counter()
    wanted = {_norm(m) for m in recorder.appended}
    finished: dict[str, float | None] = {"inbound": None, "outbox": None}

    def check() -> bool:
        now = round(time.perf_counter() - started, 2)
        if finished["inbound"] is None and wanted <= _stored_ids(admin).keys():
            finished["inbound"] = now
        pending = _count(admin, "SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending')")
        # An acknowledgement is queued with the mail it answers: both must be done.
        if finished["inbound"] is not None and pending == 0:
            finished["outbox"] = now
        return finished["outbox"] is not None

    with contextlib.suppress(TimeoutError):
        await _until(check, within, "ingestion and the outbox to drain")
    return finished


def _audit(recorder: Recorder, admin: Database, servers: Servers) -> dict[str, Any]:
    """Every appended mail stored once; every queued mail sent once; every chat line once."""
    stored = _stored_ids(admin)
    missing = [m for m in recorder.appended if stored.get(_norm(m), 0) == 0]
    duplicated = [m for m in recorder.appended if stored.get(_norm(m), 0) > 1]
    with admin.read() as session:
        rows = session.execute(
            text(
                "SELECT o.message_id, o.state, m.message_id_header FROM outbox o "
                "JOIN message m ON m.id = o.message_id"
            )
        ).all()
    received: Counter[str] = Counter()
    for mail in servers.smtp.messages:
        parsed = email.message_from_bytes(mail.data, policy=email.policy.default)
        received[_norm(str(parsed.get("Message-ID", "")))] += 1
    outbox_ids = {_norm(header or "") for _row, _state, header in rows}
    not_sent = [int(row) for row, state, _header in rows if state != "sent"]
    sent_twice = [h for h in outbox_ids if received[h] > 1]
    never_arrived = [h for h in outbox_ids if received[h] == 0]
    unexpected = [h for h in received if h not in outbox_ids]
    replies_not_queued = _email_replies_without_outbox(admin, recorder)
    chat_lines = _chat_line_counts(admin, recorder)
    visitor_missing = [m for m in recorder.chat_sent if chat_lines.get(m, 0) == 0]
    visitor_twice = [m for m in recorder.chat_sent if chat_lines.get(m, 0) > 1]
    reply_missing = [m for m in recorder.chat_replies if recorder.chat_reply_received[m] == 0]
    reply_twice = [m for m in recorder.chat_replies if recorder.chat_reply_received[m] > 1]
    problems: dict[str, list[Any]] = {
        "inbound_missing": missing,
        "inbound_duplicated": duplicated,
        "outbox_not_sent": not_sent,
        "outbox_sent_twice": sent_twice,
        "outbox_never_arrived": never_arrived,
        "smtp_unexpected": unexpected,
        "agent_replies_not_in_outbox": replies_not_queued,
        "chat_visitor_lines_missing": visitor_missing,
        "chat_visitor_lines_duplicated": visitor_twice,
        "chat_replies_undelivered": reply_missing,
        "chat_replies_delivered_twice": reply_twice,
    }
    return {
        "passed": not any(problems.values()),
        "inbound_appended": len(recorder.appended),
        "inbound_stored_once": len(recorder.appended) - len(missing) - len(duplicated),
        "outbox_rows": len(rows),
        "smtp_received": sum(received.values()),
        "chat_lines": len(recorder.chat_sent),
        "chat_replies": len(recorder.chat_replies),
        **{name: len(found) for name, found in problems.items()},
        # A few examples of whatever went wrong, to start looking from.
        "examples": {name: found[:3] for name, found in problems.items() if found},
    }


def _email_replies_without_outbox(admin: Database, recorder: Recorder) -> list[int]:
    """Agents' replies that went out by email but never got an outbox row."""
    if not recorder.replies:
        return []
    with admin.read() as session:
        rows = session.execute(
            text(
                "SELECT m.id FROM message m LEFT JOIN outbox o ON o.message_id = m.id "
                "WHERE m.channel = 'email' AND m.direction = 'out' "
                "AND m.author_agent_id IS NOT NULL AND o.id IS NULL"
            )
        ).all()
    ours = {int(m) for m in recorder.replies}
    return [int(row) for (row,) in rows if int(row) in ours]


def _outbox_delays(admin: Database) -> list[float]:
    """Queued until the SMTP server accepted it, for every mail the outbox sent."""
    with admin.read() as session:
        rows = session.execute(
            text("SELECT created_at, sent_at FROM outbox WHERE sent_at IS NOT NULL")
        ).all()
    return [(sent - created).total_seconds() * 1000 for created, sent in rows]


def _norm(message_id: str) -> str:
    return message_id.strip().strip("<>").lower()


def _stored_ids(admin: Database) -> dict[str, int]:
    with admin.read() as session:
        rows = session.execute(
            text(
                "SELECT message_id_header, count(*) FROM message WHERE direction = 'in' "
                "AND message_id_header IS NOT NULL GROUP BY message_id_header"
            )
        ).all()
    counts: Counter[str] = Counter()
    for header, n in rows:
        counts[_norm(str(header))] += int(n)
    return dict(counts)


def _chat_line_counts(admin: Database, recorder: Recorder) -> dict[str, int]:
    with admin.read() as session:
        rows = session.execute(
            text(
                "SELECT body_text, count(*) FROM message WHERE channel = 'chat' "
                "AND direction = 'in' GROUP BY body_text"
            )
        ).all()
    return {str(body): int(n) for body, n in rows if body in recorder.chat_sent}


def _visitor_to_agent(recorder: Recorder, admin: Database) -> list[float]:
    """Match the feed's message ids to the markers the visitors sent."""
    with admin.read() as session:
        rows = session.execute(
            text("SELECT id, body_text FROM message WHERE channel = 'chat' AND direction = 'in'")
        ).all()
    return [
        (recorder.seen[int(row)] - recorder.chat_sent[body]) * 1000
        for row, body in rows
        if body in recorder.chat_sent and int(row) in recorder.seen
    ]


def _mail_to_agent(recorder: Recorder, admin: Database) -> list[float]:
    """From Dovecot's APPEND answer to the desktop's feed reporting the stored message."""
    with admin.read() as session:
        rows = session.execute(
            text(
                "SELECT id, message_id_header FROM message WHERE channel = 'email' "
                "AND direction = 'in' AND message_id_header IS NOT NULL"
            )
        ).all()
    appended = {_norm(m): at for m, at in recorder.appended.items()}
    return [
        (recorder.seen[int(row)] - appended[_norm(header)]) * 1000
        for row, header in rows
        if _norm(header) in appended and int(row) in recorder.seen
    ]


def _count(admin: Database, sql: str) -> int:
    with admin.read() as session:
        return int(session.execute(text(sql)).scalar_one())


def _state(statuses: MailWorkers) -> str | None:
    status = statuses.statuses.get(ACCOUNT)
    return status.state if status else None


async def _until(check: Any, within: float, what: str, *, on_thread: bool = True) -> None:
    """Poll ``check`` until true, or TimeoutError.

    A check that queries the database runs on a thread; one that reads the recorder runs
    on the loop, the only thread that writes the recorder.
    """
    deadline = time.perf_counter() + within
    while not (await asyncio.to_thread(check) if on_thread else check()):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{what}: not within {within} s")
        await asyncio.sleep(0.1)
