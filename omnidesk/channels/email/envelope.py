"""The addressing and identity headers of a message, decoded and checked."""

from dataclasses import dataclass
from datetime import datetime

from omnidesk.channels.email.headers import (
    HeaderView,
    decode_header,
    normalize_message_id,
    parse_addresses,
    parse_date,
    split_references,
)
from omnidesk.channels.email.model import Address, Limits
from omnidesk.channels.email.problems import ProblemLog

_ADDRESS_HEADERS = (("to", "to"), ("cc", "cc"), ("reply-to", "reply_to"))


@dataclass(frozen=True, slots=True)
class Envelope:
    """The decoded identity and addressing headers of one message."""

    from_name: str
    from_address: str
    to: tuple[Address, ...]
    cc: tuple[Address, ...]
    reply_to: tuple[Address, ...]
    subject: str
    date: datetime | None
    message_id: str | None
    in_reply_to: str | None
    references: tuple[str, ...]


def _sender(headers: HeaderView, limits: Limits, problems: ProblemLog) -> Address:
    senders = parse_addresses(headers.all("from"), limit=limits.max_addresses)
    with_address = [s for s in senders if s[1]]
    if with_address:
        return with_address[0]
    # Without a From address, the Sender or the envelope sender still says who wrote.
    for fallback in ("sender", "return-path"):
        found = [s for s in parse_addresses(headers.all(fallback)) if "@" in s[1]]
        if found:
            problems.add("sender-fallback", f"no From address; using the {fallback.title()}")
            name = senders[0][0] if senders else found[0][0]
            return name, found[0][1]
    return (senders[0][0] if senders else ""), ""


def read_envelope(headers: HeaderView, limits: Limits, problems: ProblemLog) -> Envelope:
    """Decode From/To/Cc/Reply-To/Subject/Date/Message-ID/In-Reply-To/References.

    A missing sender is left empty for the caller to judge (a bounce comes from ``<>``).
    """
    for name in ("from", "to", "cc", "reply-to", "subject", "references"):
        if any(len(value) > limits.max_header_chars for value in headers.all(name)):
            problems.add("limit", f"{name} header longer than {limits.max_header_chars} characters")
    from_name, from_address = _sender(headers, limits, problems)
    lists = {
        field: parse_addresses(headers.all(name), limit=limits.max_addresses)
        for name, field in _ADDRESS_HEADERS
    }
    subject, guessed = decode_header(headers.first("subject"), limit=limits.max_header_chars)
    if guessed:
        problems.add("header-8bit", "8-bit Subject without a charset; read as windows-1252")
    raw_date = headers.first("date")
    date = parse_date(raw_date)
    if raw_date and date is None:
        problems.add("date", f"unreadable Date header {raw_date.strip()[:80]!r}")
    references = " ".join(headers.all("references"))[: limits.max_header_chars]
    return Envelope(
        from_name=from_name,
        from_address=from_address,
        to=lists["to"],
        cc=lists["cc"],
        reply_to=lists["reply_to"],
        subject=subject,
        date=date,
        message_id=normalize_message_id(headers.first("message-id")),
        in_reply_to=normalize_message_id(headers.first("in-reply-to")),
        references=split_references(references, limit=limits.max_references),
    )
