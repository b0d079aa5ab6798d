"""Full-text search over every case history.

One search document per message, with six fields: ``subject``, ``body`` (the first
100 000 characters of the text), ``sender`` (author name and address), ``recipient``
(the case's customer, on messages we sent), ``customer`` (the case's customer: name and
every address) and ``attachments`` (file names). The view ``message_search_source``
assembles them on both backends; triggers on every table it reads keep the index current
inside the writing transaction.

* SQLite: an FTS5 table with the view as *external content* (the text is not stored a
  second time; ``snippet()`` reads it through the view), ``unicode61 remove_diacritics 2``
  so ``muller`` finds ``Müller``, and prefix indexes for 2 and 3 characters. External
  content means a row must be removed with exactly the values it was indexed with, so
  every change runs a ``BEFORE`` trigger (remove, with the view's current values) and an
  ``AFTER`` trigger (add, with the new ones).
* PostgreSQL: a ``message_search`` table of ``tsvector`` columns (everything, and the
  subject, sender, recipient and customer fields alone, so field filters stay exact GIN
  lookups) with GIN indexes, built with the text search configuration
  ``omnidesk_search``: ``simple`` (no stemming and no stop words, because a mailbox mixes
  German and English, and because FTS5 does not stem either: both backends must find the
  same messages) with ``unaccent`` in front. Punctuation is turned into spaces first, so
  words split where FTS5's ``unicode61`` splits them (``anna@example.com`` is the three
  words ``anna example com``, not one e-mail token). Inserts are indexed once per
  statement (a batch of imported mail is one refresh), other changes row by row. Without
  the ``unaccent`` extension the configuration is plain ``simple`` and a warning is
  logged: search then works but ``muller`` no longer finds ``Müller``; once the
  extension is installed, ``omnidesk search --reindex`` takes it up.

The names of all these objects are listed in ``omnidesk/store/search_schema.py``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:00:00
"""

import logging
from collections.abc import Sequence

from alembic import op
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("omnidesk.store.migrations")

BODY_LIMIT = 100_000
"""Characters of a message's text that are indexed; PostgreSQL refuses tsvectors over 1 MB."""


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _upgrade_sqlite()
    else:
        _upgrade_postgresql()


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger, _table, _body in _sqlite_triggers():
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        op.execute("DROP TABLE IF EXISTS message_fts")
        op.execute("DROP VIEW IF EXISTS message_search_source")
        return
    for table, trigger in _PG_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
    op.execute("DROP TABLE IF EXISTS message_search")
    for signature in _PG_FUNCTION_SIGNATURES:
        op.execute(f"DROP FUNCTION IF EXISTS {signature}")
    op.execute("DROP VIEW IF EXISTS message_search_source")
    op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS omnidesk_search")
    # The unaccent extension stays: other software in the same database may use it.


# --- SQLite ---------------------------------------------------------------------------------

_FIELDS = "subject, body, sender, recipient, customer, attachments"

# The customer of the message's case: name and every address, in a fixed order (the
# identity index returns them by id), because FTS5 must later be told the very same text
# to remove it.
_SQLITE_CUSTOMER = """coalesce((
        SELECT cu.name || coalesce(' ' || (
            SELECT group_concat(i.value, ' ') FROM customer_identity i
            WHERE i.customer_id = cu.id), '')
        FROM support_case c JOIN customer cu ON cu.id = c.customer_id
        WHERE c.id = m.case_id), '')"""

