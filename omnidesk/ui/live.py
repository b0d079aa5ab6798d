"""Live updates for the desktop: what changed on which case, as it commits anywhere.

The change feeds (omnidesk.store.change_feed) run on a thread of their own with their
own asyncio loop, so neither a slow database nor a reconnecting PostgreSQL connection
can make the GUI thread wait. Changes arriving close together are gathered for a few
milliseconds and handed to the GUI thread as one :class:`CaseChanges` (a burst of 200
imported messages repaints the list once, not 200 times).
"""

import asyncio
import contextlib
import logging
import threading
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from omnidesk.core.enums import Direction, EventKind
from omnidesk.store.change_feed import (
    DEFAULT_POLL_INTERVAL,
    ChangeFeed,
    EventChange,
    MessageChange,
    Subscription,
    open_change_feed,
    open_event_feed,
)
from omnidesk.store.engine import Database

log = logging.getLogger(__name__)

GATHER_S = 0.025
"""How long to wait for more changes after the first: well inside the 100 ms budget."""
_HEALTH_EVERY_S = 0.5


@dataclass(frozen=True, slots=True)
class CaseChanges:
    """Cases something happened to since the last batch."""

    case_ids: frozenset[int]
    """Every case with a new message or a new event."""
    customer_wrote: frozenset[int]
    """Cases with a new customer message (chat, mail, form)."""
    new_cases: bool
    """A case was created: lists may gain a row, counts change."""


def gather(batches: list[list[MessageChange] | list[EventChange]]) -> CaseChanges:
    """One :class:`CaseChanges` for everything in ``batches``."""
    case_ids: set[int] = set()
    customer_wrote: set[int] = set()
    new_cases = False
    for batch in batches:
        for change in batch:
            if change.case_id is None:
                continue
            case_ids.add(change.case_id)
            if isinstance(change, MessageChange):
                if change.direction is Direction.IN:
                    customer_wrote.add(change.case_id)
            elif change.event_kind is EventKind.CASE_CREATED:
                new_cases = True
    return CaseChanges(frozenset(case_ids), frozenset(customer_wrote), new_cases)


class LiveUpdates(QObject):
    """Runs the message and event feeds on a thread; emits what changed on the GUI thread."""

    sig_changed = Signal(object)
    """A :class:`CaseChanges`."""
    sig_connected = Signal(bool)
    """False when the database connection behind the feeds is lost, True when it is back."""

    def __init__(
        self,
        db: Database,
        *,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._poll_interval = poll_interval
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self.connected = True
        self.following = False
        """True once every feed has connected (and from then on changes are reported)."""

    def start(self) -> None:
        """Start following; returns once the feeds are watching (changes from now on count)."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="omnidesk-live", daemon=True)
        self._thread.start()
        self._ready.wait(timeout=30)

    def stop(self) -> None:
        thread, loop, stop = self._thread, self._loop, self._stop
        if thread is None or loop is None or stop is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop already ended
            loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=10)
        self._thread = None

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._follow())
        except Exception:  # a bug here must not take the app down; the list still refreshes by hand
            log.exception("live updates stopped")
        finally:
            self._ready.set()
            loop.close()

    async def _follow(self) -> None:
        self._stop = asyncio.Event()
        feeds: list[ChangeFeed[MessageChange] | ChangeFeed[EventChange]] = []
        messages = open_change_feed(self._db, poll_interval=self._poll_interval)
        events = open_event_feed(self._db, poll_interval=self._poll_interval)
        try:
            for feed in (messages, events):
                await feed.start()
                feeds.append(feed)
            inbox: asyncio.Queue[list[MessageChange] | list[EventChange]] = asyncio.Queue()
            readers = [
                asyncio.create_task(_forward(messages.subscribe(), inbox)),
                asyncio.create_task(_forward(events.subscribe(), inbox)),
                asyncio.create_task(self._deliver(inbox)),
                asyncio.create_task(self._watch_health(feeds)),
            ]
            self._ready.set()
            await self._stop.wait()
            for reader in readers:
                reader.cancel()
            await asyncio.gather(*readers, return_exceptions=True)
        finally:
            for feed in feeds:
                await feed.close()

    async def _deliver(
        self, inbox: "asyncio.Queue[list[MessageChange] | list[EventChange]]"
    ) -> None:
        while True:
            batches = [await inbox.get()]
            await asyncio.sleep(GATHER_S)
            while not inbox.empty():
                batches.append(inbox.get_nowait())
            changes = gather(batches)
            if changes.case_ids:
                self.sig_changed.emit(changes)

    async def _watch_health(
        self, feeds: list[ChangeFeed[MessageChange] | ChangeFeed[EventChange]]
    ) -> None:
        while True:
            await asyncio.sleep(_HEALTH_EVERY_S if self.following else _HEALTH_EVERY_S / 10)
            healthy = all(feed.healthy for feed in feeds)
            if not self.following:
                # Feeds connect a moment after start: that is no "connection is back".
                self.following = healthy
                continue
            if healthy != self.connected:
                self.connected = healthy
                self.sig_connected.emit(healthy)


async def _forward(
    subscription: "Subscription[MessageChange] | Subscription[EventChange]",
    inbox: "asyncio.Queue[list[MessageChange] | list[EventChange]]",
) -> None:
    async for batch in subscription:
        inbox.put_nowait(batch)
