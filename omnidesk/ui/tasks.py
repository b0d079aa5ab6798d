"""The one way the UI runs background work.

Every blocking service call from the UI goes through :class:`TaskRunner`:

* it runs on a single dedicated database thread (``loop.run_in_executor``), so SQL
  sessions never cross threads and database work happens in the order it was asked for;
  network work (testing a mail server, talking to the keyring service) runs on its own
  threads (``network=True``), so a server that takes 30 s to time out never holds up
  the database queue;
* the asyncio task is kept referenced until it ends (an unreferenced task can be
  garbage-collected mid-flight);
* work submitted under a *key* replaces earlier work under that key: a new load of the
  case list cancels the previous one, which then never runs or is ignored;
* failures land in one place: a ``KnownError`` becomes a message for the user
  (``sig_known_error``), anything else is logged with its traceback and reported as a
  bug (``sig_bug``).

Only plain data crosses threads: the worker gets a callable over plain values and
returns plain values; the ``on_done`` callback runs on the GUI thread.
"""

import asyncio
import functools
import logging
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from PySide6.QtCore import QObject, Signal

from omnidesk.core.errors import KnownError
from omnidesk.ui.labels import describe_error

log = logging.getLogger(__name__)

T = TypeVar("T")

_NETWORK_THREADS = 2
"""Enough for a connection test while another one is still timing out."""


class TaskRunner(QObject):
    """Runs service calls off the GUI thread and hands their results back to it."""

    sig_known_error = Signal(str)
    """A failure the user can act on, phrased for them."""
    sig_bug = Signal(str, str)
    """An unexpected failure (already logged): a one-line summary and the traceback."""

    def __init__(self, loop: asyncio.AbstractEventLoop, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._loop = loop
        # One thread: SQLite allows one writer anyway, and reads queued behind a write
        # then see its result (a claim followed by a refresh shows the new owner).
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="omnidesk-db")
        self._network = ThreadPoolExecutor(
            max_workers=_NETWORK_THREADS, thread_name_prefix="omnidesk-net"
        )
        self._running: set[asyncio.Task[None]] = set()
        self._by_key: dict[str, asyncio.Task[None]] = {}
        self._closed = False

    def submit(
        self,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        *,
        key: str | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        network: bool = False,
    ) -> asyncio.Task[None]:
        """Run ``work()`` on the database thread, then ``on_done(result)`` on the GUI thread.

        ``key`` names replaceable work (loads): earlier work under the same key is
        cancelled. Never give a key to a change (claim, reply): it must not be dropped.
        ``on_failure`` runs after the error has been reported, to reset a busy state.
        ``network`` runs ``work`` on a network thread instead (it must not touch the database).
        """
        if self._closed:
            raise RuntimeError("the task runner has been shut down")
        _refuse_qt_objects(work)
        if key is not None:
            stale = self._by_key.pop(key, None)
            if stale is not None:
                stale.cancel()
        executor = self._network if network else self._executor
        task = self._loop.create_task(
            self._run(executor, work, on_done, on_failure), name=key or _describe(work)
        )
        self._running.add(task)
        if key is not None:
            self._by_key[key] = task
        task.add_done_callback(functools.partial(self._forget, key))
        return task

    async def call(self, work: Callable[[], T]) -> T:
        """Run ``work()`` on the database thread and return its result to the awaiting code.

        For start-up steps that must happen in order; errors go to the caller.
        """
        if self._closed:
            raise RuntimeError("the task runner has been shut down")
        _refuse_qt_objects(work)
        return await self._loop.run_in_executor(self._executor, work)

    def is_idle(self) -> bool:
        """True when no background work is queued or running."""
        return not self._running

    async def wait_idle(self) -> None:
        """Wait until all work is done, including work started by finishing work."""
        while self._running:
            await asyncio.wait(set(self._running))

    def shutdown(self) -> None:
        """Cancel what is pending and stop the database thread (at window close)."""
        self._closed = True
        for task in list(self._running):
            task.cancel()
        # Waits for a query that is already running: it is short, and the database
        # must not be closed under it.
        self._executor.shutdown(wait=True, cancel_futures=True)
        # A mail server may take its whole timeout to answer; nothing waits for it.
        self._network.shutdown(wait=False, cancel_futures=True)

    def report(self, error: BaseException) -> None:
        """Route a failure to the user: the single place errors from the UI end up."""
        if isinstance(error, KnownError):
            log.info("%s", error)
            self.sig_known_error.emit(describe_error(error))
            return
        log.error("background work failed", exc_info=error)
        details = "".join(traceback.format_exception(error))
        self.sig_bug.emit(f"{type(error).__name__}: {error}", details)

    async def _run(
        self,
        executor: ThreadPoolExecutor,
        work: Callable[[], T],
        on_done: Callable[[T], None],
        on_failure: Callable[[BaseException], None] | None,
    ) -> None:
        try:
            result = await self._loop.run_in_executor(executor, work)
            on_done(result)
        except asyncio.CancelledError:
            raise  # replaced by newer work or shut down: nobody wants this answer
        except Exception as error:
            self.report(error)
            if on_failure is not None:
                self._call_failure_hook(on_failure, error)

    def _call_failure_hook(
        self, on_failure: Callable[[BaseException], None], error: BaseException
    ) -> None:
        try:
            on_failure(error)
        except Exception as hook_error:
            self.report(hook_error)

    def _forget(self, key: str | None, task: asyncio.Task[None]) -> None:
        self._running.discard(task)
        if key is not None and self._by_key.get(key) is task:
            del self._by_key[key]


def _refuse_qt_objects(work: Callable[[], object]) -> None:
    """Catch the classic mistake early: a worker thread must never call into a QObject."""
    target = work.func if isinstance(work, functools.partial) else work
    if isinstance(getattr(target, "__self__", None), QObject):
        raise TypeError(f"{target!r} belongs to a QObject; pass a plain function to a worker")


def _describe(work: Callable[[], object]) -> str:
    target = work.func if isinstance(work, functools.partial) else work
    return getattr(target, "__name__", type(target).__name__)
