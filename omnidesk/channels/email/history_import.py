"""Importing an existing support mailbox: mbox files, Maildir folders and .eml files.

Every message goes through the same parsing, deduplication and threading as live
mail, in the order the messages were written, with their own dates (no
acknowledgements are sent for history). Importing the same files twice adds
nothing the second time.
"""

import mailbox
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from omnidesk.channels.email.inbound import to_inbound
from omnidesk.core.errors import InvalidInput, NotFound
from omnidesk.services.ingest_email import IngestPolicy, ingest_email_in
from omnidesk.store.engine import Database

_BATCH = 500
"""Messages per transaction: large enough for speed, small enough to resume quickly."""


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
) -> ImportReport:
    report = ImportReport()
    for path in paths:
        if not path.exists():
            raise NotFound(f"{path} does not exist")
        report.sources.append(f"{path} ({_kind(path)})")
    batch: list[bytes] = []
    for path in paths:
        for raw in _messages(path):
            batch.append(raw)
            if len(batch) >= _BATCH:
                _store(db, batch, policy, report)
                batch.clear()
                if progress:
                    progress(report.messages)
    if batch:
        _store(db, batch, policy, report)
    return report


def _store(db: Database, batch: list[bytes], policy: IngestPolicy, report: ImportReport) -> None:
    with db.write() as session:
        for raw in batch:
            inbound = to_inbound(raw)
            result = ingest_email_in(session, inbound, source=None, policy=policy)
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
