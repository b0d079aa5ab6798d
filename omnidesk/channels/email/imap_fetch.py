"""One ingestion pass over a mail account: every new message, exactly once.

Blocking code (imapclient): the gateway runs it on the account's own thread, the
CLI calls it directly. A pass has two steps:

1. **Receive.** For each folder, ask the server for UIDs above the last one taken under
   the folder's UIDVALIDITY — never for "unseen", because a person reading the mailbox
   in another client must not hide mail from OmniDesk — and store each batch raw in the
   intake (``mail_intake``) together with the new position. Only after that commit is
   the batch marked processed on the server. This runs at the speed of the download.
2. **Store.** Parse what waits in the intake (in worker processes when there is a
   backlog), thread it into cases, and delete it from the intake in the same
   transaction.

A crash at any point loses nothing and a restart stores nothing twice: the receipt of
each message (account, folder, UIDVALIDITY, UID) and its content key are unique. A
message that cannot be stored stays in the intake with the reason and is tried again.
"""

import contextlib
import logging
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from omnidesk.channels.email.parse_pool import Parsed, ParsePool, spare_cores
from omnidesk.config.mail_accounts import MailAccount, Processed
from omnidesk.services.ingest_email import (
    InboundEmail,
    IngestPolicy,
    MailSource,
    ingest_batch,
)
from omnidesk.store import mail_intake, mailbox
from omnidesk.store.engine import Database, first_line
from omnidesk.store.mail_intake import Fetched, Waiting
from omnidesk.store.search_bulk import bulk_indexing

log = logging.getLogger(__name__)

PROCESSED_KEYWORD = "$OmniDeskImported"
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
"""Larger messages stay on the server; OmniDesk records their headers and flags them."""
_BATCH = 50
"""Messages per FETCH."""
_COMMIT = 500
"""Messages per intake commit and per marking on the server: every commit and every
round trip has a fixed cost, and a crash costs at most this many downloads again."""
_COMMIT_BYTES = 64 * 1024 * 1024
"""Mail held in memory before it is committed, whatever the number of messages."""
_FETCH_BYTES = 64 * 1024 * 1024
"""At most this much mail in memory per FETCH, however large the messages are."""
_LARGE = _FETCH_BYTES // _BATCH
"""Messages up to this size are fetched ``_BATCH`` at a time without asking their size."""
_STORE_BATCH = 500
"""Messages per storing transaction: large enough for speed, small enough to resume fast."""
_STORE_BYTES = 128 * 1024 * 1024
_POOL_FROM = 1000
"""A backlog this large is parsed in worker processes; starting them costs ~0.2 s."""


@dataclass
class FolderReport:
    folder: str
    uidvalidity: int = 0
    on_server: int = 0
    received: int = 0
    """Messages taken from the server into the intake during this pass."""
    outcomes: Counter[str] = field(default_factory=Counter)
    """What storing made of the messages from this folder (new case, appended, duplicate)."""
    uidvalidity_changed: bool = False
    warnings: list[str] = field(default_factory=list)
    uid_next: int = 0
    """The server's UIDNEXT when the pass began (0 if it gave none): mail with a UID from
    here on may have arrived after the pass looked."""

    @property
    def fetched(self) -> int:
        return sum(self.outcomes.values())


@dataclass
class FetchReport:
    account: str
    folders: list[FolderReport] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    """Messages that could not be stored and wait in the intake, each with the reason."""

    def held_summary(self) -> str | None:
        """What the person who can fix it needs to read, or None when all was stored."""
        if not self.held:
            return None
        return (
            f"mail account {self.account!r}: {len(self.held)} message(s) could not be stored; "
            "they are safe in OmniDesk's intake and tried again on every pass "
            f"('omnidesk mail status' lists them): {'; '.join(self.held[:5])}"
        )

    def folder(self, name: str) -> FolderReport:
        for folder in self.folders:
            if folder.folder == name:
                return folder
        # Mail received under a folder that is no longer configured still gets stored.
        self.folders.append(FolderReport(name))
        return self.folders[-1]


def fetch_account(
    db: Database,
    client: IMAPClient,
    account: MailAccount,
    *,
    policy: IngestPolicy,
    parsers: int | None = None,
) -> FetchReport:
    """Receive everything new in the account's folders, then store it as cases."""
    report = receive_account(db, client, account)
    store_received(db, account.name, policy=policy, report=report, parsers=parsers)
    return report


def receive_account(db: Database, client: IMAPClient, account: MailAccount) -> FetchReport:
    """Step 1: make the folders' new mail durable in the intake, then mark it on the server."""
    report = FetchReport(account.name)
    for folder in account.folders:
        report.folders.append(_receive_folder(db, client, account, folder))
    return report


