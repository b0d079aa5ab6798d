"""Who is connected to which conversation, and publishing entries to them in order.

A notification ("conversation 7 has entries up to 12") is only a wake-up: the room
reads what its members lack from the database, in sequence order, under one lock per
room. So two entries that were stored by different tasks can never overtake each
other on the way to the browser, and a member that joined with ``after=N`` receives
each later entry exactly once.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any, Protocol

from omnidesk.core.enums import Direction
from omnidesk.store.chat import EntryView

log = logging.getLogger(__name__)

SEND_TIMEOUT = 5.0
"""A browser that cannot take a message within this long is dropped (it reconnects)."""

Fetch = Callable[[int, int], Awaitable[list[EntryView]]]


class Member(Protocol):
    """One visitor's socket (a conversation may be open in several tabs)."""

    conversation_id: int
    sent_seq: int
    visible: bool

    async def send(self, payload: dict[str, Any]) -> None: ...

    async def drop(self) -> None: ...


def entry_payload(entry: EntryView) -> dict[str, Any]:
    agent = entry.direction is Direction.OUT
    return {
        "type": "entry",
        "seq": entry.seq,
        "from": "agent" if agent else "visitor",
        "author": entry.author,
        "text": entry.text,
        "at": entry.created_at.astimezone(UTC).isoformat(),
        "channel": entry.channel.value,
        "client_id": entry.client_id,
    }


@dataclass
class _Room:
    members: set[Member] = field(default_factory=set)
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class ChatHub:
    def __init__(self, fetch: Fetch) -> None:
        self._fetch = fetch
        self._rooms: dict[int, _Room] = {}

    @property
    def connections(self) -> int:
        return sum(len(r.members) for r in self._rooms.values())

    @property
    def conversations(self) -> list[int]:
        return list(self._rooms)

    def connected(self, conversation_id: int) -> bool:
        room = self._rooms.get(conversation_id)
        return bool(room and room.members)

    def visible(self, conversation_id: int) -> bool:
        room = self._rooms.get(conversation_id)
        return bool(room and any(m.visible for m in room.members))

    async def join(self, member: Member, after: int) -> None:
        """Send the member everything after ``after``, then keep it current."""
        room = self._rooms.setdefault(member.conversation_id, _Room())
        async with room.lock:
            member.sent_seq = after
            await self._send_entries(member, await self._fetch(member.conversation_id, after))
            room.members.add(member)

    def leave(self, member: Member) -> None:
        room = self._rooms.get(member.conversation_id)
        if room is None:
            return
        room.members.discard(member)
        if not room.members and not room.lock.locked():
            del self._rooms[member.conversation_id]

    async def publish(
        self, conversation_id: int, up_to: int, known: EntryView | None = None
    ) -> None:
        """Bring every member of the conversation up to entry ``up_to``."""
        room = self._rooms.get(conversation_id)
        if room is None:
            return
        async with room.lock:
            members = list(room.members)
            if not members:
                self._rooms.pop(conversation_id, None)
                return
            lowest = min(m.sent_seq for m in members)
            if up_to <= lowest:
                return
            if known is not None and known.seq == up_to == lowest + 1:
                entries = [known]  # the common case: no need to read back what we just wrote
            else:
                entries = await self._fetch(conversation_id, lowest)
            for member in members:
                await self._send_entries(member, entries)

    async def broadcast(
        self, conversation_id: int, payload: dict[str, Any], *, skip: Member | None = None
    ) -> None:
        room = self._rooms.get(conversation_id)
        for member in list(room.members if room else ()):
            if member is not skip:
                await self._send(member, payload)

    async def close_all(self, payload: dict[str, Any]) -> None:
        """Tell every visitor (e.g. to reconnect, at shutdown) and drop the sockets."""
        members = [m for r in self._rooms.values() for m in r.members]
        await asyncio.gather(*(self._send(m, payload) for m in members))
        await asyncio.gather(*(m.drop() for m in members), return_exceptions=True)

    async def _send_entries(self, member: Member, entries: list[EntryView]) -> None:
        for entry in entries:
            if entry.seq > member.sent_seq:
                if not await self._send(member, entry_payload(entry)):
                    return
                member.sent_seq = entry.seq

    async def _send(self, member: Member, payload: dict[str, Any]) -> bool:
        try:
            await asyncio.wait_for(member.send(payload), SEND_TIMEOUT)
        except (ConnectionError, TimeoutError, RuntimeError) as exc:
            log.info("chat: dropping a visitor socket that cannot keep up (%s)", exc)
            with contextlib.suppress(Exception):
                await member.drop()
            return False
        return True
