"""What the email parser produces: frozen, plain records that any layer may hold."""

import hashlib
from dataclasses import dataclass
from datetime import datetime

Address = tuple[str, str]
"""One mailbox as ``(display name, address)``; either part may be empty."""


@dataclass(frozen=True, slots=True)
class ParsedAttachment:
    """A file carried by the message, decoded from its transfer encoding."""

    filename: str
    """Safe to use as a file name: no path, no control characters, bounded length."""
    content_type: str
    data: bytes
    content_id: str | None
    """Without angle brackets, as referenced by ``cid:`` URLs in the HTML."""
    inline: bool
    """Meant to be shown in the body (inline image, inline text) rather than listed."""

    @property
    def size(self) -> int:
        """Decoded size in bytes."""
        return len(self.data)

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the decoded data (computed on demand: parsing stays fast)."""
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True, slots=True)
class ParsedEmail:
    """Everything OmniDesk reads from one raw message (the caller keeps the raw bytes)."""

    from_name: str
    from_address: str
    """Empty when the message names no usable sender (then ``problems`` says so)."""
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    reply_to: tuple[Address, ...]
    subject: str
    date: datetime | None
    """Aware, in UTC; None when missing or unreadable."""
    message_id: str | None
    """Normalised to ``<id>`` form."""
    in_reply_to: str | None
    references: tuple[str, ...]
    text: str
    """The full readable text (derived from the HTML when the mail has no plain part)."""
    new_text: str
    """The new part of a reply, without quoted history and signature."""
    html: str | None
    """Sanitised HTML with remote content blocked; None for plain-text mail."""
    attachments: tuple[ParsedAttachment, ...]
    is_auto_reply: bool
    """Sent by a machine (RFC 3834 headers, out-of-office, bulk/list): never acknowledge."""
    is_bounce: bool
    """A delivery failure report."""
    bounced_message_id: str | None
    """For a bounce, the Message-ID of the message that could not be delivered."""
    problems: tuple[str, ...]
    """``"code: detail"`` lines, e.g. ``"mime-structure: start boundary not found"``."""
    needs_attention: bool
    """True when a problem means the result may be incomplete: show it to an agent."""
    raw_size: int
    remote_images_blocked: int = 0
    """How many remote images the sanitiser removed (the UI can offer to load them)."""


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep hostile or broken input from costing unbounded time or memory."""

    max_message_bytes: int = 64 * 1024 * 1024
    max_boundary_lines: int = 5_000
    """Lines starting with ``--`` parsed at most; a part bomb is cut there before parsing."""
    max_parts: int = 500
    max_depth: int = 30
    max_header_chars: int = 16_384
    """Per header value; longer values are cut (addresses and references included)."""
    max_addresses: int = 500
    max_references: int = 100
    max_decoded_bytes: int = 64 * 1024 * 1024
    """All attachments together."""
    max_text_chars: int = 2_000_000
    max_html_chars: int = 2_000_000


DEFAULT_LIMITS = Limits()
