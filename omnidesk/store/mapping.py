"""Turning table rows into the domain's plain records."""

from omnidesk.core.entities import Agent, Attachment, Case, Commitment, Event, Identity, Message
from omnidesk.core.enums import (
    CaseStatus,
    Channel,
    CommitmentKind,
    CommitmentState,
    DeliveryState,
    Direction,
    EventKind,
    IdentityKind,
    Priority,
)
from omnidesk.core.ids import (
    AgentId,
    AttachmentId,
    BlobHash,
    CaseId,
    CaseNumber,
    CommitmentId,
    CustomerId,
    EventId,
    IdentityId,
    MessageId,
)
from omnidesk.store.tables import (
    AgentRow,
    AttachmentRow,
    CaseRow,
    CommitmentRow,
    EventRow,
    IdentityRow,
    MessageRow,
)


def _id(value: int | None) -> int:
    assert value is not None, "row has not been flushed"
    return value


def agent_from_row(row: AgentRow) -> Agent:
    return Agent(
        id=AgentId(_id(row.id)),
        name=row.name,
        display_name=row.display_name,
        email=row.email,
        active=row.active,
        away_since=row.away_since,
        deputy_id=AgentId(row.deputy_id) if row.deputy_id is not None else None,
        away_note=row.away_note or "",
    )


def identity_from_row(row: IdentityRow) -> Identity:
    return Identity(
        id=IdentityId(_id(row.id)),
        customer_id=CustomerId(row.customer_id),
        kind=IdentityKind(row.kind),
        value=row.value,
    )


def case_from_row(row: CaseRow, tags: tuple[str, ...] = ()) -> Case:
    return Case(
        id=CaseId(_id(row.id)),
        number=CaseNumber(row.number),
        subject=row.subject,
        status=CaseStatus(row.status),
        priority=Priority(row.priority),
        owner_id=AgentId(row.owner_id) if row.owner_id is not None else None,
        customer_id=CustomerId(row.customer_id),
        created_at=row.created_at,
        updated_at=row.updated_at,
        first_response_at=row.first_response_at,
        resolved_at=row.resolved_at,
        waiting_since=row.waiting_since,
        linked_case_id=CaseId(row.linked_case_id) if row.linked_case_id is not None else None,
        tags=tags,
    )


def attachment_from_row(row: AttachmentRow) -> Attachment:
    return Attachment(
        id=AttachmentId(_id(row.id)),
        filename=row.filename,
        content_type=row.content_type,
        size=row.size,
        sha256=BlobHash(row.sha256),
        content_id=row.content_id,
        inline=row.inline,
    )


def message_from_row(row: MessageRow, attachments: tuple[Attachment, ...] = ()) -> Message:
    return Message(
        id=MessageId(_id(row.id)),
        case_id=CaseId(row.case_id),
        channel=Channel(row.channel),
        direction=Direction(row.direction),
        author=row.author_name,
        subject=row.subject,
        body_text=row.body_text,
        body_html=row.body_html,
        created_at=row.created_at,
        author_agent_id=AgentId(row.author_agent_id) if row.author_agent_id else None,
        on_behalf_of_id=AgentId(row.on_behalf_of_id) if row.on_behalf_of_id else None,
        message_id_header=row.message_id_header,
        in_reply_to=row.in_reply_to,
        references=tuple((row.references or "").split()),
        delivery_state=DeliveryState(row.delivery_state) if row.delivery_state else None,
        needs_attention=row.needs_attention,
        thread_reason=row.thread_reason,
        raw_sha256=BlobHash(row.raw_sha256) if row.raw_sha256 else None,
        attachments=attachments,
    )


def commitment_from_row(row: CommitmentRow) -> Commitment:
    return Commitment(
        id=CommitmentId(_id(row.id)),
        case_id=CaseId(row.case_id),
        owner_id=AgentId(row.owner_id),
        kind=CommitmentKind(row.kind),
        due_at=row.due_at,
        state=CommitmentState(row.state),
        note=row.note,
        outcome=row.outcome,
        cancel_reason=row.cancel_reason,
        created_at=row.created_at,
        closed_at=row.closed_at,
        customer_text=row.customer_text or "",
    )


def event_from_row(row: EventRow, actor: str | None) -> Event:
    return Event(
        id=EventId(_id(row.id)),
        case_id=CaseId(row.case_id) if row.case_id is not None else None,
        kind=EventKind(row.kind),
        at=row.at,
        actor=actor,
        from_value=row.from_value,
        to_value=row.to_value,
        reason=row.reason,
    )
