"""Case use cases: open, claim, hand over, write, change status, list and show."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from omnidesk.core import lifecycle
from omnidesk.core.attachments import ReplyAttachment, check_reply_attachments
from omnidesk.core.collision import check_not_changed
from omnidesk.core.commitments import ensure_resolvable
from omnidesk.core.entities import (
    Agent,
    Case,
    CaseSummary,
    Commitment,
    Customer,
    Event,
    Message,
)
from omnidesk.core.enums import (
    CaseStatus,
    Channel,
    DeliveryState,
    Direction,
    EventKind,
    IdentityKind,
    Priority,
    ReplyMode,
)
from omnidesk.core.errors import InvalidInput, RuleViolation
from omnidesk.core.ids import AgentId, CaseId, CaseNumber, CustomerId, MessageId
from omnidesk.core.language_guess import guess_language
from omnidesk.core.mail_ids import DEFAULT_DOMAIN, new_message_id, reply_subject
from omnidesk.core.ownership import ClaimOutcome, OwnerRef, check_handover, judge_claim, plan_write
from omnidesk.core.views import CaseFilter
from omnidesk.services.acknowledge import (
    AckSettings,
    Thread,
    owner_notice_text,
    queue_automatic_in,
    within_daily_limit,
)
from omnidesk.store import case_list, cases, commitments, customers, events, messages, outbox
from omnidesk.store.agents import get_agent
from omnidesk.store.engine import Database
from omnidesk.store.messages import NewAttachment, NewMessage
from omnidesk.store.tables import CaseRow
from omnidesk.store.types import utcnow

MAX_TEXT = 1_000_000
"""A single message larger than this is refused: nobody reads a megabyte of text."""


@dataclass(frozen=True, slots=True)
class CaseDetail:
    case: Case
    customer: Customer
    owner: Agent | None
    messages: list[Message]
    commitments: list[Commitment]
    events: list[Event]


@dataclass(frozen=True, slots=True)
class Incoming:
    """A customer's first message, from any channel, that starts a case."""

    channel: Channel
    identity_kind: IdentityKind
    identity_value: str
    customer_name: str
    subject: str
    text: str
    html: str | None = None
    received_at: datetime | None = None
    priority: Priority = Priority.NORMAL
    message_id_header: str | None = None
    raw: bytes | None = None
    attachments: tuple[NewAttachment, ...] = ()


def open_case(db: Database, incoming: Incoming) -> CaseNumber:
    """Create a new case from a customer's message."""
    with db.write() as session:
        return open_case_in(session, incoming)


def open_case_in(session: Session, incoming: Incoming) -> CaseNumber:
    """``open_case`` inside a caller's transaction (ingestion and demo data batch many)."""
    _check_text(incoming.text)
    customer_id, identity_id = customers.find_or_create_customer(
        session,
        kind=incoming.identity_kind,
        value=incoming.identity_value,
        name=incoming.customer_name,
    )
    when = incoming.received_at or utcnow()
    case = cases.insert_case(
        session,
        subject=incoming.subject.strip() or "(no subject)",
        customer_id=customer_id,
        priority=incoming.priority,
        created_at=when,
    )
    messages.insert_message(
        session,
        case.id,
        NewMessage(
            channel=incoming.channel,
            direction=Direction.IN,
            author_name=incoming.customer_name or incoming.identity_value,
            author_identity_id=identity_id,
            subject=incoming.subject,
            body_text=incoming.text,
            body_html=incoming.html,
            message_id_header=incoming.message_id_header,
            raw=incoming.raw,
            created_at=when,
            sent_at=when,
            thread_reason="new case: first message from this customer on this topic",
            attachments=incoming.attachments,
        ),
    )
    events.log_event(
        session,
        case_id=case.id,
        kind=EventKind.CASE_CREATED,
        actor=None,
        to_value=incoming.channel.value,
        at=when,
    )
    return case.number


def claim_case(
    db: Database, number: CaseNumber, agent: Agent, *, tell_customer: AckSettings | None = None
) -> ClaimOutcome:
    """Take an unowned case. Of many agents claiming at once exactly one wins.

    Raises ``OwnedByOther`` naming the owner when someone else has it. With
    ``tell_customer`` the winner's name is mailed to the customer in the same
    transaction (email cases; within the daily limit of automatic mail).
    """
    with db.write() as session:
        row = cases.case_row_by_number(session, number)
        case_id = _id(row)
        updated = _take(session, case_id, agent, reason=None)
        # Raises OwnedByOther naming the winner when this claim lost.
        outcome = judge_claim(
            number, claimant=agent.id, updated=updated, owner=cases.owner_of(session, case_id)
        )
        if outcome.won and tell_customer is not None:
            _tell_owner(session, row, agent, tell_customer)
        return outcome


