"""An import batch stores exactly what its messages, ingested one by one, store.

``ingest_batch`` runs fewer statements than ``ingest_email_in`` per message: look-ups once
per batch, the batch's blobs and events in one executemany each. Here three databases get
the same desk and the same mail: message by message, each in its own transaction (as
live mail arrives), in batches of one and in batches of many. Every row, event, threading
reason, result and the search index must come out the same, on SQLite and PostgreSQL.
"""

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from omnidesk.channels.email.history_import import ImportReport, _store
from omnidesk.channels.email.inbound import to_inbound
from omnidesk.core.enums import CaseStatus, Channel, DeliveryState, Direction, IdentityKind
from omnidesk.core.ids import CaseNumber
from omnidesk.core.threading_rules import SubjectPolicy
from omnidesk.services.acknowledge import AckSettings
from omnidesk.services.agents import add_agent
from omnidesk.services.ingest_email import (
    InboundEmail,
    IngestPolicy,
    IngestResult,
    dedupe_key,
    ingest_batch,
    ingest_email,
)
from omnidesk.store import cases, customers, messages
from omnidesk.store.engine import Database
from omnidesk.store.messages import NewAttachment, NewMessage
from omnidesk.store.migrate import upgrade
from omnidesk.store.search_bulk import bulk_indexing
from tests.benchmarks.gen_mail import generate, to_email
from tests.integration.search.test_bulk_index import index_content
from tests.integration.search.test_index_sync import assert_index_matches_the_tables

IMPORT = IngestPolicy(keep_sent_time=True)
T0 = datetime(2023, 6, 1, 9, 0, tzinfo=UTC)
"""When the desk's older cases were written (before every generated message)."""

Parsed = tuple[InboundEmail, str]


@pytest.fixture
def fresh(
    db_url: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Callable[[], Database]]:
    """Empty migrated databases of the backend under test, as many as asked for."""
    made: list[Database] = []
    dropped: list[str] = []

    def make() -> Database:
        if db_url.startswith("sqlite"):
            url = f"sqlite:///{tmp_path / f'equivalence{len(made)}.db'}"
        else:
            server = request.getfixturevalue("pg_server")
            name = server.create_database()
            dropped.append(name)
            url = server.url(name)
        database = Database(url)
        upgrade(database)
        made.append(database)
        return database

    yield make
    for database in made:
        database.dispose()
    if dropped:
        server = request.getfixturevalue("pg_server")
        for name in dropped:
            server.drop_database(name)


# --- the desk before the import -------------------------------------------------------------

OLD_CASES = ("recently resolved", "resolved long ago", "waiting", "resolved, thanked", "merged")


def prepare(db: Database) -> None:
    """Cases the import meets: resolved, waiting, and a customer merged into another."""
    anna = add_agent(db, name="anna", email="anna@team.example", display_name="Anna")
    now = datetime.now(UTC)
    with db.write() as session:
        for index, subject in enumerate(OLD_CASES, start=1):
            customer_id, identity_id = customers.find_or_create_customer(
                session,
                kind=IdentityKind.EMAIL,
                value=f"alt{index}@example.de",
                name=f"Alt {index}",
            )
            case = cases.insert_case(
                session, subject=subject, customer_id=customer_id, created_at=T0
            )
            for direction, header, minutes in (
                (Direction.IN, f"<old-{index}@example.de>", 0),
                (Direction.OUT, f"<out-{index}@team.example>", 60),
            ):
                messages.insert_message(
                    session,
                    case.id,
                    NewMessage(
                        channel=Channel.EMAIL,
                        direction=direction,
                        author_name="Anna" if direction is Direction.OUT else f"Alt {index}",
                        author_agent_id=anna.id if direction is Direction.OUT else None,
                        author_identity_id=identity_id if direction is Direction.IN else None,
                        subject=subject,
                        body_text=f"{subject}: message {minutes}",
                        message_id_header=header,
                        delivery_state=DeliveryState.SENT if direction is Direction.OUT else None,
                        sent_at=T0 + timedelta(minutes=minutes),
                        created_at=T0 + timedelta(minutes=minutes),
                    ),
                )
            resolved_at = {
                1: now - timedelta(days=1),
                2: now - timedelta(days=400),
                4: now - timedelta(days=2),
            }.get(index)
            status = CaseStatus.WAITING_ON_CUSTOMER if index == 3 else CaseStatus.RESOLVED
            if index != 5:
                cases.set_status(
                    session,
                    case.id,
                    expected=CaseStatus.NEW,
                    new=status,
                    waiting_since=None,
                    resolved_at=resolved_at,
                )
        session.execute(
            text(
                "UPDATE customer SET merged_into_id = (SELECT min(id) FROM customer) "
                "WHERE id = (SELECT max(id) FROM customer)"
            )
        )


