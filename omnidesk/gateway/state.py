"""What every request handler of one gateway shares: database, settings, hub, limits."""

import asyncio
import functools
import time
from collections import Counter
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

from aiohttp import web

from omnidesk.gateway.chat_hub import ChatHub
from omnidesk.gateway.config import GatewayConfig
from omnidesk.gateway.ratelimit import RateLimit
from omnidesk.services import chat
from omnidesk.services.ingest_email import IngestPolicy
from omnidesk.store.change_feed import ChangeFeed, MessageChange
from omnidesk.store.chat import EntryView
from omnidesk.store.engine import Database

P = ParamSpec("P")
T = TypeVar("T")

_AGENTS_CACHE_SECONDS = 10.0


@dataclass
class Limiters:
    forms_per_ip: RateLimit
    forms_per_address: RateLimit
    chats_per_ip: RateLimit
    chat_messages: RateLimit
    transcript_mails: RateLimit

    @classmethod
    def from_config(cls, config: GatewayConfig) -> "Limiters":
        limits = config.limits
        return cls(
            forms_per_ip=RateLimit(limits.forms_per_ip_hour, 3600),
            forms_per_address=RateLimit(limits.forms_per_address_hour, 3600),
            chats_per_ip=RateLimit(limits.chats_per_ip_hour, 3600),
            chat_messages=RateLimit(limits.chat_messages_per_minute, 60),
            transcript_mails=RateLimit(limits.transcript_mails_per_hour, 3600),
        )


@dataclass
class GatewayState:
    db: Database
    config: GatewayConfig
    executor: ThreadPoolExecutor
    form_key: bytes = b""
    policy: IngestPolicy = field(default_factory=IngestPolicy)
    """Reopen and subject-threading rules for the form: the same as for mail."""
    feed: ChangeFeed[MessageChange] | None = None
    limiters: Limiters = field(init=False)
    hub: ChatHub = field(init=False)
    sockets_per_ip: Counter[str] = field(default_factory=Counter)
    mail_status: Callable[[], Mapping[str, Any]] | None = None
    started: float = field(default_factory=time.time)
    shutting_down: bool = False
    typing: dict[int, float] = field(default_factory=dict)
    """Conversations whose visitor is typing, since when (for a desktop in this process)."""
    _agents: tuple[float, bool] = (0.0, False)

    def __post_init__(self) -> None:
        self.limiters = Limiters.from_config(self.config)
        self.hub = ChatHub(self.fetch_entries)

    async def run_db(self, function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Run a blocking database call on the gateway's database threads."""
        call = functools.partial(function, *args, **kwargs)
        return await asyncio.get_running_loop().run_in_executor(self.executor, call)

    async def fetch_entries(self, conversation_id: int, after: int) -> list[EntryView]:
        return await self.run_db(chat.entries_after, self.db, conversation_id, after)

    async def agents_online(self) -> bool:
        """Whether an agent's desktop checked in recently (cached for a few seconds)."""
        checked, online = self._agents
        if time.monotonic() - checked > _AGENTS_CACHE_SECONDS:
            online = await self.run_db(
                chat.agents_online, self.db, within=self.config.agents_online_window
            )
            self._agents = (time.monotonic(), online)
        return online

    def visitor_typing(self, conversation_id: int, active: bool) -> None:
        if active:
            self.typing[conversation_id] = time.monotonic()
        else:
            self.typing.pop(conversation_id, None)

    def forget_agents(self) -> None:
        self._agents = (0.0, False)


STATE: web.AppKey[GatewayState] = web.AppKey("omnidesk_gateway", GatewayState)
