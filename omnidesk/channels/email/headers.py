"""Header values as people mean them: RFC 2047 words, 8-bit bytes, addresses, dates, ids.

The stdlib ``email.policy.default`` does all this but is six times slower than
``compat32``; these functions do the decoding on top of ``compat32``'s raw strings
and, unlike the stdlib, never raise on garbage.
"""

import binascii
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from email.utils import getaddresses, parsedate_tz

from omnidesk.channels.email.charsets import decode_text
from omnidesk.channels.email.model import Address
from omnidesk.channels.email.text import clean_line, has_surrogates


class HeaderView:
    """The raw header values of one message, looked up case-insensitively."""

    __slots__ = ("_values",)

    def __init__(self, items: Iterable[tuple[str, object]]) -> None:
        values: dict[str, list[str]] = {}
        for name, value in items:
            # compat32 hands back a Header object for values it could not decode.
            values.setdefault(name.strip().lower(), []).append(
                value if isinstance(value, str) else str(value)
            )
        self._values = values

    def first(self, name: str) -> str | None:
        """The first raw value of header ``name`` (lower case), or None."""
        found = self._values.get(name)
        return found[0] if found else None

    def all(self, name: str) -> list[str]:
        """Every raw value of header ``name`` (lower case), in order."""
        return self._values.get(name, [])

    def __contains__(self, name: object) -> bool:
        return name in self._values

    def __len__(self) -> int:
        return len(self._values)


_FOLD = re.compile(r"\r?\n(?=[ \t])")
_BASE64 = re.compile(r"[A-Za-z0-9+/]*=*")
_ENCODED_WORD = re.compile(r"=\?([^?\s]*)\?([bBqQ])\?([^?]*?)\?=")


def unfold(value: str) -> str:
    """Join folded header lines (RFC 5322 2.2.3)."""
    if "\n" not in value:
        return value
    return _FOLD.sub("", value).replace("\r\n", " ").replace("\n", " ")


def decode_8bit(value: str) -> tuple[str, bool]:
    """Undo compat32's surrogate escapes; True when the bytes were not UTF-8 (a guess)."""
    if not has_surrogates(value):
        return value, False
    data = value.encode("utf-8", "surrogateescape")
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError as exc:
        good = data[: exc.start]
        if exc.end == len(data) and len(data) - exc.start < 4 and not good.isascii():
            # UTF-8 whose last character was cut off (a long name or value truncated
            # by the sender or by our own limit): the rest is good UTF-8.
            return good.decode("utf-8"), False
        mixed = data.decode("utf-8", "replace")
        bad = mixed.count("\ufffd")
        if sum(1 for c in mixed if c > "\x7f") - bad >= 4 * bad:
            return mixed, True  # UTF-8 with a stray byte or two: not windows-1252
        text, _ = decode_text(data, "windows-1252")
        return text, True


def _decode_word(encoding: str, text: str) -> bytes | None:
    try:
        if encoding in "bB":
            compact = "".join(text.split())
            if not _BASE64.fullmatch(compact):
                return None
            return binascii.a2b_base64((compact + "=" * (-len(compact) % 4)).encode("ascii"))
        return binascii.a2b_qp(text.encode("utf-8"), header=True)
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None


def decode_rfc2047(value: str) -> str:
    """Decode ``=?charset?B|Q?...?=`` words leniently.

    Whitespace between adjacent encoded words is dropped (RFC 2047 6.2), adjacent words
    in one charset are joined before decoding (senders split UTF-8 characters across
    words), and words that do not decode are left as they are.
    """
    if "=?" not in value:
        return value
    out: list[str] = []
    pending = b""
    pending_charset = ""
    position = 0
    after_word = False

    def flush() -> None:
        nonlocal pending
        if pending:
            out.append(decode_text(pending, pending_charset or None)[0])
            pending = b""

    for match in _ENCODED_WORD.finditer(value):
        between = value[position : match.start()]
        if not (after_word and not between.strip()):
            flush()
            out.append(between)
        position = match.end()
        charset = match.group(1).partition("*")[0].lower()
        data = _decode_word(match.group(2), match.group(3))
        if data is None:
            flush()
            out.append(match.group(0))
            after_word = False
            continue
        if charset != pending_charset:
            flush()
            pending_charset = charset
        pending += data
        after_word = True
    flush()
    out.append(value[position:])
    return "".join(out)


def decode_header(value: str | None, *, limit: int = 16_384) -> tuple[str, bool]:
    """A display-ready header value; True when 8-bit bytes had to be guessed."""
    if not value:
        return "", False
    text, guessed = decode_8bit(unfold(value[:limit]))
    return clean_line(decode_rfc2047(text)), guessed