# STX/ETX mark the highlights in snippets; removing them from the text keeps them unique.
_SQLITE_VIEW = f"""
CREATE VIEW message_search_source AS
SELECT
    m.id AS id,
    m.case_id AS case_id,
    replace(replace(m.subject, char(2), ' '), char(3), ' ') AS subject,
    replace(replace(substr(m.body_text, 1, {BODY_LIMIT}), char(2), ' '), char(3), ' ') AS body,
    m.author_name || coalesce(' ' || (
        SELECT i.value FROM customer_identity i WHERE i.id = m.author_identity_id), '')
        AS sender,
    CASE WHEN m.direction = 'out' THEN {_SQLITE_CUSTOMER} ELSE '' END AS recipient,
    {_SQLITE_CUSTOMER} AS customer,
    coalesce((
        SELECT group_concat(a.filename, ' ') FROM attachment a WHERE a.message_id = m.id), '')
        AS attachments
FROM message m
"""

_SQLITE_FTS = """
CREATE VIRTUAL TABLE message_fts USING fts5(
    subject, body, sender, recipient, customer, attachments,
    content = 'message_search_source',
    content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
)
"""


def _remove(where: str) -> str:
    return (
        f"INSERT INTO message_fts(message_fts, rowid, {_FIELDS}) "
        f"SELECT 'delete', id, {_FIELDS} FROM message_search_source WHERE {where};"
    )


def _add(where: str) -> str:
    return (
        f"INSERT INTO message_fts(rowid, {_FIELDS}) "
        f"SELECT id, {_FIELDS} FROM message_search_source WHERE {where};"
    )


def _of_customer(customer: str) -> str:
    return f"case_id IN (SELECT id FROM support_case WHERE customer_id = {customer})"


_MESSAGE_COLUMNS = "subject, body_text, author_name, author_identity_id, case_id, direction"


def _sqlite_triggers() -> list[tuple[str, str, str]]:
    """(name, timing and event, body) of every trigger that keeps ``message_fts`` current."""
    both_attachments = "id IN (OLD.message_id, NEW.message_id)"
    # Only a changed address can change a message's sender field: an identity being
    # inserted or deleted has no messages (the foreign key sees to that).
    identity_both = (
        f"{_of_customer('OLD.customer_id')} OR {_of_customer('NEW.customer_id')} "
        "OR id IN (SELECT id FROM message WHERE author_identity_id = OLD.id)"
    )
    return [
        ("message_fts_ai", "AFTER INSERT ON message", _add("id = NEW.id")),
        (
            "message_fts_bu",
            f"BEFORE UPDATE OF {_MESSAGE_COLUMNS} ON message",
            _remove("id = OLD.id"),
        ),
        ("message_fts_au", f"AFTER UPDATE OF {_MESSAGE_COLUMNS} ON message", _add("id = NEW.id")),
        ("message_fts_bd", "BEFORE DELETE ON message", _remove("id = OLD.id")),
        ("attachment_fts_bi", "BEFORE INSERT ON attachment", _remove("id = NEW.message_id")),
        ("attachment_fts_ai", "AFTER INSERT ON attachment", _add("id = NEW.message_id")),
        (
            "attachment_fts_bu",
            "BEFORE UPDATE OF filename, message_id ON attachment",
            _remove(both_attachments),
        ),
        (
            "attachment_fts_au",
            "AFTER UPDATE OF filename, message_id ON attachment",
            _add(both_attachments),
        ),
        ("attachment_fts_bd", "BEFORE DELETE ON attachment", _remove("id = OLD.message_id")),
        ("attachment_fts_ad", "AFTER DELETE ON attachment", _add("id = OLD.message_id")),
        ("customer_fts_bu", "BEFORE UPDATE OF name ON customer", _remove(_of_customer("OLD.id"))),
        ("customer_fts_au", "AFTER UPDATE OF name ON customer", _add(_of_customer("NEW.id"))),
        (
            "identity_fts_bi",
            "BEFORE INSERT ON customer_identity",
            _remove(_of_customer("NEW.customer_id")),
        ),
        (
            "identity_fts_ai",
            "AFTER INSERT ON customer_identity",
            _add(_of_customer("NEW.customer_id")),
        ),
        (
            "identity_fts_bu",
            "BEFORE UPDATE OF value, customer_id ON customer_identity",
            _remove(identity_both),
        ),
        (
            "identity_fts_au",
            "AFTER UPDATE OF value, customer_id ON customer_identity",
            _add(identity_both),
        ),
        (
            "identity_fts_bd",
            "BEFORE DELETE ON customer_identity",
            _remove(_of_customer("OLD.customer_id")),
        ),
        (
            "identity_fts_ad",
            "AFTER DELETE ON customer_identity",
            _add(_of_customer("OLD.customer_id")),
        ),
        (
            "case_fts_bu",
            "BEFORE UPDATE OF customer_id ON support_case",
            _remove("case_id = OLD.id"),
        ),
        ("case_fts_au", "AFTER UPDATE OF customer_id ON support_case", _add("case_id = NEW.id")),
    ]


