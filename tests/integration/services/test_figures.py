"""The team report and the customer's waiting clocks, read from SQLite and PostgreSQL."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import update
from sqlmodel import col

from omnidesk.core.entities import Agent
from omnidesk.core.enums import CaseStatus, Channel, CommitmentKind, Direction, ReplyMode
from omnidesk.core.errors import InvalidInput
from omnidesk.core.ids import CaseId, CaseNumber, CommitmentId
from omnidesk.services.cases import (
    Incoming,
    case_detail,
    change_status,
    claim_case,
    open_case,
    write_on_case,
)
from omnidesk.services.commitments import add_commitment, cancel_commitment, complete_commitment
from omnidesk.services.figures import customer_clocks, last_weeks_report, team_report
from omnidesk.store import messages
from omnidesk.store.engine import Database
from omnidesk.store.messages import NewMessage
from omnidesk.store.tables import CommitmentRow
from omnidesk.store.types import utcnow

from .conftest import incoming

H = timedelta(hours=1)


def customer_writes(db: Database, number: CaseNumber, at: datetime) -> None:
    add_message(db, number, Direction.IN, at, author=None)


def add_message(
    db: Database, number: CaseNumber, direction: Direction, at: datetime, *, author: Agent | None
) -> None:
    case = case_detail(db, number).case
    with db.write() as session:
        messages.insert_message(
            session,
            CaseId(case.id),
            NewMessage(
                channel=Channel.EMAIL,
                direction=direction,
                author_name=author.name if author else "Käthe Köhler",
                author_agent_id=author.id if author else None,
                body_text="…",
                created_at=at,
            ),
        )


def move_due(db: Database, commitment_id: CommitmentId, due: datetime) -> None:
    with db.write() as session:
        session.execute(
            update(CommitmentRow).where(col(CommitmentRow.id) == commitment_id).values(due_at=due)
        )


def test_the_team_report_counts_promises_answers_and_resolutions(db, anna, ben):
    start = utcnow()
    resolved = open_case(db, _received(incoming(subject="Rechnung"), start - 5 * H))
    claim_case(db, resolved, anna)
    write_on_case(db, resolved, agent=anna, text="Das Geld ist unterwegs.", mode=ReplyMode.REPLY)
    customer_writes(db, resolved, start - 4 * H)
    customer_writes(db, resolved, utcnow() + H)  # after the resolution: not a contact for it
    withdrawn = add_commitment(
        db, resolved, actor=anna, kind=CommitmentKind.CALLBACK, due_at=start + H
    )
    cancel_commitment(db, withdrawn.id, actor=anna, reason="Kundin hat selbst angerufen")
    change_status(db, resolved, agent=anna, status=CaseStatus.RESOLVED)

    pending = open_case(db, _received(incoming("b@example.de", "Paket"), start - 2 * H))
    claim_case(db, pending, ben)
    write_on_case(db, pending, agent=ben, text="Ich kümmere mich.", mode=ReplyMode.REPLY)
    kept = add_commitment(db, pending, actor=ben, kind=CommitmentKind.CALLBACK, due_at=start + H)
    complete_commitment(db, kept.id, actor=ben, outcome="reached")
    late = add_commitment(db, pending, actor=ben, kind=CommitmentKind.CALLBACK, due_at=start + H)
    complete_commitment(db, late.id, actor=ben, outcome="reached")
    move_due(db, late.id, start - 3 * H)
    broken = add_commitment(db, pending, actor=ben, kind=CommitmentKind.SEND, due_at=start + H)
    move_due(db, broken.id, start - 2 * H)
    unanswered = open_case(db, _received(incoming("c@example.de", "Frage"), start - H))
    assert unanswered

    now = utcnow()
    report = team_report(db, start - 24 * H, now + 2 * H, now=now)

    team = report.team
    counts = team.commitments
    assert (counts.on_time, counts.late, counts.broken, counts.cancelled) == (1, 1, 1, 1)
    assert team.first_response.count == 2
    assert team.resolved == 1
    # The first mail and the one an hour later; the one after the resolution does not count.
    assert team.contacts_per_resolution == 2.0
    anna_figures = report.agent("anna")
    ben_figures = report.agent("ben")
    assert anna_figures is not None
    assert ben_figures is not None
    assert anna_figures.figures.commitments.cancelled == 1
    assert anna_figures.figures.commitments.kept == 0
    assert ben_figures.figures.commitments.kept == 2
    assert ben_figures.figures.commitments.broken == 1
    anna_first = anna_figures.figures.first_response.median
    assert anna_first is not None
    assert 5 * H <= anna_first < 5 * H + timedelta(minutes=5)
    ben_first = ben_figures.figures.first_response.median
    assert ben_first is not None
    assert 2 * H <= ben_first < 2 * H + timedelta(minutes=5)
    assert ben_figures.figures.resolved == 0
    assert sum(w.figures.first_response.count for w in report.weeks) == 2

    # A range that ends before anything happened is empty.
    empty = team_report(db, start - 48 * H, start - 24 * H, now=now)
    assert empty.team.first_response.count == 0
    assert empty.team.commitments.judged == 0
    assert empty.agents == ()


def test_the_report_of_the_last_weeks_and_its_limits(db, anna):
    number = open_case(db, incoming())
    claim_case(db, number, anna)
    write_on_case(db, number, agent=anna, text="Wird erledigt.", mode=ReplyMode.REPLY)

    report = last_weeks_report(db, 4)

    assert len(report.weeks) == 4
    assert report.weeks[-1].figures.first_response.count == 1
    with pytest.raises(InvalidInput):
        last_weeks_report(db, 0)
    with pytest.raises(InvalidInput):
        team_report(db, report.until, report.since)
    with pytest.raises(InvalidInput):
        team_report(db, datetime(2026, 1, 1), datetime(2026, 2, 1))


def test_a_customer_waited_on_us_across_their_cases(db, anna):
    now = datetime.now(UTC).replace(microsecond=0)
    t0 = now - 30 * H
    older = open_case(db, _received(incoming(subject="Rechnung"), t0))
    claim_case(db, older, anna)
    # Automatic mail and an internal note are no answer: the clock keeps running.
    add_message(db, older, Direction.OUT, t0 + H, author=None)
    add_message(db, older, Direction.INTERNAL, t0 + H, author=anna)
    add_message(db, older, Direction.OUT, t0 + 2 * H, author=anna)
    customer_writes(db, older, t0 + 10 * H)
    add_message(db, older, Direction.OUT, t0 + 13 * H, author=anna)
    newer = open_case(db, _received(incoming(subject="Paket"), now - 3 * H))
    someone_else = open_case(db, _received(incoming("x@example.de", "Paket"), t0))
    assert someone_else

    customer = case_detail(db, older).customer
    assert case_detail(db, newer).customer.id == customer.id
    clocks = customer_clocks(db, customer.id, now=now)

    assert clocks.waited == 2 * H + 3 * H + 3 * H
    assert clocks.waiting_now
    assert clocks.contacts == 3
    assert clocks.contacts_per_case == 1.5
    assert [c.number for c in clocks.cases] == [newer, older]
    newest, oldest = clocks.cases
    assert newest.waiting_since == now - 3 * H
    assert (oldest.contacts, oldest.waited, oldest.waiting_since) == (2, 5 * H, None)
    assert oldest.resolution is None


def _received(new: Incoming, at: datetime) -> Incoming:
    return replace(new, received_at=at)
