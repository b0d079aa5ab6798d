"""The simulated parties of the team load benchmark: mail appender, chat visitors, agents.

Each actor records what it did into one :class:`Recorder` from the event loop's thread
(blocking calls run on executors and report back through ``await``), so the recorder
needs no locks. ``bench_team_load.py`` describes what is measured and why.
"""

import asyncio
import functools
import json
import logging
import random
import secrets
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

import aiohttp
from imapclient import IMAPClient

from omnidesk.core.entities import Agent
from omnidesk.core.enums import CaseStatus, ReplyMode
from omnidesk.core.errors import OwnedByOther
from omnidesk.core.ids import CaseNumber, MessageId
from omnidesk.core.views import CaseFilter, CaseSort
from omnidesk.services.cases import claim_case, list_cases, write_on_case
from omnidesk.services.chat import agent_heartbeat
from omnidesk.services.search import search_cases
from omnidesk.store.engine import Database
from tests.benchmarks.gen_mail import GenMessage, generate, to_email
from tests.servers.dovecot import ImapAccount

T = TypeVar("T")

UNASSIGNED = CaseFilter(
    statuses=frozenset({CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING_ON_CUSTOMER}),
    unassigned=True,
    sort=CaseSort.WAITING,
)
PICK_FROM = 10
"""An agent claims one of the ten longest-waiting unassigned cases: 20 agents looking at
the same top of the list is what makes real claim collisions."""
HEARTBEAT_SECONDS = 60.0
"""The chat counts agents as online for three minutes after their desktop's heartbeat."""
CHAT_FIRST = 0.3
"""How often an agent who owns chats answers one of them rather than an email case."""
_REPLIES = (
    "Vielen Dank für Ihre Nachricht, wir kümmern uns sofort darum.",
    "Thanks for getting in touch, I am looking into this for you now.",
    "Ich habe Ihre Bestellung geprüft und melde mich heute noch einmal.",
    "I have checked your order and will get back to you today.",
)


@dataclass
class Recorder:
    """Everything the run measured; written only from the event loop's thread."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: Counter[str] = field(default_factory=Counter)
    claims_won: int = 0
    collisions: int = 0
    appended: dict[str, float] = field(default_factory=dict)
    """Message-ID -> when Dovecot confirmed the APPEND."""
    chat_sent: dict[str, float] = field(default_factory=dict)
    """Visitor marker -> when the visitor sent it."""
    chat_acked: Counter[str] = field(default_factory=Counter)
    chat_replies: dict[str, float] = field(default_factory=dict)
    """Agent marker -> when the agent started writing the chat reply."""
    chat_reply_received: Counter[str] = field(default_factory=Counter)
    replies: list[MessageId] = field(default_factory=list)
    """Every reply the agents wrote (email or chat), by message row id."""
    seen: dict[int, float] = field(default_factory=dict)
    """Message row id -> when the agents' change feed reported it."""
    chat_cases: set[int] = field(default_factory=set)

    def sample(self, operation: str, started: float) -> None:
        self.latencies.setdefault(operation, []).append((time.perf_counter() - started) * 1000)


async def timed(
    recorder: Recorder,
    operation: str,
    executor: ThreadPoolExecutor,
    function: Callable[..., T],
    *args: Any,
    **kwargs: Any,
) -> T:
    """Run a blocking call on ``executor``; its latency counts if it completed as designed.

    ``OwnedByOther`` is a designed outcome (a lost claim), not an error: it is timed too.
    """
    loop = asyncio.get_running_loop()
    started = time.perf_counter()
    try:
        result = await loop.run_in_executor(executor, functools.partial(function, *args, **kwargs))
    except OwnedByOther:
        recorder.sample(operation, started)
        raise
    except Exception as exc:
        recorder.errors[f"{operation}:{type(exc).__name__}"] += 1
        raise
    recorder.sample(operation, started)
    return result


# --- inbound mail --------------------------------------------------------------------------


