"""Enumerations of the domain; their values are what the database and JSON output store."""

from enum import StrEnum


class CaseStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    WAITING_ON_CUSTOMER = "waiting_on_customer"
    RESOLVED = "resolved"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Channel(StrEnum):
    EMAIL = "email"
    FORM = "form"
    CHAT = "chat"
    PHONE = "phone"
    NOTE = "note"


class Direction(StrEnum):
    IN = "in"
    OUT = "out"
    INTERNAL = "internal"


class IdentityKind(StrEnum):
    EMAIL = "email"
    CHAT = "chat"
    PHONE = "phone"


class CommitmentKind(StrEnum):
    CALLBACK = "callback"
    FOLLOW_UP = "follow_up"
    SEND = "send"
    REPLY = "reply"


class CommitmentState(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class DeliveryState(StrEnum):
    """Where an outgoing message stands in the outbox."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    UNDELIVERABLE = "undeliverable"


class ReplyMode(StrEnum):
    """How an agent writes on a case."""

    REPLY = "reply"
    ON_BEHALF = "on_behalf"
    NOTE = "note"


class EventKind(StrEnum):
    CASE_CREATED = "case_created"
    CLAIMED = "claimed"
    HANDED_OVER = "handed_over"
    STATUS_CHANGED = "status_changed"
    REOPENED = "reopened"
    MESSAGE_RECEIVED = "message_received"
    REPLY_QUEUED = "reply_queued"
    NOTE_ADDED = "note_added"
    COMMITMENT_ADDED = "commitment_added"
    COMMITMENT_DONE = "commitment_done"
    COMMITMENT_CANCELLED = "commitment_cancelled"
    PRIORITY_CHANGED = "priority_changed"
    TAGGED = "tagged"
    UNTAGGED = "untagged"
    MESSAGE_MOVED_OUT = "message_moved_out"
    MESSAGE_MOVED_IN = "message_moved_in"
    PRESEND_OVERRIDDEN = "presend_overridden"
    """A reply was sent although the pre-send check found something (which: the reason)."""
    ACK_SKIPPED = "ack_skipped"
    """No automatic mail went out although it would have (why: the reason)."""
    RESOLUTION_ASKED = "resolution_asked"
    """The customer was asked whether the resolution solved their problem."""
    RESOLUTION_CONFIRMED = "resolution_confirmed"
    """The customer said yes: the case stays resolved for good."""
    RESOLUTION_REJECTED = "resolution_rejected"
    """The customer said no: the case is reopened with the same owner."""
    CUSTOMER_MERGED = "customer_merged"
    """The case's customer was merged with another record (from/to: the two names)."""
    CUSTOMER_UNMERGED = "customer_unmerged"
