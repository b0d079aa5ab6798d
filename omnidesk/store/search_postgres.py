"""Search on PostgreSQL: a plan as ``tsquery`` conditions, and the statements that run it.

Each atom becomes ``omnidesk_term_query(word, prefix)`` (a function of migration 0003):
the text is cut into words where FTS5 would cut it, normalised by the ``omnidesk_search``
configuration (unaccent, lower case) and joined as a phrase (``<->``), with ``:*`` on the
last word of a prefix. Words and phrases are bound parameters, never tsquery syntax.

A field restriction searches that field's own ``tsvector`` column, so ``from:anna`` is
an exact GIN lookup instead of a weight check on every candidate.
"""

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

from sqlmodel import Session

from omnidesk.store.search_filters import SqlParams
from omnidesk.store.search_plan import LETTER_FOLDS, Atom, SearchPlan
from omnidesk.store.search_schema import PG_CONFIG, PG_TABLE, PG_VECTOR_COLUMNS
from omnidesk.store.search_window import Window

# ts_rank weights for {D, C, B, A}: text, customer, sender and attachments, subject.
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
RANK_NORMALIZATION = 1
"""Divide by 1 + log(length): a long text with one hit ranks below a short one."""

HEADLINE_WORDS = (24, 10)
"""MaxWords and MinWords of ``ts_headline``, close to the FTS5 snippet length."""

HEADLINE_CONTEXT = (200, 500)
"""Characters before the first match, and in all, that ``ts_headline`` gets of a text."""

SNIPPET_COLUMNS = ("body", "subject", "attachments", "sender", "recipient", "customer")

# ts_headline parses the text it shows with PostgreSQL's own parser, which reads
# "anna@example.com" or "Rechnung_4711.pdf" as one token, while the index (like FTS5)
# holds the words between the punctuation. These joining characters are swapped for
# look-alikes the parser treats as spaces, and swapped back in the snippet.
_JOINERS = "@._/:+"
_STAND_INS = "\uff20\uff0e\uff3f\uff0f\uff1a\uff0b"
RESTORE_JOINERS = str.maketrans(_STAND_INS, _JOINERS)


# For the statements of one search (SET LOCAL ends with its read transaction):
# * custom plans always: psycopg prepares a statement run five times, and a generic plan
#   cannot see how common a word is, which decides between a GIN bitmap and a backward
#   walk of the primary key;
# * no parallel workers: every statement stops after a bounded number of rows, and
#   starting workers costs more than it saves;
# * random reads priced as what they are for a search index that lives in memory (the
#   default of 4 is for spinning disks), so a GIN bitmap wins where it should.
SESSION_SETTINGS = (
    "SET LOCAL plan_cache_mode = force_custom_plan",
    "SET LOCAL max_parallel_workers_per_gather = 0",
    "SET LOCAL random_page_cost = 1.1",
)


def prepare(session: Session) -> None:
    """Apply ``SESSION_SETTINGS`` to the session's transaction (one round trip)."""
    session.connection().exec_driver_sql("; ".join(SESSION_SETTINGS))


def tsquery(atoms: Sequence[Atom], params: SqlParams) -> str:
    """SQL for a tsquery that matches any of ``atoms`` (fields are ignored here)."""
    parts = [
        f"omnidesk_term_query({params.add(spelling)}, {'true' if atom.prefix else 'false'})"
        for atom in atoms
        for spelling in atom.spellings()
    ]
    return "(" + " || ".join(parts) + ")"


def _by_column(atoms: Sequence[Atom]) -> dict[str, list[Atom]]:
    columns: dict[str, list[Atom]] = defaultdict(list)
    for atom in atoms:
        columns[PG_VECTOR_COLUMNS[atom.field]].append(atom)
    return columns


def any_atom(alias: str, atoms: Sequence[Atom], params: SqlParams) -> str:
    """Row ``alias`` of ``message_search`` contains one of ``atoms`` in its field."""
    tests = [
        f"{alias}.{column} @@ {tsquery(group, params)}"
        for column, group in _by_column(atoms).items()
    ]
    return tests[0] if len(tests) == 1 else "(" + " OR ".join(tests) + ")"


