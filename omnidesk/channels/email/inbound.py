"""From raw bytes to what the ingestion service stores: parse, then hand over plain data."""

from omnidesk.channels.email.parse import parse_email
from omnidesk.services.ingest_email import InboundEmail
from omnidesk.store.messages import NewAttachment


def to_inbound(raw: bytes) -> InboundEmail:
    """Parse ``raw`` (never raises) and translate it for ``ingest_email``."""
    parsed = parse_email(raw)
    return InboundEmail(
        raw=raw,
        from_address=parsed.from_address,
        from_name=parsed.from_name,
        subject=parsed.subject,
        text=parsed.text,
        html=parsed.html,
        message_id=parsed.message_id,
        in_reply_to=parsed.in_reply_to,
        references=parsed.references,
        sent_at=parsed.date,
        attachments=tuple(
            NewAttachment(
                filename=a.filename,
                content_type=a.content_type,
                data=a.data,
                content_id=a.content_id,
                inline=a.inline,
            )
            for a in parsed.attachments
        ),
        is_auto_reply=parsed.is_auto_reply,
        is_bounce=parsed.is_bounce,
        bounced_message_id=parsed.bounced_message_id,
        problems=parsed.problems,
        needs_attention=parsed.needs_attention,
    )
