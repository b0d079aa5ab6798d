"""Checks shared by the form and the chat: addresses and text from the internet."""

import re
import unicodedata

# One plain address: no display name, no list, no spaces or angle brackets, a dot in the
# domain. Stricter than RFC 5322 on purpose: it goes into To: headers of our mail.
_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
MAX_EMAIL = 254


def clean_email(text: str) -> str | None:
    """The address in canonical form, or None when it is not one plain address."""
    address = text.strip()
    if not address or len(address) > MAX_EMAIL or not _EMAIL.match(address):
        return None
    if ".." in address or address.split("@")[1].startswith(("-", ".")):
        return None
    return address.lower()


def clean_text(text: str) -> str:
    """Newlines normalised, control characters removed, NFC, outer blank space trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text)).strip()


def clean_line(text: str) -> str:
    """One line (names, subjects): any line break becomes a space."""
    return " ".join(clean_text(text).split())
