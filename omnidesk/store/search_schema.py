"""Names of the full-text search objects that live outside the SQLModel metadata.

Migration ``0003`` creates them; nothing else may. They are not SQLModel tables because
neither backend's object fits a model: on SQLite an FTS5 virtual table (with its shadow
tables) fed by a view and kept current by triggers, on PostgreSQL a table of ``tsvector``
columns with GIN indexes, a text search configuration, functions and triggers.

:func:`include_object` hides them from Alembic's model comparison (``env.py`` and the
schema test pass it as ``include_object``), so ``upgrade head`` still equals the models.

A later migration that rebuilds one of the synchronised tables (``message``,
``attachment``, ``customer``, ``customer_identity``, ``support_case``) in SQLite batch
mode drops that table's triggers with it and must create them again; the search tests
check that every trigger named here exists at head.
"""

from typing import Any

SOURCE_VIEW = "message_search_source"
"""One row per message with the text the index holds (both backends)."""

FTS_COLUMNS = ("subject", "body", "sender", "recipient", "customer", "attachments")
"""The fields of a message's search document, in index column order."""

# --- SQLite ---------------------------------------------------------------------------------

FTS_TABLE = "message_fts"
"""The FTS5 table, external content over ``SOURCE_VIEW`` (rowid = message id)."""

FTS_SHADOW_TABLES = tuple(
    f"{FTS_TABLE}_{suffix}" for suffix in ("data", "idx", "docsize", "config")
)

SQLITE_TRIGGERS = (
    "message_fts_ai",
    "message_fts_bu",
    "message_fts_au",
    "message_fts_bd",
    "attachment_fts_bi",
    "attachment_fts_ai",
    "attachment_fts_bu",
    "attachment_fts_au",
    "attachment_fts_bd",
    "attachment_fts_ad",
    "customer_fts_bu",
    "customer_fts_au",
    "identity_fts_bi",
    "identity_fts_ai",
    "identity_fts_bu",
    "identity_fts_au",
    "identity_fts_bd",
    "identity_fts_ad",
    "case_fts_bu",
    "case_fts_au",
)

# --- PostgreSQL -----------------------------------------------------------------------------

PG_TABLE = "message_search"
"""``message_id`` plus one ``tsvector`` per searchable field and ``doc`` for all of them."""

PG_VECTOR_COLUMNS = {
    None: "doc",
    "subject": "subject_doc",
    "sender": "sender_doc",
    "recipient": "recipient_doc",
    "customer": "customer_doc",
}
"""Which ``tsvector`` column a field restriction searches (``None``: every field)."""

PG_INDEXES = tuple(f"{PG_TABLE}_{column}_gin" for column in PG_VECTOR_COLUMNS.values())

PG_CONFIG = "omnidesk_search"
"""A copy of ``simple`` that runs words through ``unaccent`` first (when available)."""

PG_FUNCTIONS = (
    "omnidesk_search_text",
    "omnidesk_search_vector",
    "omnidesk_search_fold",
    "omnidesk_term_query",
    "omnidesk_search_refresh",
    "omnidesk_search_refresh_all",
    "omnidesk_search_on_message_insert",
    "omnidesk_search_on_message",
    "omnidesk_search_on_attachment_insert",
    "omnidesk_search_on_attachment",
    "omnidesk_search_on_customer",
    "omnidesk_search_on_identity",
    "omnidesk_search_on_case",
)

PG_TRIGGERS = (
    ("message", "message_search_insert"),
    ("message", "message_search_sync"),
    ("attachment", "attachment_search_insert"),
    ("attachment", "attachment_search_sync"),
    ("customer", "customer_search_sync"),
    ("customer_identity", "identity_search_sync"),
    ("support_case", "case_search_sync"),
)
"""(table, trigger) pairs."""

SEARCH_TABLES = frozenset({FTS_TABLE, *FTS_SHADOW_TABLES, PG_TABLE})
SEARCH_INDEXES = frozenset({*PG_INDEXES, f"{PG_TABLE}_pkey"})


def include_object(
    object_: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic's ``include_object`` hook: leave the search objects out of comparisons."""
    if type_ == "table" and name in SEARCH_TABLES:
        return False
    if type_ == "index" and name in SEARCH_INDEXES:
        return False
    # Columns, constraints and indexes that belong to a search table.
    table = getattr(object_, "table", None)
    return getattr(table, "name", None) not in SEARCH_TABLES
