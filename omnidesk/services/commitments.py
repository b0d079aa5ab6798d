"""Commitment use cases: promise, keep, or cancel with a reason."""

from dataclasses import dataclass
from datetime import datetime

from omnidesk.core.commitments import check_close, check_new_due
from omnidesk.core.entities import Agent, Commitment
from omnidesk.core.enums import CommitmentKind, CommitmentState, EventKind, ReplyMode
from omnidesk.core.errors import RuleViolation
from omnidesk.core.ids import CaseId, CaseNumber, CommitmentId
from omnidesk.core.mail_ids import DEFAULT_DOMAIN
from omnidesk.services.cases import write_on_case_in
from omnidesk.store import cases, events
from omnidesk.store import commitments as store
from omnidesk.store.engine import Database
from omnidesk.store.types import utcnow


def add_commitment(
    db: Database,
    number: CaseNumber,
    *,
    actor: Agent,
    kind: CommitmentKind,
    due_at: datetime,
    note: str = "",
    owner: Agent | None = None,
    customer_text: str = "",
    mail_domain: str = DEFAULT_DOMAIN,
) -> Commitment:
    """Record a promise on a case. Its owner is the case owner unless named.

    ``customer_text`` is the promise in the agent's words ("I will call you tomorrow at
    10"): it goes to the customer as a reply in the same transaction, so the customer is
    told exactly what was recorded, or nothing is recorded.
    """
    check_new_due(due_at, now=utcnow())
    told = customer_text.strip()
    with db.write() as session:
        row = cases.case_row_by_number(session, number)
        assert row.id is not None
        case_id = CaseId(row.id)
        responsible = owner or actor
        if owner is None and row.owner_id is not None:
            current = cases.owner_of(session, case_id)
            assert current is not None
            responsible_id, responsible_name = current.id, current.name
        else:
            responsible_id, responsible_name = responsible.id, responsible.name
        commitment = store.insert_commitment(
            session,
            case_id=case_id,
            owner_id=responsible_id,
            kind=kind,
            due_at=due_at,
            note=note.strip(),
            customer_text=told,
        )
        events.log_event(
            session,
            case_id=case_id,
            kind=EventKind.COMMITMENT_ADDED,
            actor=actor.id,
            to_value=f"{kind.value} due {due_at:%Y-%m-%d %H:%M} UTC ({responsible_name})",
            reason=note.strip() or None,
        )
        if told:
            mine = row.owner_id in (None, actor.id)
            write_on_case_in(
                session,
                number,
                agent=actor,
                text=told,
                mode=ReplyMode.REPLY if mine else ReplyMode.ON_BEHALF,
                mail_domain=mail_domain,
            )
        return commitment


@dataclass(frozen=True, slots=True)
class CommitmentView:
    commitment: Commitment
    case_number: CaseNumber
    subject: str
    owner: str
    overdue: bool


def list_open_commitments(
    db: Database, *, owner: Agent | None = None, overdue_only: bool = False
) -> list[CommitmentView]:
    """Open promises, earliest due first; ``owner``'s include those of agents they cover."""
    now = utcnow()
    with db.read() as session:
        found = store.open_commitments(
            session,
            owner_id=owner.id if owner else None,
            include_covered=True,
            due_before=now if overdue_only else None,
        )
    return [
        CommitmentView(c, CaseNumber(number), subject, owner_name, c.is_overdue(now))
        for c, number, subject, owner_name in found
    ]


def complete_commitment(
    db: Database, commitment_id: CommitmentId, *, actor: Agent, outcome: str | None = None
) -> Commitment:
    return _close(db, commitment_id, actor=actor, outcome=outcome, cancel_reason=None)


def cancel_commitment(
    db: Database, commitment_id: CommitmentId, *, actor: Agent, reason: str
) -> Commitment:
    return _close(db, commitment_id, actor=actor, outcome=None, cancel_reason=reason)


def _close(
    db: Database,
    commitment_id: CommitmentId,
    *,
    actor: Agent,
    outcome: str | None,
    cancel_reason: str | None,
) -> Commitment:
    with db.write() as session:
        commitment = store.get_commitment(session, commitment_id)
        reason = check_close(commitment, cancel_reason=cancel_reason)
        cancelled = cancel_reason is not None
        state = CommitmentState.CANCELLED if cancelled else CommitmentState.DONE
        if not store.close_commitment(
            session, commitment_id, state=state, outcome=outcome, cancel_reason=reason
        ):
            raise RuleViolation(f"commitment {commitment_id} was closed by someone else meanwhile")
        events.log_event(
            session,
            case_id=commitment.case_id,
            kind=EventKind.COMMITMENT_CANCELLED if cancelled else EventKind.COMMITMENT_DONE,
            actor=actor.id,
            from_value=commitment.kind.value,
            to_value=outcome,
            reason=reason,
        )
        return store.get_commitment(session, commitment_id)
