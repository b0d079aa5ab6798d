"""The change feed: tells subscribers about every new message, whichever process wrote it.

The desktop, the CLI and the gateway share nothing but the database, so the database
must say what changed:

* **PostgreSQL**: ``LISTEN omnidesk_message``. A trigger (migration 0004) sends a
  ``NOTIFY`` with the new message's id, case, channel and direction inside the writing
  transaction; it arrives at commit, in commit order, about a millisecond later. After a
  lost connection the feed reconnects and reads what it missed from the table.
* **SQLite**: a poll. One connection asks ``PRAGMA data_version`` every ``poll_interval``
  (a few microseconds: it changes only when another connection committed) and only then
  reads ``message`` rows past its cursor by primary key. SQLite runs one writer at a time,
  so ids commit in order and a cursor cannot skip a row. A writer in the same process can
  :meth:`ChangeFeed.poke` the feed to look at once instead of at the next tick.

Subscribers get batches of :class:`MessageChange`; each gets every batch published
after it subscribed. A later team-mode issue extends the feed to case changes.
"""

import asyncio
import contextlib
import json
import logging
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import psycopg
from sqlalchemy import text

from omnidesk.core.enums import Channel, Direction
from omnidesk.core.ids import CaseId, MessageId
from omnidesk.store.engine import Database

log = logging.getLogger(__name__)

NOTIFY_CHANNEL = "omnidesk_message"
"""Must match the channel of the trigger in migration 0004."""
DEFAULT_POLL_INTERVAL = 0.01
"""A tick costs one ``PRAGMA data_version`` (microseconds); 10 ms keeps p95 latency low."""
BATCH_LIMIT = 500
_CATCH_UP_SLACK = 1000
"""On PostgreSQL ids are taken at insert but committed later, possibly out of order; a
catch-up after a reconnect rereads this many ids below the highest one seen."""
_REMEMBERED = 20_000
_SELECT = (
    "SELECT id, case_id, channel, direction FROM message WHERE id > :after ORDER BY id LIMIT :n"
)


@dataclass(frozen=True, slots=True)
class MessageChange:
    """A message that was just committed."""

    message_id: MessageId
    case_id: CaseId
    channel: Channel
    direction: Direction


class Subscription:
    """An async iterator of change batches; ``close()`` (or leaving ``async with``) ends it."""

    def __init__(self, feed: "ChangeFeed") -> None:
        self._feed = feed
        self._queue: asyncio.Queue[list[MessageChange] | None] = asyncio.Queue()

    def put(self, batch: list[MessageChange] | None) -> None:
        self._queue.put_nowait(batch)

    def close(self) -> None:
        self._feed.unsubscribe(self)
        self._queue.put_nowait(None)

    async def get(self) -> list[MessageChange] | None:
        """The next batch, or None once the subscription or the feed is closed."""
        return await self._queue.get()

    def __aiter__(self) -> AsyncIterator[list[MessageChange]]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[list[MessageChange]]:
        while (batch := await self._queue.get()) is not None:
            yield batch

    async def __aenter__(self) -> "Subscription":
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self.close()