def inbound_mail(count: int, *, seed: int) -> Iterator[GenMessage]:
    """The first ``count`` customer messages of ``gen_mail`` (agents' and notes skipped)."""
    produced = 0
    # Customers write about half of a generated mailbox; ask for plenty, stop early.
    for message in generate(count * 4 + 100, seed=seed):
        if message.direction != "in":
            continue
        yield message
        produced += 1
        if produced >= count:
            return


async def append_mail(
    recorder: Recorder, imap: ImapAccount, *, count: int, per_minute: float, seed: int
) -> None:
    """APPEND ``count`` generated mails to INBOX at a steady ``per_minute`` rate.

    The schedule is absolute (start + i * interval), so a slow APPEND is caught up on
    rather than lowering the rate. One IMAP connection on one thread: imapclient blocks.
    """
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bench-append")
    loop = asyncio.get_running_loop()
    interval = 60.0 / per_minute
    client: IMAPClient | None = None
    try:
        client = connected = await loop.run_in_executor(executor, imap.connect)
        started = time.perf_counter()
        for index, message in enumerate(inbound_mail(count, seed=seed)):
            delay = started + index * interval - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            raw = to_email(message).as_bytes()
            try:
                await loop.run_in_executor(executor, connected.append, "INBOX", raw)
            except Exception as exc:  # counted; the next message tries again
                recorder.errors[f"append:{type(exc).__name__}"] += 1
                continue
            recorder.appended[message.message_id] = time.perf_counter()
    finally:
        if client is not None:
            await loop.run_in_executor(executor, client.logout)
        executor.shutdown(wait=False)


# --- chat visitors -------------------------------------------------------------------------


async def visitor(
    recorder: Recorder,
    session: aiohttp.ClientSession,
    origin: str,
    *,
    number: int,
    stop: float,
    leave: asyncio.Event,
    seed: int,
) -> None:
    """A chat visitor writing every few seconds until ``stop``; stays until ``leave``.

    Staying connected after the load ends lets the agents' last replies arrive, so the
    audit can demand that every chat reply was delivered.
    """
    rng = random.Random(seed * 1000 + number)
    started = asyncio.Event()
    try:
        async with session.ws_connect("/chat/ws", headers={"Origin": origin}) as ws:
            await ws.send_json({"type": "hello", "token": None, "after": 0})
            await ws.send_json(
                {"type": "start", "token": secrets.token_urlsafe(32),
                 "client_id": secrets.token_hex(8), "text": f"Hallo, hier ist Besucher {number}",
                 "name": f"Besucher {number}"}
            )  # fmt: skip
            reader = asyncio.create_task(_read(recorder, ws, started))
            try:
                await asyncio.wait_for(started.wait(), timeout=30)
                while time.perf_counter() < stop:
                    await asyncio.sleep(rng.uniform(2.0, 4.0))
                    if time.perf_counter() >= stop:
                        break
                    marker = f"v{number}-{secrets.token_hex(4)}"
                    recorder.chat_sent[marker] = time.perf_counter()
                    await ws.send_json(
                        {"type": "send", "client_id": secrets.token_hex(8), "text": marker}
                    )
                await leave.wait()
            finally:
                reader.cancel()
    except (aiohttp.ClientError, TimeoutError) as exc:
        recorder.errors[f"visitor:{type(exc).__name__}"] += 1


async def _read(
    recorder: Recorder, ws: aiohttp.ClientWebSocketResponse, started: asyncio.Event
) -> None:
    async for message in ws:
        if message.type is not aiohttp.WSMsgType.TEXT:
            continue
        now = time.perf_counter()
        frame: dict[str, Any] = json.loads(message.data)
        kind = frame["type"]
        if kind == "started":
            recorder.chat_cases.add(int(frame["conversation"]["case"]))
            started.set()
        elif kind == "entry":
            body = str(frame["text"])
            if frame["from"] == "visitor" and body in recorder.chat_sent:
                recorder.chat_acked[body] += 1
                if recorder.chat_acked[body] == 1:
                    recorder.latencies.setdefault("chat_visitor_ack", []).append(
                        (now - recorder.chat_sent[body]) * 1000
                    )
            elif frame["from"] == "agent":
                marker = body.rsplit(" ", 1)[-1]
                if marker in recorder.chat_replies:
                    recorder.chat_reply_received[marker] += 1
                    if recorder.chat_reply_received[marker] == 1:
                        recorder.latencies.setdefault("chat_agent_to_visitor", []).append(
                            (now - recorder.chat_replies[marker]) * 1000
                        )
        elif kind == "error":
            recorder.errors[f"chat:{frame.get('code')}"] += 1


