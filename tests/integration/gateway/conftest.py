"""A running gateway on each backend, visitors that speak its WebSocket protocol, agents."""

import asyncio
import base64
import json
import secrets
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from typing import Any

import aiohttp
import pytest
from sqlalchemy import text

from omnidesk.config.settings import Settings
from omnidesk.core.entities import Agent
from omnidesk.gateway.config import GatewayConfig
from omnidesk.gateway.server import Gateway
from omnidesk.services.agents import add_agent
from omnidesk.services.chat import agent_heartbeat
from omnidesk.store.engine import Database

TEAM = "support@team.example"
COUNTED = (
    "support_case",
    "message",
    "customer",
    "customer_identity",
    "attachment",
    "blob",
    "outbox",
    "chat_conversation",
    "chat_entry",
    "gateway_used_nonce",
)


def counts(db: Database) -> dict[str, int]:
    """Rows per table: a refused request must leave every count as it was."""
    with db.read() as session:
        return {
            table: int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())
            for table in COUNTED
        }


def new_token() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode().rstrip("=")


def new_client_id() -> str:
    return secrets.token_hex(8)


@pytest.fixture
def settings() -> Settings:
    return replace(Settings(), team_address=TEAM)


@pytest.fixture
def config() -> GatewayConfig:
    """Port 0 (any free one), no minimum fill time, a short email fallback for tests."""
    return GatewayConfig(
        port=0,
        team_address=TEAM,
        team_name="Example Support",
        form_min_seconds=0,
        email_fallback=timedelta(seconds=1),
        poll_interval=0.02,
        shutdown_timeout=5,
    )


@pytest.fixture
async def gateway(
    db: Database, settings: Settings, config: GatewayConfig
) -> AsyncIterator[Gateway]:
    running = Gateway(db, settings, config=config)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


@pytest.fixture
def anna(db: Database) -> Agent:
    return add_agent(db, name="anna", email="anna@team.example", display_name="Anna Schmidt")


@pytest.fixture
def online(db: Database, anna: Agent) -> Agent:
    """Anna's desktop has checked in: the chat says someone is there."""
    agent_heartbeat(db, anna.id)
    return anna


@pytest.fixture
async def http(gateway: Gateway) -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession(base_url=gateway.url) as session:
        yield session


def origin_of(gateway: Gateway) -> dict[str, str]:
    return {"Origin": gateway.url}


class Visitor:
    """A chat visitor speaking the protocol as chat.js does."""

    def __init__(self, session: aiohttp.ClientSession, gateway: Gateway) -> None:
        self.session = session
        self.gateway = gateway
        self.token = new_token()
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.frames: list[dict[str, Any]] = []

    async def connect(
        self, *, token: str | None = None, after: int = 0, headers: dict[str, str] | None = None
    ) -> dict[str, Any]:
        self.ws = await self.session.ws_connect(
            "/chat/ws?lang=en", headers=headers or origin_of(self.gateway)
        )
        await self.send({"type": "hello", "token": token, "after": after})
        return await self.expect("welcome")

    async def send(self, payload: dict[str, Any]) -> None:
        assert self.ws is not None
        await self.ws.send_str(json.dumps(payload))

    async def receive(self, within: float = 5.0) -> dict[str, Any] | None:
        """The next frame, or None when the socket closed."""
        assert self.ws is not None
        message = await self.ws.receive(timeout=within)
        if message.type is not aiohttp.WSMsgType.TEXT:
            return None
        frame: dict[str, Any] = json.loads(message.data)
        self.frames.append(frame)
        return frame

    async def expect(self, kind: str, within: float = 5.0) -> dict[str, Any]:
        while True:
            frame = await self.receive(within)
            assert frame is not None, f"socket closed while waiting for {kind!r}"
            if frame["type"] == kind:
                return frame

    async def start(self, text: str, *, name: str = "Käthe", email: str | None = None) -> int:
        """Open the chat with a first message; returns the case number."""
        await self.send(
            {
                "type": "start",
                "token": self.token,
                "client_id": new_client_id(),
                "text": text,
                "name": name,
                "email": email or "",
            }
        )
        started = await self.expect("started")
        await self.expect("entry")
        return int(started["conversation"]["case"])

    async def say(self, text: str, client_id: str | None = None) -> dict[str, Any]:
        client_id = client_id or new_client_id()
        await self.send({"type": "send", "client_id": client_id, "text": text})
        while True:
            frame = await self.expect("entry")
            if frame["client_id"] == client_id:
                return frame

    async def closed(self, within: float = 5.0) -> int | None:
        """Wait for the socket to close; its close code."""
        assert self.ws is not None
        while not self.ws.closed:
            message = await self.ws.receive(timeout=within)
            if message.type is aiohttp.WSMsgType.TEXT:
                self.frames.append(json.loads(message.data))
            elif message.type in {
                aiohttp.WSMsgType.CLOSE,
                aiohttp.WSMsgType.CLOSED,
                aiohttp.WSMsgType.CLOSING,
            }:
                break
        return self.ws.close_code

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


@pytest.fixture
async def visitor(http: aiohttp.ClientSession, gateway: Gateway) -> AsyncIterator[Visitor]:
    guest = Visitor(http, gateway)
    yield guest
    await guest.close()


async def eventually(check: Any, within: float = 5.0) -> Any:
    """Poll ``check`` (sync, returns a truthy value when done) until it passes."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        result = await asyncio.to_thread(check)
        if result:
            return result
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"condition not met within {within} s: {check}")
        await asyncio.sleep(0.05)
