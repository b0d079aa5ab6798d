"""Ingesting one inbound email: deduplicate, thread into a case, store, in one transaction.

The IMAP worker and ``omnidesk import`` both call this. It is idempotent: the IMAP
position (account, folder, UIDVALIDITY, UID) and a dedupe key made of the
Message-ID and the content are unique in the database, so a message fetched
twice, or arriving through two mailboxes, is stored once.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import insert
from sqlmodel import Session, col, select

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
from omnidesk.store.engine import Database
from omnidesk.store.ingest_lookups import IngestLookups
from omnidesk.store.messages import NewAttachment, NewMessage
from omnidesk.store.tables import CaseRow, MailReceiptRow, MessageRow
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


@dataclass(frozen=True, slots=True)
class _Arrival:
    """One inbound message on its way into a case, with what was learnt about it so far."""

    session: Session
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
    """Store one message in the caller's transaction; ``lookups`` serve a batch (imports)."""
    if (
        source is not None
        and (
            lookups is None
            or lookups.may_have_receipt(
                source.account, source.folder, source.uidvalidity, source.uid
            )
        )
        and (seen := _receipt(session, source)) is not None
    ):
        return IngestResult(
            Outcome.DUPLICATE, seen[0], seen[1], "already imported from this mailbox"
        )
    key = dedupe_key(mail)
    if lookups is not None:
        existing = lookups.find_by_dedupe_key(key)
    else:
        existing = messages.find_by_dedupe_key(session, key)
    if existing is not None:
        message_id, case_id = existing
        _record(session, source, message_id, duplicate=True)
        number = cases.number_of(session, case_id)
        return IngestResult(
            Outcome.DUPLICATE, number, message_id, "the same message was stored already"
        )
    now = utcnow()
    customer_id, identity_id = _customer(session, mail, lookups)
    arrival = _Arrival(
        session=session,
        mail=mail,
        key=key,
        identity_id=identity_id,
        arrived=mail.sent_at if policy.keep_sent_time and mail.sent_at else now,
        now=now,
        policy=policy,
        source=source,
    )
    decision = _thread(session, mail, customer_id, now, policy)
    bounced = _mark_bounce(session, mail)
    if bounced is not None and decision.case is None:
        decision = ThreadDecision(
            bounced,
            decision.reason,
            f"delivery failure report for a reply on case #{bounced.number}",
        )
    if decision.case is None:
        return _new_case(arrival, customer_id, reason=decision.explanation, linked=None)
    return _append(arrival, decision)


def _receipt(session: Session, source: MailSource) -> tuple[CaseNumber, MessageId] | None:
    row = session.exec(
        select(CaseRow.number, MessageRow.id)
        .join(MessageRow, col(MessageRow.case_id) == col(CaseRow.id))
        .join(MailReceiptRow, col(MailReceiptRow.message_id) == col(MessageRow.id))
        .where(
            col(MailReceiptRow.account) == source.account,
            col(MailReceiptRow.folder) == source.folder,
            col(MailReceiptRow.uidvalidity) == source.uidvalidity,
            col(MailReceiptRow.uid) == source.uid,
        )
    ).first()
    if row is None:
        return None
    return CaseNumber(row[0]), MessageId(row[1] or 0)


def _record(
    session: Session, source: MailSource | None, message_id: MessageId, *, duplicate: bool
) -> None:
    if source is None:
        return
    # A Core insert: an ORM add would be flushed by the next query of the batch.
    session.execute(
        insert(MailReceiptRow).values(
            account=source.account,
            folder=source.folder,
            uidvalidity=source.uidvalidity,
            uid=source.uid,
            message_id=message_id,
            duplicate=duplicate,
            received_at=utcnow(),
        )
    )


def _customer(
    session: Session, mail: InboundEmail, lookups: IngestLookups | None
) -> tuple[CustomerId, IdentityId | None]:
    try:
        if lookups is not None:
            return lookups.find_or_create_customer(
                kind=IdentityKind.EMAIL, value=mail.from_address, name=mail.from_name
            )
        return customers.find_or_create_customer(
            session, kind=IdentityKind.EMAIL, value=mail.from_address, name=mail.from_name
        )
    except InvalidInput:
        name = mail.from_name or mail.from_address or "(unknown sender)"
        return customers.create_anonymous_customer(session, name=name), None


def _thread(
    session: Session,
    mail: InboundEmail,
    customer_id: CustomerId,
    now: datetime,
    policy: IngestPolicy,
) -> ThreadDecision:
    return thread_inbound(
        session,
        references=[*mail.references, *([mail.in_reply_to] if mail.in_reply_to else [])],
        subject=mail.subject,
        sender=mail.from_address,
        customer_id=customer_id,
        now=now,
        policy=policy,
    )


