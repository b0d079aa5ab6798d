"""Graceful shutdown: open chats are told to reconnect, and a message in flight is
neither lost nor stored twice when the visitor comes back."""

import asyncio

import aiohttp
from sqlalchemy import text

from omnidesk.gateway.server import Gateway
from tests.integration.gateway.conftest import Visitor, new_client_id


def stored(db, body: str) -> int:
    with db.read() as session:
        return int(
            session.execute(
                text("SELECT count(*) FROM message WHERE body_text = :b"), {"b": body}
            ).scalar_one()
        )


async def test_shutdown_asks_chats_to_reconnect_and_loses_nothing(db, settings, config, online):
    first = Gateway(db, settings, config=config)
    await first.start()
    async with aiohttp.ClientSession(base_url=first.url) as http:
        visitor = Visitor(http, first)
        await visitor.connect()
        await visitor.start("before the restart")
        client_id = new_client_id()
        await visitor.send({"type": "send", "client_id": client_id, "text": "in flight"})
        stopping = asyncio.create_task(first.stop())
        close_code = await visitor.closed(within=10)
        await stopping
    assert close_code == 1012
    reconnect = [f for f in visitor.frames if f["type"] == "reconnect"]
    assert reconnect
    assert reconnect[0]["after_ms"] > 0
    seen = max((f["seq"] for f in visitor.frames if f["type"] == "entry"), default=0)

    second = Gateway(db, settings, config=config)
    await second.start()
    try:
        async with aiohttp.ClientSession(base_url=second.url) as http:
            back = Visitor(http, second)
            back.token = visitor.token
            await back.connect(token=visitor.token, after=seen)
            # The page resends what it never saw acknowledged, with the same id.
            entry = await back.say("in flight", client_id=client_id)
            assert entry["text"] == "in flight"
            await back.close()
    finally:
        await second.stop()
    assert stored(db, "in flight") == 1


async def test_health_says_unavailable_while_stopping(db, settings, config):
    gateway = Gateway(db, settings, config=config)
    await gateway.start()
    assert gateway.state is not None
    gateway.state.shutting_down = True
    async with aiohttp.ClientSession(base_url=gateway.url) as http, http.get("/health") as response:
        assert response.status == 503
    await gateway.stop()
