"""From a parsed query to what the index must match: atoms, AND-ed groups, exclusions.

Both backends compile the same plan, which is how they keep one meaning:

* An :class:`Atom` is one word or phrase (``prefix``: its last word is a prefix),
  searched in every field of a message (``field=None``) or in one field only
  (``from:`` is the sender field, ``to:`` the recipient, ``customer:``, ``subject:``).
* ``required`` is an AND of OR-groups; ``excluded`` atoms must all be absent.
  Everything else (status, owner, dates, tags, ...) stays a filter for SQL.
* Spellings: PostgreSQL's ``unaccent`` turns ``ß`` into ``ss`` (and ``æ ø œ ł đ ð þ``
  into ``ae o oe l d d th``) while FTS5's ``unicode61`` keeps those letters. An atom
  therefore searches for every spelling that the two backends could have stored:
  ``strasse`` also looks for ``straße`` and the other way round, and ``øre`` also for
  ``ore``. ``mueller`` is not rewritten to ``müller`` (``due`` would find German ``du``).
"""

import itertools
import re
from dataclasses import dataclass

from omnidesk.core.errors import InvalidInput
from omnidesk.core.query import (
    MIN_PREFIX_LENGTH,
    AnyFilter,
    AnyTerm,
    Field,
    FilterNode,
    Query,
    Term,
    TextFilter,
)

TEXT_FIELDS = {
    Field.FROM: "sender",
    Field.TO: "recipient",
    Field.CUSTOMER: "customer",
    Field.SUBJECT: "subject",
}
"""Query fields answered by the full-text index, and the index field each one searches."""

MAX_SPELLINGS = 8
"""More spellings of one word than this are dropped: each one is another index lookup."""


@dataclass(frozen=True, slots=True)
class Atom:
    """A word or phrase to find in one field (``None``: any field) of a message."""

    text: str
    field: str | None = None
    prefix: bool = False

    def spellings(self) -> tuple[str, ...]:
        """The texts to look for: as typed, plus the ``ß``/``ss`` and letter-fold variants."""
        return spellings(self.text, prefix=self.prefix)


@dataclass(frozen=True, slots=True)
class SearchPlan:
    required: tuple[tuple[Atom, ...], ...] = ()
    """Every group must match; a group matches when one of its atoms does."""
    excluded: tuple[Atom, ...] = ()
    """No message containing one of these matches."""
    filters: tuple[FilterNode, ...] = ()
    """Structured conditions, compiled to SQL (an OR group may still hold text atoms)."""

    @property
    def positive_atoms(self) -> tuple[Atom, ...]:
        return tuple(a for group in self.required for a in group)


def plan_query(query: Query) -> SearchPlan:
    required: list[tuple[Atom, ...]] = []
    excluded: list[Atom] = []
    filters: list[FilterNode] = []
    for item in query.items:
        if isinstance(item, Term):
            if item.negated:
                excluded.append(_term_atom(item))
            else:
                required.append((_term_atom(item),))
        elif isinstance(item, AnyTerm):
            required.append(tuple(_term_atom(t) for t in item.terms))
        elif isinstance(item, TextFilter) and item.field in TEXT_FIELDS:
            if item.negated:
                excluded.append(text_filter_atom(item))
            else:
                required.append((text_filter_atom(item),))
        elif isinstance(item, AnyFilter) and _all_positive_text(item):
            required.append(
                tuple(text_filter_atom(f) for f in item.filters if isinstance(f, TextFilter))
            )
        else:
            filters.append(item)
    return SearchPlan(required=tuple(required), excluded=tuple(excluded), filters=tuple(filters))


def _term_atom(term: Term) -> Atom:
    return Atom(text=term.text, prefix=term.prefix)


def _all_positive_text(node: AnyFilter) -> bool:
    return all(
        isinstance(f, TextFilter) and f.field in TEXT_FIELDS and not f.negated for f in node.filters
    )


def text_filter_atom(node: TextFilter) -> Atom:
    """``from:``/``to:``/``customer:``/``subject:`` as an atom; ``from:ann*`` is a prefix."""
    value = node.value
    stem = value.rstrip("*")
    prefix = stem != value and sum(c.isalnum() for c in stem) >= MIN_PREFIX_LENGTH
    if not any(c.isalnum() for c in stem):
        raise InvalidInput(f"{node.describe()}: the value has no letters or digits to search for")
    return Atom(text=stem if prefix else value, field=TEXT_FIELDS[node.field], prefix=prefix)


# --- spellings ------------------------------------------------------------------------------

_SHARP_S = re.compile("[ßẞ]")
_DOUBLE_S = re.compile("ss", re.IGNORECASE)
# Letters unaccent rewrites but unicode61 keeps (they have no combining accent).
LETTER_FOLDS = str.maketrans(
    {
        "æ": "ae",
        "Æ": "AE",
        "ø": "o",
        "Ø": "O",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
    }
)


def spellings(text: str, *, prefix: bool) -> tuple[str, ...]:
    """Every spelling of ``text`` one of the backends may have indexed it under.

    ``ß`` and ``ss`` are one letter to PostgreSQL (via ``unaccent``) but two different
    ones to FTS5, so each ``ss`` is tried both ways. A prefix ending in ``s`` may be the
    first half of a ``ß`` (``stras*`` should find ``Straße``).
    """
    canonical = _SHARP_S.sub("ss", text)
    found: list[str] = [text]
    # At most three "ss" are varied (eight spellings); later ones stay as typed.
    pairs = list(_DOUBLE_S.finditer(canonical))[:3]
    for choice in itertools.product((False, True), repeat=len(pairs)):
        chosen = [p for p, on in zip(pairs, choice, strict=True) if on]
        found.append(_with_sharp_s(canonical, chosen))
    if prefix and canonical.endswith(("s", "S")) and not canonical.endswith(("ss", "SS")):
        found.append(canonical[:-1] + "ß")
    folded = text.translate(LETTER_FOLDS)
    if folded != text:
        found.append(_SHARP_S.sub("ss", folded))
    return tuple(dict.fromkeys(found))[:MAX_SPELLINGS]


def _with_sharp_s(text: str, pairs: list[re.Match[str]]) -> str:
    parts: list[str] = []
    start = 0
    for pair in pairs:
        parts.append(text[start : pair.start()])
        parts.append("ß")
        start = pair.end()
    parts.append(text[start:])
    return "".join(parts)
