"""Parts for the fault tests: a gateway as a real process, chat customers that behave like
chat.js (reconnect, resend what was not acknowledged), and read-outs of what was stored."""

import asyncio
import base64
import json
import os
import secrets
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import make_msgid
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import tomli_w
from sqlalchemy import text

from omnidesk.store.engine import Database
from tests.servers.dovecot import ImapAccount
from tests.servers.smtp import SmtpServer

TEAM = "support@team.example"
REPO = Path(__file__).resolve().parents[3]
T = TypeVar("T")


def customer_mail(number: int) -> tuple[str, bytes]:
    """A customer's mail with a unique Message-ID; returns (Message-ID, raw bytes)."""
    message_id = make_msgid(domain="kunde.example")
    lines = [
        f"From: Kunde {number} <kunde{number}@kunde.example>",
        f"To: {TEAM}",
        f"Subject: Frage {number}",
        f"Message-ID: {message_id}",
        "Date: Tue, 24 Nov 2026 09:30:00 +0100",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
    ]
    body = f"Hallo, das ist Frage Nummer {number}."
    return message_id, ("\r\n".join(lines) + "\r\n\r\n" + body + "\r\n").encode()


def write_settings(data_dir: Path, *, imap: ImapAccount, smtp: SmtpServer, http_port: int) -> None:
    """A settings file for one IMAP account and the SMTP sink; passwords are not in it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = settings_table(imap=imap, smtp=smtp)
    settings["gateway"] = {"http": f"127.0.0.1:{http_port}"}
    (data_dir / "settings.toml").write_text(tomli_w.dumps(settings), encoding="utf-8")


def settings_table(*, imap: ImapAccount, smtp: SmtpServer) -> dict[str, Any]:
    """The settings (as in the TOML file) for one IMAP account and the SMTP sink."""
    return {
        "team_address": TEAM,
        # Only the agents' replies go out, so the SMTP sink can be counted exactly.
        "acknowledge_email": False,
        "mail": {
            "accounts": {"support": imap.settings()},
            "smtp": {
                "host": smtp.host,
                "port": smtp.port,
                "user": "",
                "security": "plain",
                "from_address": TEAM,
                "timeout_seconds": 10,
            },
        },
    }


class GatewayProcess:
    """``omnidesk gateway`` as a separate process, reading its secrets the way a container does.

    A child process cannot see the test's in-memory keyring, so the IMAP password is given
    through the product's own read-only file backend
    (``omnidesk.config.container_secrets.ContainerSecrets``, selected by
    ``PYTHON_KEYRING_BACKEND``): one file per secret in a private folder.
    """

    def __init__(self, *, data_dir: Path, secrets_dir: Path, db_url: str, port: int) -> None:
        self.data_dir = data_dir
        self.secrets_dir = secrets_dir
        self.db_url = db_url
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.runs = 0

    def start(self) -> None:
        self.runs += 1
        log = (self.data_dir / f"gateway-{self.runs}.log").open("wb")
        env = dict(
            os.environ,
            PYTHONUNBUFFERED="1",
            PYTHON_KEYRING_BACKEND="omnidesk.config.container_secrets.ContainerSecrets",
            OMNIDESK_SECRETS_DIR=str(self.secrets_dir),
        )
        command = [sys.executable, "-m", "omnidesk", "--data-dir", str(self.data_dir)]
        command += ["--db", self.db_url, "gateway", "--http", f"127.0.0.1:{self.port}"]
        # The log file is read by the test, never a pipe: a full pipe would stall the gateway.
        self.process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=log)
        log.close()

    def log_tail(self, lines: int = 30) -> str:
        path = self.data_dir / f"gateway-{self.runs}.log"
        text = path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    async def health(self) -> dict[str, Any] | None:
        """The /health answer (200 or 503), or None while nothing listens."""
        try:
            async with (
                aiohttp.ClientSession() as http,
                http.get(f"{self.url}/health", timeout=aiohttp.ClientTimeout(total=5)) as r,
            ):
                body: dict[str, Any] = await r.json()
                return body
        except (aiohttp.ClientError, TimeoutError):
            return None

    async def wait_healthy(self, within: float = 60.0) -> dict[str, Any]:
        """Until /health says ok and the IMAP account waits for mail (its first pass is done)."""
        deadline = time.monotonic() + within
        while True:
            assert self.process is not None
            if self.process.poll() is not None:
                raise AssertionError(f"the gateway exited early:\n{self.log_tail()}")
            health = await self.health()
            mail = (health or {}).get("mail") or {}
            if (
                health
                and health["status"] == "ok"
                and mail.get("support", {}).get("state") == "waiting"
                and mail.get("outbox", {}).get("passes", 0) >= 1
            ):
                return health
            if time.monotonic() > deadline:
                raise AssertionError(f"gateway not ready: {health}\n{self.log_tail()}")
            await asyncio.sleep(0.05)

    def kill(self) -> None:
        """SIGKILL: no shutdown code runs, sockets and transactions are cut where they are."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> int:
        """SIGTERM (graceful); the exit code."""
        process = self.process
        if process is None or process.poll() is not None:
            return process.returncode if process else 0
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise


