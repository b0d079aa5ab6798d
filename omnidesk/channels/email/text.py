"""Small text clean-ups shared by the parser: control characters, line endings."""

import re

# C0/C1 controls (except tab and newline) and lone surrogates: they break terminals,
# PostgreSQL text columns (NUL) and UTF-8 encoding (surrogates).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t]{2,}")


def has_surrogates(text: str) -> bool:
    """True when compat32 kept undecodable 8-bit bytes as surrogate escapes."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def clean_text(text: str) -> str:
    """Body text with ``\\n`` line ends and no control characters."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return _CONTROL.sub("", text)


def clean_line(text: str) -> str:
    """A one-line value (header, file name): controls and tabs become spaces."""
    if not text.isprintable():
        text = _CONTROL_LINE.sub(" ", text.replace("\t", " "))
    if "  " in text:
        text = _SPACES.sub(" ", text)
    return text.strip()
