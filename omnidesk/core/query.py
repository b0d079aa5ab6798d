"""The search query language: words, "phrases", prefixes, -exclusions, OR and field filters.

What an agent types in the search box, for example::

    refund "order 42" rout* -spam from:anna@example.com status:open OR status:waiting
    owner:me is:overdue has:attachment after:7d #1042 subject:"Lieferung verspätet"

* Items separated by spaces must all match; ``OR`` (any case) joins the items on
  both sides of it and binds tighter than the implicit AND: ``a b OR c`` means
  ``a AND (b OR c)``. An explicit ``AND`` is accepted and changes nothing.
* ``OR`` joins either words or field filters, never both, and never an excluded
  word: the full-text part and the filters are compiled separately (FTS5 ``MATCH`` or a
  ``tsquery`` for the words, SQL for the filters), and both backends must agree.
* ``-`` before a word, phrase, field or case number excludes it.
* ``before:X`` matches strictly before the start of X, ``after:X`` from the start of X
  on, so ``after:2026-12-01 before:2026-12-02`` is exactly that day (local time).

:func:`parse_query` returns a :class:`Query` of frozen dataclasses. Bad syntax raises
:class:`QuerySyntaxError` with the character position of the problem.
"""

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import TypeVar
from zoneinfo import ZoneInfo

from omnidesk.core.enums import CaseStatus, Channel
from omnidesk.core.errors import InvalidInput
from omnidesk.core.ids import CaseNumber
from omnidesk.core.lifecycle import parse_status

MAX_QUERY_LENGTH = 1000
MIN_PREFIX_LENGTH = 2
"""A one-letter prefix matches most of the index and would blow the search time budget."""


class QuerySyntaxError(InvalidInput):
    """A search query the parser cannot read; ``position`` is the 0-based character index."""

    def __init__(self, message: str, *, position: int) -> None:
        super().__init__(message)
        self.position = position


class Field(StrEnum):
    FROM = "from"
    TO = "to"
    CUSTOMER = "customer"
    SUBJECT = "subject"
    OWNER = "owner"
    STATUS = "status"
    CHANNEL = "channel"
    TAG = "tag"
    HAS = "has"
    IS = "is"
    BEFORE = "before"
    AFTER = "after"


class OwnerKeyword(StrEnum):
    """``owner:me`` and ``owner:none``; the caller resolves ``me`` to its own agent id."""

    ME = "me"
    NONE = "none"


class HasValue(StrEnum):
    ATTACHMENT = "attachment"


class IsValue(StrEnum):
    UNASSIGNED = "unassigned"
    OVERDUE = "overdue"


class _Describable:
    """Shared rendering: ``str(node)`` is the node in normal query syntax."""

    __slots__ = ()

    def describe(self) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.describe()


@dataclass(frozen=True, slots=True)
class Term(_Describable):
    """One full-text word or phrase."""

    text: str
    phrase: bool = False
    prefix: bool = False
    negated: bool = False

    def describe(self) -> str:
        body = f'"{self.text}"' if self.phrase else self.text
        return f"{'-' if self.negated else ''}{body}{'*' if self.prefix else ''}"


@dataclass(frozen=True, slots=True)
class AnyTerm(_Describable):
    """Words or phrases joined by OR; none of them is negated."""

    terms: tuple[Term, ...]

    def describe(self) -> str:
        return " OR ".join(t.describe() for t in self.terms)


@dataclass(frozen=True, slots=True)
class TextFilter(_Describable):
    """``from:``, ``to:``, ``customer:``, ``subject:`` or ``tag:`` with its text."""

    field: Field
    value: str
    negated: bool = False

    def describe(self) -> str:
        return _render_filter(self.field, self.value, negated=self.negated)


@dataclass(frozen=True, slots=True)
class OwnerFilter(_Describable):
    owner: OwnerKeyword | str
    """``OwnerKeyword.ME`` / ``NONE``, or an agent's name as typed."""
    negated: bool = False

    def describe(self) -> str:
        return _render_filter(Field.OWNER, str(self.owner), negated=self.negated)


