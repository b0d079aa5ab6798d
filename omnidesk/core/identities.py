"""Customer identities: how an address, chat id or phone number is compared."""

import re

from omnidesk.core.enums import IdentityKind
from omnidesk.core.errors import InvalidInput

_EMAIL = re.compile(r"^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$")
_PHONE_KEEP = re.compile(r"[^\d+]")


def normalize_identity(kind: IdentityKind, value: str) -> str:
    """Return the canonical form under which an identity is stored and matched."""
    text = value.strip()
    if kind is IdentityKind.EMAIL:
        text = text.lower()
        if not _EMAIL.match(text):
            raise InvalidInput(f"{value!r} is not an email address")
        return text
    if kind is IdentityKind.PHONE:
        digits = _PHONE_KEEP.sub("", text)
        if digits.startswith("00"):
            digits = "+" + digits[2:]
        if len(digits.lstrip("+")) < 5:
            raise InvalidInput(f"{value!r} is not a phone number")
        return digits
    if not text:
        raise InvalidInput("a chat identity cannot be empty")
    return text