def thread_inbound(
    session: Session,
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
    referenced = threading_lookup.case_by_message_ids(session, references)
    by_token: CaseCandidate | None = None
    participant = False
    if referenced is None:
        for number in subject_case_numbers(subject):
            by_token = threading_lookup.case_by_number(session, number)
            if by_token is not None:
                participant = threading_lookup.is_participant(session, by_token, sender)
                break
    matches = []
    if referenced is None and not participant and policy.subject.enabled:
        matches = threading_lookup.recent_cases_of(session, customer_id)
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


def _mark_bounce(session: Session, mail: InboundEmail) -> CaseCandidate | None:
    """A bounce marks our failed outgoing message undeliverable on its case."""
    if not mail.is_bounce or not mail.bounced_message_id:
        return None
    failed = session.exec(
        select(MessageRow).where(
            col(MessageRow.message_id_header) == mail.bounced_message_id,
            col(MessageRow.direction) == Direction.OUT.value,
        )
    ).first()
    if failed is None:
        return None
    failed.delivery_state = DeliveryState.UNDELIVERABLE.value
    session.add(failed)
    events.log_event(
        session,
        case_id=CaseId(failed.case_id),
        kind=EventKind.STATUS_CHANGED,
        actor=None,
        from_value="delivered",
        to_value="undeliverable",
        reason=f"bounce: {mail.subject[:150]}",
    )
    return threading_lookup.case_by_message_ids(session, [mail.bounced_message_id])


def _new_case(
    arrival: _Arrival, customer_id: CustomerId, *, reason: str, linked: CaseId | None
) -> IngestResult:
    session, mail = arrival.session, arrival.mail
    case = cases.insert_case(
        session,
        subject=mail.subject.strip() or "(no subject)",
        customer_id=customer_id,
        created_at=arrival.arrived,
        linked_case_id=linked,
    )
    message_id = messages.insert_message(session, case.id, arrival.message(reason))
    events.log_event(
        session,
        case_id=case.id,
        kind=EventKind.CASE_CREATED,
        actor=None,
        to_value=Channel.EMAIL.value,
        reason=reason,
    )
    _record(session, arrival.source, message_id, duplicate=False)
    if not arrival.automatic and arrival.policy.acknowledge is not None:
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
    if not within_daily_limit(
        arrival.session, customer_id=customer_id, address=address, settings=settings
    ):
        # Probably two machines answering each other: stay quiet, an agent still sees it.
        events.log_event(
            arrival.session,
            case_id=case_id,
            kind=EventKind.ACK_SKIPPED,
            actor=None,
            reason=f"no acknowledgement to {address}: {settings.daily_limit} automatic "
            "mails went there in the last 24 hours",
        )
        return
    queue_acknowledgement_in(
        arrival.session,
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
    session, target = arrival.session, decision.case
    assert target is not None
    resolved = target.status is CaseStatus.RESOLVED
    verdict = lifecycle.decide_inbound(
        target.status,
        resolved_at=target.resolved_at,
        now=arrival.now,
        policy=arrival.policy.reopen,
        text=arrival.mail.text,
        confirmed=resolved and resolutions.confirmed_since(session, target.id, target.resolved_at),
    )
    if verdict is lifecycle.InboundDecision.NEW_LINKED_CASE and not arrival.automatic:
        days = arrival.policy.reopen.window.days
        reason = f"new case linked to #{target.number}: it was resolved more than {days} days ago"
        return _new_case(arrival, target.customer_id, reason=reason, linked=target.id)
    message_id = messages.insert_message(session, target.id, arrival.message(decision.explanation))
    events.log_event(
        session,
        case_id=target.id,
        kind=EventKind.MESSAGE_RECEIVED,
        actor=None,
        to_value=Channel.EMAIL.value,
        reason=decision.explanation,
    )
    if not arrival.automatic:
        _customer_spoke(session, target, verdict, arrival.now)
    _record(session, arrival.source, message_id, duplicate=False)
    return IngestResult(Outcome.APPENDED, target.number, message_id, decision.explanation)


def _customer_spoke(
    session: Session, target: CaseCandidate, verdict: lifecycle.InboundDecision, now: datetime
) -> None:
    """The turn is ours again: waiting or resolved cases open, and the clock starts."""
    if target.status is CaseStatus.RESOLVED and verdict is lifecycle.InboundDecision.KEEP:
        # A thank-you: the case stays resolved and no waiting clock starts.
        cases.touch(session, target.id)
        return
    reopening = verdict in {lifecycle.InboundDecision.RESUME, lifecycle.InboundDecision.REOPEN}
    new_status = CaseStatus.OPEN if reopening else target.status
    cases.customer_wrote(session, target.id, expected=target.status, new=new_status, now=now)
    if reopening:
        kind = (
            EventKind.REOPENED
            if verdict is lifecycle.InboundDecision.REOPEN
            else EventKind.STATUS_CHANGED
        )
        events.log_event(
            session,
            case_id=target.id,
            kind=kind,
            actor=None,
            from_value=target.status.value,
            to_value=CaseStatus.OPEN.value,
            reason="the customer wrote again",
        )