@dataclass(frozen=True, slots=True)
class StatusFilter(_Describable):
    status: CaseStatus
    negated: bool = False

    def describe(self) -> str:
        return _render_filter(Field.STATUS, self.status.value, negated=self.negated)


@dataclass(frozen=True, slots=True)
class ChannelFilter(_Describable):
    channel: Channel
    negated: bool = False

    def describe(self) -> str:
        return _render_filter(Field.CHANNEL, self.channel.value, negated=self.negated)


@dataclass(frozen=True, slots=True)
class HasFilter(_Describable):
    what: HasValue
    negated: bool = False

    def describe(self) -> str:
        return _render_filter(Field.HAS, self.what.value, negated=self.negated)


@dataclass(frozen=True, slots=True)
class IsFilter(_Describable):
    what: IsValue
    negated: bool = False

    def describe(self) -> str:
        return _render_filter(Field.IS, self.what.value, negated=self.negated)


@dataclass(frozen=True, slots=True)
class DateFilter(_Describable):
    """``before:`` / ``after:``; ``text`` is kept so a saved search stays relative."""

    field: Field
    at: datetime
    """Aware UTC, resolved from ``text`` when the query was parsed."""
    text: str
    negated: bool = False

    def describe(self) -> str:
        return _render_filter(self.field, self.text, negated=self.negated)


@dataclass(frozen=True, slots=True)
class CaseFilter(_Describable):
    """``#1042``."""

    number: CaseNumber
    negated: bool = False

    def describe(self) -> str:
        return f"{'-' if self.negated else ''}#{self.number}"


Filter = (
    TextFilter
    | OwnerFilter
    | StatusFilter
    | ChannelFilter
    | HasFilter
    | IsFilter
    | DateFilter
    | CaseFilter
)


@dataclass(frozen=True, slots=True)
class AnyFilter(_Describable):
    """Field filters joined by OR (each may be negated)."""

    filters: tuple[Filter, ...]

    def describe(self) -> str:
        return " OR ".join(f.describe() for f in self.filters)


