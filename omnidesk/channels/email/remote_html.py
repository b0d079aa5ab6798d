"""A stored mail's HTML again, this time keeping its remote image addresses.

The parser drops remote images from the HTML it stores (nothing is loaded by showing
a case). When an agent asks to load one message's images, its raw source is read
again and sanitised the same way, except that ``http(s)`` images stay.
"""

import email
from email import policy
from html import escape

from omnidesk.channels.email.html import sanitize_html
from omnidesk.channels.email.mime import MimeWalker
from omnidesk.channels.email.model import DEFAULT_LIMITS, Limits

# The same cut as the parser makes: a part bomb costs no more here than at ingestion.
from omnidesk.channels.email.parse import _bounded
from omnidesk.channels.email.problems import ProblemLog


def html_with_remote_images(raw: bytes, *, limits: Limits = DEFAULT_LIMITS) -> str | None:
    """The sanitised HTML of ``raw`` with remote images kept; None for plain-text mail."""
    problems = ProblemLog()
    message = email.message_from_bytes(_bounded(raw, limits, problems), policy=policy.compat32)
    pieces = [
        piece
        for piece in MimeWalker(limits, problems).run(message).pieces
        if (piece.plain and piece.plain.strip()) or (piece.html and piece.html.strip())
    ]
    if not any(piece.html for piece in pieces):
        return None
    # Plain pieces between HTML ones are shown as the parser shows them: preformatted.
    joined = "".join(piece.html or f"<pre>{escape(piece.plain or '')}</pre>" for piece in pieces)
    return sanitize_html(joined[: limits.max_html_chars], allow_remote_images=True).html