# --- agents --------------------------------------------------------------------------------


@dataclass
class AgentDesk:
    """One agent's desktop: its own database connection pool and database thread."""

    agent: Agent
    db: Database
    executor: ThreadPoolExecutor
    queries: list[str]
    owned: list[CaseNumber] = field(default_factory=list)


async def agent_loop(
    recorder: Recorder, desk: AgentDesk, *, stop: float, think: float, seed: int
) -> None:
    """Search, claim one of the longest-waiting unassigned cases, reply; think; repeat."""
    rng = random.Random(seed * 7919 + int(desk.agent.id))
    next_heartbeat = 0.0
    while time.perf_counter() < stop:
        await asyncio.sleep(rng.uniform(0.5, 1.5) * think)
        if time.perf_counter() >= stop:
            break
        try:
            if time.perf_counter() >= next_heartbeat:
                await timed(recorder, "heartbeat", desk.executor, agent_heartbeat, desk.db,
                            desk.agent.id)  # fmt: skip
                next_heartbeat = time.perf_counter() + HEARTBEAT_SECONDS
            await timed(recorder, "search", desk.executor, search_cases, desk.db,
                        rng.choice(desk.queries), me=desk.agent.id)  # fmt: skip
            target = await _claim(recorder, desk, rng)
            if target is None:
                target = _own_case(recorder, desk, rng)
            if target is not None:
                await _reply(recorder, desk, target, rng)
        except OwnedByOther:
            recorder.collisions += 1
        except Exception:  # counted by timed(); a desktop carries on after a failed action
            await asyncio.sleep(0.5)


async def _claim(recorder: Recorder, desk: AgentDesk, rng: random.Random) -> CaseNumber | None:
    waiting = await timed(recorder, "list", desk.executor, list_cases, desk.db, UNASSIGNED,
                          limit=PICK_FROM)  # fmt: skip
    if not waiting:
        return None
    number = rng.choice(waiting).number
    try:
        await timed(recorder, "claim", desk.executor, claim_case, desk.db, number, desk.agent)
    except OwnedByOther:
        recorder.collisions += 1
        return None
    recorder.claims_won += 1
    desk.owned.append(number)
    return number


def _own_case(recorder: Recorder, desk: AgentDesk, rng: random.Random) -> CaseNumber | None:
    if not desk.owned:
        return None
    chats = [n for n in desk.owned if n in recorder.chat_cases]
    if chats and rng.random() < CHAT_FIRST:
        return rng.choice(chats)
    return rng.choice(desk.owned)


async def _reply(
    recorder: Recorder, desk: AgentDesk, number: CaseNumber, rng: random.Random
) -> None:
    marker = f"r{int(desk.agent.id)}-{secrets.token_hex(5)}"
    if number in recorder.chat_cases:
        recorder.chat_replies[marker] = time.perf_counter()
    message_id = await timed(
        recorder, "reply", desk.executor, write_on_case, desk.db, number, agent=desk.agent,
        text=f"{rng.choice(_REPLIES)} {marker}", mode=ReplyMode.REPLY,
    )  # fmt: skip
    recorder.replies.append(message_id)


class LogCounter(logging.Handler):
    """Counts warnings and errors the gateway and workers log, keeping the first few."""

    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.counts: Counter[str] = Counter()
        self.first: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.counts[f"{record.levelname.lower()}:{record.name}"] += 1
        if len(self.first) < 5:
            self.first.append(f"{record.name}: {record.getMessage()}"[:300])