TextNode = Term | AnyTerm
FilterNode = Filter | AnyFilter
Node = TextNode | FilterNode


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: its items in the order typed, all of which must match."""

    items: tuple[Node, ...] = ()

    @property
    def terms(self) -> tuple[TextNode, ...]:
        """The full-text part, for FTS5 ``MATCH`` or a PostgreSQL ``tsquery``."""
        return tuple(i for i in self.items if isinstance(i, Term | AnyTerm))

    @property
    def filters(self) -> tuple[FilterNode, ...]:
        """The structured part, compiled to SQL conditions."""
        return tuple(i for i in self.items if not isinstance(i, Term | AnyTerm))

    @property
    def is_empty(self) -> bool:
        return not self.items

    def describe(self) -> str:
        """The query in normal form: parsing it again gives an equal ``Query``."""
        return " ".join(i.describe() for i in self.items)

    def __str__(self) -> str:
        return self.describe()


def _render_filter(field: Field, value: str, *, negated: bool) -> str:
    shown = f'"{value}"' if _needs_quotes(value) else value
    return f"{'-' if negated else ''}{field.value}:{shown}"


def _needs_quotes(value: str) -> bool:
    return not value or any(c.isspace() for c in value)


# --- reading -------------------------------------------------------------------------------


def parse_query(text: str, *, now: datetime, tz: ZoneInfo) -> Query:
    """Parse a search query; ``now`` and ``tz`` resolve ``before:``/``after:`` dates.

    Raises ``QuerySyntaxError`` (an ``InvalidInput``) with the position of the problem.
    An empty or blank query gives an empty ``Query`` (everything matches).
    """
    if len(text) > MAX_QUERY_LENGTH:
        raise QuerySyntaxError(
            f"the query is longer than {MAX_QUERY_LENGTH} characters", position=MAX_QUERY_LENGTH
        )
    tokens = _Tokenizer(_without_control_characters(text)).tokens()
    builder = _Builder()
    for token in tokens:
        if isinstance(token, _Operator):
            builder.operator(token)
        else:
            builder.atom(_to_node(token, now=now, tz=tz), position=token.position)
    return Query(items=builder.finish())


def _without_control_characters(text: str) -> str:
    # NUL ends an FTS5 string early and zero-width spaces make invisible words; as
    # spaces they separate words and every position still points at the typed text.
    return "".join(" " if unicodedata.category(c) in ("Cc", "Cf") else c for c in text)


@dataclass(frozen=True, slots=True)
class _Operator:
    word: str
    """``OR`` or ``AND``, upper-cased."""
    position: int


@dataclass(frozen=True, slots=True)
class _Atom:
    """A word, phrase, field or case number before its value is checked."""

    position: int
    negated: bool
    text: str
    phrase: bool = False
    field: str | None = None
    value_position: int = 0


_FIELD_NAMES = frozenset(f.value for f in Field)
_FIELD_PREFIX = re.compile(r"([^\W\d_]+):", re.UNICODE)
_CASE_NUMBER = re.compile(r"#(\d{1,12})")


class _Tokenizer:
    """Split the query into atoms and operators, reporting positions of bad syntax."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0

    def tokens(self) -> list[_Atom | _Operator]:
        found: list[_Atom | _Operator] = []
        while True:
            self._skip_space()
            if self._pos >= len(self._text):
                return found
            found.append(self._next())

    def _skip_space(self) -> None:
        while self._pos < len(self._text) and self._text[self._pos].isspace():
            self._pos += 1

    def _next(self) -> _Atom | _Operator:
        start = self._pos
        negated = self._text[start] == "-"
        if negated:
            self._pos += 1
            self._check_after_minus(start)
        if self._text[self._pos] == '"':
            return self._phrase(start, negated=negated)
        return self._word(start, negated=negated)

    def _check_after_minus(self, minus: int) -> None:
        following = self._text[self._pos] if self._pos < len(self._text) else ""
        if not following or following.isspace():
            raise QuerySyntaxError(
                f"'-' at position {minus} must be followed by a word, phrase or field "
                "(like -spam or -status:resolved)",
                position=minus,
            )
        if following == "-":
            raise QuerySyntaxError(
                f"double '-' at position {minus}; one '-' excludes a word", position=minus
            )

    def _quoted(self) -> tuple[str, int]:
        """Read ``"..."`` at the current position; return its text and the quote's position."""
        quote = self._pos
        end = self._text.find('"', quote + 1)
        if end < 0:
            raise QuerySyntaxError(
                f"unterminated quote starting at position {quote}", position=quote
            )
        self._pos = end + 1
        return self._text[quote + 1 : end], quote

    def _phrase(self, start: int, *, negated: bool) -> _Atom:
        text, _ = self._quoted()
        return _Atom(position=start, negated=negated, text=text, phrase=True)

    def _word(self, start: int, *, negated: bool) -> _Atom | _Operator:
        begin = self._pos
        while (
            self._pos < len(self._text)
            and not self._text[self._pos].isspace()
            and self._text[self._pos] != '"'
        ):
            self._pos += 1
        word = self._text[begin : self._pos]
        if word.upper() in ("OR", "AND") and not negated:
            return _Operator(word=word.upper(), position=begin)
        field = _FIELD_PREFIX.match(word)
        # "http://..." is a word with a colon, not a field.
        if field is not None and not word[field.end() :].startswith("//"):
            return self._field(
                field.group(1), word[field.end() :], start=start, begin=begin, negated=negated
            )
        return _Atom(position=start, negated=negated, text=word)

    def _field(self, name: str, value: str, *, start: int, begin: int, negated: bool) -> _Atom:
        key = name.lower()
        if key not in _FIELD_NAMES:
            raise QuerySyntaxError(_unknown_field_message(name, begin), position=begin)
        value_position = begin + len(name) + 1
        if not value and self._pos < len(self._text) and self._text[self._pos] == '"':
            value, value_position = self._quoted()
            if not value.strip():
                raise QuerySyntaxError(
                    f"empty value for {key}: at position {value_position}",
                    position=value_position,
                )
        elif not value:
            raise QuerySyntaxError(
                f"missing value after {key}: at position {begin}", position=begin
            )
        return _Atom(
            position=start,
            negated=negated,
            text=value,
            field=key,
            value_position=value_position,
        )


