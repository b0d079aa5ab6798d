"""Typed ids, so a case id is never passed where an agent id is expected."""

from typing import NewType

AgentId = NewType("AgentId", int)
CustomerId = NewType("CustomerId", int)
IdentityId = NewType("IdentityId", int)
CaseId = NewType("CaseId", int)
CaseNumber = NewType("CaseNumber", int)
MessageId = NewType("MessageId", int)
AttachmentId = NewType("AttachmentId", int)
CommitmentId = NewType("CommitmentId", int)
EventId = NewType("EventId", int)
BlobHash = NewType("BlobHash", str)
"""Hex SHA-256 of a stored blob (attachment content or raw email source)."""
