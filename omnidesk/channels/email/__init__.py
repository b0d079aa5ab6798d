"""The email channel: raw RFC 5322 bytes in, plain parsed records out (no network, no database).

``parse_email`` never raises; what it could not understand is listed in
``ParsedEmail.problems`` and, when an agent should look, ``needs_attention`` is set.
"""

from omnidesk.channels.email.model import Address, Limits, ParsedAttachment, ParsedEmail
from omnidesk.channels.email.parse import parse_email

__all__ = ["Address", "Limits", "ParsedAttachment", "ParsedEmail", "parse_email"]
