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

Subscribers get batches of changes; each gets every batch published after it
subscribed. Two sources share the machinery: new ``message`` rows (:class:`MessageChange`,
what the chat needs) and new ``event`` rows (:class:`EventChange`: claims, handovers,
status changes, commitments — every change to a case writes one), which together tell
a desktop everything that changed on any case (:func:`open_event_feed`).
"""

import asyncio
import contextlib
import json
import logging
from abc import ABC, abstractmethod
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from sqlalchemy import text

from omnidesk.core.enums import Channel, Direction, EventKind
from omnidesk.core.ids import CaseId, MessageId
from omnidesk.store.engine import Database

log = logging.getLogger(__name__)

NOTIFY_CHANNEL = "omnidesk_message"
"""Must match the channel of the trigger in migration 0004."""
EVENT_NOTIFY_CHANNEL = "omnidesk_event"
"""Must match the channel of the trigger in migration 0005."""
DEFAULT_POLL_INTERVAL = 0.01
"""A tick costs one ``PRAGMA data_version`` (microseconds); 10 ms keeps p95 latency low."""
BATCH_LIMIT = 500
_CATCH_UP_SLACK = 1000
"""On PostgreSQL ids are taken at insert but committed later, possibly out of order; a
catch-up after a reconnect rereads this many ids below the highest one seen."""
_REMEMBERED = 20_000


@dataclass(frozen=True, slots=True)
class MessageChange:
    """A message that was just committed."""

    message_id: MessageId
    case_id: CaseId
    channel: Channel
    direction: Direction

    @property
    def row_id(self) -> int:
        return self.message_id


@dataclass(frozen=True, slots=True)
class EventChange:
    """An event-log row that was just committed: something happened to a case."""

    event_id: int
    case_id: CaseId | None
    kind: str
    """An :class:`EventKind` value; kept as text so a newer writer's kinds do not break us."""

    @property
    def row_id(self) -> int:
        return self.event_id

    @property
    def event_kind(self) -> EventKind | None:
        try:
            return EventKind(self.kind)
        except ValueError:
            return None


class _Change(Protocol):
    @property
    def row_id(self) -> int: ...


C = TypeVar("C", bound=_Change)


@dataclass(frozen=True, slots=True)
class FeedSource(Generic[C]):
    """Which append-only table a feed follows and how its rows become changes."""

    table: str
    columns: str
    notify_channel: str
    from_row: Callable[..., C]
    from_payload: Callable[[Mapping[str, Any]], C]

    def select(self, placeholder: str) -> str:
        return (
            f"SELECT {self.columns} FROM {self.table} WHERE id > {placeholder} "
            f"ORDER BY id LIMIT {BATCH_LIMIT}"
        )


class Subscription(Generic[C]):
    """An async iterator of change batches; ``close()`` (or leaving ``async with``) ends it."""

    def __init__(self, feed: "ChangeFeed[C]") -> None:
        self._feed = feed
        self._queue: asyncio.Queue[list[C] | None] = asyncio.Queue()

    def put(self, batch: list[C] | None) -> None:
        self._queue.put_nowait(batch)

    def close(self) -> None:
        self._feed.unsubscribe(self)
        self._queue.put_nowait(None)

    async def get(self) -> list[C] | None:
        """The next batch, or None once the subscription or the feed is closed."""
        return await self._queue.get()

    def __aiter__(self) -> AsyncIterator[list[C]]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[list[C]]:
        while (batch := await self._queue.get()) is not None:
            yield batch

    async def __aenter__(self) -> "Subscription[C]":
        return self

    async def __aexit__(self, *_exc: object) -> None:
        self.close()


class ChangeFeed(ABC, Generic[C]):
    """One watcher per process and source; any number of subscribers."""

    mechanism: str = ""
    """What this feed measures and runs on, for logs, health and benchmarks."""

    def __init__(self, db: Database, source: "FeedSource[C]") -> None:
        self._db = db
        self.source = source
        self._subscribers: list[Subscription[C]] = []
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self.cursor = 0
        """The highest row id published so far."""
        self.healthy = False
        """True while the feed is connected (PostgreSQL) or polling without errors."""
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="change-feed")

    async def start(self, *, after: int | None = None) -> None:
        """Start watching; publish rows with an id above ``after`` (default: the newest)."""
        if self._task is not None:
            return
        self.cursor = await self._run_blocking(self._max_id) if after is None else after
        self._task = asyncio.create_task(
            self._run(), name=f"change-feed-{self.source.table}-{self.mechanism}"
        )

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

    def subscribe(self) -> Subscription[C]:
        subscription = Subscription(self)
        self._subscribers.append(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription[C]) -> None:
        with contextlib.suppress(ValueError):
            self._subscribers.remove(subscription)

    def poke(self) -> None:  # a no-op where notifications are pushed anyway
        """A writer in this process committed: look now rather than at the next tick."""

    def _publish(self, batch: list[C]) -> None:
        if not batch:
            return
        self.cursor = max(self.cursor, *(c.row_id for c in batch))
        for subscriber in self._subscribers:
            subscriber.put(batch)

    async def _run_blocking(self, function: Any, *args: Any) -> Any:
        return await asyncio.get_running_loop().run_in_executor(self._executor, function, *args)

    def _max_id(self) -> int:
        with self._db.read() as session:
            return int(
                session.execute(
                    text(f"SELECT coalesce(max(id), 0) FROM {self.source.table}")
                ).scalar_one()
            )

    def _rows_after(self, after: int) -> list[C]:
        with self._db.read() as session:
            rows = session.execute(text(self.source.select(":after")), {"after": after}).all()
        return [self.source.from_row(*row) for row in rows]

    @abstractmethod
    async def _run(self) -> None: ...


