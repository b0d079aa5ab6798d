"""Plain records of the domain, as the rules and the user interfaces see them."""

from dataclasses import dataclass, field
from datetime import datetime

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


@dataclass(frozen=True, slots=True)
class Agent:
    id: AgentId
    name: str
    display_name: str
    email: str
    active: bool = True
    away_since: datetime | None = None
    """Set while the agent is away (:mod:`omnidesk.core.absence`)."""
    deputy_id: AgentId | None = None
    """Who covers the agent's cases while they are away."""
    away_note: str = ""


@dataclass(frozen=True, slots=True)
class Identity:
    id: IdentityId
    customer_id: CustomerId
    kind: IdentityKind
    value: str


@dataclass(frozen=True, slots=True)
class Customer:
    id: CustomerId
    name: str
    identities: tuple[Identity, ...] = ()


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """What the case list shows for one case."""

    id: CaseId
    number: CaseNumber
    subject: str
    status: CaseStatus
    priority: Priority
    owner: str | None
    customer: str
    channels: tuple[Channel, ...]
    waiting_since: datetime | None
    next_commitment_due: datetime | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class Case:
    id: CaseId
    number: CaseNumber
    subject: str
    status: CaseStatus
    priority: Priority
    owner_id: AgentId | None
    customer_id: CustomerId
    created_at: datetime
    updated_at: datetime
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    waiting_since: datetime | None = None
    linked_case_id: CaseId | None = None
    tags: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"#{self.number}"


@dataclass(frozen=True, slots=True)
class Attachment:
    id: AttachmentId
    filename: str
    content_type: str
    size: int
    sha256: BlobHash
    content_id: str | None = None
    inline: bool = False


@dataclass(frozen=True, slots=True)
class Message:
    id: MessageId
    case_id: CaseId
    channel: Channel
    direction: Direction
    author: str
    subject: str
    body_text: str
    created_at: datetime
    body_html: str | None = None
    author_agent_id: AgentId | None = None
    on_behalf_of_id: AgentId | None = None
    message_id_header: str | None = None
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    delivery_state: DeliveryState | None = None
    needs_attention: bool = False
    thread_reason: str | None = None
    raw_sha256: BlobHash | None = None
    attachments: tuple[Attachment, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Commitment:
    id: CommitmentId
    case_id: CaseId
    owner_id: AgentId
    kind: CommitmentKind
    due_at: datetime
    state: CommitmentState
    note: str = ""
    outcome: str | None = None
    cancel_reason: str | None = None
    created_at: datetime | None = None
    closed_at: datetime | None = None
    customer_text: str = ""
    """What the customer was told about the promise (sent to them when it was made)."""

    def is_overdue(self, now: datetime) -> bool:
        return self.state is CommitmentState.OPEN and self.due_at < now


@dataclass(frozen=True, slots=True)
class Event:
    id: EventId
    case_id: CaseId | None
    kind: EventKind
    at: datetime
    actor: str | None
    from_value: str | None = None
    to_value: str | None = None
    reason: str | None = None