class ChangeFeed(ABC):
    """One watcher per process; any number of subscribers."""

    mechanism: str = ""
    """What this feed measures and runs on, for logs, health and benchmarks."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._subscribers: list[Subscription] = []
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self.cursor = 0
        """The highest message id published so far."""
        self.healthy = False
        """True while the feed is connected (PostgreSQL) or polling without errors."""
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="change-feed")

    async def start(self, *, after: int | None = None) -> None:
        """Start watching; publish messages with an id above ``after`` (default: the newest)."""
        if self._task is not None:
            return
        self.cursor = await self._run_blocking(self._max_id) if after is None else after
        self._task = asyncio.create_task(self._run(), name=f"change-feed-{self.mechanism}")

    async def close(self) -> None:
        self._closing = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        for subscriber in list(self._subscribers):
            subscriber.close()
        self._executor.shutdown(wait=False)

    def subscribe(self) -> Subscription:
        subscription = Subscription(self)
        self._subscribers.append(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        with contextlib.suppress(ValueError):
            self._subscribers.remove(subscription)

    def poke(self) -> None:  # noqa: B027  (a no-op where notifications are pushed anyway)
        """A writer in this process committed: look now rather than at the next tick."""

    def _publish(self, batch: list[MessageChange]) -> None:
        if not batch:
            return
        self.cursor = max(self.cursor, *(c.message_id for c in batch))
        for subscriber in self._subscribers:
            subscriber.put(batch)

    async def _run_blocking(self, function: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    def _max_id(self) -> int:
        with self._db.read() as session:
            return int(
                session.execute(text("SELECT coalesce(max(id), 0) FROM message")).scalar_one()
            )

    def _rows_after(self, after: int) -> list[MessageChange]:
        with self._db.read() as session:
            rows = session.execute(text(_SELECT), {"after": after, "n": BATCH_LIMIT}).all()
        return [_change(*row) for row in rows]

    @abstractmethod
    async def _run(self) -> None: ...


def _change(message_id: int, case_id: int, channel: str, direction: str) -> MessageChange:
    return MessageChange(
        MessageId(message_id), CaseId(case_id), Channel(channel), Direction(direction)
    )


class SqlitePollFeed(ChangeFeed):
    mechanism = "sqlite-poll"

    def __init__(self, db: Database, *, poll_interval: float = DEFAULT_POLL_INTERVAL) -> None:
        super().__init__(db)
        self.poll_interval = poll_interval
        self._wake = asyncio.Event()

    def poke(self) -> None:
        self._wake.set()

    async def _run(self) -> None:
        connection = await self._run_blocking(self._db.engine.raw_connection)
        version: int | None = None
        try:
            while not self._closing:
                try:
                    batch, version = await self._run_blocking(self._poll, connection, version)
                    self.healthy = True
                except Exception:  # a locked or vanished file must not end the feed
                    log.exception("change feed: polling failed; retrying")
                    self.healthy = False
                    batch = []
                self._publish(batch)
                if len(batch) >= BATCH_LIMIT:
                    continue
                self._wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), self.poll_interval)
        finally:
            await asyncio.shield(self._run_blocking(connection.close))

    def _poll(self, connection: Any, version: int | None) -> tuple[list[MessageChange], int | None]:
        cursor = connection.cursor()
        try:
            current = int(cursor.execute("PRAGMA data_version").fetchone()[0])
            if current == version:
                return [], version
            cursor.execute(
                "SELECT id, case_id, channel, direction FROM message WHERE id > ? "
                "ORDER BY id LIMIT ?",
                (self.cursor, BATCH_LIMIT),
            )
            batch = [_change(*row) for row in cursor.fetchall()]
        finally:
            cursor.close()
        # A full batch means more rows wait: read again even if nothing new commits.
        return batch, (current if len(batch) < BATCH_LIMIT else None)


class PostgresNotifyFeed(ChangeFeed):
    mechanism = "postgresql-notify"

    def __init__(self, db: Database, *, reconnect_pause: float = 0.5) -> None:
        super().__init__(db)
        self.reconnect_pause = reconnect_pause
        self._seen: OrderedDict[int, None] = OrderedDict()

    def _publish(self, batch: list[MessageChange]) -> None:
        fresh = [c for c in batch if c.message_id not in self._seen]
        for change in fresh:
            self._seen[change.message_id] = None
        while len(self._seen) > _REMEMBERED:
            self._seen.popitem(last=False)
        super()._publish(fresh)

    async def _run(self) -> None:
        conninfo = self._db.engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False
        )
        pause = self.reconnect_pause
        while not self._closing:
            try:
                connection = await psycopg.AsyncConnection.connect(conninfo, autocommit=True)
                async with connection:
                    await connection.execute(f"LISTEN {NOTIFY_CHANNEL}")
                    self.healthy, pause = True, self.reconnect_pause
                    # Whatever committed while nobody listened (start, reconnect).
                    self._publish(await self._run_blocking(self._rows_after, self._low_water()))
                    while not self._closing:
                        async for note in connection.notifies(timeout=1.0):
                            self._publish([_parse(note.payload)])
            except (psycopg.Error, OSError) as exc:
                self.healthy = False
                log.warning("change feed: PostgreSQL connection lost (%s); reconnecting", exc)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 10.0)

    def _low_water(self) -> int:
        return max(self.cursor - _CATCH_UP_SLACK, 0) if self._seen else self.cursor


def _parse(payload: str) -> MessageChange:
    data = json.loads(payload)
    return _change(int(data["id"]), int(data["case_id"]), data["channel"], data["direction"])


def open_change_feed(db: Database, *, poll_interval: float = DEFAULT_POLL_INTERVAL) -> ChangeFeed:
    """The feed that fits the database: NOTIFY on PostgreSQL, a poll on SQLite."""
    if db.backend == "postgresql":
        return PostgresNotifyFeed(db)
    return SqlitePollFeed(db, poll_interval=poll_interval)
