"""Search on SQLite: a plan as an FTS5 ``MATCH`` expression, and the statements that run it.

Every user word reaches FTS5 inside a double-quoted string (quotes doubled, NUL
removed), so what a user types is only ever searched for: ``NEAR``, ``AND``, ``col:``,
``^``, ``*`` and parentheses are never interpreted. Field restrictions become FTS5
column filters (``sender : "anna"``).
"""

from collections.abc import Sequence

from sqlmodel import Session

from omnidesk.store.search_filters import SqlParams
from omnidesk.store.search_plan import Atom, SearchPlan
from omnidesk.store.search_schema import FTS_COLUMNS, FTS_TABLE
from omnidesk.store.search_window import Window

# bm25 weights in index column order (subject, body, sender, recipient, customer,
# attachments): a word in the subject or an attachment name says more than one in a long
# text; the customer fields repeat on every message of a case and must not outweigh it.
BM25_WEIGHTS = (4.0, 1.0, 2.0, 0.5, 0.5, 2.0)

SNIPPET_TOKENS = 24
"""Words around the best match in a snippet (FTS5 allows at most 64)."""

# Where a snippet comes from, best first: the text, then the subject, then the others.
SNIPPET_COLUMNS = ("body", "subject", "attachments", "sender", "recipient", "customer")


def fts5_string(text: str) -> str:
    return '"' + text.replace("\x00", " ").replace('"', '""') + '"'


def fts5_atom(atom: Atom) -> str:
    star = "*" if atom.prefix else ""
    forms = [fts5_string(s) + star for s in atom.spellings()]
    expression = forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")"
    return f"{atom.field} : {expression}" if atom.field else expression


def fts5_any(atoms: Sequence[Atom]) -> str:
    parts = [fts5_atom(a) for a in atoms]
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def fts5_match(plan: SearchPlan) -> str | None:
    """The whole text part as one ``MATCH`` expression; None when nothing is required."""
    if not plan.required:
        return None
    required = " AND ".join(fts5_any(group) for group in plan.required)
    if not plan.excluded:
        return required
    # FTS5's NOT is binary ("a NOT b"); parentheses keep the grouping explicit.
    return f"({required}) NOT {fts5_any(plan.excluded)}"


class Fts5Matcher:
    """Message ``m`` contains one of the atoms (for OR groups that mix fields and filters)."""

    def message_matches(self, atoms: Sequence[Atom], params: SqlParams) -> str:
        return (
            f"m.id IN (SELECT rowid FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH {params.add(fts5_any(atoms))})"
        )


CHUNK = 1000
"""Matching messages fetched (and scored) per statement while a window fills: each
statement expands a prefix (``rech*``) into its terms' doclists again."""

RECENT_ROWS = 3000
"""Without words: the newest messages tested in id order before SQLite may plan freely."""


def candidates(
    session: Session,
    plan: SearchPlan,
    conditions: Sequence[str],
    base: SqlParams,
    *,
    before: int | None,
    window: Window,
    ranked: bool,
) -> dict[int, float]:
    """Feed ``window`` with matching messages older than ``before``; return their scores.

    With words, FTS5 walks its doclists from the highest rowid down (``ORDER BY rowid
    DESC`` is consumed by the index), joins each hit to its message and case, and stops
    after ``CHUNK`` rows; bm25 is computed for those rows only.
    """
    match = fts5_match(plan)
    if match is None:
        _without_words(session, plan, conditions, base, before=before, window=window)
        return {}
    scores: dict[int, float] = {}
    cursor = before
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    score = f"-bm25({FTS_TABLE}, {weights})" if ranked else "0.0"
    while True:
        params = base.copy()
        where = [f"{FTS_TABLE} MATCH {params.add(match)}", *conditions]
        if cursor is not None:
            where.append(f"{FTS_TABLE}.rowid < {params.add(cursor)}")
        sql = (
            f"SELECT {FTS_TABLE}.rowid, m.case_id, {score} FROM {FTS_TABLE} "
            f"JOIN message m ON m.id = {FTS_TABLE}.rowid "
            "JOIN support_case c ON c.id = m.case_id"
            f"{_where(where)} ORDER BY {FTS_TABLE}.rowid DESC LIMIT {CHUNK}"
        )
        rows = [(int(a), int(b), float(c)) for a, b, c in session.execute(params.statement(sql))]
        scores.update((message_id, score) for message_id, _case, score in rows)
        window.add((message_id, case_id) for message_id, case_id, _score in rows)
        if window.full or len(rows) < CHUNK:
            return scores
        cursor = rows[-1][0]