def _tell_owner(session: Session, row: CaseRow, owner: Agent, settings: AckSettings) -> None:
    case_id = _id(row)
    customer_id = CustomerId(row.customer_id)
    address = messages.reply_address(session, case_id, customer_id)
    latest = messages.latest_inbound(session, case_id)
    if address is None or latest is None or latest.channel != Channel.EMAIL.value:
        return  # a chat visitor sees the agent's name in the chat itself
    if not within_daily_limit(session, customer_id=customer_id, address=address, settings=settings):
        return
    language = guess_language(f"{latest.subject}\n{latest.body_text}")
    number = CaseNumber(row.number)
    queue_automatic_in(
        session,
        case_id=case_id,
        number=number,
        subject=reply_subject(row.subject, number),
        body=owner_notice_text(
            language=language,
            number=number,
            name=customers.get_customer(session, customer_id).name,
            owner=owner.display_name or owner.name,
            settings=settings,
        ),
        recipient=address,
        settings=settings,
        why="owner notice",
        thread=Thread(
            in_reply_to=latest.message_id_header,
            references=(latest.message_id_header,) if latest.message_id_header else (),
        ),
    )


def handover_case(
    db: Database, number: CaseNumber, *, actor: Agent, to: Agent, reason: str
) -> None:
    """Give the case to another agent, with a reason that goes into the event log."""
    if not to.active:
        raise RuleViolation(f"{to.name} is not an active agent")
    with db.write() as session:
        row = cases.case_row_by_number(session, number)
        case_id = _id(row)
        owner = cases.owner_of(session, case_id)
        cleaned = check_handover(
            number, owner=owner, new_owner=OwnerRef(to.id, to.name), reason=reason
        )
        if not cases.set_owner(session, case_id, expected=owner.id if owner else None, new=to.id):
            raise RuleViolation(f"case #{number} changed hands meanwhile; look again and retry")
        if row.status == CaseStatus.NEW.value:
            _move(session, row, CaseStatus.OPEN, actor=actor.id)
        events.log_event(
            session,
            case_id=case_id,
            kind=EventKind.HANDED_OVER,
            actor=actor.id,
            from_value=owner.name if owner else None,
            to_value=to.name,
            reason=cleaned,
        )


def write_on_case(
    db: Database,
    number: CaseNumber,
    *,
    agent: Agent,
    text: str,
    mode: ReplyMode,
    channel: Channel | None = None,
    mail_domain: str = DEFAULT_DOMAIN,
    attachments: Sequence[ReplyAttachment] = (),
    overridden_checks: tuple[str, ...] = (),
    seen_up_to: MessageId | None = None,
) -> MessageId:
    """Add an agent's reply (queued for delivery) or internal note to a case.

    ``overridden_checks`` names the pre-send findings the agent chose to send anyway;
    they go into the event log in the same transaction as the reply. ``seen_up_to`` is
    the newest message the writer had seen when the draft began: a reply is refused
    with :class:`ChangedSinceDraft` when someone else wrote on the case since.
    """
    with db.write() as session:
        return write_on_case_in(
            session,
            number,
            agent=agent,
            text=text,
            mode=mode,
            channel=channel,
            mail_domain=mail_domain,
            attachments=attachments,
            overridden_checks=overridden_checks,
            seen_up_to=seen_up_to,
        )


