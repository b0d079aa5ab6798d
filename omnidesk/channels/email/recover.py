"""Finding the parts of a multipart whose boundary is missing or wrong.

Broken senders truncate the ``boundary=`` parameter or declare one boundary and use
another. When the body still has lines that look like boundaries, the parts are
re-read with the boundary the body actually uses.
"""

import email
import re
from collections import Counter
from email import policy
from email.message import Message

from omnidesk.channels.email.problems import ProblemLog

_BOUNDARY_LINE = re.compile(r'^--([^\s"][^\r\n"]{0,69}?)(--)?[ \t]*\r?$', re.MULTILINE)
_MAX_CANDIDATE_LINES = 10_000
_MAX_EPILOGUE_ROUNDS = 20


def _ascii_shape(text: str) -> str:
    """Non-ASCII characters (raw bytes, or U+FFFD where compat32 replaced them) as "?"."""
    return text if text.isascii() else "".join(c if c.isascii() else "?" for c in text)


def _likely_boundary(body: str, declared: str | None) -> str | None:
    # A declared boundary with 8-bit bytes never matches: compat32 reads the parameter
    # with U+FFFD but the body keeps the raw bytes. One line of that shape is enough.
    shape = _ascii_shape(declared) if declared and not declared.isascii() else None
    counts: Counter[str] = Counter()
    closing: set[str] = set()
    for number, match in enumerate(_BOUNDARY_LINE.finditer(body)):
        if number >= _MAX_CANDIDATE_LINES:
            break
        candidate = match.group(1)
        if not any(char.isalnum() for char in candidate):
            continue  # "-----" rules and "-- " signatures are not boundaries
        counts[candidate] += 1
        if match.group(2):
            closing.add(candidate)
    usable = [
        c
        for c, n in counts.most_common()
        if n >= 2 or c in closing or (shape is not None and _ascii_shape(c) == shape)
    ]
    return usable[0] if usable else None


def recover_multipart(part: Message, problems: ProblemLog) -> list[Message] | None:
    """The parts of ``part`` found with the boundary its body uses, or None."""
    body = part.get_payload()
    if not isinstance(body, str) or "\n--" not in f"\n{body}":
        return None
    declared = part.get_boundary()
    boundary = _likely_boundary(body, declared if isinstance(declared, str) else None)
    if boundary is None:
        return None
    shown = _ascii_shape(boundary)
    if not boundary.isascii():
        # The stdlib cannot match a boundary with 8-bit bytes: give the lines a plain one.
        plain = "omnidesk-recovered-boundary"
        body = body.replace(f"--{boundary}", f"--{plain}")
        boundary = plain
    try:
        data = body.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        data = body.encode("utf-8", "surrogateescape")
    head = f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n'.encode("ascii", "replace")
    wrapper = email.message_from_bytes(head + data, policy=policy.compat32)
    children = wrapper.get_payload()
    if not isinstance(children, list) or not children:
        return None
    part.set_payload(children)
    problems.add(
        "mime-structure", f"parts recovered with the boundary found in the body: {shown!r}"
    )
    for defect in wrapper.defects:
        problems.add_defect(defect, "recovered multipart")
    return [child for child in children if isinstance(child, Message)]


def recover_epilogue(part: Message, problems: ProblemLog) -> list[Message]:
    """Parts that follow a premature closing boundary (e.g. a nested multipart reusing
    its parent's boundary closes the parent early; the rest lands in the epilogue)."""
    epilogue = part.epilogue
    boundary = part.get_boundary()
    if not boundary:
        return []
    head = f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n'.encode("ascii", "replace")
    found: list[Message] = []
    # Each nested multipart that reuses the boundary closes the parent once more: the
    # parts after the second one land in the epilogue of the re-read, and so on.
    for _ in range(_MAX_EPILOGUE_ROUNDS):
        if not isinstance(epilogue, str) or f"--{boundary}" not in epilogue:
            break
        try:
            data = epilogue.encode("ascii", "surrogateescape")
        except UnicodeEncodeError:
            data = epilogue.encode("utf-8", "surrogateescape")
        wrapper = email.message_from_bytes(head + data, policy=policy.compat32)
        children = wrapper.get_payload()
        if not isinstance(children, list):
            break
        found.extend(
            c for c in children if isinstance(c, Message) and (c.keys() or c.get_payload())
        )
        epilogue = wrapper.epilogue
    if found:
        problems.add("mime-structure", f"{len(found)} part(s) found after the closing boundary")
    return found


# What the stdlib parser accepts as a header line (``email.feedparser.headerRE``).
_HEADER_LINE = re.compile(rb"(?:From |[\x21-\x39\x3b-\x7e]+:|[ \t])")
_HEADER_NAME = re.compile(rb"([\x21-\x39\x3b-\x7e]+):")
# Fields a message (not a body line such as "Note: ...") begins with; one of them after
# a broken line shows that the header block goes on.
_KNOWN_FIELDS = frozenset(
    {
        b"from", b"to", b"cc", b"bcc", b"reply-to", b"sender", b"subject", b"date",
        b"message-id", b"in-reply-to", b"references", b"mime-version", b"content-type",
        b"content-transfer-encoding", b"content-disposition", b"received", b"return-path",
        b"delivered-to", b"dkim-signature", b"auto-submitted", b"precedence", b"thread-index",
        b"thread-topic", b"importance", b"user-agent", b"list-id", b"list-unsubscribe",
    }
)  # fmt: skip
_MAX_HEADER_BYTES = 1024 * 1024


def repair_header_block(raw: bytes) -> tuple[bytes, int] | None:
    """Re-join header lines that lost the whitespace of their fold, or None.

    A header value folded without the leading space ("...PTR:InfoNoRecor" / "ds;MX:1")
    or a stray line of garbage makes the stdlib end the header block there: every
    field after it (From, Subject, Content-Type...) is read as body. When well-known
    fields follow such a line before the blank line that ends the header block, the
    line is made a continuation of the field before it. Returns the repaired message
    and how many lines were re-joined.
    """
    end = -1
    for separator in (b"\n\n", b"\r\n\r\n"):
        found = raw.find(separator, 0, _MAX_HEADER_BYTES)
        if found >= 0 and (end < 0 or found < end):
            end = found
    if end < 0:
        return None  # no blank line: the lines after a broken one are the body
    lines = raw[: end + 1].splitlines(keepends=True)
    broken = [n for n, line in enumerate(lines) if not _HEADER_LINE.match(line)]
    if not broken or broken[0] == 0:
        return None  # the message has no header block at all
    after = (_HEADER_NAME.match(line) for line in lines[broken[-1] + 1 :])
    if not any(m and m.group(1).lower() in _KNOWN_FIELDS for m in after):
        return None
    for number in broken:
        lines[number] = b" " + lines[number]
    return b"".join(lines) + raw[end + 1 :], len(broken)
