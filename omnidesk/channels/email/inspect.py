"""What the parser made of one message, as JSON-able data and as readable text.

Used by ``omnidesk mail inspect``; attachments are described (size, SHA-256), not
included.
"""

from collections.abc import Sequence
from datetime import UTC
from typing import Any

from omnidesk.channels.email.model import Address, ParsedAttachment, ParsedEmail


def _address(pair: Address) -> dict[str, str]:
    return {"name": pair[0], "address": pair[1]}


def _attachment(attachment: ParsedAttachment, saved_as: str | None) -> dict[str, Any]:
    found: dict[str, Any] = {
        "filename": attachment.filename,
        "content_type": attachment.content_type,
        "size": attachment.size,
        "sha256": attachment.sha256,
        "content_id": attachment.content_id,
        "inline": attachment.inline,
    }
    if saved_as is not None:
        found["saved_as"] = saved_as
    return found


def report(parsed: ParsedEmail, *, saved_as: Sequence[str] | None = None) -> dict[str, Any]:
    """Every extracted field as plain JSON values; ``saved_as`` lists written files."""
    saved = list(saved_as) if saved_as is not None else [None] * len(parsed.attachments)
    return {
        "from": _address((parsed.from_name, parsed.from_address)),
        "to": [_address(a) for a in parsed.to],
        "cc": [_address(a) for a in parsed.cc],
        "reply_to": [_address(a) for a in parsed.reply_to],
        "subject": parsed.subject,
        "date": parsed.date.astimezone(UTC).isoformat() if parsed.date else None,
        "message_id": parsed.message_id,
        "in_reply_to": parsed.in_reply_to,
        "references": list(parsed.references),
        "text": parsed.text,
        "new_text": parsed.new_text,
        "html": parsed.html,
        "remote_images_blocked": parsed.remote_images_blocked,
        "is_auto_reply": parsed.is_auto_reply,
        "is_bounce": parsed.is_bounce,
        "bounced_message_id": parsed.bounced_message_id,
        "attachments": [_attachment(a, s) for a, s in zip(parsed.attachments, saved, strict=True)],
        "problems": list(parsed.problems),
        "needs_attention": parsed.needs_attention,
        "raw_size": parsed.raw_size,
    }


def _mailbox(pair: Address) -> str:
    name, address = pair
    if name and address:
        return f"{name} <{address}>"
    return name or address or "(unknown)"


def _mailboxes(pairs: Sequence[Address]) -> str:
    return ", ".join(_mailbox(p) for p in pairs) or "-"


def _kind(parsed: ParsedEmail) -> str:
    kinds = []
    if parsed.is_bounce:
        failed = parsed.bounced_message_id or "unknown message"
        kinds.append(f"bounce (failed: {failed})")
    if parsed.is_auto_reply:
        kinds.append("auto-reply")
    return ", ".join(kinds) or "normal"


def format_report(parsed: ParsedEmail, *, saved_as: Sequence[str] | None = None) -> str:
    """The same as ``report`` for people: headers, problems, attachments, then the text."""
    rows = [
        ("From", _mailbox((parsed.from_name, parsed.from_address))),
        ("To", _mailboxes(parsed.to)),
        ("Cc", _mailboxes(parsed.cc)),
        ("Reply-To", _mailboxes(parsed.reply_to)),
        ("Subject", parsed.subject or "-"),
        ("Date", parsed.date.astimezone(UTC).isoformat() if parsed.date else "-"),
        ("Message-ID", parsed.message_id or "-"),
        ("In-Reply-To", parsed.in_reply_to or "-"),
        ("References", " ".join(parsed.references) or "-"),
        ("Kind", _kind(parsed)),
        ("Size", f"{parsed.raw_size} bytes"),
        ("Attention", "NEEDS ATTENTION" if parsed.needs_attention else "no"),
    ]
    lines = [f"{label + ':':<13}{value}" for label, value in rows]
    lines.append(f"Problems:    {len(parsed.problems) or 'none'}")
    lines.extend(f"  - {problem}" for problem in parsed.problems)
    lines.append(f"Attachments: {len(parsed.attachments) or 'none'}")
    saved = list(saved_as) if saved_as is not None else [None] * len(parsed.attachments)
    for attachment, path in zip(parsed.attachments, saved, strict=True):
        extra = [attachment.content_type, f"{attachment.size} bytes"]
        if attachment.inline:
            extra.append("inline")
        if attachment.content_id:
            extra.append(f"cid:{attachment.content_id}")
        lines.append(f"  - {attachment.filename} ({', '.join(extra)})")
        lines.append(f"    sha256 {attachment.sha256}")
        if path is not None:
            lines.append(f"    saved to {path}")
    lines += ["", "--- text ---", parsed.text or "(empty)"]
    if parsed.new_text != parsed.text.strip():
        lines += ["", "--- new part (without quoted history) ---", parsed.new_text or "(empty)"]
    if parsed.html is not None:
        blocked = parsed.remote_images_blocked
        note = f", {blocked} remote image(s) blocked" if blocked else ""
        lines += ["", f"--- html (sanitized{note}) ---", parsed.html]
    return "\n".join(lines)