def _message_change(message_id: int, case_id: int, channel: str, direction: str) -> MessageChange:
    return MessageChange(
        MessageId(message_id), CaseId(case_id), Channel(channel), Direction(direction)
    )


def _event_change(event_id: int, case_id: int | None, kind: str) -> EventChange:
    return EventChange(int(event_id), CaseId(case_id) if case_id is not None else None, kind)


MESSAGES: FeedSource[MessageChange] = FeedSource(
    table="message",
    columns="id, case_id, channel, direction",
    notify_channel=NOTIFY_CHANNEL,
    from_row=_message_change,
    from_payload=lambda d: _message_change(
        int(d["id"]), int(d["case_id"]), d["channel"], d["direction"]
    ),
)
EVENTS: FeedSource[EventChange] = FeedSource(
    table="event",
    columns="id, case_id, kind",
    notify_channel=EVENT_NOTIFY_CHANNEL,
    from_row=_event_change,
    from_payload=lambda d: _event_change(int(d["id"]), d.get("case_id"), str(d["kind"])),
)


class SqlitePollFeed(ChangeFeed[C]):
    mechanism = "sqlite-poll"

    def __init__(
        self,
        db: Database,
        source: FeedSource[C],
        *,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
    ) -> None:
        super().__init__(db, source)
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
                except RuntimeError as exc:
                    if "shutdown" in str(exc):
                        return  # the process is exiting: its thread pools are gone
                    log.exception("change feed: polling failed; retrying")
                    self.healthy = False
                    batch = []
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
            with contextlib.suppress(RuntimeError):  # no thread pool left at exit
                await asyncio.shield(self._run_blocking(connection.close))

    def _poll(self, connection: Any, version: int | None) -> tuple[list[C], int | None]:
        cursor = connection.cursor()
        try:
            current = int(cursor.execute("PRAGMA data_version").fetchone()[0])
            if current == version:
                return [], version
            cursor.execute(self.source.select("?"), (self.cursor,))
            batch = [self.source.from_row(*row) for row in cursor.fetchall()]
        finally:
            cursor.close()
        # A full batch means more rows wait: read again even if nothing new commits.
        return batch, (current if len(batch) < BATCH_LIMIT else None)


class PostgresNotifyFeed(ChangeFeed[C]):
    mechanism = "postgresql-notify"

    def __init__(
        self, db: Database, source: FeedSource[C], *, reconnect_pause: float = 0.5
    ) -> None:
        super().__init__(db, source)
        self.reconnect_pause = reconnect_pause
        self._seen: OrderedDict[int, None] = OrderedDict()

    def _publish(self, batch: list[C]) -> None:
        fresh = [c for c in batch if c.row_id not in self._seen]
        for change in fresh:
            self._seen[change.row_id] = None
        while len(self._seen) > _REMEMBERED:
            self._seen.popitem(last=False)
        super()._publish(fresh)

    async def _run(self) -> None:
        # Imported here: a SQLite desktop never needs psycopg, and it is slow to import.
        import psycopg

        conninfo = self._db.engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False
        )
        pause = self.reconnect_pause
        while not self._closing:
            try:
                connection = await psycopg.AsyncConnection.connect(conninfo, autocommit=True)
                async with connection:
                    await connection.execute(f"LISTEN {self.source.notify_channel}")
                    self.healthy, pause = True, self.reconnect_pause
                    # Whatever committed while nobody listened (start, reconnect).
                    self._publish(await self._run_blocking(self._rows_after, self._low_water()))
                    while not self._closing:
                        async for note in connection.notifies(timeout=1.0):
                            self._publish([self.source.from_payload(json.loads(note.payload))])
            except (psycopg.Error, OSError) as exc:
                self.healthy = False
                log.warning("change feed: PostgreSQL connection lost (%s); reconnecting", exc)
                await asyncio.sleep(pause)
                pause = min(pause * 2, 10.0)

    def _low_water(self) -> int:
        return max(self.cursor - _CATCH_UP_SLACK, 0) if self._seen else self.cursor


def _open(db: Database, source: FeedSource[C], *, poll_interval: float) -> ChangeFeed[C]:
    if db.backend == "postgresql":
        return PostgresNotifyFeed(db, source)
    return SqlitePollFeed(db, source, poll_interval=poll_interval)


def open_change_feed(
    db: Database, *, poll_interval: float = DEFAULT_POLL_INTERVAL
) -> ChangeFeed[MessageChange]:
    """New messages, the way that fits the database: NOTIFY on PostgreSQL, a poll on SQLite."""
    return _open(db, MESSAGES, poll_interval=poll_interval)


def open_event_feed(
    db: Database, *, poll_interval: float = DEFAULT_POLL_INTERVAL
) -> ChangeFeed[EventChange]:
    """New event-log rows (claims, status changes, commitments, …), as :func:`open_change_feed`."""
    return _open(db, EVENTS, poll_interval=poll_interval)
