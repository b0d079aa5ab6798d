"""Importing an existing support mailbox: mbox files, Maildir folders and .eml files.

Every message goes through the same parsing, deduplication and threading as live
mail, in the order the messages were written, with their own dates (no
acknowledgements are sent for history). Importing the same files twice adds
nothing the second time.
"""

import mailbox
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import text

from omnidesk.channels.email.parse_pool import Parsed, ParsePool, spare_cores
from omnidesk.core.errors import InvalidInput, NotFound
from omnidesk.services.ingest_email import IngestPolicy, ingest_batch
from omnidesk.store.engine import Database
from omnidesk.store.search_bulk import bulk_indexing

_BATCH = 2000
"""Messages per transaction: large enough for speed (every commit and every bulk index
has a fixed cost), small enough to resume quickly and to hold a few in memory."""

_FIRST_BATCH = 250
"""Batches grow from this to ``_BATCH``: the writer waits only for a small first parse."""

_SQLITE_CACHE_KIB = 64 * 1024
"""SQLite page cache of a batch's connection. A batch changes thousands of pages (rows,
random-keyed index entries, the search index); in SQLite's default 2 MB they no longer fit,
so pages are spilled to the WAL before the commit and read back, some several times."""


@dataclass
class ImportReport:
    outcomes: Counter[str] = field(default_factory=Counter)
    needs_attention: int = 0
    sources: list[str] = field(default_factory=list)

    @property
    def messages(self) -> int:
        return sum(self.outcomes.values())


def import_paths(
    db: Database,
    paths: list[Path],
    *,
    policy: IngestPolicy,
    progress: Callable[[int], None] | None = None,
    parsers: int | None = None,
) -> ImportReport:
    """Import every message under ``paths``; ``parsers`` processes parse meanwhile.

    Parsing costs about as much as storing, so with a spare core the next batch is
    parsed in another process while this one writes the previous batch.
    """
    report = ImportReport()
    for path in paths:
        if not path.exists():
            raise NotFound(f"{path} does not exist")
        report.sources.append(f"{path} ({_kind(path)})")
    workers = spare_cores() if parsers is None else parsers
    with ParsePool(workers) as parser:
        pending: Future[list[Parsed]] | None = None
        for batch in _batches(paths):
            parsed = parser.submit(batch)
            if pending is not None:
                _store(db, pending.result(), policy, report)
                if progress:
                    progress(report.messages)
            pending = parsed
        if pending is not None:
            _store(db, pending.result(), policy, report)
    return report


def _batches(paths: list[Path]) -> Iterator[list[bytes]]:
    batch: list[bytes] = []
    size = _FIRST_BATCH
    for path in paths:
        for raw in _messages(path):
            batch.append(raw)
            if len(batch) >= size:
                yield batch
                batch = []
                # Doubling keeps the next parse about as long as this store.
                size = min(size * 2, _BATCH)
    if batch:
        yield batch


def _store(db: Database, batch: list[Parsed], policy: IngestPolicy, report: ImportReport) -> None:
    """One batch, one transaction: its messages, and their search index written at its end."""
    with db.write() as session, bulk_indexing(session):
        if db.backend == "sqlite":
            # Per connection, and connections are pooled: back to SQLite's default after.
            session.execute(text(f"PRAGMA cache_size = -{_SQLITE_CACHE_KIB}"))
        results = ingest_batch(session, batch, policy=policy)
        if db.backend == "sqlite":
            session.execute(text("PRAGMA cache_size = -2000"))
    for (inbound, _), result in zip(batch, results, strict=True):
        report.outcomes[result.outcome.value] += 1
        report.needs_attention += int(inbound.needs_attention)


def _kind(path: Path) -> str:
    if path.is_dir():
        if (path / "cur").is_dir() or (path / "new").is_dir():
            return "Maildir"
        return "folder of .eml files"
    with path.open("rb") as handle:
        head = handle.read(5)
    return "mbox" if head == b"From " else "message file"


def _messages(path: Path) -> Iterator[bytes]:
    kind = _kind(path)
    if kind == "Maildir":
        maildir = mailbox.Maildir(path, factory=None, create=False)
        keys = sorted(
            maildir.keys(),
            key=lambda k: (maildir.get_date(k) if hasattr(maildir, "get_date") else 0, k),
        )
        for key in keys:
            yield maildir.get_bytes(key)
    elif kind == "mbox":
        box = mailbox.mbox(path, factory=None, create=False)
        try:
            for key in box.iterkeys():
                yield box.get_bytes(key)
        finally:
            box.close()
    elif kind == "folder of .eml files":
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file() and p.suffix.lower() in {".eml", ".msg", ".txt"}
        )
        if not files:
            raise InvalidInput(f"{path} holds no .eml files and is not a Maildir")
        for file in files:
            yield file.read_bytes()
    else:
        yield path.read_bytes()
