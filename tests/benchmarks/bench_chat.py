"""Chat latency on loopback with concurrent visitors, through a real gateway process.

Usage: .venv/bin/python tests/benchmarks/bench_chat.py [--visitors 50] [--seconds 20]
       [--backend sqlite|postgresql] [--poll-ms 25]
Prints one JSON line: {"benchmark": "chat", "change_feed": ..., "visitor_to_agent_ms":
{"median": ..., "p95": ...}, "agent_to_visitor_ms": {...}, ...}.

What is measured, on one machine (2 cores here), the gateway in its own process:

* ``visitor_to_agent_ms``: a visitor's WebSocket send until an agent's subscription (a
  change feed in this process, as a desktop would hold) reports the stored message.
* ``agent_to_visitor_ms``: an agent's reply (``write_on_case``, the desktop's call, in a
  worker thread) until the visitor's socket receives it. The gateway notices the reply
  through its change feed: ``sqlite-poll`` (every ``--poll-ms``, default 10) or
  ``postgresql-notify``.
* ``visitor_ack_ms``: send until the gateway returns the stored message to the visitor.

Visitors send about one message a second each; agents answer about ten times a second
across the conversations. ``--backend postgresql`` starts a throwaway cluster (needs the
PostgreSQL server binaries, see tests/servers/postgres.py).
"""

import argparse
import asyncio
import functools
import json
import os
import random
import secrets
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import text

from omnidesk.core.enums import ReplyMode
from omnidesk.core.ids import CaseNumber
from omnidesk.services.agents import add_agent
from omnidesk.services.cases import write_on_case
from omnidesk.services.chat import agent_heartbeat
from omnidesk.store.change_feed import open_change_feed
from omnidesk.store.engine import Database
from omnidesk.store.migrate import upgrade
from tests.benchmarks.latency import summary, throwaway_database

TARGET_P95_MS = 50.0


def _settings(folder: Path, poll_ms: int) -> None:
    # One loopback address plays all visitors: lift the per-address limits for the run.
    (folder / "settings.toml").write_text(
        "[gateway]\n"
        f"poll_interval_ms = {poll_ms}\n"
        "[gateway.limits]\n"
        "chats_per_ip_hour = 100000\nsockets_per_ip = 100000\n"
        "chat_messages_per_minute = 100000\nchat_frames_per_10s = 100000\n",
        encoding="utf-8",
    )


class Run:
    def __init__(self, db: Database, url: str, visitors: int, seconds: float) -> None:
        self.db = db
        self.url = url
        self.visitors = visitors
        self.seconds = seconds
        self.sent: dict[str, float] = {}  # marker -> when the visitor sent it
        self.acked: list[float] = []
        self.replies: dict[str, float] = {}  # marker -> when the agent started writing
        self.to_visitor: list[float] = []
        self.seen_ids: dict[int, float] = {}  # message id -> when the agent's feed saw it
        self.cases: list[int] = []

    async def visitor(self, session: aiohttp.ClientSession, number: int, stop: float) -> None:
        token = secrets.token_urlsafe(32)
        async with session.ws_connect("/chat/ws", headers={"Origin": self.url}) as ws:
            await ws.send_json({"type": "hello", "token": None, "after": 0})
            await ws.send_json(
                {"type": "start", "token": token, "client_id": secrets.token_hex(8),
                 "text": f"visitor {number} starts", "name": f"Visitor {number}"}
            )  # fmt: skip
            reader = asyncio.create_task(self._read(ws))
            rng = random.Random(number)
            while time.perf_counter() < stop:
                await asyncio.sleep(rng.uniform(0.5, 1.5))
                marker = f"m{number}-{secrets.token_hex(4)}"
                self.sent[marker] = time.perf_counter()
                await ws.send_json(
                    {"type": "send", "client_id": secrets.token_hex(8), "text": marker}
                )
            await asyncio.sleep(1.0)
            reader.cancel()

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for message in ws:
            now = time.perf_counter()
            frame: dict[str, Any] = json.loads(message.data)
            if frame["type"] == "started":
                self.cases.append(int(frame["conversation"]["case"]))
            elif frame["type"] == "entry":
                body = frame["text"]
                if frame["from"] == "visitor" and body in self.sent:
                    self.acked.append((now - self.sent[body]) * 1000)
                elif frame["from"] == "agent" and body in self.replies:
                    self.to_visitor.append((now - self.replies[body]) * 1000)

    async def agent(self, stop: float, agent: Any) -> None:
        rng = random.Random(7)
        loop = asyncio.get_running_loop()
        while time.perf_counter() < stop:
            await asyncio.sleep(0.1)
            if not self.cases:
                continue
            number = CaseNumber(rng.choice(self.cases))
            marker = f"reply-{secrets.token_hex(4)}"
            self.replies[marker] = time.perf_counter()
            await loop.run_in_executor(
                None,
                functools.partial(
                    write_on_case, self.db, number, agent=agent, text=marker, mode=ReplyMode.REPLY
                ),
            )

    def visitor_to_agent(self) -> list[float]:
        """Match the feed's message ids to the markers the visitors sent."""
        with self.db.read() as session:
            rows = session.execute(
                text("SELECT id, body_text FROM message WHERE channel = 'chat'")
            ).all()
        found = []
        for message_id, body in rows:
            if body in self.sent and message_id in self.seen_ids:
                found.append((self.seen_ids[message_id] - self.sent[body]) * 1000)
        return found


