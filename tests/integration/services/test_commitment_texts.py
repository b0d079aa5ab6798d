"""A promise told to the customer in the agent's words; outcomes longer than a code."""

from datetime import timedelta

import pytest
from sqlalchemy import text

from omnidesk.core.enums import CommitmentKind, Direction, EventKind
from omnidesk.core.errors import InvalidInput
from omnidesk.services.cases import case_detail, claim_case
from omnidesk.services.commitments import add_commitment, complete_commitment
from omnidesk.store.types import utcnow


def queued_to(db) -> list[tuple[str, str]]:
    with db.read() as session:
        rows = session.execute(
            text(
                "SELECT o.recipients, m.body_text FROM outbox o "
                "JOIN message m ON m.id = o.message_id ORDER BY o.id"
            )
        ).all()
    return [(r[0], r[1]) for r in rows]


def test_the_customer_is_told_the_promise_in_the_same_transaction(db, anna, ben, case_number):
    claim_case(db, case_number, anna)
    promise = add_commitment(
        db,
        case_number,
        actor=anna,
        kind=CommitmentKind.CALLBACK,
        due_at=utcnow() + timedelta(days=1),
        customer_text="Ich rufe Sie morgen um 10 Uhr wegen der Erstattung an.",
    )
    assert promise.customer_text.startswith("Ich rufe Sie morgen")
    detail = case_detail(db, case_number)
    told = detail.messages[-1]
    assert told.direction is Direction.OUT
    assert told.body_text == "Ich rufe Sie morgen um 10 Uhr wegen der Erstattung an."
    assert queued_to(db) == [("kunde@example.de", told.body_text)]
    kinds = [e.kind for e in detail.events]
    assert kinds.index(EventKind.COMMITMENT_ADDED) < kinds.index(EventKind.REPLY_QUEUED)
    # A colleague records a promise on Anna's case: told on her behalf, she stays owner.
    add_commitment(
        db,
        case_number,
        actor=ben,
        kind=CommitmentKind.SEND,
        due_at=utcnow() + timedelta(days=2),
        customer_text="Die Gutschrift schicken wir Ihnen bis Freitag.",
    )
    detail = case_detail(db, case_number)
    assert detail.case.owner_id == anna.id
    assert detail.messages[-1].on_behalf_of_id == anna.id


def test_an_unsendable_text_records_no_promise(db, anna, case_number):
    with pytest.raises(InvalidInput):
        add_commitment(
            db,
            case_number,
            actor=anna,
            kind=CommitmentKind.CALLBACK,
            due_at=utcnow() + timedelta(days=1),
            customer_text="x" * 1_000_001,
        )
    assert case_detail(db, case_number).commitments == []


def test_a_long_outcome_is_kept_whole(db, anna, case_number):
    promise = add_commitment(
        db,
        case_number,
        actor=anna,
        kind=CommitmentKind.CALLBACK,
        due_at=utcnow() + timedelta(hours=3),
    )
    outcome = "no_answer: rang at 10:05 and at 10:20, the mailbox was full, will try again later"
    assert len(outcome) > 64
    done = complete_commitment(db, promise.id, actor=anna, outcome=outcome)
    assert done.outcome == outcome
