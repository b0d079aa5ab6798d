"""Ingesting one inbound email: deduplicate, thread into a case, store, in one transaction.

The IMAP worker calls :func:`ingest_email_in` for every message; ``omnidesk import``
stores whole batches with :func:`ingest_batch`, which writes exactly the same rows with
fewer statements. It is idempotent: the IMAP position (account, folder, UIDVALIDITY,
UID) and a dedupe key made of the Message-ID and the content are unique in the
database, so a message fetched twice, or arriving through two mailboxes, is stored once.
"""

import contextlib
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Connection, bindparam, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session

from omnidesk.core import lifecycle
from omnidesk.core.enums import (
    CaseStatus,
    Channel,
    DeliveryState,
    Direction,
    EventKind,
    IdentityKind,
)
from omnidesk.core.errors import InvalidInput
from omnidesk.core.ids import CaseId, CaseNumber, CustomerId, IdentityId, MessageId
from omnidesk.core.language_guess import guess_language
from omnidesk.core.threading_rules import (
    CaseCandidate,
    SubjectPolicy,
    ThreadDecision,
    decide_thread,
    subject_case_numbers,
)
from omnidesk.services.acknowledge import (
    AckSettings,
    Thread,
    queue_acknowledgement_in,
    within_daily_limit,
)
from omnidesk.store import cases, customers, events, messages, resolutions, threading_lookup
from omnidesk.store.blobs import BlobWriter
from omnidesk.store.engine import Database
from omnidesk.store.ingest_lookups import IngestLookups
from omnidesk.store.messages import NewAttachment, NewMessage
from omnidesk.store.tables import CaseRow, MailReceiptRow, MessageRow, core_table
from omnidesk.store.types import utcnow


@dataclass(frozen=True, slots=True)
class InboundEmail:
    """A parsed inbound email, as the channel hands it over."""

    raw: bytes
    from_address: str
    from_name: str = ""
    subject: str = ""
    text: str = ""
    html: str | None = None
    message_id: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    sent_at: datetime | None = None
    attachments: tuple[NewAttachment, ...] = ()
    is_auto_reply: bool = False
    is_bounce: bool = False
    bounced_message_id: str | None = None
    problems: tuple[str, ...] = ()
    needs_attention: bool = False


@dataclass(frozen=True, slots=True)
class MailSource:
    """Where on the IMAP server a message was found."""

    account: str
    folder: str
    uidvalidity: int
    uid: int


@dataclass(frozen=True, slots=True)
class IngestPolicy:
    reopen: lifecycle.ReopenPolicy = field(default_factory=lifecycle.ReopenPolicy)
    subject: SubjectPolicy = field(default_factory=SubjectPolicy)
    keep_sent_time: bool = False
    """Imports of old history place messages at their Date, not at the import time."""
    acknowledge: AckSettings | None = None
    """Acknowledge new cases written by a person; None (imports, tests) sends nothing."""


class Outcome(StrEnum):
    NEW_CASE = "new_case"
    APPENDED = "appended"
    DUPLICATE = "duplicate"


@dataclass(frozen=True, slots=True)
class IngestResult:
    outcome: Outcome
    case_number: CaseNumber
    message_id: MessageId
    reason: str
    acknowledge: bool = False
    """A new case opened by a person (not an auto-reply): it deserves an acknowledgement."""


def dedupe_key(mail: InboundEmail) -> str:
    """The same message through two mailboxes has the same key; a resent edit does not."""
    digest = hashlib.sha256()
    for part in (
        mail.message_id or "",
        mail.from_address.lower(),
        mail.subject,
        mail.sent_at.isoformat() if mail.sent_at else "",
        " ".join(mail.text.split()),
        *sorted(hashlib.sha256(a.data).hexdigest() for a in mail.attachments),
    ):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def ingest_email(
    db: Database, mail: InboundEmail, *, source: MailSource | None, policy: IngestPolicy
) -> IngestResult:
    with db.write() as session:
        return ingest_email_in(session, mail, source=source, policy=policy)