async def _measure(db: Database, url: str, args: argparse.Namespace, agent: Any) -> dict[str, Any]:
    feed = open_change_feed(db, poll_interval=args.poll_ms / 1000)
    await feed.start()
    subscription = feed.subscribe()
    run = Run(db, url, args.visitors, args.seconds)

    async def follow() -> None:
        async for batch in subscription:
            now = time.perf_counter()
            for change in batch:
                run.seen_ids[int(change.message_id)] = now

    watcher = asyncio.create_task(follow())
    stop = time.perf_counter() + args.seconds
    connector = aiohttp.TCPConnector(limit=0)
    async with aiohttp.ClientSession(base_url=url, connector=connector) as session:
        await asyncio.gather(
            *(run.visitor(session, n, stop) for n in range(args.visitors)), run.agent(stop, agent)
        )
    subscription.close()
    watcher.cancel()
    with suppress(asyncio.CancelledError):
        await watcher
    mechanism = feed.mechanism
    await feed.close()
    to_agent = summary(run.visitor_to_agent())
    to_visitor = summary(run.to_visitor)
    return {
        "benchmark": "chat",
        "backend": db.backend,
        "change_feed": mechanism,
        "poll_interval_ms": args.poll_ms if mechanism == "sqlite-poll" else None,
        "visitors": args.visitors,
        "seconds": args.seconds,
        "visitor_to_agent_ms": to_agent,
        "agent_to_visitor_ms": to_visitor,
        "visitor_ack_ms": summary(run.acked),
        "target_p95_ms": TARGET_P95_MS,
        "target_met": all(
            isinstance(s.get("p95"), float | int) and float(s["p95"]) < TARGET_P95_MS
            for s in (to_agent, to_visitor)
        ),
        "cpus": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--visitors", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--poll-ms", type=int, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="omnidesk-bench-chat-"))
    with throwaway_database(args.backend, folder, "bench") as db_url:
        db = Database(db_url)
        upgrade(db)
        agent = add_agent(db, name="anna", email="anna@team.example", display_name="Anna")
        agent_heartbeat(db, agent.id)
        _settings(folder, args.poll_ms)
        gateway = subprocess.Popen(
            [sys.executable, "-m", "omnidesk", "--data-dir", str(folder), "--db", db_url,
             "gateway", "--http", "127.0.0.1:0"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
        )  # fmt: skip
        try:
            line = gateway.stdout.readline() if gateway.stdout else ""
            if "gateway on" not in line:
                raise SystemExit(f"the gateway did not start: {line!r}")
            url = line.split()[3].rstrip(":")
            result = asyncio.run(_measure(db, url, args, agent))
        finally:
            gateway.terminate()
            gateway.wait(timeout=30)
            db.dispose()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