def _receive_folder(
    db: Database, client: IMAPClient, account: MailAccount, folder: str
) -> FolderReport:
    selected = client.select_folder(folder)
    uidvalidity = int(selected[b"UIDVALIDITY"])
    report = FolderReport(
        folder,
        uidvalidity,
        on_server=int(selected.get(b"EXISTS", 0)),
        uid_next=int(selected.get(b"UIDNEXT", 0)),
    )
    account = _as_the_folder_allows(account, selected, report)
    with db.read() as session:
        state = mailbox.get_state(session, account.name, folder)
    start = 1
    if state is not None and state.uidvalidity == uidvalidity:
        start = state.last_uid + 1
        _mark_leftovers(client, account, state.last_uid, report)
    elif state is not None:
        # The server renumbered the folder: look at everything again. Receipts are
        # keyed by UIDVALIDITY, and the content key stops the same mail twice.
        report.uidvalidity_changed = True
        log.warning("%s/%s: UIDVALIDITY changed; rescanning", account.name, folder)
    # "N:*" always includes the highest UID even when it is below N.
    uids = sorted(u for u in client.search(["UID", f"{start}:*"]) if u >= start)
    sizes = _large_ones(client, start)
    fetched: list[Fetched] = []
    held = 0
    groups = list(_by_size(uids, sizes))
    # The commit of one group runs while the next downloads (SQLite and the socket both
    # release the GIL); a group is marked on the server only once its commit is done. If
    # the download fails, leaving the block still waits for that commit.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="imap-intake") as writer:
        committing: _Committing | None = None
        for n, group in enumerate(groups, start=1):
            for uid, raw, problem in _download(client, group, sizes, report):
                fetched.append(Fetched(folder, uidvalidity, uid, raw, problem))
                held += len(raw)
            if n == len(groups) or len(fetched) >= _COMMIT or held >= _COMMIT_BYTES:
                if committing is not None:
                    committing.finish(client, account, report)
                position = _Position(account.name, folder, uidvalidity, last_uid=group[-1])
                committing = _Committing(writer.submit(_keep, db, fetched, position), fetched)
                fetched, held = [], 0
        if committing is not None:
            committing.finish(client, account, report)
    return report


@dataclass(frozen=True, slots=True)
class _Committing:
    """A group of received messages on its way into the intake."""

    done: "Future[None]"
    fetched: list[Fetched]

    def finish(self, client: IMAPClient, account: MailAccount, report: FolderReport) -> None:
        self.done.result()
        report.received += len(self.fetched)
        _mark_processed(client, account, [f.uid for f in self.fetched], report)


@dataclass(frozen=True, slots=True)
class _Position:
    account: str
    folder: str
    uidvalidity: int
    last_uid: int


def _keep(db: Database, fetched: list[Fetched], position: _Position) -> None:
    """The messages and the folder position that covers them, in one transaction."""
    with db.write() as session:
        mail_intake.add_fetched(session, position.account, fetched)
        mailbox.save_progress(
            session,
            account=position.account,
            folder=position.folder,
            uidvalidity=position.uidvalidity,
            last_uid=position.last_uid,
        )


def store_received(
    db: Database,
    account: str,
    *,
    policy: IngestPolicy,
    report: FetchReport,
    parsers: int | None = None,
) -> None:
    """Step 2: parse and thread what waits in the account's intake, in the order it came.

    The next batch is parsed (in worker processes when the backlog is large) while this
    one is stored. A message that cannot be stored waits in the intake and is named in
    ``report.held``; it holds up nothing else.
    """
    with db.read() as session:
        backlog = mail_intake.count_waiting(session, account)
    if backlog == 0:
        return
    workers = (spare_cores() if parsers is None else parsers) if backlog >= _POOL_FROM else 0
    with ParsePool(workers) as pool:
        batch = _next_waiting(db, account, after_id=0)
        parsing = pool.submit([w.raw for w in batch]) if batch else None
        while batch and parsing is not None:
            following = _next_waiting(db, account, after_id=batch[-1].id)
            following_parsing: Future[list[Parsed]] | None = (
                pool.submit([w.raw for w in following]) if following else None
            )
            items = list(zip(batch, parsing.result(), strict=True))
            report.held += _store_batch(db, account, items, policy, report)
            batch, parsing = following, following_parsing


def _next_waiting(db: Database, account: str, *, after_id: int) -> list[Waiting]:
    with db.read() as session:
        return mail_intake.waiting(
            session, account, after_id=after_id, limit=_STORE_BATCH, max_bytes=_STORE_BYTES
        )