# --- the mail -------------------------------------------------------------------------------


def special_mail(first_number: CaseNumber) -> list[InboundEmail]:
    """Hand-made mail for every path of ingestion, each once or twice."""
    at = T0 + timedelta(days=30)

    def mail(n: int, **values: object) -> InboundEmail:
        fields: dict[str, object] = {
            "raw": f"special {n}\r\n".encode(),
            "from_address": "kunde.eins@example.de",
            "from_name": "Kunde Eins",
            "subject": f"Frage {n}",
            "text": f"Text {n}",
            "message_id": f"<special-{n}@example.de>",
            "sent_at": at + timedelta(minutes=n),
        }
        fields.update(values)
        return InboundEmail(**fields)  # type: ignore[arg-type]

    shared = NewAttachment("Rechnung.pdf", "application/pdf", b"%PDF-1.4 shared")
    token = f"[#{first_number}]"
    return [
        mail(1, in_reply_to="<old-1@example.de>", from_address="alt1@example.de"),  # reopens
        mail(2, in_reply_to="<out-2@team.example>", from_address="alt2@example.de"),  # linked
        mail(3, references=("<out-3@team.example>",), from_address="alt3@example.de"),  # resumes
        mail(
            4,
            in_reply_to="<out-4@team.example>",
            text="Vielen Dank!",
            from_address="alt4@example.de",
        ),
        mail(5, from_address="alt5@example.de"),  # the merged customer writes anew
        mail(
            6,
            from_address="mailer-daemon@mx.example.de",
            subject="Undelivered Mail Returned to Sender",
            is_bounce=True,
            bounced_message_id="<out-3@team.example>",
        ),
        mail(7, in_reply_to="<old-1@example.de>", is_auto_reply=True, subject="Abwesend"),
        mail(8, subject=f"AW: resolved {token}", from_address="alt1@example.de"),  # participant
        mail(9, subject=f"AW: resolved {token}", from_address="fremd@example.com"),  # stranger
        mail(10, subject=f"AW: Anfrage {token}", from_address="anna@team.example"),  # agent
        mail(11, from_address="", from_name="", needs_attention=True),  # no usable sender
        mail(12, from_address="not an address", from_name="Kaputt"),
        mail(13, from_address="Kunde.Eins@Example.DE"),  # the same customer, other spelling
        mail(14, message_id="<same@example.de>", text="first of two with one Message-ID"),
        mail(15, message_id="<same@example.de>", text="second", sent_at=at - timedelta(days=1)),
        mail(16, in_reply_to="<same@example.de>"),  # the newer of the two decides
        mail(17, attachments=(shared,)),
        mail(18, attachments=(shared, NewAttachment("Foto.jpg", "image/jpeg", b"jpeg"))),
        mail(19, subject="AW: Frage 13", message_id="<follow-up@example.de>"),  # subject only
        mail(20, subject="Frage 17", text="no references, same subject"),
    ]


def the_mail(first_number: CaseNumber) -> list[Parsed]:
    generated = [
        to_inbound(to_email(m).as_bytes())
        for m in generate(260, seed=11)
        if m.direction != "internal"
    ]
    specials = special_mail(first_number)
    mails: list[InboundEmail] = []
    for index, mail in enumerate(generated):
        mails.append(mail)
        if index % 12 == 5 and specials:
            mails.append(specials.pop(0))
        if index in {40, 41, 90}:
            mails.append(mails[index - 30])  # seen in this batch or an earlier one
        if index in {50, 100}:
            # The same mail through another mailbox: the same content key, other raw bytes.
            again = mails[index - (3 if index == 50 else 80)]
            mails.append(replace(again, raw=b"Delivered-To: sales@team.example\r\n" + again.raw))
    mails += specials
    mails += [mails[3], mails[-2]]  # duplicates at the very end
    return [(mail, dedupe_key(mail)) for mail in mails]


# --- the three ways in ----------------------------------------------------------------------


def one_by_one(db: Database, mail: list[Parsed], policy: IngestPolicy) -> list[IngestResult]:
    return [ingest_email(db, inbound, source=None, policy=policy) for inbound, _ in mail]


def in_batches(
    db: Database, mail: list[Parsed], policy: IngestPolicy, size: int
) -> list[IngestResult]:
    results: list[IngestResult] = []
    for start in range(0, len(mail), size):
        with db.write() as session, bulk_indexing(session):
            results += ingest_batch(session, mail[start : start + size], policy=policy)
    return results


