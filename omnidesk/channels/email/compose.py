"""Building the RFC 5322 message for a reply that leaves through the outbox."""

import html
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, formataddr

from omnidesk.core.entities import Attachment, Message

# Long lines are folded by the SMTP policy; this keeps paragraphs readable in HTML.
_PARAGRAPH = "\n\n"


def text_to_html(text: str) -> str:
    """A minimal, safe HTML alternative of a plain-text reply (everything escaped)."""
    paragraphs = [p.strip("\n") for p in text.split(_PARAGRAPH) if p.strip()]
    body = "".join("<p>" + html.escape(p).replace("\n", "<br>\n") + "</p>\n" for p in paragraphs)
    return f"<!DOCTYPE html>\n<html><body>\n{body}</body></html>\n"


def compose_reply(
    message: Message,
    *,
    sender_name: str,
    from_address: str,
    to: list[str],
    attachments: list[tuple[Attachment, bytes]],
) -> bytes:
    """The bytes sent by SMTP: our Message-ID, In-Reply-To, References, subject token."""
    mail = EmailMessage(policy=SMTP)
    mail["From"] = formataddr((sender_name, from_address))
    mail["To"] = ", ".join(to)
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(message.created_at)
    if message.message_id_header:
        mail["Message-ID"] = message.message_id_header
    if message.in_reply_to:
        mail["In-Reply-To"] = message.in_reply_to
    if message.references:
        mail["References"] = " ".join(message.references)
    # Our own mail must never trigger other systems' auto-replies into a loop.
    mail["Auto-Submitted"] = "no"
    mail["X-Mailer"] = "OmniDesk"
    mail.set_content(message.body_text)
    mail.add_alternative(text_to_html(message.body_text), subtype="html")
    for attachment, data in attachments:
        maintype, _, subtype = attachment.content_type.partition("/")
        mail.add_attachment(
            data,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
        )
    return mail.as_bytes()
