"""Separating the new part of a reply from the quoted history and the signature.

Handles ``>`` quoting, "On ... wrote:" / "Am ... schrieb ...:" attributions, Outlook's
"-----Original Message-----" / "-----Ursprüngliche Nachricht-----" separators and its
"From:/Sent:" ("Von:/Gesendet:") header blocks, and the ``-- `` signature separator.
The full text is always kept by the caller; this only finds where the new part ends.
"""

import re

_ATTRIBUTION = re.compile(
    r"^\s*(?:On\s.{1,300}\bwrote|Am\s.{1,300}\bschrieb\b.{0,200}?|Le\s.{1,300}\ba écrit)\s*:\s*$",
    re.IGNORECASE,
)
# "Anna Schmidt schrieb:" / "anna@example.com wrote:" (short forms, only before a quote).
_SHORT_ATTRIBUTION = re.compile(r"^\s*\S.{0,200}\b(?:wrote|schrieb|writes|schreibt)\s*:\s*$")
_SEPARATOR = re.compile(
    r"^\s*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Originalnachricht|"
    r"Forwarded message|Weitergeleitete Nachricht|Message d'origine)\s*-{2,}\s*$",
    re.IGNORECASE,
)
_RULE = re.compile(r"^\s*_{10,}\s*$")
_HEADER_FROM = re.compile(r"^\s*\**(?:From|Von|De)\s*:\**\s*\S", re.IGNORECASE)
_HEADER_NEXT = re.compile(
    r"^\s*\**(?:Sent|Date|Gesendet|Datum|To|An|Subject|Betreff|Cc|Envoyé|Objet)\s*:",
    re.IGNORECASE,
)
_SENT = re.compile(r"^\s*\**(?:Sent|Date|Gesendet|Datum|Envoyé)\s*:", re.IGNORECASE)
_ANY_QUOTE = re.compile(r"^[ \t]*>", re.MULTILINE)
_HEADER_LOOKAHEAD = 5
_ATTRIBUTION_STARTS = frozenset({"on ", "am ", "le ", "on\t", "am\t", "le\t"})
# First characters that can begin a history marker: "-" separators and signatures,
# "_" rules, "*" bold Outlook headers, F/V/D for From:/Von:/De:.
_MARKER_STARTS = frozenset("-_*FVDfvd")


def _is_quote(line: str) -> bool:
    return line.lstrip().startswith(">")


def _is_blank(line: str) -> bool:
    return not line.strip()


def _outlook_header_at(lines: list[str], index: int) -> bool:
    """A "From: ... / Sent: ..." block starts here (Outlook quotes without '>')."""
    if not _HEADER_FROM.match(lines[index]):
        return False
    following = lines[index + 1 : index + 1 + _HEADER_LOOKAHEAD]
    return any(_SENT.match(line) for line in following) and all(
        _HEADER_NEXT.match(line) or _is_blank(line) or line.startswith((" ", "\t"))
        for line in following[:1]
    )


def _attribution_at(lines: list[str], index: int) -> int:
    """Lines taken by an attribution starting here (it may wrap once), 0 if none."""
    line = lines[index]
    if line.lstrip()[:3].lower() not in _ATTRIBUTION_STARTS:
        return 0  # cheap test first: this runs for every line of every message
    if _ATTRIBUTION.match(line):
        return 1
    wraps = index + 1 < len(lines)
    return 2 if wraps and _ATTRIBUTION.match(f"{line} {lines[index + 1]}") else 0


def _quote_follows(lines: list[str], index: int) -> bool:
    # Indexing, not slicing: a slice per line would make long texts quadratic.
    for position in range(index, len(lines)):
        if not _is_blank(lines[position]):
            return _is_quote(lines[position])
    return False


def _history_start(lines: list[str]) -> int:
    """Index of the first line of quoted history or signature; len(lines) if none."""
    for index, line in enumerate(lines):
        first = line.lstrip()[:1]
        if first in ("O", "o", "A", "a", "L", "l"):
            taken = _attribution_at(lines, index)
            if taken and not _quote_follows(lines, index + taken):
                return index  # e.g. HTML mail whose quote lost its ">" marks
            continue
        if first not in _MARKER_STARTS:
            continue
        if line.rstrip() == "--" or line == "-- ":
            return index
        if _SEPARATOR.match(line):
            return index
        if _RULE.match(line) and index + 1 < len(lines) and _outlook_header_at(lines, index + 1):
            return index
        if _outlook_header_at(lines, index):
            return index
    return len(lines)


def _drop_quote_blocks(lines: list[str]) -> list[str]:
    """Remove leading and trailing quote blocks (with their attribution lines).

    Quote blocks between two stretches of new text stay: in an interleaved reply
    ("> question" / "answer") the answers make no sense without them.
    """
    kinds: list[str] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        taken = _attribution_at(lines, index)
        if not taken and line.rstrip().endswith(":") and _SHORT_ATTRIBUTION.match(line):
            taken = 1
        if taken and _quote_follows(lines, index + taken):
            kinds.extend(["quote"] * taken)
            index += taken
            continue
        kinds.append("quote" if _is_quote(line) else "blank" if _is_blank(line) else "text")
        index += 1
    text_rows = [i for i, kind in enumerate(kinds) if kind == "text"]
    if not text_rows:
        return []
    return lines[text_rows[0] : text_rows[-1] + 1]


def new_part(text: str) -> str:
    """The reply's own words: no quoted history, no signature ("" if it is all quote)."""
    lines = text.split("\n")
    cut = _history_start(lines)
    if cut == len(lines) and not _ANY_QUOTE.search(text):
        return text.strip()  # nothing quoted at all: the common case, kept cheap
    return "\n".join(_drop_quote_blocks(lines[:cut])).strip()