def write_on_case_in(
    session: Session,
    number: CaseNumber,
    *,
    agent: Agent,
    text: str,
    mode: ReplyMode,
    channel: Channel | None = None,
    mail_domain: str = DEFAULT_DOMAIN,
    attachments: Sequence[ReplyAttachment] = (),
    overridden_checks: tuple[str, ...] = (),
    seen_up_to: MessageId | None = None,
) -> MessageId:
    """``write_on_case`` inside a caller's transaction (a commitment told to the customer)."""
    if not text.strip():
        raise InvalidInput("the message is empty")
    _check_text(text)
    check_reply_attachments(attachments)
    row = cases.case_row_by_number(session, number)
    case_id = _id(row)
    plan = plan_write(number, owner=cases.owner_of(session, case_id), writer=agent.id, mode=mode)
    if plan.visible_to_customer and seen_up_to is not None:
        check_not_changed(
            number,
            messages.written_after(session, case_id, seen_up_to),
            seen_up_to=seen_up_to,
            writer=agent.id,
        )
    if plan.becomes_owner:
        _take(session, case_id, agent, reason="first reply")
        # Lost a race: decide again against the agent who won it (raises OwnedByOther).
        plan = plan_write(
            number, owner=cases.owner_of(session, case_id), writer=agent.id, mode=mode
        )
        session.refresh(row)
    now = utcnow()
    channel = (
        (channel or _reply_channel(session, row)) if plan.visible_to_customer else Channel.NOTE
    )
    if attachments and channel is Channel.CHAT:
        raise InvalidInput(
            "files cannot be sent in a chat: send the reply by email, or remove the "
            "attachments and describe where the customer finds the information"
        )
    by_email = plan.visible_to_customer and channel is Channel.EMAIL
    thread = _email_thread(session, row, mail_domain) if by_email else None
    message_id = messages.insert_message(
        session,
        case_id,
        NewMessage(
            channel=channel,
            direction=Direction.OUT if plan.visible_to_customer else Direction.INTERNAL,
            author_name=agent.display_name,
            author_agent_id=agent.id,
            on_behalf_of_id=plan.on_behalf_of,
            subject=thread.subject if thread else row.subject,
            body_text=text,
            message_id_header=thread.message_id if thread else None,
            in_reply_to=thread.in_reply_to if thread else None,
            references=thread.references if thread else (),
            delivery_state=DeliveryState.QUEUED if plan.visible_to_customer else None,
            created_at=now,
            # Stored like inbound files: blobs plus attachment rows; the outbox
            # reads them back when it builds the mail.
            attachments=tuple(
                NewAttachment(a.filename, a.content_type, a.data) for a in attachments
            ),
        ),
    )
    if thread is not None:
        outbox.enqueue(session, message_id, [thread.recipient])
    if overridden_checks:
        events.log_event(
            session,
            case_id=case_id,
            kind=EventKind.PRESEND_OVERRIDDEN,
            actor=agent.id,
            reason=", ".join(overridden_checks),
        )
    if plan.visible_to_customer:
        target = lifecycle.status_after_agent_reply(CaseStatus(row.status))
        if target.value != row.status:
            _move(session, row, target, actor=agent.id)
        if row.first_response_at is None:
            cases.touch(session, case_id, first_response_at=now)
        events.log_event(
            session,
            case_id=case_id,
            kind=EventKind.REPLY_QUEUED,
            actor=agent.id,
            to_value=channel.value,
            reason=f"on behalf of {_name(session, plan.on_behalf_of)}"
            if plan.on_behalf_of
            else None,
        )
    else:
        cases.touch(session, case_id)
        events.log_event(session, case_id=case_id, kind=EventKind.NOTE_ADDED, actor=agent.id)
    return message_id


def _reply_channel(session: Session, row: CaseRow) -> Channel:
    """Email when the customer has an address, else the chat they wrote in.

    A chat visitor who left an address is answered by email: the gateway delivers
    such a reply in the chat instead while the visitor is connected, so a visitor
    who left (or chose "leave a message") is never cut off.
    """
    case_id = _id(row)
    if messages.reply_address(session, case_id, CustomerId(row.customer_id)) is not None:
        return Channel.EMAIL
    last = messages.latest_inbound(session, case_id)
    if last is not None and last.channel == Channel.CHAT.value:
        return Channel.CHAT
    raise InvalidInput(
        f"the customer of case #{row.number} has no email address and no chat: "
        "record the phone call as a note, or add an address to the customer"
    )


@dataclass(frozen=True, slots=True)
class _EmailThread:
    recipient: str
    subject: str
    message_id: str
    in_reply_to: str | None
    references: tuple[str, ...]


_MAX_REFERENCES = 20