def _unknown_field_message(name: str, position: int) -> str:
    known = [f.value for f in Field]
    close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
    text = f"unknown field '{name}:' at position {position}"
    if close:
        return f"{text} (did you mean {close[0]}:?)"
    listed = ", ".join(f"{k}:" for k in known)
    return f"{text}; known fields: {listed} (put text with a colon in quotes)"


class _Builder:
    """Group atoms joined by OR and check where operators stand."""

    def __init__(self) -> None:
        self._items: list[Node] = []
        self._positions: list[int] = []
        self._pending: _Operator | None = None

    def operator(self, op: _Operator) -> None:
        if not self._items:
            raise QuerySyntaxError(
                f"'{op.word}' at position {op.position} needs a word or filter before it",
                position=op.position,
            )
        if self._pending is not None:
            raise QuerySyntaxError(
                f"'{op.word}' at position {op.position} follows '{self._pending.word}'; "
                "put a word or filter between them",
                position=op.position,
            )
        self._pending = op

    def atom(self, node: Node, *, position: int) -> None:
        op, self._pending = self._pending, None
        if op is None or op.word == "AND":
            self._items.append(node)
            self._positions.append(position)
            return
        # FTS5 has no unary NOT, so "a OR -b" has no FTS5 form: refuse it on both backends.
        for side, where in ((self._items[-1], self._positions[-1]), (node, position)):
            if isinstance(side, Term) and side.negated:
                raise QuerySyntaxError(
                    f"the excluded word at position {where} cannot be part of OR; "
                    "write the exclusion separately",
                    position=where,
                )
        self._items[-1] = _join_or(self._items[-1], node, op=op)

    def finish(self) -> tuple[Node, ...]:
        if self._pending is not None:
            op = self._pending
            raise QuerySyntaxError(
                f"'{op.word}' at position {op.position} needs a word or filter after it",
                position=op.position,
            )
        return tuple(self._items)


def _join_or(left: Node, right: Node, *, op: _Operator) -> Node:
    """``left OR right``, keeping words and filters apart (they compile separately)."""
    members = (*_or_members(left), *_or_members(right))
    words = tuple(m for m in members if isinstance(m, Term))
    filters = tuple(m for m in members if not isinstance(m, Term))
    if words and filters:
        raise QuerySyntaxError(
            f"'OR' at position {op.position} joins a word and a field filter; "
            "OR can join words or filters, not both",
            position=op.position,
        )
    return AnyTerm(terms=words) if words else AnyFilter(filters=filters)


def _or_members(node: Node) -> tuple[Term | Filter, ...]:
    if isinstance(node, AnyTerm):
        return node.terms
    if isinstance(node, AnyFilter):
        return node.filters
    return (node,)


# --- values --------------------------------------------------------------------------------


def _to_node(atom: _Atom, *, now: datetime, tz: ZoneInfo) -> Node:
    if atom.field is None:
        if not atom.phrase and atom.text.startswith("#"):
            return _case(atom)
        return _term(atom)
    return _field_filter(atom, Field(atom.field), now=now, tz=tz)


def _nfc(text: str) -> str:
    # "ü" typed as u + combining diaeresis must search like "ü".
    return unicodedata.normalize("NFC", text)


def _has_word_characters(text: str) -> bool:
    return any(c.isalnum() for c in text)


def _case(atom: _Atom) -> CaseFilter:
    match = _CASE_NUMBER.fullmatch(atom.text)
    if match is None:
        raise QuerySyntaxError(
            f"'{atom.text}' at position {atom.position} is not a case number "
            "(expected something like #1042)",
            position=atom.position,
        )
    return CaseFilter(number=CaseNumber(int(match.group(1))), negated=atom.negated)


