"""Email acknowledgements with an honest response time, their daily limit, and the
thank-you rule, on SQLite and PostgreSQL."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from omnidesk.channels.email.accounts_runtime import ingest_policy
from omnidesk.config.settings import Settings
from omnidesk.core.enums import CaseStatus, EventKind, ReplyMode
from omnidesk.services.acknowledge import AckSettings, expected_response
from omnidesk.services.agents import add_agent
from omnidesk.services.cases import case_detail, change_status, claim_case, write_on_case
from omnidesk.services.chat import agent_heartbeat
from omnidesk.services.ingest_email import InboundEmail, IngestPolicy, Outcome, ingest_email
from omnidesk.store.engine import Database
from omnidesk.store.types import utcnow

ACK = AckSettings(team_name="Example Support", mail_domain="team.example", response_hours=24)
ACKING = IngestPolicy(acknowledge=ACK)
SILENT = IngestPolicy()


def mail(**overrides: Any) -> InboundEmail:
    values: dict[str, Any] = {
        "raw": b"From: kunde@example.de\r\nSubject: Rechnung\r\n\r\nHallo\r\n",
        "from_address": "Kunde@Example.de",
        "from_name": "Käthe Köhler",
        "subject": "Rechnung doppelt abgebucht",
        "text": "Hallo, mir wurde die Rechnung zweimal abgebucht. Wann bekomme ich das Geld?",
        "message_id": "<first@mail.example.de>",
        "sent_at": datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
    }
    values.update(overrides)
    return InboundEmail(**values)


def outbox(db: Database) -> list[tuple[str, str, str, str | None]]:
    """(recipient, subject, body, In-Reply-To) of every queued mail, oldest first."""
    with db.read() as session:
        rows = session.execute(
            text(
                "SELECT o.recipients, m.subject, m.body_text, m.in_reply_to FROM outbox o "
                "JOIN message m ON m.id = o.message_id ORDER BY o.id"
            )
        ).all()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def test_a_person_s_new_mail_is_acknowledged_in_its_language(db):
    result = ingest_email(db, mail(), source=None, policy=ACKING)
    ((recipient, subject, body, in_reply_to),) = outbox(db)
    assert recipient == "kunde@example.de"
    assert subject == f"Re: Rechnung doppelt abgebucht [#{result.case_number}]"
    assert in_reply_to == "<first@mail.example.de>"
    assert f"Fall #{result.case_number}" in body
    # No history yet: the configured 24 hours, said as a day.
    assert "voraussichtlich bis morgen" in body or "im Laufe des Tages" in body
    english = ingest_email(
        db,
        mail(
            message_id="<en@x>",
            from_address="john@example.com",
            subject="Double charge",
            text="Hello, I was charged twice. When will I get my money back?",
        ),
        source=None,
        policy=ACKING,
    )
    body = outbox(db)[-1][2]
    assert f"case #{english.case_number}" in body
    assert "Someone from our team will probably answer" in body


def test_machines_imports_and_replies_get_no_acknowledgement(db):
    ingest_email(db, mail(is_auto_reply=True), source=None, policy=ACKING)
    ingest_email(db, mail(message_id="<b@x>", is_bounce=True, text="x"), source=None, policy=ACKING)
    ingest_email(db, mail(message_id="<old@x>", text="alte Mail"), source=None, policy=SILENT)
    assert outbox(db) == []
    # `omnidesk import` builds its policy with keep_sent_time: never acknowledges.
    assert ingest_policy(Settings(), keep_sent_time=True).acknowledge is None
    assert ingest_policy(Settings()).acknowledge is not None
    assert ingest_policy(replace(Settings(), acknowledge_email=False)).acknowledge is None
    first = ingest_email(db, mail(message_id="<new@x>"), source=None, policy=ACKING)
    assert len(outbox(db)) == 1
    follow_up = mail(message_id="<next@x>", in_reply_to="<new@x>", text="Noch eine Frage?")
    assert ingest_email(db, follow_up, source=None, policy=ACKING).case_number == first.case_number
    assert len(outbox(db)) == 1


def test_at_most_three_automatic_mails_per_address_and_day(db):
    # A loop partner that sets no auto-reply headers and changes the subject every time.
    for turn in range(5):
        result = ingest_email(
            db,
            mail(message_id=f"<loop{turn}@x>", subject=f"Auto {turn}", text=f"Abwesend {turn}"),
            source=None,
            policy=ACKING,
        )
        assert result.outcome is Outcome.NEW_CASE
    assert len(outbox(db)) == 3
    skipped = case_detail(db, result.case_number).events
    assert [e.kind for e in skipped].count(EventKind.ACK_SKIPPED) == 1
    other = ingest_email(
        db, mail(message_id="<o@x>", from_address="other@example.com"), source=None, policy=ACKING
    )
    assert other.outcome is Outcome.NEW_CASE
    assert len(outbox(db)) == 4
    # An agent's reply is no automatic mail and does not count.
    anna = add_agent(db, name="anna", email="anna@team.example", display_name="Anna")
    write_on_case(db, other.case_number, agent=anna, text="Hallo", mode=ReplyMode.REPLY)
    ingest_email(
        db,
        mail(message_id="<o2@x>", from_address="other@example.com", subject="Neu"),
        source=None,
        policy=ACKING,
    )
    assert len(outbox(db)) == 6


def _history(db: Database, waits: list[timedelta], *, queue: int) -> None:
    """Answered cases created over the last days, and ``queue`` still unanswered."""
    now = utcnow()
    for index, wait in enumerate(waits):
        result = ingest_email(
            db, mail(message_id=f"<h{index}@x>", subject=f"H{index}"), source=None, policy=SILENT
        )
        answered = now - timedelta(hours=6 * (index + 1))
        with db.write() as session:
            session.execute(
                text(
                    "UPDATE support_case SET created_at = :created, first_response_at = :answered,"
                    " status = 'waiting_on_customer' WHERE number = :number"
                ),
                {"created": answered - wait, "answered": answered, "number": result.case_number},
            )
    for index in range(queue):
        ingest_email(
            db, mail(message_id=f"<q{index}@x>", subject=f"Q{index}"), source=None, policy=SILENT
        )


def test_the_estimate_follows_history_queue_and_presence(db):
    with db.read() as session:
        assert expected_response(session, ACK).within == timedelta(hours=24)
    waits = [timedelta(hours=h) for h in (1, 1, 2, 2, 2, 3, 3, 3, 3, 20)]
    _history(db, waits, queue=0)
    anna = add_agent(db, name="anna", email="anna@team.example", display_name="Anna")
    agent_heartbeat(db, anna.id)
    with db.read() as session:
        estimate = expected_response(session, ACK)
    assert estimate.within == timedelta(hours=3)
    ingest_email(db, mail(message_id="<late@x>", subject="Neu"), source=None, policy=ACKING)
    assert "innerhalb von etwa 3 Stunden" in outbox(db)[-1][2]


def test_a_queue_longer_than_usual_is_told_honestly(db):
    waits = [timedelta(hours=1)] * 10
    _history(db, waits, queue=8)  # 10 answers in 60 hours after 1 hour: 1 usually waits
    with db.read() as session:
        estimate = expected_response(session, ACK)
    assert estimate.basis == "backlog"
    assert estimate.within == timedelta(hours=8)


def test_thanks_keeps_a_resolved_case_resolved_a_question_reopens_it(db):
    anna = add_agent(db, name="anna", email="anna@team.example", display_name="Anna")
    number = ingest_email(db, mail(), source=None, policy=SILENT).case_number
    claim_case(db, number, anna)
    change_status(db, number, agent=anna, status=CaseStatus.RESOLVED)
    thanks = mail(
        message_id="<thanks@x>",
        in_reply_to="<first@mail.example.de>",
        text="Vielen Dank, jetzt klappt alles!\n\nViele Grüße\nKäthe\n\n> alte Frage?",
    )
    assert ingest_email(db, thanks, source=None, policy=ACKING).outcome is Outcome.APPENDED
    detail = case_detail(db, number)
    assert detail.case.status is CaseStatus.RESOLVED
    assert detail.case.waiting_since is None
    assert len(detail.messages) == 2
    question = mail(
        message_id="<question@x>",
        in_reply_to="<first@mail.example.de>",
        text="Danke, aber wann kommt die Gutschrift?",
    )
    ingest_email(db, question, source=None, policy=ACKING)
    detail = case_detail(db, number)
    assert detail.case.status is CaseStatus.OPEN
    assert detail.owner is not None
    assert detail.owner.name == "anna"
    assert outbox(db) == []  # neither message was a new case: nothing automatic