def text_conditions(plan: SearchPlan, params: SqlParams, alias: str = "s") -> list[str]:
    """The required groups and the exclusions as conditions on ``alias``.

    Groups that search every field are folded into one ``doc @@ (a && b)`` so GIN
    intersects them itself; exclusions of whole-document words join that query as
    ``!!``, which the GIN index also answers without reading the rows.
    """
    conditions: list[str] = []
    whole = [g for g in plan.required if all(a.field is None for a in g)]
    fielded = [g for g in plan.required if g not in whole]
    excluded_whole = [a for a in plan.excluded if a.field is None]
    excluded_fields = [a for a in plan.excluded if a.field is not None]
    if whole:
        query = " && ".join(tsquery(g, params) for g in whole)
        if excluded_whole:
            query += f" && !!{tsquery(excluded_whole, params)}"
            excluded_whole = []
        conditions.append(f"{alias}.doc @@ ({query})")
    conditions.extend(any_atom(alias, g, params) for g in fielded)
    for atom in excluded_whole + excluded_fields:
        conditions.append(f"NOT ({any_atom(alias, [atom], params)})")
    return conditions


class TsqueryMatcher:
    """Message ``m`` contains one of the atoms (for OR groups that mix fields and filters)."""

    def message_matches(self, atoms: Sequence[Atom], params: SqlParams) -> str:
        return (
            f"EXISTS (SELECT 1 FROM {PG_TABLE} x WHERE x.message_id = m.id "
            f"AND {any_atom('x', atoms, params)})"
        )


CHUNK = 400
"""Messages fetched per statement when only filters are given."""

RECENT_ROWS = 2000
"""How many of the newest messages the first step reads before it turns to the indexes."""

JOIN_BATCH = 500
"""Matches of the words the filters judge in the first statement of a slice."""

FIRST_SLICE = 4 * RECENT_ROWS
"""Message ids the first index step covers; each further step covers up to eight times more."""