def _upgrade_sqlite() -> None:
    op.execute(_SQLITE_VIEW)
    try:
        op.execute(_SQLITE_FTS)
    except DBAPIError as exc:
        if "no such module" in str(exc):
            raise RuntimeError(
                "this Python's SQLite was built without FTS5, which OmniDesk's search needs; "
                "use a Python from python.org or your distribution"
            ) from exc
        raise
    for name, when, body in _sqlite_triggers():
        op.execute(f"CREATE TRIGGER {name} {when} BEGIN {body} END")
    op.execute("INSERT INTO message_fts(message_fts) VALUES ('rebuild')")


# --- PostgreSQL -----------------------------------------------------------------------------

# Characters that separate words, as FTS5's unicode61 sees them: ASCII punctuation and
# controls, Latin-1 punctuation and symbols, and the Unicode blocks of punctuation, currency,
# arrows, maths, shapes, dingbats and emoji. An explicit list rather than [^[:alnum:]],
# whose meaning depends on the database's locale (under LC_CTYPE=C, 'ü' is no letter).
_SEPARATORS = (
    r"[\x01-\x2f\x3a-\x40\x5b-\x60\x7b-\xa9\xab-\xb1\xb4\xb6-\xb8\xbb\xbf\xd7\xf7"
    r"\u2000-\u206f\u20a0-\u20cf\u2190-\u23ff\u2500-\u27bf\u2e00-\u2e7f\u3000-\u303f"
    r"\ufe10-\ufe1f\ufe30-\ufe4f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
    r"\ufeff\ufff0-\uffff\U0001f000-\U0001faff]+"
)

_PG_TRIGGERS = (
    ("message", "message_search_insert"),
    ("message", "message_search_sync"),
    ("attachment", "attachment_search_insert"),
    ("attachment", "attachment_search_sync"),
    ("customer", "customer_search_sync"),
    ("customer_identity", "identity_search_sync"),
    ("support_case", "case_search_sync"),
)

_PG_FUNCTION_SIGNATURES = (
    "omnidesk_search_on_message_insert()",
    "omnidesk_search_on_message()",
    "omnidesk_search_on_attachment_insert()",
    "omnidesk_search_on_attachment()",
    "omnidesk_search_on_customer()",
    "omnidesk_search_on_identity()",
    "omnidesk_search_on_case()",
    "omnidesk_search_refresh_all()",
    "omnidesk_search_refresh(integer[])",
    "omnidesk_term_query(text, boolean)",
    "omnidesk_search_vector(text)",
    "omnidesk_search_fold(text)",
    "omnidesk_search_text(text)",
)

_PG_CUSTOMER = """cu.name || coalesce(' ' || (
            SELECT string_agg(i.value, ' ' ORDER BY i.id) FROM customer_identity i
            WHERE i.customer_id = cu.id), '')"""

