"""Full-text search over every case history, on SQLite FTS5 and PostgreSQL alike.

**Index.** One document per message with six fields: subject, text, sender (name and
address), recipient (the customer, on messages we sent), customer (name and every
address of the case's customer) and attachment file names. Migration 0003 builds it and
its triggers keep it current in the transaction that writes a message, an attachment or
a customer (see that migration for the layout on each backend).

**Meaning.** A query (:mod:`omnidesk.core.query`) is planned once
(:mod:`~omnidesk.store.search_plan`) and compiled per backend: words and phrases to an
FTS5 ``MATCH`` or a ``tsquery``, field filters to SQL on the message (``m``) and its case
(``c``). Every word must occur in one message (like Gmail and notmuch, not spread over a
case); results are cases, each shown with its best-matching message.

**Ordering, and why it stays fast.** Ranking every match of a common word is what
costs: "rechnung" occurs in a fifth of a German mailbox, and bm25 or ts_rank over
200 000 rows takes hundreds of milliseconds. So a search fills a *window*
(:mod:`~omnidesk.store.search_window`) with the newest matching messages, until they
belong to ``WINDOW_CASES`` (100) cases or number ``WINDOW_MESSAGES`` (2000); both
indexes find them newest first and stop there (FTS5 walks its doclists from the highest
rowid down; on PostgreSQL see :func:`~omnidesk.store.search_postgres.candidates`).
Only the window is ranked by relevance (bm25 / ts_rank); each case keeps its best
message and the cases are ordered by it (ties: the newer message first).

* A query with fewer matches than the window, which is nearly every specific query, is
  thereby ranked completely by relevance.
* For common words it is relevance among the recent mail, which is what a support agent
  looks for; the cost no longer grows with the size of the mailbox.
* Pages that reach past the window's cases continue with older cases, newest first, so
  paging never repeats or skips a case. Queries without words (only filters) list the
  cases of the newest matching messages first.

"Newest" means the message id, the order in which messages reached OmniDesk (a mailbox
import keeps its file order).

**Snippets.** Each hit carries a snippet of its best message: the part of the text
(else the subject, the attachment names, ...) around the match, with every matched word
between ``HIGHLIGHT_START`` (``\\x02``, STX) and ``HIGHLIGHT_END`` (``\\x03``, ETX) and
``…`` where text was cut. The index removes STX and ETX from stored text, so they are
unambiguous: a UI replaces them with its own markup (bold, ``«…»``, ANSI).

**German text.** Both backends fold diacritics (``muller`` finds ``Müller``, ``Muller``
and ``MÜLLER``; ``müller`` finds ``Muller``), and treat ``ß`` and ``ss`` as one
(``strasse`` finds ``Straße`` and ``straße`` finds ``Strasse``; FTS5 keeps ``ß``, so
every ``ss`` of a query is also looked for as ``ß``, see
:func:`~omnidesk.store.search_plan.spellings`). ``mueller`` finds only ``Mueller``:
folding ``ue`` to ``ü`` would also make ``due`` find German ``du``; type ``müller`` or
``mueller OR muller``. ``æ ø œ ł`` typed as such find both spellings on both backends;
typed as ``ae o oe l`` they find ``Æ Ø Œ Ł`` only on PostgreSQL. No stemming:
``rechnung`` does not find ``rechnungen`` (use ``rechnung*``).
"""

import logging
import sys
from collections.abc import Sequence
from datetime import datetime
from functools import partial

from sqlalchemy import func, or_
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, select

from omnidesk.core.errors import InvalidInput
from omnidesk.core.ids import AgentId
from omnidesk.core.query import Query
from omnidesk.store import search_postgres, search_sqlite
from omnidesk.store.search_filters import FilterContext, SqlParams, TextMatcher, filters_sql
from omnidesk.store.search_plan import SearchPlan, plan_query
from omnidesk.store.search_results import SearchRow, load_rows
from omnidesk.store.search_window import WINDOW_CASES, Window
from omnidesk.store.tables import AgentRow

log = logging.getLogger(__name__)

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
ELLIPSIS = "…"

MAX_LIMIT = 500

__all__ = [
    "ELLIPSIS",
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "SearchRow",
    "folds_accents",
    "reindex",
    "search",
]