class _Writes:
    """Where ingestion writes in one transaction: Core statements on its connection.

    Ingestion runs several statements per message, thousands a second on an import; the
    ORM session's dispatch and autoflush would cost more than SQLite running them. In a
    batch (:func:`ingest_batch`) the events, which nothing reads during ingestion, are
    held back and inserted in one executemany, in the order they were logged.
    """

    def __init__(self, session: Session, *, batch: bool) -> None:
        self.session = session
        self.connection = session.connection()
        self.blobs = BlobWriter(self.connection)
        self._batch = batch
        self._events: list[events.EventValues] = []

    def event(
        self,
        case_id: CaseId,
        kind: EventKind,
        *,
        from_value: str | None = None,
        to_value: str | None = None,
        reason: str | None = None,
    ) -> None:
        values = events.event_values(
            case_id=case_id,
            kind=kind,
            actor=None,
            from_value=from_value,
            to_value=to_value,
            reason=reason,
        )
        if self._batch:
            self._events.append(values)
        else:
            events.insert_events(self.connection, [values])

    def flush(self) -> None:
        """Insert the events held back; before anything else may write or read events."""
        events.insert_events(self.connection, self._events)
        self._events.clear()


@dataclass(frozen=True, slots=True)
class _Arrival:
    """One inbound message on its way into a case, with what was learnt about it so far."""

    writes: _Writes
    mail: InboundEmail
    key: str
    identity_id: IdentityId | None
    arrived: datetime
    now: datetime
    policy: IngestPolicy
    source: MailSource | None

    def message(self, reason: str) -> NewMessage:
        mail = self.mail
        return NewMessage(
            channel=Channel.EMAIL,
            direction=Direction.IN,
            author_name=mail.from_name or mail.from_address or "(unknown sender)",
            author_identity_id=self.identity_id,
            subject=mail.subject,
            body_text=mail.text,
            body_html=mail.html,
            message_id_header=mail.message_id,
            in_reply_to=mail.in_reply_to,
            references=mail.references,
            raw=mail.raw,
            needs_attention=mail.needs_attention or mail.is_bounce,
            thread_reason=reason,
            dedupe_key=self.key,
            sent_at=mail.sent_at,
            created_at=self.arrived,
            attachments=mail.attachments,
        )

    @property
    def automatic(self) -> bool:
        return self.mail.is_auto_reply or self.mail.is_bounce


def ingest_email_in(
    session: Session,
    mail: InboundEmail,
    *,
    source: MailSource | None,
    policy: IngestPolicy,
    lookups: IngestLookups | None = None,
) -> IngestResult:
    """Store one message in the caller's transaction; ``lookups`` serve a batch (IMAP)."""
    # The caller's pending ORM changes go first, as the session's autoflush would do them.
    session.flush()
    return _ingest(
        _Writes(session, batch=False),
        mail,
        dedupe_key(mail),
        source=source,
        policy=policy,
        lookups=lookups,
    )


def ingest_batch(
    session: Session,
    batch: Sequence[tuple[InboundEmail, str]],
    *,
    policy: IngestPolicy,
    sources: Sequence[MailSource] | None = None,
) -> list[IngestResult]:
    """Store a batch (an import, or IMAP mail) in the caller's transaction, one result
    per message.

    ``batch`` holds each message with its :func:`dedupe_key` (the parser computed it);
    ``sources``, when given, where on the IMAP server each one was found.
    The rows, results and threading are exactly those of :func:`ingest_email_in` called
    for each message in turn (the tests compare both); only the statements are fewer:
    the look-ups are made once for the batch, the blobs of its new messages are written
    in one executemany at its start, and its events in one at its end.
    """
    if sources is not None and len(sources) != len(batch):
        raise ValueError("one source per message")
    session.flush()
    first = sources[0] if sources else None
    mailbox = (first.account, first.folder, first.uidvalidity) if first else None
    lookups = IngestLookups(
        session,
        (key for _, key in batch),
        mailbox=mailbox,
        uids=(s.uid for s in sources or () if (s.account, s.folder, s.uidvalidity) == mailbox),
        senders=(mail.from_address for mail, _ in batch),
    )
    located: Sequence[MailSource | None] = sources if sources is not None else [None] * len(batch)
    writes = _Writes(session, batch=True)
    writes.blobs.store_many(_new_contents(batch, located, lookups))
    try:
        results = [
            _ingest(writes, mail, key, source=source, policy=policy, lookups=lookups)
            for (mail, key), source in zip(batch, located, strict=True)
        ]
    except BaseException:
        # A caller that carries on with the transaction keeps the earlier messages' events.
        with contextlib.suppress(Exception):
            writes.flush()
        raise
    writes.flush()
    return results


