"""Reading one MIME part: its headers (parsed once), and the special part types."""

import email
import email.utils
from dataclasses import dataclass
from email import policy
from email.message import Message

from omnidesk.channels.email.headers import decode_8bit, decode_header

RFC822_TYPES = frozenset({"message/rfc822", "message/global"})


@dataclass(frozen=True, slots=True)
class PartHead:
    """What the walk needs from a part's headers; compat32 would re-parse them per call."""

    content_type: str
    disposition: str | None
    filename: str | None
    """As the sender gave it, decoded (RFC 2231, RFC 2047, raw 8-bit); not yet made safe."""
    charset: str | None
    flowed: bool
    delsp: bool


def _text_param(value: object) -> str:
    if isinstance(value, tuple):
        value = email.utils.collapse_rfc2231_value(value)
    return value.strip() if isinstance(value, str) else ""


def read_head(part: Message) -> PartHead:
    """Parse the part's Content-Type and Content-Disposition once."""
    content_type = part.get_content_type()
    params: dict[str, str] = {}
    for key, value in part.get_params() or ():
        params.setdefault(key.lower(), _text_param(value))
    disposition = part.get_content_disposition()
    # get_filename() parses both headers again; most parts carry no name at all.
    # (compat32 returns a Header object, not a str, for raw 8-bit values.)
    raw_disposition = part.get("content-disposition")
    named = "name" in params or (
        raw_disposition is not None and "name" in str(raw_disposition).lower()
    )
    filename = filename_of(part) if named else None
    if (filename is not None or disposition == "attachment") and _invalid_type(part):
        # The stdlib reads a type without a "/" (``application-x-gzip``) as text/plain;
        # a named or attached part is a file, not text to merge into the body.
        content_type = "application/octet-stream"
    return PartHead(
        content_type=content_type,
        disposition=disposition,
        filename=filename,
        charset=params.get("charset", "").lower() or None,
        flowed=params.get("format", "").lower() == "flowed",
        delsp=params.get("delsp", "").lower() == "yes",
    )


def _invalid_type(part: Message) -> bool:
    """True when the part declares a Content-Type the stdlib rejects (not one "/")."""
    declared = part.get("content-type")
    if declared is None:
        return False
    return str(declared).partition(";")[0].count("/") != 1


def filename_of(part: Message) -> str | None:
    """The decoded file name the sender gave, if any."""
    try:
        raw = part.get_filename()
        if raw and "\ufffd" in raw:
            raw = _filename_from_8bit(part) or raw
    except (ValueError, LookupError, TypeError):
        return None
    if not raw:
        return None
    name, _ = decode_header(raw)
    return name or None


def _filename_from_8bit(part: Message) -> str | None:
    """Re-read a file name sent as raw 8-bit bytes (common: UTF-8 names unencoded).

    compat32 turns such bytes into U+FFFD when asked for a parameter; decoding the
    raw header first and parsing the parameters from the decoded text keeps them.
    """
    probe = Message()
    for name, value in part.raw_items():
        if name.lower() in ("content-disposition", "content-type") and isinstance(value, str):
            probe[name] = decode_8bit(value)[0]
    found = probe.get_filename()
    return found if isinstance(found, str) else None


def inner_message(part: Message) -> Message | None:
    """The message inside a message/rfc822 part (compat32 parses it eagerly)."""
    payload = part.get_payload()
    if isinstance(payload, list) and payload and isinstance(payload[0], Message):
        return payload[0]
    return None


def forward_header(inner: Message) -> str:
    """The headers of a forwarded message as text, like an inline forward."""
    lines = ["---------- Forwarded message ----------"]
    for name in ("From", "Date", "Subject", "To"):
        value, _ = decode_header(inner.get(name))
        if value:
            lines.append(f"{name}: {value}")
    return "\n".join(lines)


def dsn_actions(part: Message) -> list[str]:
    """The ``Action:`` of each recipient block (compat32 parses them as header blocks)."""
    payload = part.get_payload()
    actions: list[str] = []
    for block in payload if isinstance(payload, list) else []:
        value = block.get("action") if isinstance(block, Message) else None
        if isinstance(value, str) and value.split():
            actions.append(value.split()[0].lower())
    return actions


def headers_message_id(part: Message) -> str | None:
    """The Message-ID in a text/rfc822-headers part (the headers of a bounced message)."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return None
    headers = email.message_from_bytes(payload[:65_536], policy=policy.compat32)
    value = headers.get("message-id")
    return value if isinstance(value, str) else None


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in a <meta> tag, if any."""
    head = data[:2048].lower()
    marker = head.find(b"charset=")
    if marker < 0:
        return None
    value = head[marker + 8 : marker + 48].lstrip(b"\"' ")
    end = 0
    while end < len(value) and (value[end : end + 1].isalnum() or value[end : end + 1] in b"-_:."):
        end += 1
    return value[:end].decode("ascii", "replace") or None
