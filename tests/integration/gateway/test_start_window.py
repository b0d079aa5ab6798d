"""A reply written while a gateway starts reaches the chat at once, not at the next
safety sweep half a minute later."""

import asyncio
from typing import Any

import aiohttp
import pytest

from omnidesk.config.settings import Settings
from omnidesk.core.entities import Agent
from omnidesk.core.enums import ReplyMode
from omnidesk.core.ids import CaseNumber
from omnidesk.gateway.config import GatewayConfig
from omnidesk.gateway.router import DeliveryRouter
from omnidesk.gateway.server import Gateway
from omnidesk.services.cases import write_on_case
from omnidesk.store.engine import Database
from tests.integration.gateway.conftest import Visitor, eventually


async def test_a_reply_written_during_the_start_sweep_is_delivered_live(
    db: Database,
    settings: Settings,
    config: GatewayConfig,
    online: Agent,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = Gateway(db, settings, config=config)
    await first.start()
    async with aiohttp.ClientSession(base_url=first.url) as http:
        visitor = Visitor(http, first)
        await visitor.connect()
        number = CaseNumber(await visitor.start("Hallo?"))
        await visitor.close()
    await first.stop()

    real_sweep = DeliveryRouter.sweep
    written: list[int] = []

    async def sweep_then_an_agent_replies(router: DeliveryRouter) -> None:
        await real_sweep(router)
        if written:
            return
        # An agent's desktop replies right after the start sweep looked, and the change
        # feed has already published the reply when chat delivery begins to listen.
        reply = await asyncio.to_thread(
            write_on_case, db, number, agent=online, text="mitten im Start", mode=ReplyMode.REPLY
        )
        written.append(int(reply))
        feed: Any = router.state.feed
        await eventually(lambda: feed.cursor >= reply)

    monkeypatch.setattr(DeliveryRouter, "sweep", sweep_then_an_agent_replies)
    second = Gateway(db, settings, config=config)
    await second.start()
    try:
        async with aiohttp.ClientSession(base_url=second.url) as http:
            back = Visitor(http, second)
            await back.connect(token=visitor.token, after=1)
            entry = await back.expect("entry", within=5)
            assert entry["text"] == "mitten im Start"
            await back.close()
    finally:
        await second.stop()
