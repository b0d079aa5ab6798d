"""The index follows every write: new cases, replies, notes, mail, attachments, customers."""

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from omnidesk.core.enums import ReplyMode
from omnidesk.services.cases import write_on_case
from omnidesk.services.ingest_email import InboundEmail, IngestPolicy, ingest_email
from omnidesk.services.search import reindex
from omnidesk.store.blobs import put_blob
from omnidesk.store.messages import NewAttachment
from omnidesk.store.search_schema import (
    FTS_TABLE,
    PG_FUNCTIONS,
    PG_INDEXES,
    PG_TABLE,
    PG_TRIGGERS,
    SOURCE_VIEW,
    SQLITE_TRIGGERS,
)
from omnidesk.store.tables import (
    AttachmentRow,
    CaseRow,
    CustomerRow,
    IdentityRow,
    MessageRow,
)


def _mail(**values: Any) -> InboundEmail:
    defaults: dict[str, Any] = {
        "raw": b"From: kunde@example.de\r\n\r\nHallo\r\n",
        "from_address": "kunde@example.de",
        "from_name": "Käthe Köhler",
        "subject": "Kühlschrank kaputt",
        "text": "Der Kühlschrank kühlt nicht mehr.",
        "message_id": "<k1@example.de>",
        "sent_at": datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
    }
    return InboundEmail(**(defaults | values))


def assert_index_matches_the_tables(db) -> None:
    """FTS5 checks its index against the content; on PostgreSQL the vectors are recomputed."""
    with db.read() as session:
        if db.backend == "sqlite":
            session.execute(
                text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)")
            )
            return
        stale = session.execute(
            text(
                f"SELECT count(*) FROM message m FULL JOIN {PG_TABLE} s ON s.message_id = m.id "
                f"LEFT JOIN {SOURCE_VIEW} v ON v.id = m.id WHERE s.message_id IS NULL "
                "OR m.id IS NULL OR s.subject_doc <> omnidesk_search_vector(v.subject) "
                "OR s.sender_doc <> omnidesk_search_vector(v.sender) "
                "OR s.customer_doc <> omnidesk_search_vector(v.customer) "
                "OR s.recipient_doc <> omnidesk_search_vector(v.recipient) "
                "OR s.doc <> setweight(omnidesk_search_vector(v.subject), 'A') "
                "|| setweight(omnidesk_search_vector(v.sender), 'B') "
                "|| setweight(omnidesk_search_vector(v.attachments), 'B') "
                "|| setweight(omnidesk_search_vector(v.customer), 'C') "
                "|| setweight(omnidesk_search_vector(v.body), 'D')"
            )
        ).scalar_one()
        assert stale == 0


def test_cases_replies_and_notes_are_found_at_once(desk, db):
    anna = desk.agent("anna")
    number = desk.case("Der Toaster brennt.")
    assert desk.found_set("toaster") == {number}
    write_on_case(db, number, agent=anna, text="Bitte Stecker ziehen!", mode=ReplyMode.REPLY)
    write_on_case(db, number, agent=anna, text="Feuerwehr informiert.", mode=ReplyMode.NOTE)
    assert desk.found_set("stecker") == {number}
    assert desk.found_set("feuerwehr") == {number}
    assert desk.found_set("to:kaethe") == {number}
    assert_index_matches_the_tables(db)


def test_ingested_mail_and_its_attachments_are_found(desk, db):
    attachment = NewAttachment("Garantieschein_8812.pdf", "application/pdf", b"%PDF")
    first = ingest_email(db, _mail(attachments=(attachment,)), source=None, policy=IngestPolicy())
    reply = _mail(
        message_id="<k2@example.de>",
        in_reply_to="<k1@example.de>",
        subject="Re: Kühlschrank kaputt",
        text="Das Eisfach taut auch.",
    )
    second = ingest_email(db, reply, source=None, policy=IngestPolicy())
    assert second.case_number == first.case_number
    assert desk.found_set("kuhlschrank") == {first.case_number}
    assert desk.found_set("eisfach") == {first.case_number}
    assert desk.found_set("garantieschein*") == {first.case_number}
    assert desk.found_set("8812 has:attachment") == {first.case_number}
    assert_index_matches_the_tables(db)