_Item = tuple[Waiting, Parsed]


def _store_batch(
    db: Database, account: str, items: list[_Item], policy: IngestPolicy, report: FetchReport
) -> list[str]:
    """One transaction per batch; if it fails, one per message, holding back the one at fault.

    Returns a description of each message that could not be stored.
    """
    try:
        _commit(db, account, items, policy, report)
        return []
    except SQLAlchemyError as exc:
        # The traceback goes to debug logs only: the message at fault is named below.
        log.warning("%s: a batch failed (%s); storing one by one", account, first_line(exc))
        log.debug("the batch's error", exc_info=True)
    failed = []
    for waiting, parsed in items:
        try:
            _commit(db, account, [(waiting, parsed)], policy, report)
        except SQLAlchemyError as exc:
            subject = parsed[0].subject[:80]
            reason = first_line(exc)
            with db.write() as session:
                mail_intake.record_failure(session, waiting.id, reason)
            message = (
                f"folder {waiting.folder!r}, UID {waiting.uid} ({subject!r}) could not be "
                f"stored: {reason}"
            )
            log.error("mail account %s: %s", account, message)
            failed.append(message)
    return failed


def _commit(
    db: Database, account: str, items: list[_Item], policy: IngestPolicy, report: FetchReport
) -> None:
    outcomes: Counter[tuple[str, str]] = Counter()
    # On SQLite the batch is indexed in one statement (the write lock is ours anyway); on
    # PostgreSQL that would lock out desktops' writes for the batch, so triggers index it.
    bulk = bulk_indexing if db.backend == "sqlite" else _per_row_indexing
    with db.write() as session, bulk(session):
        results = ingest_batch(
            session,
            [(_with_problem(mail, w.problem), key) for w, (mail, key) in items],
            policy=policy,
            sources=[MailSource(account, w.folder, w.uidvalidity, w.uid) for w, _ in items],
        )
        for (waiting, _), result in zip(items, results, strict=True):
            outcomes[(waiting.folder, result.outcome.value)] += 1
        mail_intake.remove(session, [w.id for w, _ in items])
    # Counted only once committed: a batch retried one by one is not counted twice.
    for (folder, outcome), n in outcomes.items():
        report.folder(folder).outcomes[outcome] += n


def _with_problem(mail: InboundEmail, problem: str | None) -> InboundEmail:
    """An incomplete message says so at the top of its text and needs an agent's attention."""
    if problem is None:
        return mail
    return replace(
        mail,
        text=f"[{problem}]\n\n{mail.text}".strip(),
        problems=(*mail.problems, problem),
        needs_attention=True,
    )


@contextlib.contextmanager
def _per_row_indexing(_session: Session) -> Iterator[None]:
    yield


def _large_ones(client: IMAPClient, start: int) -> dict[int, int]:
    """The sizes of the few messages over ``_LARGE`` bytes; all others are smaller.

    Two searches instead of a size per message: parsing a FETCH response for every
    message costs as much as half the download.
    """
    threshold = min(_LARGE, MAX_MESSAGE_BYTES)
    large = [
        u for u in client.search(["UID", f"{start}:*", "LARGER", str(threshold)]) if u >= start
    ]
    if not large:
        return {}
    return {
        uid: int(data.get(b"RFC822.SIZE", 0))
        for part in _chunks(sorted(large), 500)
        for uid, data in client.fetch(part, ["RFC822.SIZE"]).items()
    }


def _download(
    client: IMAPClient, uids: list[int], sizes: dict[int, int], report: FolderReport
) -> Iterator[tuple[int, bytes, str | None]]:
    """Each message's UID, its bytes (only the header when it is too large) and the
    problem that leaves it incomplete."""
    small = [u for u in uids if _too_large(sizes, u) is None]
    bodies: dict[int, bytes] = {}
    for part in _by_size(small, sizes):
        for uid, data in client.fetch(part, ["BODY.PEEK[]"]).items():
            if b"BODY[]" in data:
                bodies[uid] = bytes(data[b"BODY[]"])
    for uid in uids:
        if uid in bodies:
            yield uid, bodies.pop(uid), None
            continue
        size = _too_large(sizes, uid)
        if size is not None:
            header = client.fetch([uid], ["BODY.PEEK[HEADER]"]).get(uid, {})
            raw = bytes(header.get(b"BODY[HEADER]", b""))
            report.warnings.append(f"UID {uid} too large ({size:,} bytes): headers only")
            yield uid, raw, _too_large_note(size, report.folder, uid)
        else:
            # Expunged by someone else between SEARCH and FETCH: nothing to import.
            report.warnings.append(f"UID {uid} vanished before it could be fetched")


