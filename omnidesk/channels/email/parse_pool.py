"""Parsing batches of raw mail in worker processes while the caller stores the last batch.

Parsing costs about as much as storing, so with a spare core the next batch is parsed
in another process meanwhile. ``omnidesk import`` and the IMAP intake's drain share this.
"""

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor

from omnidesk.channels.email.inbound import to_inbound
from omnidesk.services.ingest_email import InboundEmail, dedupe_key

Parsed = tuple[InboundEmail, str]
"""A parsed message and its dedupe key, both computed in a parser process."""


def spare_cores() -> int:
    """Parser processes worth starting beside the storing one."""
    return max((os.cpu_count() or 1) - 1, 0)


def parse_all(batch: list[bytes]) -> list[Parsed]:
    parsed = []
    for raw in batch:
        mail = to_inbound(raw)
        parsed.append((mail, dedupe_key(mail)))
    return parsed


class ParsePool:
    """Parses batches in worker processes, or in this one when ``workers`` is 0."""

    def __init__(self, workers: int) -> None:
        # forkserver, not fork: the gateway has threads, and forking those can deadlock.
        self._pool = (
            ProcessPoolExecutor(
                max_workers=workers, mp_context=multiprocessing.get_context("forkserver")
            )
            if workers > 0
            else None
        )

    def __enter__(self) -> "ParsePool":
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def submit(self, batch: list[bytes]) -> Future[list[Parsed]]:
        if self._pool is not None:
            return self._pool.submit(parse_all, batch)
        done: Future[list[Parsed]] = Future()
        done.set_result(parse_all(batch))
        return done