def test_changed_rows_move_in_the_index(desk, db):
    number = desk.case("Alte Worte hier.", customer="Grace Hopper", address="grace@navy.example")
    other = desk.case("Anderer Kunde.", customer="Ada Lovelace", address="ada@example.org")
    with db.write() as session:
        message = session.exec(
            select(MessageRow).where(col(MessageRow.body_text).contains("Alte"))
        ).one()
        message.body_text = "Neue Worte dort."
        session.add(message)
        session.add(
            AttachmentRow(
                message_id=message.id or 0, filename="Nachtrag.pdf", sha256=put_blob(session, b"x")
            )
        )
        customer = session.get(CustomerRow, _customer_of(session, number))
        assert customer is not None
        customer.name = "Grace Brewster Hopper"
        session.add(customer)
        session.add(
            IdentityRow(
                customer_id=customer.id or 0, kind="email", value="amazing.grace@example.com"
            )
        )
    assert desk.found_set("alte") == set()
    assert desk.found_set("neue") == {number}
    assert desk.found_set("nachtrag") == {number}
    assert desk.found_set("customer:brewster") == {number}
    assert desk.found_set("amazing") == {number}
    assert_index_matches_the_tables(db)
    with db.write() as session:
        moved = session.exec(select(CaseRow).where(col(CaseRow.number) == other)).one()
        moved.customer_id = _customer_of(session, number)
        session.add(moved)
    assert desk.found_set("customer:hopper") == {number, other}
    assert desk.found_set("lovelace") == {other}  # still the author of its message
    assert_index_matches_the_tables(db)


def test_deleted_messages_leave_the_index(desk, db):
    number = desk.case("Bitte löschen.", attachments=("weg.pdf",))
    with db.write() as session:
        message = session.exec(
            select(MessageRow).where(col(MessageRow.body_text).contains("löschen"))
        ).one()
        for attachment in session.exec(
            select(AttachmentRow).where(col(AttachmentRow.message_id) == message.id)
        ):
            session.delete(attachment)
        session.flush()
        session.execute(text("DELETE FROM event WHERE case_id IS NOT NULL"))
        session.delete(message)
    assert desk.found_set("loschen") == set()
    assert desk.found_set("weg.pdf") == set()
    assert number not in desk.found_set("status:new")
    assert_index_matches_the_tables(db)


def test_reindex_rebuilds_a_lost_index(desk, db):
    numbers = {desk.case(f"Kaffeemaschine Nummer {i}") for i in range(3)}
    with db.write() as session:
        if db.backend == "sqlite":
            session.execute(text(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')"))
        else:
            session.execute(text(f"DELETE FROM {PG_TABLE}"))
    assert desk.found_set("kaffeemaschine") == set()
    report = reindex(db)
    assert report.messages == 3
    assert desk.found_set("kaffeemaschine") == numbers
    assert_index_matches_the_tables(db)


def test_every_search_object_exists_at_head(db):
    with db.read() as session:
        if db.backend == "sqlite":
            names = set(session.execute(text("SELECT name FROM sqlite_master")).scalars().all())
            assert {FTS_TABLE, SOURCE_VIEW, *SQLITE_TRIGGERS} <= names
            return
        triggers = set(
            session.execute(
                text(
                    "SELECT tgrelid::regclass::text, tgname FROM pg_trigger WHERE NOT tgisinternal"
                )
            ).all()
        )
        assert set(PG_TRIGGERS) <= {(str(t), str(n)) for t, n in triggers}
        functions = set(session.execute(text("SELECT proname FROM pg_proc")).scalars().all())
        assert set(PG_FUNCTIONS) <= functions
        indexes = set(
            session.execute(
                text(f"SELECT indexname FROM pg_indexes WHERE tablename = '{PG_TABLE}'")
            )
            .scalars()
            .all()
        )
        assert set(PG_INDEXES) <= indexes


def _customer_of(session: Session, number: int) -> int:
    return int(session.exec(select(CaseRow.customer_id).where(col(CaseRow.number) == number)).one())
