"""Collecting what went wrong while reading a message, and whether an agent must look."""

from dataclasses import dataclass, field

# Notes are worth recording but leave the result trustworthy (a charset guess, a bad
# date); every other code means content may be missing or wrong.
NOTE_CODES = frozenset(
    {
        "charset",
        "header-8bit",
        "date",
        "encrypted",
        "sender-fallback",
        "null-sender",
        "attached-message",
        "header-fold",
    }
)

_MAX_PROBLEMS = 50

# Defects the stdlib parser records, in words an agent or developer understands.
DEFECT_TEXT = {
    "StartBoundaryNotFoundDefect": "start boundary not found",
    "CloseBoundaryNotFoundDefect": "close boundary not found",
    "NoBoundaryInMultipartDefect": "multipart without a boundary",
    "MultipartInvariantViolationDefect": "multipart has no parts",
    "MissingHeaderBodySeparatorDefect": "missing blank line between headers and body",
    "FirstHeaderLineIsContinuationDefect": "first header line is a continuation",
    "MisplacedEnvelopeHeaderDefect": "misplaced 'From ' envelope line",
    "MalformedHeaderDefect": "malformed header line",
    "InvalidMultipartContentTransferEncodingDefect": "multipart with an invalid transfer encoding",
    "InvalidBase64PaddingDefect": "invalid base64 padding",
    "InvalidBase64CharactersDefect": "invalid characters in base64 data",
    "InvalidBase64LengthDefect": "truncated base64 data",
}
_ENCODING_DEFECTS = frozenset(
    {"InvalidBase64PaddingDefect", "InvalidBase64CharactersDefect", "InvalidBase64LengthDefect"}
)


@dataclass
class ProblemLog:
    """An ordered, de-duplicated list of ``code: detail`` lines."""

    items: list[str] = field(default_factory=list)
    serious: bool = False

    def add(self, code: str, detail: str) -> None:
        """Record a problem; any code outside ``NOTE_CODES`` sets ``serious``."""
        if code not in NOTE_CODES:
            self.serious = True
        line = f"{code}: {detail}"
        if line in self.items:
            return
        if len(self.items) < _MAX_PROBLEMS:
            self.items.append(line)
        elif len(self.items) == _MAX_PROBLEMS:
            self.items.append("limit: more problems not listed")

    def add_defect(self, defect: object, where: str) -> None:
        """Record a defect the stdlib parser found in the part ``where``."""
        name = type(defect).__name__
        code = "encoding" if name in _ENCODING_DEFECTS else "mime-structure"
        self.add(code, f"{DEFECT_TEXT.get(name, name)} ({where})")
