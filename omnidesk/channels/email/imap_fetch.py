"""One ingestion pass over a mail account: every new message, exactly once.

Blocking code (imapclient): the gateway runs it on the account's own thread, the
CLI calls it directly. For each folder it asks the server for UIDs above the last
one imported under the folder's UIDVALIDITY — never for "unseen", because a person
reading the mailbox in another client must not hide mail from OmniDesk. Each batch
of messages is committed to the database together with the new position, and only
then marked processed on the server, so a crash at any point loses nothing and a
restart imports nothing twice.
"""

import contextlib
import logging
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientAbortError, IMAPClientError
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session

from omnidesk.config.mail_accounts import MailAccount, Processed
from omnidesk.core.errors import KnownError
from omnidesk.services.ingest_email import (
    InboundEmail,
    IngestPolicy,
    MailSource,
    dedupe_key,
    ingest_email_in,
)
from omnidesk.store import mailbox
from omnidesk.store.engine import Database, first_line
from omnidesk.store.ingest_lookups import IngestLookups
from omnidesk.store.search_bulk import bulk_indexing

log = logging.getLogger(__name__)

PROCESSED_KEYWORD = "$OmniDeskImported"
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
"""Larger messages stay on the server; OmniDesk records their headers and flags them."""
_BATCH = 50

Converter = Callable[[bytes], InboundEmail]


@dataclass
class FolderReport:
    folder: str
    uidvalidity: int = 0
    on_server: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
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


def fetch_account(
    db: Database,
    client: IMAPClient,
    account: MailAccount,
    *,
    convert: Converter,
    policy: IngestPolicy,
) -> FetchReport:
    """Import everything new in the account's folders through a logged-in client."""
    report = FetchReport(account.name)
    for folder in account.folders:
        report.folders.append(
            _fetch_folder(db, client, account, folder, convert=convert, policy=policy)
        )
    return report


def _fetch_folder(
    db: Database,
    client: IMAPClient,
    account: MailAccount,
    folder: str,
    *,
    convert: Converter,
    policy: IngestPolicy,
) -> FolderReport:
    selected = client.select_folder(folder)
    uidvalidity = int(selected[b"UIDVALIDITY"])
    report = FolderReport(
        folder,
        uidvalidity,
        on_server=int(selected.get(b"EXISTS", 0)),
        uid_next=int(selected.get(b"UIDNEXT", 0)),
    )
    with db.read() as session:
        state = mailbox.get_state(session, account.name, folder)
    start = 1
    if state is not None and state.uidvalidity == uidvalidity:
        start = state.last_uid + 1
    elif state is not None:
        # The server renumbered the folder: look at everything again. Receipts are
        # keyed by UIDVALIDITY, and the content key stops the same mail twice.
        report.uidvalidity_changed = True
        log.warning("%s/%s: UIDVALIDITY changed; rescanning", account.name, folder)
    # "N:*" always includes the highest UID even when it is below N.
    uids = sorted(u for u in client.search(["UID", f"{start}:*"]) if u >= start)
    for batch in _chunks(uids, _BATCH):
        # Parse outside the transaction: the write lock is held only for the inserts.
        arrived = [(uid, convert(raw)) for uid, raw in _download(client, batch, report)]
        position = _Position(account.name, folder, uidvalidity, last_uid=batch[-1])
        outcomes = _store_batch(db, arrived, position, policy)
        report.outcomes.update(outcomes)
        _mark_processed(client, account, [uid for uid, _ in arrived], report)
    return report


@dataclass(frozen=True, slots=True)
class _Position:
    account: str
    folder: str
    uidvalidity: int
    last_uid: int


def _store_batch(
    db: Database,
    arrived: list[tuple[int, InboundEmail]],
    position: _Position,
    policy: IngestPolicy,
) -> Counter[str]:
    """One transaction per batch; if it fails, one per message, naming the one at fault.

    The position moves only with the messages it covers, so whatever was not
    committed is fetched again next time.
    """
    try:
        return _commit(db, arrived, position, position.last_uid, policy)
    except SQLAlchemyError:
        log.warning(
            "%s/%s: a batch failed; storing its messages one by one",
            position.account,
            position.folder,
            exc_info=True,
        )
    outcomes: Counter[str] = Counter()
    for uid, mail in arrived:
        try:
            outcomes += _commit(db, [(uid, mail)], position, uid, policy)
        except SQLAlchemyError as exc:
            raise IngestFailed(
                f"mail account {position.account!r}, folder {position.folder!r}: message UID "
                f"{uid} ({mail.subject[:80]!r}) could not be stored: {first_line(exc)}; "
                "it stays on the server and will be tried again"
            ) from exc
    return outcomes


def _commit(
    db: Database,
    arrived: list[tuple[int, InboundEmail]],
    position: _Position,
    last_uid: int,
    policy: IngestPolicy,
) -> Counter[str]:
    outcomes: Counter[str] = Counter()
    # On SQLite the batch is indexed in one statement (the write lock is ours anyway); on
    # PostgreSQL that would lock out desktops' writes for the batch, so triggers index it.
    bulk = bulk_indexing if db.backend == "sqlite" else _per_row_indexing
    with db.write() as session, bulk(session):
        lookups = IngestLookups(
            session,
            (dedupe_key(mail) for _, mail in arrived),
            mailbox=(position.account, position.folder, position.uidvalidity),
            uids=(uid for uid, _ in arrived),
        )
        for uid, mail in arrived:
            source = MailSource(position.account, position.folder, position.uidvalidity, uid)
            result = ingest_email_in(session, mail, source=source, policy=policy, lookups=lookups)
            outcomes[result.outcome.value] += 1
        mailbox.save_progress(
            session,
            account=position.account,
            folder=position.folder,
            uidvalidity=position.uidvalidity,
            last_uid=last_uid,
        )
    return outcomes


@contextlib.contextmanager
def _per_row_indexing(_session: Session) -> Iterator[None]:
    yield


class IngestFailed(KnownError):
    """A message could not be stored; it stays on the server for the next pass."""


def _download(
    client: IMAPClient, uids: list[int], report: FolderReport
) -> Iterator[tuple[int, bytes]]:
    sizes = client.fetch(uids, ["RFC822.SIZE"])
    small = [u for u in uids if int(sizes.get(u, {}).get(b"RFC822.SIZE", 0)) <= MAX_MESSAGE_BYTES]
    bodies = client.fetch(small, ["BODY.PEEK[]"]) if small else {}
    for uid in uids:
        if uid in bodies and b"BODY[]" in bodies[uid]:
            yield uid, bytes(bodies[uid][b"BODY[]"])
            continue
        size = int(sizes.get(uid, {}).get(b"RFC822.SIZE", 0))
        if uid not in small:
            header = client.fetch([uid], ["BODY.PEEK[HEADER]"]).get(uid, {})
            raw = bytes(header.get(b"BODY[HEADER]", b""))
            note = (
                f"X-OmniDesk-Problem: message of {size:,} bytes is larger than "
                f"{MAX_MESSAGE_BYTES:,}; it was left on the server (UID {uid})\r\n"
            )
            report.warnings.append(f"UID {uid} too large ({size:,} bytes): headers only")
            yield uid, note.encode("ascii") + raw
        else:
            # Expunged by someone else between SEARCH and FETCH: nothing to import.
            report.warnings.append(f"UID {uid} vanished before it could be fetched")


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
            f"UIDs {uids[0]}-{uids[-1]}: imported, but could not be marked processed: {exc}"
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