SLICE_HITS = 5000
"""Matches a slice after the first should hold, judged by the density of the one before."""


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

    PostgreSQL's planner cannot be left to choose here: it takes the words of a phrase
    or an AND for independent (``"vielen dank"`` looks a hundred times rarer than it
    is) and then rechecks a hundred thousand rows from a GIN bitmap, or walks the whole
    table backwards for a combination it wrongly thought common. So the search runs in
    steps whose costs have known bounds:

    1. the newest ``RECENT_ROWS`` messages are read in id order and tested directly,
       which is all a common word or phrase needs;
    2. older messages are searched through the GIN indexes in slices of ids, newest
       first, until the window is full; a slice costs what its matches cost, so slices
       grow eightfold while matches are rare (a rare word takes a few cheap slices) and
       stay near ``SLICE_HITS`` matches where they are common.

    ``ts_rank`` runs afterwards, on the window's candidates alone.
    """
    params = base.copy()
    if not plan.required:
        _without_words(session, plan, conditions, params, before=before, window=window)
        return {}
    text = text_conditions(plan, params)
    window.add(_recent(session, text, conditions, params, before=before))
    high = None if window.full else _oldest_recent(session, params, before=before)
    size = FIRST_SLICE
    while high is not None and high > 1 and not window.full:
        low = max(high - size, 1)
        hits = _indexed(session, text, conditions, params, low=low, high=high, window=window)
        # Grow the next slice eightfold, or only as far as about SLICE_HITS matches are
        # expected at the density just seen: a common word with a rare filter stays in
        # slices of bounded cost.
        density = hits / (high - low)
        size = max(FIRST_SLICE, min(size * 8, int(SLICE_HITS / density) if density else size * 8))
        high = low
    if not ranked or not window.rows:
        return {}
    rank_query = " && ".join(tsquery(g, params) for g in plan.required)
    ids = params.add(window.message_ids)
    sql = (
        f"SELECT r.message_id, ts_rank('{RANK_WEIGHTS}', r.doc, {rank_query}, "
        f"{RANK_NORMALIZATION}) FROM {PG_TABLE} r WHERE r.message_id = ANY({ids})"
    )
    return {int(m): float(r) for m, r in session.execute(params.statement(sql)).all()}


def _recent(
    session: Session,
    text: Sequence[str],
    conditions: Sequence[str],
    params: SqlParams,
    *,
    before: int | None,
) -> list[tuple[int, int]]:
    # The LIMIT keeps the subquery apart: it can only be a backward walk of the key.
    below = f"WHERE message_id < {params.add(before)} " if before is not None else ""
    sql = (
        f"SELECT s.message_id, m.case_id FROM (SELECT * FROM {PG_TABLE} {below}"
        f"ORDER BY message_id DESC LIMIT {RECENT_ROWS}) s "
        "JOIN message m ON m.id = s.message_id "
        "JOIN support_case c ON c.id = m.case_id"
        f"{_where([*text, *conditions])} ORDER BY s.message_id DESC"
    )
    return [(int(a), int(b)) for a, b in session.execute(params.statement(sql)).all()]


def _oldest_recent(session: Session, params: SqlParams, *, before: int | None) -> int | None:
    """The oldest message id the first step read; None when it read every message."""
    below = f"WHERE message_id < {params.add(before)} " if before is not None else ""
    sql = (
        f"SELECT message_id FROM {PG_TABLE} {below}"
        f"ORDER BY message_id DESC OFFSET {RECENT_ROWS - 1} LIMIT 1"
    )
    found = session.execute(params.statement(sql)).scalar()
    return None if found is None else int(found)


def _indexed(
    session: Session,
    text: Sequence[str],
    conditions: Sequence[str],
    params: SqlParams,
    *,
    low: int,
    high: int,
    window: Window,
) -> int:
    """Feed ``window`` the matches with ``low <= id < high``: words via GIN, then filters.

    Returns how many messages of the slice contain the words.
    """
    # First the words alone, bounded by the slice. The planner prices testing a
    # tsvector like comparing two integers (it costs a hundred times more), so it would
    # walk the slice's ids testing each row; with plain index and sequential scans off
    # for this one statement it intersects the GIN bitmap with the slice (BitmapAnd)
    # and reads matching rows only.
    bounds = f"s.message_id >= {params.add(low)}", f"s.message_id < {params.add(high)}"
    sql = (
        f"SELECT s.message_id FROM {PG_TABLE} s "
        f"{_where([*text, *bounds])} ORDER BY s.message_id DESC"
    )
    connection = session.connection()
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off")
    try:
        hits = [int(h) for h in session.execute(params.statement(sql)).scalars()]
    finally:
        connection.exec_driver_sql("SET LOCAL enable_seqscan = on; SET LOCAL enable_indexscan = on")
    # Then the filters, on the newest hits first, in batches growing fourfold, until the
    # window is full: a common word with a rare filter does not join every hit at once.
    start, size = 0, JOIN_BATCH
    while start < len(hits):
        batch = params.add(hits[start : start + size])
        sql = (
            "SELECT m.id, m.case_id FROM message m JOIN support_case c ON c.id = m.case_id"
            f"{_where([f'm.id = ANY({batch})', *conditions])} ORDER BY m.id DESC"
        )
        if window.add((int(a), int(b)) for a, b in session.execute(params.statement(sql)).all()):
            break
        start, size = start + size, size * 4
    return len(hits)


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

    As with words, the newest ``RECENT_ROWS`` messages are tested first in id order:
    planned freely, ``tag:vip`` or ``is:overdue`` start from all their cases and sort all
    their messages, which grows with the mailbox. Only then does the planner choose,
    which for a rare filter (``#1042``, a rare tag) means starting from its index.
    """
    params = base.copy()
    where = list(conditions)
    if plan.excluded:
        where.append(
            f"NOT EXISTS (SELECT 1 FROM {PG_TABLE} x WHERE x.message_id = m.id "
            f"AND {any_atom('x', plan.excluded, params)})"
        )
    below = f"WHERE id < {params.add(before)} " if before is not None else ""
    sql = (
        f"SELECT m.id, m.case_id FROM (SELECT * FROM message {below}"
        f"ORDER BY id DESC LIMIT {RECENT_ROWS}) m "
        f"JOIN support_case c ON c.id = m.case_id{_where(where)} ORDER BY m.id DESC"
    )
    if window.add((int(a), int(b)) for a, b in session.execute(params.statement(sql)).all()):
        return
    cursor = session.execute(
        params.statement(
            f"SELECT id FROM message {below}ORDER BY id DESC OFFSET {RECENT_ROWS - 1} LIMIT 1"
        )
    ).scalar()
    while cursor is not None:
        chunk = [*where, f"m.id < {params.add(cursor)}"]
        sql = (
            "SELECT m.id, m.case_id FROM message m "
            "JOIN support_case c ON c.id = m.case_id"
            f"{_where(chunk)} ORDER BY m.id DESC LIMIT {CHUNK}"
        )
        rows = [(int(a), int(b)) for a, b in session.execute(params.statement(sql)).all()]
        if window.add(rows) or len(rows) < CHUNK:
            return
        cursor = rows[-1][0]


def snippets(
    session: Session, plan: SearchPlan, message_ids: Sequence[int], *, start: str, end: str
) -> dict[int, list[str]]:
    """Per message, one ``ts_headline`` per field of ``SNIPPET_COLUMNS`` (in that order).

    ``ts_headline`` parses all the text it is given (0.2 ms for a typical mail), so the
    text is first cut to ``HEADLINE_CONTEXT`` characters around the first place one of
    the words occurs (found with ``strpos`` on the folded text). The people fields are
    only looked at for messages whose text, subject and attachment names show no match.
    """
    if not plan.required or not message_ids:
        return {}
    first, rest = SNIPPET_COLUMNS[:3], SNIPPET_COLUMNS[3:]
    found = _headlines(session, plan, message_ids, first, start=start, end=end)
    unmarked = [m for m, parts in found.items() if not any(start in p for p in parts)]
    if unmarked:
        more = _headlines(session, plan, unmarked, rest, start=start, end=end)
        for message_id, parts in more.items():
            found[message_id] += parts
    return found