def _term(atom: _Atom) -> Term:
    text = _nfc(atom.text)
    if atom.phrase:
        if not _has_word_characters(text):
            raise QuerySyntaxError(
                f"nothing to search for in the quotes at position {atom.position}",
                position=atom.position,
            )
        return Term(text=" ".join(text.split()), phrase=True, negated=atom.negated)
    stem = text.rstrip("*")
    prefix = stem != text
    if not _has_word_characters(stem):
        raise QuerySyntaxError(
            f"'{text}' at position {atom.position} has no letters or digits to search for",
            position=atom.position,
        )
    if prefix and sum(c.isalnum() for c in stem) < MIN_PREFIX_LENGTH:
        raise QuerySyntaxError(
            f"prefix '{text}' at position {atom.position} is too short; "
            f"type at least {MIN_PREFIX_LENGTH} letters before '*'",
            position=atom.position,
        )
    return Term(text=stem, prefix=prefix, negated=atom.negated)


def _field_filter(atom: _Atom, field: Field, *, now: datetime, tz: ZoneInfo) -> Filter:
    value = " ".join(_nfc(atom.text).split())
    negated = atom.negated
    if field in (Field.BEFORE, Field.AFTER):
        at = _date_value(value, field=field, position=atom.value_position, now=now, tz=tz)
        return DateFilter(field=field, at=at, text=value, negated=negated)
    if field is Field.STATUS:
        return StatusFilter(status=_status_value(value, atom), negated=negated)
    if field is Field.CHANNEL:
        return ChannelFilter(channel=_channel_value(value, atom), negated=negated)
    if field is Field.HAS:
        return HasFilter(what=_has_value(value, atom), negated=negated)
    if field is Field.IS:
        return IsFilter(what=_choice(IsValue, value, atom), negated=negated)
    return _owner_or_text(field, value, negated=negated)


_OWNER_KEYWORDS = frozenset(k.value for k in OwnerKeyword)


def _owner_or_text(field: Field, value: str, *, negated: bool) -> Filter:
    if field is not Field.OWNER:
        return TextFilter(field=field, value=value, negated=negated)
    keyword = value.lower()
    owner = OwnerKeyword(keyword) if keyword in _OWNER_KEYWORDS else value
    return OwnerFilter(owner=owner, negated=negated)


def _status_value(value: str, atom: _Atom) -> CaseStatus:
    try:
        return parse_status(value)
    except InvalidInput:
        choices = ", ".join(s.value for s in CaseStatus)
        raise QuerySyntaxError(
            f"unknown status '{value}' at position {atom.value_position}; choose one of: {choices}",
            position=atom.value_position,
        ) from None


_E = TypeVar("_E", bound=StrEnum)
_CHANNEL_ALIASES = {"mail": Channel.EMAIL, "e-mail": Channel.EMAIL, "webform": Channel.FORM}


def _channel_value(value: str, atom: _Atom) -> Channel:
    alias = _CHANNEL_ALIASES.get(value.lower())
    return alias if alias is not None else _choice(Channel, value, atom)


def _has_value(value: str, atom: _Atom) -> HasValue:
    if value.lower() == "attachments":
        return HasValue.ATTACHMENT
    return _choice(HasValue, value, atom)


def _choice(kind: type[_E], value: str, atom: _Atom) -> _E:
    """Read ``value`` as one of ``kind``'s values, or say which ones exist."""
    key = value.lower()
    for member in kind:
        if member.value == key:
            return member
    known = [m.value for m in kind]
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    field = atom.field or ""
    text = f"unknown value '{value}' for {field}: at position {atom.value_position}"
    hint = f"did you mean {field}:{close[0]}?" if close else None
    listed = ", ".join(f"{field}:{k}" for k in known)
    raise QuerySyntaxError(
        f"{text} ({hint})" if hint else f"{text}; use {listed}", position=atom.value_position
    )


_RELATIVE_DATE = re.compile(r"(\d{1,4})\s*([hdw])", re.IGNORECASE)
_ISO_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})[t ](\d{1,2}):(\d{2})", re.IGNORECASE)
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_DAY_WORDS = {"today": 0, "heute": 0, "yesterday": 1, "gestern": 1}