def new_token() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")


class Dropped(Exception):
    """The chat socket closed (the gateway died or restarted)."""


@dataclass
class ChatCustomer:
    """A visitor who keeps chatting through outages, as the chat widget does.

    It reconnects with the token and the highest sequence number it has seen, and sends
    an unacknowledged message again with the same client id until the gateway
    acknowledges it. Every entry frame received, over all connections, is kept.
    """

    url: str
    name: str
    every: float = 0.8
    limit: int | None = None
    """Send this many messages after the first, then only listen."""
    token: str = field(default_factory=new_token)
    case: int | None = None
    last_seq: int = 0
    received: list[dict[str, Any]] = field(default_factory=list)
    acknowledged: dict[str, str] = field(default_factory=dict)
    """client id -> text of every message the gateway acknowledged."""
    connections: int = 0
    _pending: tuple[str, str] | None = None
    _count: int = 0

    def agent_texts(self) -> list[str]:
        return [e["text"] for e in self.received if e["from"] == "agent"]

    def visitor_texts(self) -> list[str]:
        return list(self.acknowledged.values())

    async def run(self, stop: asyncio.Event) -> None:
        """Chat until ``stop`` is set and the last message is acknowledged."""
        async with aiohttp.ClientSession() as http:
            while True:
                try:
                    async with http.ws_connect(
                        f"{self.url}/chat/ws?lang=en", headers={"Origin": self.url}
                    ) as ws:
                        self.connections += 1
                        await self._greet(ws)
                        while True:
                            if self._pending is None:
                                if stop.is_set():
                                    return
                                if self.limit is not None and self._count >= self.limit:
                                    await self._listen(ws, 0.2)
                                    continue
                                self._count += 1
                                text = f"{self.name}: Nachricht {self._count}"
                                self._pending = (secrets.token_hex(8), text)
                            await self._send_pending(ws)
                            await self._listen(ws, self.every)
                except (aiohttp.ClientError, ConnectionError, Dropped, TimeoutError):
                    await asyncio.sleep(0.2)

    async def _greet(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        token = self.token if self.case is not None else None
        await ws.send_json({"type": "hello", "token": token, "after": self.last_seq})
        welcome = await self._expect(ws, "welcome")
        if welcome["conversation"] is not None:
            return
        # A first message that was never acknowledged opens the chat (once: by token).
        self._pending = self._pending or (secrets.token_hex(8), f"{self.name}: Hallo?")
        client_id, text = self._pending
        start = {"type": "start", "token": self.token, "client_id": client_id}
        await ws.send_json({**start, "text": text, "name": self.name, "email": ""})
        started = await self._expect(ws, "started")
        self.case = int(started["conversation"]["case"])
        self.acknowledged[client_id] = text
        self._pending = None

    async def _send_pending(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        assert self._pending is not None
        client_id, text = self._pending
        if client_id not in self.acknowledged:
            await ws.send_json({"type": "send", "client_id": client_id, "text": text})
        deadline = time.monotonic() + 10
        while client_id not in self.acknowledged:
            frame = await self._frame(ws, max(deadline - time.monotonic(), 0.01))
            if frame is None:
                raise Dropped("no acknowledgement within 10 s")
            if frame["type"] == "error" and frame.get("client_id") == client_id:
                # Refused for now (too fast, or the database is away): wait and send again.
                await asyncio.sleep(float(frame.get("retry_after", 0.5)))
                await ws.send_json({"type": "send", "client_id": client_id, "text": text})
        self._pending = None

    async def _listen(self, ws: aiohttp.ClientWebSocketResponse, seconds: float) -> None:
        """Take frames for ``seconds``."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            await self._frame(ws, left)

    async def _expect(self, ws: aiohttp.ClientWebSocketResponse, kind: str) -> dict[str, Any]:
        while True:
            frame = await self._frame(ws, 10)
            if frame is None:
                raise Dropped(f"no {kind!r} within 10 s")
            if frame["type"] == kind:
                return frame
            if frame["type"] == "error":
                raise Dropped(f"refused: {frame}")

    async def _frame(
        self, ws: aiohttp.ClientWebSocketResponse, within: float
    ) -> dict[str, Any] | None:
        """The next frame (entries are recorded), None on timeout; Dropped when closed."""
        try:
            message = await ws.receive(timeout=within)
        except TimeoutError:
            return None
        if message.type is not aiohttp.WSMsgType.TEXT:
            raise Dropped(f"socket closed ({message.type.name})")
        frame: dict[str, Any] = json.loads(message.data)
        if frame["type"] == "entry":
            self.received.append(frame)
            self.last_seq = max(self.last_seq, int(frame["seq"]))
            if frame.get("client_id") and frame["from"] == "visitor":
                pending = self._pending
                if pending is not None and pending[0] == frame["client_id"]:
                    self.acknowledged[pending[0]] = pending[1]
        return frame


async def transcript(url: str, token: str, expected: int) -> list[dict[str, Any]]:
    """A fresh page load (after=0): the whole conversation, ``expected`` entries long."""
    async with (
        aiohttp.ClientSession() as http,
        http.ws_connect(f"{url}/chat/ws?lang=en", headers={"Origin": url}) as ws,
    ):
        await ws.send_json({"type": "hello", "token": token, "after": 0})
        entries: list[dict[str, Any]] = []
        while len(entries) < expected:
            frame = json.loads((await ws.receive(timeout=10)).data)
            if frame["type"] == "entry":
                entries.append(frame)
        extra = await _more_frames(ws, 0.5)
        return entries + [f for f in extra if f["type"] == "entry"]


async def _more_frames(ws: aiohttp.ClientWebSocketResponse, seconds: float) -> list[dict[str, Any]]:
    frames: list[dict[str, Any]] = []
    try:
        while True:
            message = await ws.receive(timeout=seconds)
            if message.type is not aiohttp.WSMsgType.TEXT:
                return frames
            frames.append(json.loads(message.data))
    except TimeoutError:
        return frames


def stored_per_message_id(db: Database, message_ids: list[str]) -> Counter[str]:
    """How many stored messages carry each of ``message_ids``."""
    with db.read() as session:
        rows = session.execute(
            text("SELECT message_id_header FROM message WHERE message_id_header = ANY(:ids)"),
            {"ids": message_ids},
        ).all()
    return Counter(str(r[0]) for r in rows)


def stored_per_text(db: Database, texts: list[str]) -> Counter[str]:
    with db.read() as session:
        rows = session.execute(
            text("SELECT body_text FROM message WHERE body_text = ANY(:texts)"), {"texts": texts}
        ).all()
    return Counter(str(r[0]) for r in rows)


def inbound_count(db: Database, channel: str) -> int:
    with db.read() as session:
        return int(
            session.execute(
                text("SELECT count(*) FROM message WHERE direction = 'in' AND channel = :c"),
                {"c": channel},
            ).scalar_one()
        )


def email_cases(db: Database) -> dict[str, int]:
    """Message-ID of each case's first inbound mail -> case number."""
    with db.read() as session:
        rows = session.execute(
            text(
                "SELECT m.message_id_header, c.number FROM message m "
                "JOIN support_case c ON c.id = m.case_id "
                "WHERE m.direction = 'in' AND m.channel = 'email'"
            )
        ).all()
    return {str(mid): int(number) for mid, number in rows}


def reply_message_ids(db: Database, ids: list[int]) -> list[str]:
    with db.read() as session:
        rows = session.execute(
            text("SELECT message_id_header FROM message WHERE id = ANY(:ids)"), {"ids": ids}
        ).all()
    return [str(r[0]) for r in rows]


def sink_message_ids(smtp: SmtpServer) -> Counter[str]:
    return Counter(str(m.parsed()["Message-ID"]) for m in smtp.messages)


async def eventually(
    check: Callable[[], T],
    what: str,
    within: float = 30.0,
    detail: Callable[[], str] | None = None,
    done: Callable[[T], bool] = bool,
) -> None:
    """Poll the blocking ``check`` until ``done`` with its result; fail saying ``what``
    was awaited (and the last result, unless it is a plain truth value)."""
    deadline = time.monotonic() + within
    while not done(result := await asyncio.to_thread(check)):
        if time.monotonic() > deadline:
            last = "" if isinstance(result, bool) else f" (last: {result!r})"
            more = f"\n{detail()}" if detail else ""
            raise AssertionError(f"not within {within:.0f} s: {what}{last}{more}")
        await asyncio.sleep(0.1)