def _clean_address(address: str) -> str:
    address = "".join(clean_line(address).split()).strip("<>")
    local, at, domain = address.rpartition("@")
    # Domains are case-insensitive; local parts technically are not, so keep them.
    return f"{local}@{domain.lower()}" if at else address


def parse_addresses(values: Sequence[str], *, limit: int = 500) -> tuple[Address, ...]:
    """Mailboxes from header values (To, Cc...); garbage yields fewer entries, never an error.

    RFC 2047 names are decoded after splitting, so a decoded comma cannot split a name.
    """
    found: list[Address] = []
    for raw in values:
        held = ""
        for raw_name, raw_address in _split_addresses(raw):
            # An unbalanced quote or bracket leaves the name inside the address.
            before, _, inside = raw_address.rpartition("<")
            name = clean_line(decode_rfc2047(raw_name or before)).strip().strip('"').strip()
            address = _clean_address(inside)
            if not address and not name:
                continue
            if not name and address and "@" not in address and " " not in address:
                # "From: Müller, Hans <h@x.de>" (an unquoted comma) splits in two; the
                # bare first half is part of the name, not a mailbox of its own.
                held = f"{held}, {address}" if held else address
                continue
            if held and "@" in address:
                name = f"{held}, {name}" if name else held
                held = ""
            found.append((name, address))
            if len(found) >= limit:
                return tuple(found)
        if held:
            found.append(("", held))
    return tuple(found)


# "Name <a@b>" and "a@b", by far the commonest forms, without the stdlib's slow parser.
# The name may hold an "@": Outlook and web forms send "a@b.example <a@b.example>".
_SIMPLE_NAMED = re.compile(r'\s*([^"<>,;:()\\]*?)\s*<([^\s<>,;:()"\\@]+@[^\s<>,;:()"\\@]+)>\s*')
_SIMPLE_BARE = re.compile(r'\s*([^\s<>,;:()"\\@]+@[^\s<>,;:()"\\@]+)\s*')
# An unquoted display name with an "@" in a list; the stdlib reads it as an address of
# its own ("x@y <a@b>" -> "x@y", "a@b"), so it is quoted before the list is split.
_AT_IN_NAME = re.compile(r'(^|,)(\s*)([^",;:<>()\\]*@[^",;:<>()\\]*?)(\s*<)')


def _split_addresses(raw: str) -> list[tuple[str, str]]:
    text, _ = decode_8bit(unfold(raw[:16_384]))
    simple = _SIMPLE_NAMED.fullmatch(text)
    if simple:
        return [(simple.group(1), simple.group(2))]
    simple = _SIMPLE_BARE.fullmatch(text)
    if simple:
        return [("", simple.group(1))]
    if "<" in text and "@" in text:
        text = _AT_IN_NAME.sub(r'\1\2"\3"\4', text)
    try:
        return getaddresses([text])
    except Exception:
        # The stdlib address parser has raised on odd input in past releases.
        return []


def parse_date(value: str | None) -> datetime | None:
    """A Date header as an aware UTC datetime; None when missing or unreadable."""
    if not value:
        return None
    try:
        parts = parsedate_tz(unfold(value).strip())
    except (TypeError, ValueError, IndexError):
        return None
    if parts is None:
        return None
    year, month, day, hour, minute, second = parts[:6]
    try:
        # A leap second (:60) is real but datetime has no room for it.
        local = datetime(year, month, day, hour, minute, min(second, 59), tzinfo=UTC)
        return local - timedelta(seconds=parts[9] or 0)
    except (ValueError, OverflowError):
        return None


_ANGLE_ID = re.compile(r"<([^<>\s]+)>")


def normalize_message_id(value: str | None) -> str | None:
    """``<id@host>`` from a Message-ID or In-Reply-To value, or None."""
    if not value:
        return None
    text = decode_8bit(unfold(value[:4096]))[0]
    match = _ANGLE_ID.search(text)
    if match:
        return f"<{match.group(1)}>"
    # Some senders drop the brackets; a single bare token is still an id.
    token = text.strip().split()
    if len(token) == 1 and "@" in token[0] and "<" not in token[0] and ">" not in token[0]:
        return f"<{clean_line(token[0])}>"
    return None


def split_references(value: str | None, *, limit: int = 100) -> tuple[str, ...]:
    """The ids of a References header, oldest first, without duplicates.

    Over the limit, the first id (the thread root) and the newest ones are kept.
    """
    if not value:
        return ()
    text = decode_8bit(unfold(value[:65_536]))[0]
    ids = [f"<{found}>" for found in _ANGLE_ID.findall(text)]
    if not ids:
        ids = [f"<{token}>" for token in re.split(r"[\s,]+", text) if "@" in token]
    unique = list(dict.fromkeys(clean_line(i) for i in ids))
    if len(unique) > limit:
        unique = [unique[0], *unique[-(limit - 1) :]]
    return tuple(unique)