def _new_contents(
    batch: Sequence[tuple[InboundEmail, str]],
    sources: Sequence[MailSource | None],
    lookups: IngestLookups,
) -> Iterator[bytes]:
    """The raw mail and attachments of the messages that will be stored, in storing order.

    A message is stored unless its content key was stored before or came earlier in the
    batch: ingestion stores every other message, whatever case it goes to. One that may
    have come from the same mailbox position before is left to :meth:`BlobWriter.put`.
    """
    seen: set[str] = set()
    for (mail, key), source in zip(batch, sources, strict=True):
        if key in seen or lookups.stored_before(key):
            continue
        if source is not None and lookups.may_have_receipt(
            source.account, source.folder, source.uidvalidity, source.uid
        ):
            continue
        seen.add(key)
        yield mail.raw
        for attachment in mail.attachments:
            yield attachment.data


def _ingest(
    writes: _Writes,
    mail: InboundEmail,
    key: str,
    *,
    source: MailSource | None,
    policy: IngestPolicy,
    lookups: IngestLookups | None,
) -> IngestResult:
    connection = writes.connection
    if (
        source is not None
        and (
            lookups is None
            or lookups.may_have_receipt(
                source.account, source.folder, source.uidvalidity, source.uid
            )
        )
        and (seen := _receipt(connection, source)) is not None
    ):
        return IngestResult(
            Outcome.DUPLICATE, seen[0], seen[1], "already imported from this mailbox"
        )
    if lookups is not None:
        existing = lookups.find_by_dedupe_key(key)
    else:
        existing = messages.find_by_dedupe_key(connection, key)
    if existing is not None:
        message_id, case_id = existing
        _record(connection, source, message_id, duplicate=True)
        number = cases.number_of(connection, case_id)
        return IngestResult(
            Outcome.DUPLICATE, number, message_id, "the same message was stored already"
        )
    now = utcnow()
    customer_id, identity_id = _customer(connection, mail, lookups)
    arrival = _Arrival(
        writes=writes,
        mail=mail,
        key=key,
        identity_id=identity_id,
        arrived=mail.sent_at if policy.keep_sent_time and mail.sent_at else now,
        now=now,
        policy=policy,
        source=source,
    )
    decision = _thread(connection, mail, customer_id, now, policy)
    bounced = _mark_bounce(writes, mail)
    if bounced is not None and decision.case is None:
        decision = ThreadDecision(
            bounced,
            decision.reason,
            f"delivery failure report for a reply on case #{bounced.number}",
        )
    if decision.case is None:
        return _new_case(arrival, customer_id, reason=decision.explanation, linked=None)
    return _append(arrival, decision)


_RECEIPTS = core_table(MailReceiptRow)
_MESSAGES = core_table(MessageRow)
_CASES = core_table(CaseRow)
_RECEIPT = (
    sa_select(_CASES.c.number, _MESSAGES.c.id)
    .join(_MESSAGES, _MESSAGES.c.case_id == _CASES.c.id)
    .join(_RECEIPTS, _RECEIPTS.c.message_id == _MESSAGES.c.id)
    .where(
        _RECEIPTS.c.account == bindparam("account"),
        _RECEIPTS.c.folder == bindparam("folder"),
        _RECEIPTS.c.uidvalidity == bindparam("uidvalidity"),
        _RECEIPTS.c.uid == bindparam("uid"),
    )
)
_INSERT_RECEIPT = insert(_RECEIPTS)
_FAILED_OUTGOING = sa_select(_MESSAGES.c.id, _MESSAGES.c.case_id).where(
    _MESSAGES.c.message_id_header == bindparam("header"),
    _MESSAGES.c.direction == Direction.OUT.value,
)
_MARK_UNDELIVERABLE = (
    update(_MESSAGES)
    .where(_MESSAGES.c.id == bindparam("message_id"))
    .values(delivery_state=DeliveryState.UNDELIVERABLE.value)
)