def _headlines(
    session: Session,
    plan: SearchPlan,
    message_ids: Sequence[int],
    columns: Sequence[str],
    *,
    start: str,
    end: str,
) -> dict[int, list[str]]:
    params = SqlParams()
    query = tsquery(plan.positive_atoms, params)
    max_words, min_words = HEADLINE_WORDS
    options = (
        f"'StartSel=' || chr({ord(start)}) || ', StopSel=' || chr({ord(end)}) || "
        f"', MaxWords={max_words}, MinWords={min_words}, ShortWord=0, MaxFragments=1, "
        'FragmentDelimiter=" … "\''
    )
    joiners, stand_ins = params.add(_JOINERS), params.add(_STAND_INS)
    found_at = [
        f"nullif(strpos(omnidesk_search_fold(v.body), {params.add(needle)}), 0)"
        for needle in _needles(plan)
    ]
    first = f"coalesce(least({', '.join(found_at)}), 1)" if found_at else "1"
    before, length = HEADLINE_CONTEXT
    texts = {column: f"v.{column}" for column in columns}
    if "body" in texts:
        texts["body"] = f"substr(v.body, greatest(1, w.at - {before}), {length})"
    calls = ", ".join(
        f"ts_headline('{PG_CONFIG}', translate({texts[column]}, {joiners}, {stand_ins}), "
        f"q.query, {options})"
        for column in columns
    )
    ids = ", ".join(str(int(i)) for i in message_ids)
    sql = (
        f"SELECT v.id, {calls} FROM message_search_source v "
        f"CROSS JOIN (SELECT {query} AS query) q "
        f"CROSS JOIN LATERAL (SELECT {first} AS at) w "
        f"WHERE v.id IN ({ids})"
    )
    return {
        row[0]: [(part or "").translate(RESTORE_JOINERS) for part in row[1:]]
        for row in session.execute(params.statement(sql))
    }


def _needles(plan: SearchPlan) -> list[str]:
    """The first word of every spelling of every atom, folded as the index folds it."""
    needles: list[str] = []
    for atom in plan.positive_atoms:
        for spelling in atom.spellings():
            word = _WORD.search(spelling)
            if word is not None:
                needles.append(fold(word.group(0)))
    return list(dict.fromkeys(needles))


_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without accents, ``ß`` as ``ss``: roughly ``lower(unaccent(text))``."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LETTER_FOLDS))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().replace("ß", "ss")


def rebuild(session: Session) -> int:
    """Rebuild the whole index from the tables; returns the number of messages indexed.

    If ``unaccent`` was installed after migration 0003 found it missing, the search
    configuration takes it up first, so the rebuilt index folds accents.
    """
    connection = session.connection()
    if not folds_accents(session) and _unaccent_installed(session):
        # The same mapping and function migration 0003 creates when unaccent is there.
        connection.exec_driver_sql(
            f"ALTER TEXT SEARCH CONFIGURATION {PG_CONFIG} ALTER MAPPING FOR "
            "word, numword, hword, hword_part, numhword, hword_numpart WITH unaccent, simple"
        )
        connection.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION omnidesk_search_fold(t text) RETURNS text "
            "LANGUAGE sql STABLE PARALLEL SAFE AS $$ SELECT lower(unaccent(t)) $$"
        )
    return int(connection.exec_driver_sql("SELECT omnidesk_search_refresh_all()").scalar_one())


def _unaccent_installed(session: Session) -> bool:
    sql = "SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent')"
    return bool(session.connection().exec_driver_sql(sql).scalar_one())


def folds_accents(session: Session) -> bool:
    """Whether the configuration runs words through ``unaccent`` (migration 0003 found it)."""
    sql = (
        "SELECT EXISTS (SELECT 1 FROM pg_ts_config_map mp "
        "JOIN pg_ts_config cf ON cf.oid = mp.mapcfg "
        "JOIN pg_ts_dict d ON d.oid = mp.mapdict "
        f"WHERE cf.cfgname = '{PG_CONFIG}' AND d.dictname = 'unaccent')"
    )
    return bool(session.connection().exec_driver_sql(sql).scalar_one())


def _where(conditions: Sequence[str]) -> str:
    return " WHERE " + " AND ".join(conditions) if conditions else ""
