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


def _likely_boundary(body: str) -> str | None:
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
    usable = [c for c, n in counts.most_common() if n >= 2 or c in closing]
    return usable[0] if usable else None


def recover_multipart(part: Message, problems: ProblemLog) -> list[Message] | None:
    """The parts of ``part`` found with the boundary its body uses, or None."""
    body = part.get_payload()
    if not isinstance(body, str) or "\n--" not in f"\n{body}":
        return None
    boundary = _likely_boundary(body)
    if boundary is None:
        return None
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
        "mime-structure", f"parts recovered with the boundary found in the body: {boundary!r}"
    )
    for defect in wrapper.defects:
        problems.add_defect(defect, "recovered multipart")
    return [child for child in children if isinstance(child, Message)]


def recover_epilogue(part: Message, problems: ProblemLog) -> list[Message]:
    """Parts that follow a premature closing boundary (e.g. a nested multipart reusing
    its parent's boundary closes the parent early; the rest lands in the epilogue)."""
    epilogue = part.epilogue
    boundary = part.get_boundary()
    if not epilogue or not boundary or f"--{boundary}" not in epilogue:
        return []
    try:
        data = epilogue.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        data = epilogue.encode("utf-8", "surrogateescape")
    head = f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n'.encode("ascii", "replace")
    wrapper = email.message_from_bytes(head + data, policy=policy.compat32)
    children = wrapper.get_payload()
    if not isinstance(children, list):
        return []
    found = [c for c in children if isinstance(c, Message) and (c.keys() or c.get_payload())]
    if found:
        problems.add("mime-structure", f"{len(found)} part(s) found after the closing boundary")
    return found