_PG_VIEW = f"""
CREATE VIEW message_search_source AS
SELECT
    m.id AS id,
    m.case_id AS case_id,
    replace(replace(m.subject, chr(2), ' '), chr(3), ' ') AS subject,
    replace(replace(left(m.body_text, {BODY_LIMIT}), chr(2), ' '), chr(3), ' ') AS body,
    m.author_name || coalesce(' ' || (
        SELECT i.value FROM customer_identity i WHERE i.id = m.author_identity_id), '')
        AS sender,
    CASE WHEN m.direction = 'out' THEN coalesce(cust.text, '') ELSE '' END AS recipient,
    coalesce(cust.text, '') AS customer,
    coalesce((
        SELECT string_agg(a.filename, ' ' ORDER BY a.id) FROM attachment a
        WHERE a.message_id = m.id), '') AS attachments
FROM message m
LEFT JOIN LATERAL (
    SELECT {_PG_CUSTOMER} AS text
    FROM support_case c JOIN customer cu ON cu.id = c.customer_id
    WHERE c.id = m.case_id
) cust ON true
"""

# Field vectors alone (for from:, to:, customer:, subject:), and all of them weighted for
# ts_rank: A subject, B sender and attachment names, C customer, D text.
_PG_VECTORS = """
SELECT v.id,
       setweight(v.subject_doc, 'A') || setweight(v.sender_doc, 'B')
           || setweight(v.attachments_doc, 'B') || setweight(v.customer_doc, 'C')
           || setweight(v.body_doc, 'D'),
       v.subject_doc, v.sender_doc, v.recipient_doc, v.customer_doc
FROM (
    SELECT src.id,
           omnidesk_search_vector(src.subject) AS subject_doc,
           omnidesk_search_vector(src.body) AS body_doc,
           omnidesk_search_vector(src.sender) AS sender_doc,
           omnidesk_search_vector(src.recipient) AS recipient_doc,
           omnidesk_search_vector(src.customer) AS customer_doc,
           omnidesk_search_vector(src.attachments) AS attachments_doc
    FROM message_search_source src
    {where}
) v
"""

_PG_INSERT = (
    "INSERT INTO message_search "
    "(message_id, doc, subject_doc, sender_doc, recipient_doc, customer_doc)"
)

_PG_INDEX_COLUMNS = ("doc", "subject_doc", "sender_doc", "recipient_doc", "customer_doc")