def _too_large_note(size: int, folder: str, uid: int) -> str:
    return (
        f"This message is {_amount(size)}, more than OmniDesk takes from the mail server "
        f"({_amount(MAX_MESSAGE_BYTES)}). Only its header was "
        f"imported; the whole message is still on the server in folder {folder!r} "
        f"(UID {uid}): open it in a mail program."
    )


def _amount(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{size:,} bytes"


def _too_large(sizes: dict[int, int], uid: int) -> int | None:
    """The size of a message too large to download (only its header is), else None."""
    size = sizes.get(uid, 0)
    return size if size > MAX_MESSAGE_BYTES else None


def _by_size(uids: list[int], sizes: dict[int, int]) -> Iterator[list[int]]:
    """Consecutive groups of at most ``_BATCH`` messages and ``_FETCH_BYTES`` (a single
    larger message alone) for one FETCH each; ``sizes`` holds the large messages."""
    group: list[int] = []
    total = 0
    for uid in uids:
        size = 0 if _too_large(sizes, uid) else sizes.get(uid, _LARGE)
        if group and (len(group) >= _BATCH or total + size > _FETCH_BYTES):
            yield group
            group, total = [], 0
        group.append(uid)
        total += size
    if group:
        yield group


def _as_the_folder_allows(
    account: MailAccount, selected: dict[bytes, Any], report: FolderReport
) -> MailAccount:
    """Without a keyword the folder can keep, flagging would fail for every message."""
    permanent = selected.get(b"PERMANENTFLAGS")
    if account.processed is not Processed.FLAG or permanent is None:
        return account
    keyword = PROCESSED_KEYWORD.encode("ascii")
    if b"\\*" in permanent or keyword in permanent:
        return account
    report.warnings.append(
        f"the server does not keep new flags in folder {report.folder!r}, so imported "
        f"mail cannot be flagged {PROCESSED_KEYWORD}; nothing is lost (OmniDesk tracks "
        'UIDs), but set processed = "move" or "none" for this account'
    )
    return replace(account, processed=Processed.NONE)


def _mark_leftovers(
    client: IMAPClient, account: MailAccount, last_uid: int, report: FolderReport
) -> None:
    """Mark what an earlier pass received but could not mark (it died in between)."""
    if account.processed is Processed.NONE or last_uid < 1:
        return
    criteria: list[str] = ["UID", f"1:{last_uid}"]
    if account.processed is Processed.FLAG:
        criteria += ["UNKEYWORD", PROCESSED_KEYWORD]
    try:
        leftovers = sorted(u for u in client.search(criteria) if u <= last_uid)
    except IMAPClientAbortError:
        raise
    except IMAPClientError as exc:
        report.warnings.append(f"could not look for unmarked messages: {exc}")
        return
    if leftovers:
        log.info("%s: marking %d message(s) received earlier", account.name, len(leftovers))
        _mark_processed(client, account, leftovers, report)


def _mark_processed(
    client: IMAPClient, account: MailAccount, uids: list[int], report: FolderReport
) -> None:
    if not uids:
        return
    try:
        if account.processed is Processed.FLAG:
            client.add_flags(uids, [PROCESSED_KEYWORD.encode("ascii")], silent=True)
        elif account.processed is Processed.MOVE:
            target = server_folder_name(client, account.processed_folder)
            if not client.folder_exists(target):
                client.create_folder(target)
            if client.has_capability("MOVE"):
                client.move(uids, target)
            else:
                client.copy(uids, target)
                client.delete_messages(uids, silent=True)
                if client.has_capability("UIDPLUS"):
                    client.uid_expunge(uids)
    except IMAPClientAbortError:
        # The connection is gone: stop this pass; the message is safely stored.
        raise
    except IMAPClientError as exc:
        # The message is safely in the database; only the server-side marker failed.
        report.warnings.append(
            f"UIDs {uids[0]}-{uids[-1]}: received, but could not be marked processed: {exc}"
        )


def server_folder_name(client: IMAPClient, configured: str) -> str:
    """``OmniDesk/Processed`` in the server's own hierarchy separator (Dovecot often uses '.')."""
    listed = client.list_folders(pattern="INBOX")
    separator = listed[0][1] if listed and listed[0][1] else b"/"
    text = separator.decode() if isinstance(separator, bytes) else str(separator)
    return configured.replace("/", text)


def _chunks(items: list[int], size: int) -> Iterator[list[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