def _date_value(
    value: str, *, field: Field, position: int, now: datetime, tz: ZoneInfo
) -> datetime:
    """Resolve a ``before:``/``after:`` value to an aware UTC instant."""
    local_now = now.astimezone(tz)
    key = value.lower()
    try:
        if key in _DAY_WORDS:
            return _start_of(local_now.date() - timedelta(days=_DAY_WORDS[key]), tz)
        if match := _RELATIVE_DATE.fullmatch(key):
            return _ago(int(match.group(1)), match.group(2), now=local_now, tz=tz)
        if match := _ISO_DATETIME.fullmatch(key):
            day = date.fromisoformat(match.group(1))
            at = time(int(match.group(2)), int(match.group(3)))
            return datetime.combine(day, at, tzinfo=tz).astimezone(UTC)
        if match := _GERMAN_DATE.fullmatch(key):
            day_, month, year = (int(g) for g in match.groups())
            return _start_of(date(year, month, day_), tz)
        return _start_of(date.fromisoformat(key), tz)
    except ValueError:
        raise QuerySyntaxError(
            f"bad date '{value}' for {field.value}: at position {position}; "
            "use 2026-12-01, 2026-12-01T10:30, today, yesterday, 7d, 2w or 12h",
            position=position,
        ) from None


def _start_of(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=tz).astimezone(UTC)


def _ago(amount: int, unit: str, *, now: datetime, tz: ZoneInfo) -> datetime:
    if unit.lower() == "h":
        return now.astimezone(UTC) - timedelta(hours=amount)
    days = amount * (7 if unit.lower() == "w" else 1)
    # Whole days keep the wall-clock time across a daylight-saving change.
    local = now.replace(tzinfo=None) - timedelta(days=days)
    return local.replace(tzinfo=tz).astimezone(UTC)


# --- FTS5 ----------------------------------------------------------------------------------


def to_fts5_match(terms: Sequence[TextNode]) -> str | None:
    """Render the full-text part as an SQLite FTS5 ``MATCH`` expression (FTS5 only).

    Every user word is a quoted FTS5 string (``"`` doubled), so operators and special
    characters typed by the user (``NEAR``, ``AND``, ``col:``, ``^``, ``(``) are only ever
    searched for, never interpreted. Prefixes render as ``"rout"*``, phrases as
    ``"order 42"``, OR groups as ``("a" OR "b")``, exclusions as ``(...) NOT (...)``.

    Returns ``None`` when no term is required: FTS5's ``NOT`` needs a left operand, so a
    query made only of exclusions must be run as ``rowid NOT IN (... MATCH x)`` with
    ``x = to_fts5_exclusion(terms)``.
    """
    required = [_fts5_node(t) for t in terms if not (isinstance(t, Term) and t.negated)]
    if not required:
        return None
    expression = " AND ".join(required)
    excluded = [_fts5_term(t) for t in terms if isinstance(t, Term) and t.negated]
    if not excluded:
        return expression
    return f"{_grouped(required)} NOT {_grouped(excluded, joiner=' OR ')}"


def _grouped(parts: Sequence[str], *, joiner: str = " AND ") -> str:
    # Parentheses around compound operands keep the grouping explicit, whatever the
    # relative precedence of FTS5's AND, OR and NOT.
    return parts[0] if len(parts) == 1 else "(" + joiner.join(parts) + ")"


def to_fts5_exclusion(terms: Sequence[TextNode]) -> str | None:
    """The excluded words as one FTS5 ``OR`` expression, or ``None`` when there are none."""
    excluded = [_fts5_term(t) for t in terms if isinstance(t, Term) and t.negated]
    return " OR ".join(excluded) if excluded else None


def _fts5_node(node: TextNode) -> str:
    if isinstance(node, AnyTerm):
        return "(" + " OR ".join(_fts5_term(t) for t in node.terms) + ")"
    return _fts5_term(node)


def _fts5_term(term: Term) -> str:
    # Terms built by hand bypass the parser's cleaning: NUL would end the string early.
    quoted = '"' + term.text.replace("\x00", " ").replace('"', '""') + '"'
    return f"{quoted}*" if term.prefix else quoted