def _pg_functions(*, normalize: bool, unaccent: bool) -> list[str]:
    nfc = "normalize(coalesce(t, ''), NFC)" if normalize else "coalesce(t, '')"
    folded = "lower(unaccent(t))" if unaccent else "lower(t)"
    # New entries wait in a GIN index's pending list, which every search reads in full;
    # 256 kB (not the default 4 MB) keeps that read short and still batches inserts.
    create_indexes = "\n".join(
        f"    CREATE INDEX message_search_{c}_gin ON message_search USING gin ({c}) "
        "WITH (gin_pending_list_limit = 256);"
        for c in _PG_INDEX_COLUMNS
    )
    drop_indexes = "\n".join(
        f"    DROP INDEX IF EXISTS message_search_{c}_gin;" for c in _PG_INDEX_COLUMNS
    )
    return [
        f"""
CREATE FUNCTION omnidesk_search_text(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT regexp_replace({nfc}, '{_SEPARATORS}', ' ', 'g')
$$""",
        # Text folded like the index folds words, to find where in a text a word occurs.
        f"""
CREATE FUNCTION omnidesk_search_fold(t text) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE AS $$
    SELECT {folded}
$$""",
        """
CREATE FUNCTION omnidesk_search_vector(t text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT to_tsvector('omnidesk_search'::regconfig, omnidesk_search_text(t))
$$""",
        # A word or phrase as the index sees it; with prefix, its last word is a prefix.
        # The words are letters and digits only (omnidesk_search_text removed the rest),
        # so quote_literal makes them safe tsquery operands.
        r"""
CREATE FUNCTION omnidesk_term_query(term text, prefix boolean) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE
        WHEN btrim(omnidesk_search_text(term)) = '' THEN ''::tsquery
        WHEN NOT prefix THEN
            phraseto_tsquery('omnidesk_search'::regconfig, omnidesk_search_text(term))
        ELSE to_tsquery('omnidesk_search'::regconfig, array_to_string(ARRAY(
            SELECT quote_literal(w)
            FROM regexp_split_to_table(btrim(omnidesk_search_text(term)), '\s+') AS w
        ), ' <-> ') || ':*')
    END
$$""",
        # PL/pgSQL, not SQL: it keeps the statement's plan for the session, where a SQL
        # function would plan the view again for every message a trigger indexes.
        f"""
CREATE FUNCTION omnidesk_search_refresh(ids integer[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    {_PG_INSERT}
    {_PG_VECTORS.format(where="WHERE src.id = ANY(ids)")}
    ON CONFLICT (message_id) DO UPDATE SET
        doc = EXCLUDED.doc,
        subject_doc = EXCLUDED.subject_doc,
        sender_doc = EXCLUDED.sender_doc,
        recipient_doc = EXCLUDED.recipient_doc,
        customer_doc = EXCLUDED.customer_doc;
END
$$""",
        # Rebuilding: building GIN indexes over a full table is several times faster than
        # growing them row by row.
        f"""
CREATE FUNCTION omnidesk_search_refresh_all() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    indexed bigint;
BEGIN
    PERFORM set_config('maintenance_work_mem', '256MB', true);
{drop_indexes}
    TRUNCATE message_search;
    {_PG_INSERT}
    {_PG_VECTORS.format(where="")};
    GET DIAGNOSTICS indexed = ROW_COUNT;
{create_indexes}
    ANALYZE message_search;
    RETURN indexed;
END
$$""",
        # Inserts are indexed once per statement (a batch of imported mail is one refresh
        # over all its ids); updates and deletes row by row.
        """
CREATE FUNCTION omnidesk_search_on_message_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM omnidesk_search_refresh(ARRAY(SELECT id FROM inserted));
    RETURN NULL;
END
$$""",
        """
CREATE FUNCTION omnidesk_search_on_message() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM omnidesk_search_refresh(ARRAY[NEW.id]);
    RETURN NULL;
END
$$""",
        """
CREATE FUNCTION omnidesk_search_on_attachment_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM omnidesk_search_refresh(ARRAY(SELECT DISTINCT message_id FROM inserted));
    RETURN NULL;
END
$$""",
        """
CREATE FUNCTION omnidesk_search_on_attachment() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM omnidesk_search_refresh(ARRAY[OLD.message_id]);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        PERFORM omnidesk_search_refresh(ARRAY[NEW.message_id]);
    END IF;
    RETURN NULL;
END
$$""",
        """
CREATE FUNCTION omnidesk_search_on_customer() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM omnidesk_search_refresh(ARRAY(
        SELECT m.id FROM message m JOIN support_case c ON c.id = m.case_id
        WHERE c.customer_id = NEW.id));
    RETURN NULL;
END
$$""",
        """
CREATE FUNCTION omnidesk_search_on_identity() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    customers integer[] := ARRAY[]::integer[];
BEGIN
    IF TG_OP <> 'INSERT' THEN
        customers := customers || OLD.customer_id;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        customers := customers || NEW.customer_id;
    END IF;
    PERFORM omnidesk_search_refresh(ARRAY(
        SELECT m.id FROM message m JOIN support_case c ON c.id = m.case_id
        WHERE c.customer_id = ANY(customers)));
    -- Only a changed address changes the sender field of the identity's own messages
    -- (a new identity has none yet). message.author_identity_id has no index: this
    -- reads the whole table, but addresses practically never change.
    IF TG_OP = 'UPDATE' AND OLD.value IS DISTINCT FROM NEW.value THEN
        PERFORM omnidesk_search_refresh(ARRAY(
            SELECT m.id FROM message m WHERE m.author_identity_id = OLD.id));
    END IF;
    RETURN NULL;
END
$$""",
        """
CREATE FUNCTION omnidesk_search_on_case() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM omnidesk_search_refresh(ARRAY(SELECT m.id FROM message m WHERE m.case_id = NEW.id));
    RETURN NULL;
END
$$""",
    ]


