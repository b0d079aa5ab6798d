"""Reading stored files back: a message's attachments and the raw source of a mail."""

from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import col, select

from omnidesk.core.entities import Attachment
from omnidesk.core.errors import NotFound
from omnidesk.core.ids import AttachmentId, MessageId
from omnidesk.store.blobs import get_blob
from omnidesk.store.engine import Database
from omnidesk.store.mapping import attachment_from_row
from omnidesk.store.tables import AttachmentRow, MessageRow


@dataclass(frozen=True, slots=True)
class AttachmentFile:
    """One attachment with its exact stored bytes."""

    attachment: Attachment
    data: bytes

    @property
    def filename(self) -> str:
        return self.attachment.filename

    @property
    def content_type(self) -> str:
        return self.attachment.content_type


def attachment_file(db: Database, attachment_id: AttachmentId) -> AttachmentFile:
    """The attachment and its bytes; ``NotFound`` when the row or its content is gone."""
    with db.read() as session:
        row = session.get(AttachmentRow, attachment_id)
        if row is None:
            raise NotFound(f"attachment {attachment_id} no longer exists; reload the case")
        data = get_blob(session, row.sha256)
        if data is None:
            raise NotFound(
                f"the content of {row.filename} is missing from the database; "
                "ask an administrator to restore it from a backup"
            )
        return AttachmentFile(attachment=attachment_from_row(row), data=data)


def attachment_bytes(
    db: Database, attachment_ids: Sequence[AttachmentId]
) -> dict[AttachmentId, bytes]:
    """The bytes of several attachments (inline images); missing ones are left out."""
    if not attachment_ids:
        return {}
    found: dict[AttachmentId, bytes] = {}
    with db.read() as session:
        rows = session.execute(
            select(col(AttachmentRow.id), col(AttachmentRow.sha256)).where(
                col(AttachmentRow.id).in_(list(attachment_ids))
            )
        ).all()
        for attachment_id, digest in rows:
            data = get_blob(session, digest)
            if data is not None:
                found[AttachmentId(int(attachment_id))] = data
    return found


def raw_source(db: Database, message_id: MessageId) -> bytes:
    """The raw mail as received; ``NotFound`` for messages that did not come as mail."""
    with db.read() as session:
        digest = session.execute(
            select(col(MessageRow.raw_sha256)).where(col(MessageRow.id) == message_id)
        ).scalar_one_or_none()
        data = get_blob(session, digest) if digest else None
    if data is None:
        raise NotFound(f"message {message_id} has no stored mail source")
    return data