def _receipt(connection: Connection, source: MailSource) -> tuple[CaseNumber, MessageId] | None:
    row = connection.execute(
        _RECEIPT,
        {
            "account": source.account,
            "folder": source.folder,
            "uidvalidity": source.uidvalidity,
            "uid": source.uid,
        },
    ).first()
    if row is None:
        return None
    return CaseNumber(row[0]), MessageId(row[1] or 0)


def _record(
    connection: Connection, source: MailSource | None, message_id: MessageId, *, duplicate: bool
) -> None:
    if source is None:
        return
    connection.execute(
        _INSERT_RECEIPT,
        {
            "account": source.account,
            "folder": source.folder,
            "uidvalidity": source.uidvalidity,
            "uid": source.uid,
            "message_id": message_id,
            "duplicate": duplicate,
            "received_at": utcnow(),
        },
    )


def _customer(
    connection: Connection, mail: InboundEmail, lookups: IngestLookups | None
) -> tuple[CustomerId, IdentityId | None]:
    try:
        if lookups is not None:
            return lookups.find_or_create_customer(
                kind=IdentityKind.EMAIL, value=mail.from_address, name=mail.from_name
            )
        return customers.find_or_create_customer(
            connection, kind=IdentityKind.EMAIL, value=mail.from_address, name=mail.from_name
        )
    except InvalidInput:
        name = mail.from_name or mail.from_address or "(unknown sender)"
        return customers.create_anonymous_customer(connection, name=name), None


def _thread(
    connection: Connection,
    mail: InboundEmail,
    customer_id: CustomerId,
    now: datetime,
    policy: IngestPolicy,
) -> ThreadDecision:
    return thread_inbound(
        connection,
        references=[*mail.references, *([mail.in_reply_to] if mail.in_reply_to else [])],
        subject=mail.subject,
        sender=mail.from_address,
        customer_id=customer_id,
        now=now,
        policy=policy,
    )


def thread_inbound(
    executor: Session | Connection,
    *,
    references: list[str],
    subject: str,
    sender: str,
    customer_id: CustomerId,
    now: datetime,
    policy: IngestPolicy,
) -> ThreadDecision:
    """Find the case a customer's message belongs to, by the rules of ``threading_rules``.

    Every channel uses this: email with its headers, the web form without them.
    """
    referenced = threading_lookup.case_by_message_ids(executor, references)
    by_token: CaseCandidate | None = None
    participant = False
    if referenced is None:
        for number in subject_case_numbers(subject):
            by_token = threading_lookup.case_by_number(executor, number)
            if by_token is not None:
                participant = threading_lookup.is_participant(executor, by_token, sender)
                break
    matches = []
    if referenced is None and not participant and policy.subject.enabled:
        matches = threading_lookup.recent_cases_of(executor, customer_id)
    return decide_thread(
        by_reference=referenced,
        by_token=by_token,
        sender_is_participant=participant,
        subject_matches=matches,
        customer_id=customer_id,
        subject=subject,
        now=now,
        policy=policy.subject,
    )


def _mark_bounce(writes: _Writes, mail: InboundEmail) -> CaseCandidate | None:
    """A bounce marks our failed outgoing message undeliverable on its case."""
    if not mail.is_bounce or not mail.bounced_message_id:
        return None
    connection = writes.connection
    failed = connection.execute(_FAILED_OUTGOING, {"header": mail.bounced_message_id}).first()
    if failed is None:
        return None
    failed_id, case_id = failed
    connection.execute(_MARK_UNDELIVERABLE, {"message_id": failed_id})
    writes.event(
        CaseId(case_id),
        EventKind.STATUS_CHANGED,
        from_value="delivered",
        to_value="undeliverable",
        reason=f"bounce: {mail.subject[:150]}",
    )
    return threading_lookup.case_by_message_ids(connection, [mail.bounced_message_id])


def _new_case(
    arrival: _Arrival, customer_id: CustomerId, *, reason: str, linked: CaseId | None
) -> IngestResult:
    writes, mail = arrival.writes, arrival.mail
    case = cases.open_case(
        writes.connection,
        subject=mail.subject.strip() or "(no subject)",
        customer_id=customer_id,
        created_at=arrival.arrived,
        linked_case_id=linked,
    )
    message_id = messages.insert_inbound(
        writes.connection, writes.blobs, case.id, arrival.message(reason)
    )
    writes.event(case.id, EventKind.CASE_CREATED, to_value=Channel.EMAIL.value, reason=reason)
    _record(writes.connection, arrival.source, message_id, duplicate=False)
    if not arrival.automatic and arrival.policy.acknowledge is not None:
        # Acknowledging logs events of its own: the ones held back come first.
        writes.flush()
        _acknowledge(arrival, case.id, case.number, customer_id, arrival.policy.acknowledge)
    return IngestResult(
        Outcome.NEW_CASE, case.number, message_id, reason, acknowledge=not arrival.automatic
    )


