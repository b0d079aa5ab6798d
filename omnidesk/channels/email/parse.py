"""Raw bytes to ``ParsedEmail``: the one entry point of the email parser. Never raises.

Parsing uses ``compat32`` (about six times faster than ``policy.default``) and the
header decoding in ``headers.py``. Anything that goes wrong becomes a line in
``problems``; when the structure itself cannot be read, the headers and the raw text
are salvaged so the message can still be stored and shown as "needs attention".
"""

import email
import email.parser
from email import errors, policy
from email.message import Message
from html import escape

from omnidesk.channels.email.autoreply import ReportFacts, classify
from omnidesk.channels.email.charsets import decode_text
from omnidesk.channels.email.envelope import Envelope, read_envelope
from omnidesk.channels.email.headers import HeaderView
from omnidesk.channels.email.html import sanitize_html
from omnidesk.channels.email.html_text import html_to_text
from omnidesk.channels.email.mime import Extraction, MimeWalker
from omnidesk.channels.email.model import DEFAULT_LIMITS, Limits, ParsedEmail
from omnidesk.channels.email.problems import ProblemLog
from omnidesk.channels.email.quotes import new_part
from omnidesk.channels.email.recover import repair_header_block
from omnidesk.channels.email.text import clean_text


def parse_email(raw: bytes, *, limits: Limits = DEFAULT_LIMITS) -> ParsedEmail:
    """Everything OmniDesk reads from one raw message; problems are reported, not raised."""
    problems = ProblemLog()
    try:
        return _parse(bytes(raw), limits, problems)
    except RecursionError:
        problems.add("limit", "MIME parts nested too deeply to read")
    except Exception as exc:  # the contract: any input gives a result
        problems.add("unparseable", f"{type(exc).__name__}: {exc}"[:300])
    try:
        return _salvage(bytes(raw), limits, problems)
    except Exception as exc:  # a bug in the salvage itself: still return a record
        problems.add("unparseable", f"salvage failed: {type(exc).__name__}"[:300])
        return _result(bytes(raw), _NO_ENVELOPE, problems)


_NO_ENVELOPE = Envelope(
    from_name="",
    from_address="",
    to=(),
    cc=(),
    reply_to=(),
    subject="",
    date=None,
    message_id=None,
    in_reply_to=None,
    references=(),
)


def _bounded(raw: bytes, limits: Limits, problems: ProblemLog) -> bytes:
    """The part of ``raw`` that is safe to parse (size and part-bomb limits)."""
    data = raw
    if len(data) > limits.max_message_bytes:
        data = data[: limits.max_message_bytes]
        problems.add("limit", f"message larger than {limits.max_message_bytes} bytes; cut")
    # A part bomb (tens of thousands of parts) costs the stdlib parser seconds; cut it
    # before the parser sees it. Counting "\n--" lines is cheap and over-counts, never under.
    position = -1
    for _ in range(limits.max_boundary_lines):
        position = data.find(b"\n--", position + 1)
        if position < 0:
            return data
    problems.add(
        "limit", f"more than {limits.max_boundary_lines} boundary lines; the rest was not read"
    )
    return data[: position + 1]


def _parse(raw: bytes, limits: Limits, problems: ProblemLog) -> ParsedEmail:
    if not raw.strip():
        problems.add("empty", "the message is empty")
        return _result(raw, read_envelope(HeaderView(()), limits, problems), problems)
    message = _read(_bounded(raw, limits, problems), problems)
    headers = HeaderView(message.raw_items())
    if not len(headers):
        problems.add("no-headers", "no header lines found; the whole message is read as text")
    envelope = read_envelope(headers, limits, problems)
    extraction = MimeWalker(limits, problems).run(message)
    text, html, blocked = _body(extraction, limits, problems)
    facts = ReportFacts(
        content_type=message.get_content_type(),
        report_type=str(message.get_param("report-type") or "").lower() or None,
        has_delivery_status=extraction.has_delivery_status,
        dsn_actions=tuple(extraction.dsn_actions),
        original_message_ids=tuple(extraction.original_message_ids),
    )
    kind = classify(
        headers,
        facts,
        from_name=envelope.from_name,
        from_address=envelope.from_address,
        subject=envelope.subject,
        text=text,
        own_message_id=envelope.message_id,
    )
    return _result(
        raw,
        envelope,
        problems,
        text=text,
        html=html,
        blocked=blocked,
        extraction=extraction,
        is_auto_reply=kind.is_auto_reply,
        is_bounce=kind.is_bounce,
        bounced_message_id=kind.bounced_message_id,
    )


