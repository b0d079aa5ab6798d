"""Structured search filters as SQL conditions, the same on SQLite and PostgreSQL.

The conditions read two aliases that every search statement provides: ``m`` (the
matching ``message``) and ``c`` (its ``support_case``). Message-level filters (channel,
dates, attachments, and the text fields) judge the message; case-level filters (status,
owner, tags, overdue, number) judge its case. Values are always bound parameters.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import TextClause, bindparam, text
from sqlalchemy.types import TypeEngine

from omnidesk.core.enums import CommitmentState
from omnidesk.core.errors import InvalidInput
from omnidesk.core.ids import AgentId
from omnidesk.core.query import (
    AnyFilter,
    CaseFilter,
    ChannelFilter,
    DateFilter,
    Field,
    Filter,
    FilterNode,
    HasFilter,
    HasValue,
    IsFilter,
    IsValue,
    OwnerFilter,
    OwnerKeyword,
    StatusFilter,
    TextFilter,
)
from omnidesk.store.search_plan import TEXT_FIELDS, Atom, text_filter_atom
from omnidesk.store.types import UTCDateTime

_PLACEHOLDER = re.compile(r":(p\d+)\b")


@dataclass
class SqlParams:
    """Bound parameters collected while SQL text is assembled."""

    values: dict[str, Any] = field(default_factory=dict)
    types: dict[str, TypeEngine[Any]] = field(default_factory=dict)

    def add(self, value: Any) -> str:
        """Bind ``value`` and return its placeholder (datetimes go through ``UTCDateTime``)."""
        name = f"p{len(self.values)}"
        self.values[name] = value
        if isinstance(value, datetime):
            self.types[name] = UTCDateTime()
        return f":{name}"

    def copy(self) -> "SqlParams":
        return SqlParams(dict(self.values), dict(self.types))

    def statement(self, sql: str) -> TextClause:
        named = set(_PLACEHOLDER.findall(sql))
        used = [
            bindparam(name, value, type_=self.types.get(name))
            for name, value in self.values.items()
            if name in named
        ]
        return text(sql).bindparams(*used)


class TextMatcher(Protocol):
    """The backend's answer to: does message ``m`` contain one of these atoms?"""

    def message_matches(self, atoms: Sequence[Atom], params: SqlParams) -> str: ...


@dataclass(frozen=True)
class FilterContext:
    me: AgentId | None
    now: datetime
    find_owner: Callable[[str], AgentId]
    """An agent id from the name typed after ``owner:`` (raises ``InvalidInput``)."""
    matcher: TextMatcher


def filters_sql(nodes: Sequence[FilterNode], params: SqlParams, ctx: FilterContext) -> list[str]:
    """One SQL condition per filter node; all of them must hold."""
    return [_node(node, params, ctx) for node in nodes]


def _node(node: FilterNode, params: SqlParams, ctx: FilterContext) -> str:
    if isinstance(node, AnyFilter):
        return "(" + " OR ".join(_node(f, params, ctx) for f in node.filters) + ")"
    condition = _positive(node, params, ctx)
    # NULL must count as "does not match", so that "-owner:anna" keeps unowned cases.
    return f"NOT COALESCE(({condition}), FALSE)" if node.negated else f"({condition})"


def _positive(node: Filter, params: SqlParams, ctx: FilterContext) -> str:
    match node:
        case StatusFilter():
            condition = f"c.status = {params.add(node.status.value)}"
        case ChannelFilter():
            condition = f"m.channel = {params.add(node.channel.value)}"
        case CaseFilter():
            condition = f"c.number = {params.add(int(node.number))}"
        case DateFilter():
            operator = "<" if node.field is Field.BEFORE else ">="
            condition = f"m.created_at {operator} {params.add(node.at)}"
        case OwnerFilter():
            condition = _owner(node, params, ctx)
        case HasFilter():
            assert node.what is HasValue.ATTACHMENT
            # Inline images (logos in signatures) are not what "has:attachment" asks about.
            condition = (
                "EXISTS (SELECT 1 FROM attachment a WHERE a.message_id = m.id AND NOT a.inline)"
            )
        case IsFilter():
            condition = _is(node, params, ctx)
        case TextFilter() if node.field in TEXT_FIELDS:
            condition = ctx.matcher.message_matches([text_filter_atom(node)], params)
        case TextFilter():
            assert node.field is Field.TAG
            condition = (
                "c.id IN (SELECT t.case_id FROM case_tag t "
                f"WHERE lower(t.tag) = lower({params.add(node.value)}))"
            )
    return condition


def _is(node: IsFilter, params: SqlParams, ctx: FilterContext) -> str:
    if node.what is IsValue.UNASSIGNED:
        return "c.owner_id IS NULL"
    # An uncorrelated IN list: computed once, where a correlated EXISTS made SQLite walk
    # the (state, due_at) index once per candidate message.
    return (
        "c.id IN (SELECT k.case_id FROM commitment k "
        f"WHERE k.state = {params.add(CommitmentState.OPEN.value)} "
        f"AND k.due_at < {params.add(ctx.now)})"
    )


def _owner(node: OwnerFilter, params: SqlParams, ctx: FilterContext) -> str:
    if node.owner is OwnerKeyword.NONE:
        return "c.owner_id IS NULL"
    if node.owner is OwnerKeyword.ME:
        if ctx.me is None:
            raise InvalidInput("owner:me needs to know who you are: say which agent you are")
        return f"c.owner_id = {params.add(int(ctx.me))}"
    return f"c.owner_id = {params.add(int(ctx.find_owner(str(node.owner))))}"