def _pg_unaccent_available() -> bool:
    """Install ``unaccent`` if the server has it; a failure must not abort the migration."""
    bind = op.get_bind()
    savepoint = bind.begin_nested()
    try:
        bind.execute(text("CREATE EXTENSION IF NOT EXISTS unaccent"))
    except DBAPIError as exc:
        savepoint.rollback()
        log.warning(
            "PostgreSQL extension 'unaccent' is not available (%s); search will not fold "
            "accents (muller will not find Müller). Install the server's contrib package "
            "(on Debian: postgresql-contrib, part of 'postgresql') and run "
            "'omnidesk search --reindex' after 'CREATE EXTENSION unaccent'",
            str(exc.orig).strip().splitlines()[0] if exc.orig else exc,
        )
        return False
    savepoint.commit()
    return True


def _upgrade_postgresql() -> None:
    bind = op.get_bind()
    folds_accents = _pg_unaccent_available()
    op.execute("CREATE TEXT SEARCH CONFIGURATION omnidesk_search (COPY = pg_catalog.simple)")
    if folds_accents:
        op.execute(
            "ALTER TEXT SEARCH CONFIGURATION omnidesk_search ALTER MAPPING FOR "
            "word, numword, hword, hword_part, numhword, hword_numpart WITH unaccent, simple"
        )
    utf8 = bind.execute(text("SHOW server_encoding")).scalar() == "UTF8"
    op.execute(_PG_VIEW)
    op.execute(
        """
CREATE TABLE message_search (
    message_id integer PRIMARY KEY REFERENCES message(id) ON DELETE CASCADE,
    doc tsvector NOT NULL,
    subject_doc tsvector NOT NULL,
    sender_doc tsvector NOT NULL,
    recipient_doc tsvector NOT NULL,
    customer_doc tsvector NOT NULL
)"""
    )
    for statement in _pg_functions(normalize=utf8, unaccent=folds_accents):
        op.execute(statement)
    op.execute("SELECT omnidesk_search_refresh_all()")
    op.execute(
        "CREATE TRIGGER message_search_insert AFTER INSERT ON message "
        "REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT "
        "EXECUTE FUNCTION omnidesk_search_on_message_insert()"
    )
    op.execute(
        f"CREATE TRIGGER message_search_sync AFTER UPDATE OF {_MESSAGE_COLUMNS} ON message "
        "FOR EACH ROW EXECUTE FUNCTION omnidesk_search_on_message()"
    )
    op.execute(
        "CREATE TRIGGER attachment_search_insert AFTER INSERT ON attachment "
        "REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT "
        "EXECUTE FUNCTION omnidesk_search_on_attachment_insert()"
    )
    op.execute(
        "CREATE TRIGGER attachment_search_sync "
        "AFTER DELETE OR UPDATE OF filename, message_id ON attachment "
        "FOR EACH ROW EXECUTE FUNCTION omnidesk_search_on_attachment()"
    )
    op.execute(
        "CREATE TRIGGER customer_search_sync AFTER UPDATE OF name ON customer "
        "FOR EACH ROW EXECUTE FUNCTION omnidesk_search_on_customer()"
    )
    op.execute(
        "CREATE TRIGGER identity_search_sync "
        "AFTER INSERT OR DELETE OR UPDATE OF value, customer_id ON customer_identity "
        "FOR EACH ROW EXECUTE FUNCTION omnidesk_search_on_identity()"
    )
    op.execute(
        "CREATE TRIGGER case_search_sync AFTER UPDATE OF customer_id ON support_case "
        "FOR EACH ROW EXECUTE FUNCTION omnidesk_search_on_case()"
    )