def search(
    session: Session,
    query: Query,
    *,
    me: AgentId | None,
    now: datetime,
    limit: int = 50,
    offset: int = 0,
    window_cases: int = WINDOW_CASES,
) -> list[SearchRow]:
    """One page of the cases matching ``query``, best first (see the module docstring).

    Raises ``InvalidInput`` for ``owner:me`` without ``me``, an unknown ``owner:`` name,
    or a limit/offset out of range.
    """
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"the limit must be between 1 and {MAX_LIMIT}, not {limit}")
    if offset < 0:
        raise InvalidInput(f"the offset cannot be negative ({offset})")
    plan = plan_query(query)
    backend = _Backend(session)
    params = SqlParams()
    ctx = FilterContext(
        me=me, now=now, find_owner=partial(_find_owner, session), matcher=backend.matcher
    )
    conditions = filters_sql(plan.filters, params, ctx)
    try:
        page = _page(
            backend, plan, conditions, params, offset=offset, limit=limit, cases=window_cases
        )
        snippets = backend.snippets(plan, [message for _case, message in page])
    except OperationalError as exc:
        # Every word is quoted before it reaches FTS5, so this is a bug (logged with its
        # traceback), but the person searching should see one clear line.
        if "fts5" in str(exc).lower():
            log.exception("FTS5 refused the compiled query for %r", query.describe())
            raise InvalidInput(f"the search index could not read this query: {exc.orig}") from exc
        raise
    return load_rows(session, page, snippets)


def _page(
    backend: "_Backend",
    plan: SearchPlan,
    conditions: list[str],
    params: SqlParams,
    *,
    offset: int,
    limit: int,
    cases: int,
) -> list[tuple[int, int]]:
    """(case id, best message id) of the page's cases, in order."""
    window = Window(cases=cases)
    scores = backend.candidates(plan, conditions, params, before=None, window=window)
    best: dict[int, tuple[float, int]] = {}
    for message_id, case_id in window.rows:
        mine = (scores.get(message_id, 0.0), message_id)
        if case_id not in best or mine > best[case_id]:
            best[case_id] = mine
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], -item[1][1]))
    hits = [(case_id, message_id) for case_id, (_score, message_id) in ranked]
    if not window.full or offset + limit <= len(hits):
        return hits[offset : offset + limit]
    # The page reaches past the window's cases: older cases follow, newest first, each
    # with its newest match.
    rest = Window(cases=offset + limit - len(hits), messages=sys.maxsize, skip=frozenset(best))
    backend.candidates(plan, conditions, params, before=window.oldest, window=rest, ranked=False)
    for message_id, case_id in rest.rows:
        if case_id not in best:
            best[case_id] = (0.0, message_id)
            hits.append((case_id, message_id))
    return hits[offset : offset + limit]


class _Backend:
    """The statements of one backend, bound to a session."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._sqlite = _is_sqlite(session)
        self.matcher: TextMatcher = (
            search_sqlite.Fts5Matcher() if self._sqlite else search_postgres.TsqueryMatcher()
        )
        if not self._sqlite:
            search_postgres.prepare(session)

    def candidates(
        self,
        plan: SearchPlan,
        conditions: list[str],
        params: SqlParams,
        *,
        before: int | None,
        window: Window,
        ranked: bool = True,
    ) -> dict[int, float]:
        find = search_sqlite.candidates if self._sqlite else search_postgres.candidates
        return find(
            self._session, plan, conditions, params, before=before, window=window, ranked=ranked
        )

    def snippets(self, plan: SearchPlan, message_ids: list[int]) -> dict[int, str]:
        highlight = search_sqlite.snippets if self._sqlite else search_postgres.snippets
        found = highlight(
            self._session, plan, message_ids, start=HIGHLIGHT_START, end=HIGHLIGHT_END
        )
        return {message_id: _best_snippet(parts) for message_id, parts in found.items()}


def _is_sqlite(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def _best_snippet(parts: Sequence[str | None]) -> str:
    """The first field's snippet that shows a match, else the first non-empty one."""
    texts = [p for p in parts if p]
    chosen = next((p for p in texts if HIGHLIGHT_START in p), texts[0] if texts else "")
    return " ".join(chosen.split())


def _find_owner(session: Session, name: str) -> AgentId:
    key = name.strip().lower()
    found = session.execute(
        select(col(AgentRow.id)).where(
            or_(
                func.lower(col(AgentRow.name)) == key,
                func.lower(col(AgentRow.display_name)) == key,
                func.lower(col(AgentRow.email)) == key,
            )
        )
    ).first()
    if found is None:
        names = session.execute(select(col(AgentRow.name)).order_by(col(AgentRow.name))).scalars()
        known = ", ".join(names) or "none yet"
        raise InvalidInput(f"owner:{name}: there is no agent of that name (agents: {known})")
    return AgentId(found[0])


def reindex(session: Session) -> int:
    """Rebuild the index from the tables; returns how many messages it now holds."""
    if _is_sqlite(session):
        search_sqlite.rebuild(session)
        count = session.connection().exec_driver_sql("SELECT count(*) FROM message").scalar_one()
        return int(count)
    return search_postgres.rebuild(session)


def folds_accents(session: Session) -> bool:
    """False only on a PostgreSQL without the ``unaccent`` extension."""
    if _is_sqlite(session):
        return True
    return search_postgres.folds_accents(session)
