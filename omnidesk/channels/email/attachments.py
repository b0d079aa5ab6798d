"""Turning MIME parts into ``ParsedAttachment`` records, within the size budget."""

from email.message import Message

from omnidesk.channels.email.filenames import safe_filename
from omnidesk.channels.email.headers import decode_header
from omnidesk.channels.email.model import Limits, ParsedAttachment
from omnidesk.channels.email.parts import RFC822_TYPES, PartHead, inner_message
from omnidesk.channels.email.problems import ProblemLog


def content_id_of(value: object) -> str | None:
    """``<logo@x>`` -> ``logo@x`` (how ``cid:`` URLs refer to it)."""
    if not isinstance(value, str):
        return None
    text = "".join(value.split())
    if text.startswith("<") and ">" in text:
        text = text[1 : text.index(">")]
    return text or None


def message_bytes(part: Message) -> bytes:
    """The content of a ``message/*`` part, which compat32 keeps parsed, as bytes."""
    payload = part.get_payload()
    if isinstance(payload, list):
        blocks = [block.as_bytes() for block in payload if isinstance(block, Message)]
        if part.get_content_type() in RFC822_TYPES:
            return blocks[0] if blocks else b""
        return b"".join(blocks)
    decoded = part.get_payload(decode=True)
    return decoded if isinstance(decoded, bytes) else b""


class AttachmentMaker:
    """Collects the attachments of one message and keeps their total size bounded."""

    def __init__(self, limits: Limits, problems: ProblemLog) -> None:
        self.made: list[ParsedAttachment] = []
        self._budget = limits.max_decoded_bytes
        self._limit_mb = limits.max_decoded_bytes // (1024 * 1024)
        self._problems = problems

    def payload_of(self, part: Message, content_type: str) -> bytes | None:
        """The part's bytes, decoded from base64/QP/uuencode; None over the budget."""
        encoded = part.get_payload()
        if isinstance(encoded, str) and len(encoded) * 3 // 4 > self._budget:
            self._problems.add(
                "limit",
                f"a {content_type} part was skipped: attachments would exceed {self._limit_mb} MB",
            )
            return None
        data = part.get_payload(decode=True)
        return data if isinstance(data, bytes) else None

    def add(self, part: Message, head: PartHead, *, inline: bool) -> None:
        """Decode ``part`` and keep it as an attachment (skipped over the budget)."""
        content_type = head.content_type
        if content_type.startswith("message/"):
            data: bytes | None = message_bytes(part)
        else:
            data = self.payload_of(part, content_type)
        if data is None:
            return
        name = head.filename
        inner = inner_message(part) if content_type in RFC822_TYPES else None
        if name is None and inner is not None:
            subject, _ = decode_header(inner.get("subject"))
            name = f"{subject[:80]}.eml" if subject else None
        self.add_data(name, content_type, data, inline=inline, content_id=part.get("content-id"))

    def add_data(
        self,
        name: str | None,
        content_type: str,
        data: bytes,
        *,
        inline: bool,
        content_id: object = None,
    ) -> None:
        """Keep already decoded data (e.g. a uuencoded file) as an attachment."""
        if len(data) > self._budget:
            self._problems.add(
                "limit",
                f"attachment {name or content_type!r} skipped: attachments would exceed "
                f"{self._limit_mb} MB",
            )
            return
        self._budget -= len(data)
        index = len(self.made) + 1
        self.made.append(
            ParsedAttachment(
                filename=safe_filename(name, content_type=content_type, index=index),
                content_type=content_type,
                data=data,
                content_id=content_id_of(content_id),
                inline=inline,
            )
        )