def _acknowledge(
    arrival: _Arrival,
    case_id: CaseId,
    number: CaseNumber,
    customer_id: CustomerId,
    settings: AckSettings,
) -> None:
    """Acknowledge in the ingest's own transaction: stored case and queued mail, or neither."""
    mail = arrival.mail
    address = mail.from_address.strip().lower()
    if arrival.identity_id is None or not address:
        return
    session = arrival.writes.session
    if not within_daily_limit(session, customer_id=customer_id, address=address, settings=settings):
        # Probably two machines answering each other: stay quiet, an agent still sees it.
        events.log_event(
            session,
            case_id=case_id,
            kind=EventKind.ACK_SKIPPED,
            actor=None,
            reason=f"no acknowledgement to {address}: {settings.daily_limit} automatic "
            "mails went there in the last 24 hours",
        )
        return
    queue_acknowledgement_in(
        session,
        case_id=case_id,
        number=number,
        subject=mail.subject,
        recipient=address,
        name=mail.from_name,
        language=guess_language(f"{mail.subject}\n{mail.text}"),
        settings=settings,
        thread=Thread(
            in_reply_to=mail.message_id,
            references=(*mail.references[-19:], mail.message_id) if mail.message_id else (),
        ),
    )


def _append(arrival: _Arrival, decision: ThreadDecision) -> IngestResult:
    writes, target = arrival.writes, decision.case
    assert target is not None
    resolved = target.status is CaseStatus.RESOLVED
    if resolved:
        writes.flush()  # confirmed_since reads events (none of the kinds ingestion logs)
    verdict = lifecycle.decide_inbound(
        target.status,
        resolved_at=target.resolved_at,
        now=arrival.now,
        policy=arrival.policy.reopen,
        text=arrival.mail.text,
        confirmed=resolved
        and resolutions.confirmed_since(writes.session, target.id, target.resolved_at),
    )
    if verdict is lifecycle.InboundDecision.NEW_LINKED_CASE and not arrival.automatic:
        days = arrival.policy.reopen.window.days
        reason = f"new case linked to #{target.number}: it was resolved more than {days} days ago"
        return _new_case(arrival, target.customer_id, reason=reason, linked=target.id)
    message_id = messages.insert_inbound(
        writes.connection, writes.blobs, target.id, arrival.message(decision.explanation)
    )
    writes.event(
        target.id,
        EventKind.MESSAGE_RECEIVED,
        to_value=Channel.EMAIL.value,
        reason=decision.explanation,
    )
    if not arrival.automatic:
        _customer_spoke(writes, target, verdict, arrival.now)
    _record(writes.connection, arrival.source, message_id, duplicate=False)
    return IngestResult(Outcome.APPENDED, target.number, message_id, decision.explanation)


def _customer_spoke(
    writes: _Writes, target: CaseCandidate, verdict: lifecycle.InboundDecision, now: datetime
) -> None:
    """The turn is ours again: waiting or resolved cases open, and the clock starts."""
    if target.status is CaseStatus.RESOLVED and verdict is lifecycle.InboundDecision.KEEP:
        # A thank-you: the case stays resolved and no waiting clock starts.
        cases.touch_case(writes.connection, target.id)
        return
    reopening = verdict in {lifecycle.InboundDecision.RESUME, lifecycle.InboundDecision.REOPEN}
    new_status = CaseStatus.OPEN if reopening else target.status
    cases.customer_wrote(
        writes.connection, target.id, expected=target.status, new=new_status, now=now
    )
    if reopening:
        kind = (
            EventKind.REOPENED
            if verdict is lifecycle.InboundDecision.REOPEN
            else EventKind.STATUS_CHANGED
        )
        writes.event(
            target.id,
            kind,
            from_value=target.status.value,
            to_value=CaseStatus.OPEN.value,
            reason="the customer wrote again",
        )