def _without_words(
    session: Session,
    plan: SearchPlan,
    conditions: Sequence[str],
    base: SqlParams,
    *,
    before: int | None,
    window: Window,
) -> None:
    """Filters only: the newest matching messages, until the window is full.

    SQLite's planner, seeing ``tag:vip`` or ``is:overdue`` as an IN list, starts from
    those cases and sorts all their messages by id, for every chunk: that grows with
    the mailbox. So the newest ``RECENT_ROWS`` messages are first read in id order
    (``CROSS JOIN`` keeps ``message`` the outer loop), which fills the window for any
    common filter; only then may SQLite start from a rare filter's index.
    """
    params = base.copy()
    where = list(conditions)
    if plan.excluded:
        where.append(
            f"m.id NOT IN (SELECT rowid FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH {params.add(fts5_any(plan.excluded))})"
        )
    below = f"WHERE id < {params.add(before)} " if before is not None else ""
    low = session.execute(
        params.statement(
            f"SELECT id FROM message {below}ORDER BY id DESC LIMIT 1 OFFSET {RECENT_ROWS - 1}"
        )
    ).scalar()
    recent = [*where, f"m.id >= {params.add(low or 0)}"]
    if before is not None:
        recent.append(f"m.id < {params.add(before)}")
    sql = (
        "SELECT m.id, m.case_id FROM message m CROSS JOIN support_case c ON c.id = m.case_id"
        f"{_where(recent)} ORDER BY m.id DESC"
    )
    if window.add((int(a), int(b)) for a, b in session.execute(params.statement(sql))):
        return
    cursor = low
    while cursor is not None:
        chunk = [*where, f"m.id < {params.add(cursor)}"]
        sql = (
            "SELECT m.id, m.case_id FROM message m JOIN support_case c ON c.id = m.case_id"
            f"{_where(chunk)} ORDER BY m.id DESC LIMIT {CHUNK}"
        )
        rows = [(int(a), int(b)) for a, b in session.execute(params.statement(sql))]
        if window.add(rows) or len(rows) < CHUNK:
            return
        cursor = rows[-1][0]


def snippets(
    session: Session, plan: SearchPlan, message_ids: Sequence[int], *, start: str, end: str
) -> dict[int, list[str]]:
    """Per message, one snippet per field of ``SNIPPET_COLUMNS`` (in that order)."""
    match = fts5_match(plan)
    if match is None or not message_ids:
        return {}
    params = SqlParams()
    calls = ", ".join(
        f"snippet({FTS_TABLE}, {FTS_COLUMNS.index(column)}, {params.add(start)}, "
        f"{params.add(end)}, {params.add('…')}, {SNIPPET_TOKENS})"
        for column in SNIPPET_COLUMNS
    )
    ids = ", ".join(str(int(i)) for i in message_ids)
    # One pass over the rowid range, not one query per id: "rowid IN (...)" would make
    # FTS5 evaluate the expression once per id, expanding a prefix every time. The unary
    # "+" keeps the IN list away from FTS5 (it only filters the rows of the range).
    low, high = params.add(min(message_ids)), params.add(max(message_ids))
    sql = (
        f"SELECT rowid, {calls} FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH {params.add(match)} "
        f"AND rowid BETWEEN {low} AND {high} AND +rowid IN ({ids})"
    )
    return {row[0]: list(row[1:]) for row in session.execute(params.statement(sql))}


def rebuild(session: Session) -> None:
    """Rebuild the whole index from the tables (through the view)."""
    session.connection().exec_driver_sql(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def _where(conditions: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""