def _read(data: bytes, problems: ProblemLog) -> Message:
    """The parsed message; a header block broken by an unfolded line is repaired first."""
    message = email.message_from_bytes(data, policy=policy.compat32)
    if not any(isinstance(d, errors.MissingHeaderBodySeparatorDefect) for d in message.defects):
        return message
    repaired = repair_header_block(data)
    if repaired is None:
        return message
    fixed, count = repaired
    problems.add("header-fold", f"{count} header line(s) without a leading space read as folded")
    return email.message_from_bytes(fixed, policy=policy.compat32)


def _body(
    extraction: Extraction, limits: Limits, problems: ProblemLog
) -> tuple[str, str | None, int]:
    """The full text, the sanitised HTML (or None) and the number of blocked images."""
    pieces = [
        piece
        for piece in extraction.pieces
        if (piece.plain and piece.plain.strip()) or (piece.html and piece.html.strip())
    ]
    has_html = any(piece.html for piece in pieces)
    texts: list[str] = []
    htmls: list[str] = []
    for piece in pieces:
        plain = piece.plain
        if (plain is None or not plain.strip()) and piece.html:
            # HTML-only mail (or an empty plain alternative): derive a readable text.
            plain = html_to_text(piece.html[: limits.max_html_chars])
        if plain and plain.strip():
            texts.append(plain.strip("\n"))
        if has_html:
            htmls.append(piece.html or f"<pre>{escape(plain or '')}</pre>")
    text = "\n\n".join(texts)
    if len(text) > limits.max_text_chars:
        text = text[: limits.max_text_chars]
        problems.add("limit", f"text longer than {limits.max_text_chars} characters; cut")
    if not has_html:
        return text, None, 0
    joined = "".join(htmls)
    if len(joined) > limits.max_html_chars:
        joined = joined[: limits.max_html_chars]
        problems.add("limit", f"HTML longer than {limits.max_html_chars} characters; cut")
    sanitized = sanitize_html(joined)
    html = sanitized.html if sanitized.html.strip() else None
    return text, html, sanitized.remote_images_blocked


def _result(
    raw: bytes,
    envelope: Envelope,
    problems: ProblemLog,
    *,
    text: str = "",
    html: str | None = None,
    blocked: int = 0,
    extraction: Extraction | None = None,
    is_auto_reply: bool = False,
    is_bounce: bool = False,
    bounced_message_id: str | None = None,
) -> ParsedEmail:
    if not envelope.from_address:
        if is_bounce:
            problems.add("null-sender", "a bounce from the null sender <>")
        else:
            problems.add("no-sender", "no sender address (From, Sender and Return-Path)")
    return ParsedEmail(
        from_name=envelope.from_name,
        from_address=envelope.from_address,
        to=envelope.to,
        cc=envelope.cc,
        reply_to=envelope.reply_to,
        subject=envelope.subject,
        date=envelope.date,
        message_id=envelope.message_id,
        in_reply_to=envelope.in_reply_to,
        references=envelope.references,
        text=text,
        new_text=new_part(text),
        html=html,
        attachments=tuple(extraction.attachments) if extraction else (),
        is_auto_reply=is_auto_reply,
        is_bounce=is_bounce,
        bounced_message_id=bounced_message_id,
        problems=tuple(problems.items),
        needs_attention=problems.serious,
        raw_size=len(raw),
        remote_images_blocked=blocked,
    )


def _salvage(raw: bytes, limits: Limits, problems: ProblemLog) -> ParsedEmail:
    """Headers and raw text of a message whose structure could not be read."""
    head, body = raw, b""
    for separator in (b"\r\n\r\n", b"\n\n"):
        at = raw.find(separator)
        if at >= 0:
            head, body = raw[:at], raw[at + len(separator) :]
            break
    try:
        parser = email.parser.BytesHeaderParser(policy=policy.compat32)
        headers = HeaderView(parser.parsebytes(head[: 1024 * 1024]).raw_items())
        envelope = read_envelope(headers, limits, problems)
    except Exception:  # even the headers are unreadable: keep the text
        envelope = read_envelope(HeaderView(()), limits, problems)
        body = raw
    text = clean_text(decode_text(body[: limits.max_text_chars], None)[0])
    return _result(raw, envelope, problems, text=text)
