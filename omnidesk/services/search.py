"""Search use cases: find cases by what was written in them, and rebuild the index.

How a query is read is :mod:`omnidesk.core.query`; how it is matched, ranked and
highlighted is :mod:`omnidesk.store.search`.
"""

import time
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from omnidesk.core.enums import CaseStatus
from omnidesk.core.ids import AgentId, CaseNumber, MessageId
from omnidesk.core.query import parse_query
from omnidesk.store import search as store
from omnidesk.store.engine import Database
from omnidesk.store.search import ELLIPSIS, HIGHLIGHT_END, HIGHLIGHT_START
from omnidesk.store.types import utcnow

__all__ = [
    "ELLIPSIS",
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "ReindexReport",
    "SearchHit",
    "folds_accents",
    "reindex",
    "search_cases",
]

UTC_ZONE = ZoneInfo("UTC")


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching case and the message of it that matched best."""

    case_number: CaseNumber
    subject: str
    status: CaseStatus
    owner: str | None
    """The owner's agent name; None while unassigned."""
    customer: str
    message_id: MessageId
    snippet: str
    """Text around the match; matched words between ``HIGHLIGHT_START`` and ``HIGHLIGHT_END``."""
    matched_at: datetime


@dataclass(frozen=True, slots=True)
class ReindexReport:
    messages: int
    seconds: float


def search_cases(
    db: Database,
    text: str,
    *,
    me: AgentId | None,
    limit: int = 50,
    offset: int = 0,
    now: datetime | None = None,
    tz: ZoneInfo = UTC_ZONE,
) -> list[SearchHit]:
    """The cases matching ``text``, best first; ``me`` is who ``owner:me`` means.

    ``tz`` is the searcher's zone, for ``before:``/``after:`` days. Bad syntax raises
    ``QuerySyntaxError`` (an ``InvalidInput``) naming the position of the problem.
    """
    now = now or utcnow()
    query = parse_query(text, now=now, tz=tz)
    with db.read() as session:
        rows = store.search(session, query, me=me, now=now, limit=limit, offset=offset)
    return [
        SearchHit(
            case_number=row.case_number,
            subject=row.subject,
            status=row.status,
            owner=row.owner,
            customer=row.customer,
            message_id=row.message_id,
            snippet=row.snippet,
            matched_at=row.matched_at,
        )
        for row in rows
    ]


def reindex(db: Database) -> ReindexReport:
    """Rebuild the search index from the stored messages (after a restore, or to be sure)."""
    started = time.perf_counter()
    with db.write() as session:
        messages = store.reindex(session)
    return ReindexReport(messages=messages, seconds=time.perf_counter() - started)


def folds_accents(db: Database) -> bool:
    """False on a PostgreSQL without ``unaccent``: then ``muller`` does not find ``Müller``."""
    with db.read() as session:
        return store.folds_accents(session)
