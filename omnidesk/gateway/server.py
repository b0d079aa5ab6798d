"""Starting and stopping a gateway: the HTTP server, the change feed, delivery, workers.

``omnidesk gateway`` calls :func:`serve` until SIGTERM/SIGINT; the desktop app in solo
mode creates a :class:`Gateway` and calls ``start()``/``stop()`` from its own loop.
Other background work (the mail workers, which live in ``omnidesk.channels`` and so
are handed in by the composition root) runs as ``workers`` and gets the same stop event.

Shutdown is graceful: the listener closes, open chats are told to reconnect, running
requests finish (up to ``shutdown_timeout``), database writes on the executor complete,
and only then do the feed and the workers stop.
"""

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from aiohttp import web

from omnidesk.config.settings import Settings
from omnidesk.gateway.app import build_app
from omnidesk.gateway.config import GatewayConfig, gateway_config
from omnidesk.gateway.logs import event
from omnidesk.gateway.router import DeliveryRouter
from omnidesk.gateway.state import GatewayState
from omnidesk.services.web_form import form_key, form_policy
from omnidesk.store.change_feed import open_change_feed
from omnidesk.store.engine import Database

log = logging.getLogger(__name__)

Worker = Callable[[asyncio.Event], Awaitable[None]]
DB_THREADS = 8


class Gateway:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        config: GatewayConfig | None = None,
        workers: Sequence[Worker] = (),
        mail_status: Callable[[], Mapping[str, Any]] | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.config = config or gateway_config(settings)
        self._workers = workers
        self._mail_status = mail_status
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._runner: web.AppRunner | None = None
        self.state: GatewayState | None = None
        self.router: DeliveryRouter | None = None
        self.port = self.config.port

    @property
    def url(self) -> str:
        host = self.config.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

    async def start(self) -> None:
        config = self.config
        executor = ThreadPoolExecutor(max_workers=DB_THREADS, thread_name_prefix="gateway-db")
        state = GatewayState(
            self.db,
            config,
            executor,
            policy=form_policy(self.settings),
            mail_status=self._mail_status,
        )
        self.state = state
        state.form_key = await state.run_db(form_key, self.db)
        feed = open_change_feed(self.db, poll_interval=config.poll_interval)
        # Subscribed before the feed starts: what it publishes while the sweep below runs
        # (a reply committed just after the sweep looked) waits in the queue, not lost.
        changes = feed.subscribe()
        await feed.start()
        state.feed = feed
        router = DeliveryRouter(state)
        self.router = router
        # Whatever agents wrote while no gateway ran: sequenced before anyone connects.
        await router.sweep()
        self._spawn(router.follow(changes), "chat-delivery")
        self._spawn(router.run_periodic(self._stop), "chat-sweeps")
        for number, worker in enumerate(self._workers):
            self._spawn(worker(self._stop), f"worker-{number}")
        runner = web.AppRunner(
            build_app(state), access_log=None, shutdown_timeout=config.shutdown_timeout
        )
        await runner.setup()
        site = web.TCPSite(runner, config.host, config.port)
        await site.start()
        self._runner = runner
        self.port = int(runner.addresses[0][1]) if runner.addresses else config.port
        event(log, "gateway.started", url=self.url, change_feed=feed.mechanism, db=self.db.backend)

    def _spawn(self, coroutine: Awaitable[None], name: str) -> None:
        async def guarded() -> None:
            try:
                await coroutine
            except asyncio.CancelledError:
                raise
            except Exception:
                log.exception("gateway: background task %s failed", name)

        self._tasks.append(asyncio.create_task(guarded(), name=f"gateway-{name}"))

    async def stop(self) -> None:
        state = self.state
        if state is None:
            return
        event(log, "gateway.stopping", connections=state.hub.connections)
        state.shutting_down = True
        if self._runner is not None:
            # Stops listening, tells chats to reconnect, lets running requests finish.
            await self._runner.cleanup()
            self._runner = None
        self._stop.set()
        if state.feed is not None:
            await state.feed.close()
        pending: set[asyncio.Task[None]] = set()
        if self._tasks:
            _, pending = await asyncio.wait(self._tasks, timeout=self.config.shutdown_timeout)
        for task in pending:
            task.cancel()
        for task in pending:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        # Writes already handed to the database threads complete before we return.
        await asyncio.to_thread(state.executor.shutdown, True)
        self.state = None
        event(log, "gateway.stopped", unfinished_tasks=len(pending))


async def serve(gateway: Gateway, stop: asyncio.Event) -> None:
    """Run ``gateway`` until ``stop`` is set, then shut it down gracefully."""
    await gateway.start()
    try:
        await stop.wait()
    finally:
        await gateway.stop()
