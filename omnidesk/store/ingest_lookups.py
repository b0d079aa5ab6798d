"""Look-ups that a batch of ingested mail makes once instead of once per message (imports).

An import stores thousands of messages a second in batches of one transaction each. Most
of them are new and most senders write more than once, so asking the database per message
"is this content stored?" and "who is this sender?" is mostly wasted: one ``SELECT ... IN``
answers the first for the whole batch, another finds the batch's senders that are known
already, and a sender found or created once stays the same customer for the rest of the
transaction (ingestion never merges customers).

An instance belongs to one transaction: outside it another writer may have stored the same
content or merged two customers.
"""

from collections.abc import Iterable

from sqlalchemy import bindparam
from sqlalchemy import select as sa_select
from sqlmodel import Session

from omnidesk.core.enums import IdentityKind
from omnidesk.core.errors import InvalidInput
from omnidesk.core.identities import normalize_identity
from omnidesk.core.ids import CaseId, CustomerId, IdentityId, MessageId
from omnidesk.store import customers, messages
from omnidesk.store.customers import FoundIdentity
from omnidesk.store.tables import MailReceiptRow, MessageRow, core_table

_MESSAGES = core_table(MessageRow)
_STORED_KEYS = sa_select(_MESSAGES.c.dedupe_key).where(
    _MESSAGES.c.dedupe_key.in_(bindparam("keys", expanding=True))
)
_CHUNK = 500
"""Keys per ``IN`` list: far below SQLite's and PostgreSQL's limits on parameters."""
_RECEIPTS = core_table(MailReceiptRow)
_RECEIPTED_UIDS = sa_select(_RECEIPTS.c.uid).where(
    _RECEIPTS.c.account == bindparam("account"),
    _RECEIPTS.c.folder == bindparam("folder"),
    _RECEIPTS.c.uidvalidity == bindparam("uidvalidity"),
    _RECEIPTS.c.uid.in_(bindparam("uids", expanding=True)),
)


class IngestLookups:
    """Content keys stored before the batch, and the senders met during it."""

    def __init__(
        self,
        session: Session,
        keys: Iterable[str],
        *,
        mailbox: tuple[str, str, int] | None = None,
        uids: Iterable[int] = (),
        senders: Iterable[str] = (),
    ) -> None:
        """``mailbox`` (account, folder, UIDVALIDITY) and ``uids``: the IMAP batch, whose
        receipts are then looked up once instead of once per message. ``senders``: the
        batch's From addresses, looked up once (an address not given is asked on its own)."""
        self._connection = connection = session.connection()
        self._mailbox = mailbox
        self._receipted: set[int] = set()
        if mailbox is not None:
            wanted_uids = sorted(set(uids))
            account, folder, uidvalidity = mailbox
            for start in range(0, len(wanted_uids), _CHUNK):
                found_uids = connection.execute(
                    _RECEIPTED_UIDS,
                    {
                        "account": account,
                        "folder": folder,
                        "uidvalidity": uidvalidity,
                        "uids": wanted_uids[start : start + _CHUNK],
                    },
                ).scalars()
                self._receipted.update(int(uid) for uid in found_uids)
        self._stored: set[str] = set()
        self._asked: set[str] = set()
        self._senders: dict[tuple[IdentityKind, str], tuple[CustomerId, IdentityId]] = {}
        wanted = sorted(set(keys))
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            found = connection.execute(_STORED_KEYS, {"keys": chunk}).scalars()
            self._stored.update(str(key) for key in found)
        self._addresses = self._known_addresses(senders)

    def _known_addresses(self, senders: Iterable[str]) -> dict[str, FoundIdentity | None]:
        """Every normalized sender address: its stored identity, or None when there is none."""
        wanted: set[str] = set()
        for sender in senders:
            try:
                wanted.add(normalize_identity(IdentityKind.EMAIL, sender))
            except InvalidInput:
                continue  # stored as an anonymous customer; nothing to look up
        ordered = sorted(wanted)
        known: dict[str, FoundIdentity | None] = dict.fromkeys(ordered)
        for start in range(0, len(ordered), _CHUNK):
            known.update(
                customers.find_identities(
                    self._connection, IdentityKind.EMAIL, ordered[start : start + _CHUNK]
                )
            )
        return known

    def may_have_receipt(self, account: str, folder: str, uidvalidity: int, uid: int) -> bool:
        """False only when this message was certainly not imported from that mailbox before."""
        if self._mailbox != (account, folder, uidvalidity):
            return True
        return uid in self._receipted

    def stored_before(self, key: str) -> bool:
        """Whether a message with this content key was stored before the batch began."""
        return key in self._stored

    def find_by_dedupe_key(self, key: str) -> tuple[MessageId, CaseId] | None:
        """Like :func:`messages.find_by_dedupe_key`, asking only when the key may be stored.

        A key is stored if it was before the batch or if an earlier message of the batch
        had it (then that message's insert, in this transaction, is what the query finds).
        """
        maybe = key in self._stored or key in self._asked
        self._asked.add(key)
        return messages.find_by_dedupe_key(self._connection, key) if maybe else None

    def find_or_create_customer(
        self, *, kind: IdentityKind, value: str, name: str = ""
    ) -> tuple[CustomerId, IdentityId]:
        """Like :func:`customers.find_or_create_customer`, once per sender and batch."""
        cache_key = (kind, value)
        known = self._senders.get(cache_key)
        if known is None:
            known = self._find_or_create(kind, value, name)
            self._senders[cache_key] = known
        return known

    def _find_or_create(
        self, kind: IdentityKind, value: str, name: str
    ) -> tuple[CustomerId, IdentityId]:
        normalized = normalize_identity(kind, value) if kind is IdentityKind.EMAIL else None
        if normalized is None or normalized not in self._addresses:
            return customers.find_or_create_customer(
                self._connection, kind=kind, value=value, name=name
            )
        found = self._addresses[normalized]
        if found is not None:
            return customers.resolve_identity(self._connection, found)
        customer_id, identity_id = customers.create_customer(
            self._connection, kind=kind, normalized=normalized, name=name
        )
        # What the per-sender query would find from now on: the row under its stored value.
        stored = customers.stored_identity_value(normalized)
        if stored in self._addresses:
            self._addresses[stored] = (identity_id, customer_id, None)
        return customer_id, identity_id