def everything(db: Database) -> dict[str, list[Any]]:
    """Every row ingestion writes, without the columns that hold the time of writing."""
    queries = {
        "case": "SELECT id, number, subject, status, priority, owner_id, customer_id, "
        "linked_case_id, version, created_at, updated_at = created_at, waiting_since IS NULL, "
        "resolved_at IS NULL, first_response_at FROM support_case ORDER BY id",
        "message": "SELECT id, case_id, channel, direction, author_agent_id, "
        "author_identity_id, author_name, subject, body_text, body_html, message_id_header, "
        'in_reply_to, "references", raw_sha256, delivery_state, dedupe_key, '
        "needs_attention, thread_reason, sent_at, created_at FROM message ORDER BY id",
        "attachment": "SELECT id, message_id, filename, content_type, size, sha256, "
        "content_id, inline FROM attachment ORDER BY id",
        "blob": "SELECT sha256, size FROM blob ORDER BY sha256",
        "customer": "SELECT id, name, merged_into_id FROM customer ORDER BY id",
        "identity": "SELECT id, customer_id, kind, value, display_name "
        "FROM customer_identity ORDER BY id",
        "event": "SELECT id, case_id, actor_agent_id, kind, from_value, to_value, reason "
        "FROM event ORDER BY id",
        "counter": "SELECT name, value FROM counter ORDER BY name",
    }
    with db.read() as session:
        return {name: list(session.execute(text(sql)).all()) for name, sql in queries.items()}


def first_case_number(db: Database) -> CaseNumber:
    with db.read() as session:
        return CaseNumber(
            session.execute(text("SELECT min(number) FROM support_case")).scalar_one()
        )


@pytest.mark.parametrize(
    "policy",
    [
        IMPORT,
        replace(IMPORT, subject=SubjectPolicy(enabled=True, window=timedelta(days=3650))),
    ],
    ids=["import", "subject-threading"],
)
def test_batches_store_what_one_by_one_stores(fresh: Callable[[], Database], policy: IngestPolicy):
    databases = [fresh(), fresh(), fresh()]
    for database in databases:
        prepare(database)
    mail = the_mail(first_case_number(databases[0]))
    reference = one_by_one(databases[0], mail, policy)
    batched_by_one = in_batches(databases[1], mail, policy, 1)
    batched = in_batches(databases[2], mail, policy, 64)

    assert batched_by_one == reference
    assert batched == reference
    outcomes = {r.outcome.value for r in reference}
    assert outcomes == {"new_case", "appended", "duplicate"}
    reasons = " ".join(r.reason for r in reference)
    for why in ("linked to #", "delivery failure", "sender has not taken part", "subject names"):
        assert why in reasons
    stored = everything(databases[0])
    kinds = {row[3] for row in stored["event"]}
    assert {"case_created", "message_received", "reopened", "status_changed"} <= kinds
    assert everything(databases[1]) == stored
    assert everything(databases[2]) == stored
    vocabulary = index_content(databases[0])
    for database in databases[1:]:
        assert_index_matches_the_tables(database)
        assert index_content(database) == vocabulary


def test_acknowledging_batches_log_events_in_the_same_order(fresh: Callable[[], Database]):
    """Imports never acknowledge; a batch that does still logs what one by one logs."""
    live = IngestPolicy(acknowledge=AckSettings(daily_limit=2))
    databases = [fresh(), fresh()]
    for database in databases:
        prepare(database)
    mail = the_mail(first_case_number(databases[0]))[:80]
    reference = one_by_one(databases[0], mail, live)
    batched = in_batches(databases[1], mail, live, 32)
    assert [(r.outcome, r.case_number, r.reason, r.acknowledge) for r in batched] == [
        (r.outcome, r.case_number, r.reason, r.acknowledge) for r in reference
    ]
    query = text("SELECT id, case_id, kind, reason FROM event ORDER BY id")
    rows = []
    for database in databases:
        with database.read() as session:
            rows.append(list(session.execute(query).all()))
    assert {row[2] for row in rows[0]} >= {"reply_queued", "ack_skipped"}
    assert rows[1] == rows[0]


def test_the_importer_stores_batches_like_ingest_batch(fresh: Callable[[], Database]):
    """``history_import._store`` is ``ingest_batch`` in a transaction that indexes at its end."""
    databases = [fresh(), fresh()]
    for database in databases:
        prepare(database)
    mail = the_mail(first_case_number(databases[0]))
    reference = in_batches(databases[0], mail, IMPORT, 100)
    report = ImportReport()
    for start in range(0, len(mail), 100):
        _store(databases[1], mail[start : start + 100], IMPORT, report)
    expected: dict[str, int] = {}
    for result in reference:
        expected[result.outcome.value] = expected.get(result.outcome.value, 0) + 1
    assert dict(report.outcomes) == expected
    assert report.needs_attention == sum(int(m.needs_attention) for m, _ in mail)
    assert everything(databases[1]) == everything(databases[0])
    assert_index_matches_the_tables(databases[1])