def _email_thread(session: Session, row: CaseRow, domain: str) -> _EmailThread:
    """Where a reply by email goes, and the headers that keep it in the customer's thread."""
    number = CaseNumber(row.number)
    last = messages.latest_inbound(session, _id(row))
    recipient = messages.reply_address(session, _id(row), CustomerId(row.customer_id))
    if recipient is None:
        raise InvalidInput(
            f"the customer of case #{number} has no email address; "
            "add one to the customer, or answer by chat or phone"
        )
    references: tuple[str, ...] = ()
    in_reply_to = None
    if last is not None and last.message_id_header:
        in_reply_to = last.message_id_header
        earlier = tuple((last.references or "").split())
        references = (*earlier, in_reply_to)[-_MAX_REFERENCES:]
    return _EmailThread(
        recipient=recipient,
        subject=reply_subject(row.subject, number),
        message_id=new_message_id(number, domain),
        in_reply_to=in_reply_to,
        references=references,
    )


def change_status(db: Database, number: CaseNumber, *, agent: Agent, status: CaseStatus) -> None:
    """Move a case to ``status`` by hand; resolving refuses while a commitment is open."""
    with db.write() as session:
        change_status_in(session, number, agent=agent, status=status)


def change_status_in(
    session: Session, number: CaseNumber, *, agent: Agent, status: CaseStatus
) -> None:
    """``change_status`` inside a caller's transaction (resolving that asks the customer)."""
    row = cases.case_row_by_number(session, number)
    case_id = _id(row)
    current = CaseStatus(row.status)
    lifecycle.check_transition(current, status)
    if status is CaseStatus.RESOLVED:
        ensure_resolvable(number, commitments.list_commitments(session, case_id))
    if row.owner_id is None:
        # Changing the status is an agent action: the agent takes the case.
        _take(session, case_id, agent, reason="first action")
        session.refresh(row)
        current = CaseStatus(row.status)
        if current is status:
            return
    _move(session, row, status, actor=agent.id)


def _move(
    session: Session, row: CaseRow, target: CaseStatus, *, actor: AgentId | None = None
) -> None:
    current = CaseStatus(row.status)
    now = utcnow()
    waiting = row.waiting_since
    if target in {CaseStatus.WAITING_ON_CUSTOMER, CaseStatus.RESOLVED}:
        waiting = None
    elif waiting is None:
        waiting = now
    resolved_at = now if target is CaseStatus.RESOLVED else None
    if not cases.set_status(
        session,
        _id(row),
        expected=current,
        new=target,
        waiting_since=waiting,
        resolved_at=resolved_at,
    ):
        raise RuleViolation(f"case #{row.number} was changed meanwhile; look again and retry")
    events.log_event(
        session,
        case_id=_id(row),
        kind=EventKind.STATUS_CHANGED,
        actor=actor,
        from_value=current.value,
        to_value=target.value,
    )
    session.refresh(row)


def list_cases(
    db: Database, case_filter: CaseFilter, *, offset: int = 0, limit: int = 100
) -> list[CaseSummary]:
    with db.read() as session:
        return case_list.list_case_summaries(session, case_filter, offset=offset, limit=limit)


def count_cases(db: Database, case_filter: CaseFilter) -> int:
    with db.read() as session:
        return case_list.count_cases(session, case_filter)


def case_detail(db: Database, number: CaseNumber) -> CaseDetail:
    with db.read() as session:
        case = cases.get_case(session, number)
        return CaseDetail(
            case=case,
            customer=customers.get_customer(session, case.customer_id),
            owner=get_agent(session, case.owner_id) if case.owner_id else None,
            messages=messages.list_messages(session, case.id),
            commitments=commitments.list_commitments(session, case.id),
            events=events.list_events(session, case.id),
        )


def _take(session: Session, case_id: CaseId, agent: Agent, *, reason: str | None) -> bool:
    """Claim an unowned case for ``agent`` (atomic) and log it; False if someone was first."""
    if not cases.try_claim(session, case_id, agent.id):
        return False
    events.log_event(
        session,
        case_id=case_id,
        kind=EventKind.CLAIMED,
        actor=agent.id,
        to_value=agent.name,
        reason=reason,
    )
    return True


def _id(row: CaseRow) -> CaseId:
    assert row.id is not None
    return CaseId(row.id)


def _name(session: Session, agent_id: AgentId | None) -> str:
    return get_agent(session, agent_id).name if agent_id else "nobody"


def _check_text(text: str) -> None:
    if len(text) > MAX_TEXT:
        raise InvalidInput(
            f"the message is too long ({len(text):,} characters; at most {MAX_TEXT:,})"
        )
