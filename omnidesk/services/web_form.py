"""The web form's use case: a submission opens a case, or joins the customer's open case
by the same rules as email, and is acknowledged by email — in one transaction.

Threading follows omnidesk.core.threading_rules exactly as inbound mail does, minus
the header references a form cannot carry: a case token in the subject (``[#1042]``)
counts when the address already takes part in that case; with subject threading on,
the same customer with the same subject on a recent open case joins it; otherwise a
new case. A resolved case reopens within the reopen window, after it a new linked case
starts. The form token's nonce is spent in the same transaction, so a failure leaves
nothing behind and a replayed form stores nothing.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session

from omnidesk.config.settings import Settings
from omnidesk.core import lifecycle
from omnidesk.core.enums import CaseStatus, Channel, Direction, EventKind, IdentityKind
from omnidesk.core.errors import RuleViolation
from omnidesk.core.ids import CaseId, CaseNumber, CustomerId, IdentityId
from omnidesk.core.threading_rules import (
    CaseCandidate,
    SubjectPolicy,
    ThreadDecision,
)
from omnidesk.services.acknowledge import AckSettings, queue_acknowledgement_in
from omnidesk.services.ingest_email import IngestPolicy, thread_inbound
from omnidesk.store import cases, customers, events, messages
from omnidesk.store import chat as chat_store
from omnidesk.store.engine import Database
from omnidesk.store.messages import NewAttachment, NewMessage
from omnidesk.store.tables import CaseRow
from omnidesk.store.types import utcnow


class ReplayedForm(RuleViolation):
    """This form was submitted already (its one-time token is spent)."""


@dataclass(frozen=True, slots=True)
class FormSubmission:
    """A validated submission; the gateway checked lengths, address, files and token."""

    name: str
    email: str
    subject: str
    message: str
    language: str
    nonce: str
    attachments: tuple[NewAttachment, ...] = ()


@dataclass(frozen=True, slots=True)
class FormReceipt:
    number: CaseNumber
    appended: bool
    reason: str


def form_policy(settings: Settings) -> IngestPolicy:
    """The same reopen and subject-threading rules as inbound mail."""
    return IngestPolicy(
        reopen=lifecycle.ReopenPolicy(window=timedelta(days=settings.reopen_window_days)),
        subject=SubjectPolicy(
            enabled=settings.subject_threading,
            window=timedelta(days=settings.subject_threading_days),
        ),
    )


def submit_form(
    db: Database, form: FormSubmission, *, policy: IngestPolicy, ack: AckSettings
) -> FormReceipt:
    with db.write() as session:
        if not chat_store.use_nonce(session, form.nonce):
            raise ReplayedForm("this form was sent already")
        customer_id, identity_id = customers.find_or_create_customer(
            session, kind=IdentityKind.EMAIL, value=form.email, name=form.name
        )
        now = utcnow()
        decision = _thread(session, form, customer_id, now, policy)
        target = decision.case
        verdict = None
        if target is not None:
            verdict = lifecycle.decide_inbound(
                target.status,
                resolved_at=target.resolved_at,
                now=now,
                policy=policy.reopen,
                text=form.message,
            )
        if target is None or verdict is lifecycle.InboundDecision.NEW_LINKED_CASE:
            reason = decision.explanation
            if target is not None:
                days = policy.reopen.window.days
                reason = f"new case linked to #{target.number}: resolved more than {days} days ago"
            case_id, number = _new_case(
                session, form, customer_id, identity_id, reason=reason, linked=target
            )
            appended = False
        else:
            assert verdict is not None
            case_id, number = target.id, target.number
            reason = decision.explanation
            _append(session, form, target, identity_id, verdict, reason=reason, now=now)
            appended = True
        queue_acknowledgement_in(
            session,
            case_id=case_id,
            number=number,
            subject=form.subject,
            recipient=form.email.strip().lower(),
            name=form.name,
            language=form.language,
            settings=ack,
            appended=appended,
        )
        return FormReceipt(number=number, appended=appended, reason=reason)


def _thread(
    session: Session,
    form: FormSubmission,
    customer_id: CustomerId,
    now: datetime,
    policy: IngestPolicy,
) -> ThreadDecision:
    return thread_inbound(
        session,
        references=[],
        subject=form.subject,
        sender=form.email,
        customer_id=customer_id,
        now=now,
        policy=policy,
    )


def _message(form: FormSubmission, identity_id: IdentityId, reason: str) -> NewMessage:
    return NewMessage(
        channel=Channel.FORM,
        direction=Direction.IN,
        author_name=form.name or form.email,
        author_identity_id=identity_id,
        subject=form.subject,
        body_text=form.message,
        thread_reason=reason,
        attachments=form.attachments,
    )


def _new_case(
    session: Session,
    form: FormSubmission,
    customer_id: CustomerId,
    identity_id: IdentityId,
    *,
    reason: str,
    linked: CaseCandidate | None,
) -> tuple[CaseId, CaseNumber]:
    case = cases.insert_case(
        session,
        subject=form.subject.strip() or "(no subject)",
        customer_id=customer_id,
        linked_case_id=linked.id if linked else None,
    )
    messages.insert_message(session, case.id, _message(form, identity_id, reason))
    events.log_event(
        session,
        case_id=case.id,
        kind=EventKind.CASE_CREATED,
        actor=None,
        to_value=Channel.FORM.value,
        reason=reason,
    )
    return case.id, case.number


def _append(
    session: Session,
    form: FormSubmission,
    target: CaseCandidate,
    identity_id: IdentityId,
    verdict: lifecycle.InboundDecision,
    *,
    reason: str,
    now: datetime,
) -> None:
    messages.insert_message(session, target.id, _message(form, identity_id, reason))
    events.log_event(
        session,
        case_id=target.id,
        kind=EventKind.MESSAGE_RECEIVED,
        actor=None,
        to_value=Channel.FORM.value,
        reason=reason,
    )
    customer_spoke(session, target.id, verdict, now)


def customer_spoke(
    session: Session, case_id: CaseId, verdict: lifecycle.InboundDecision, now: datetime
) -> None:
    """The turn is ours again: a waiting or resolved case opens (same owner), the clock runs.

    The same transitions as inbound mail (omnidesk.services.ingest_email).
    """
    row = session.get(CaseRow, case_id)
    assert row is not None
    current = CaseStatus(row.status)
    waiting = row.waiting_since or now
    if verdict in {lifecycle.InboundDecision.RESUME, lifecycle.InboundDecision.REOPEN}:
        if not cases.set_status(
            session,
            case_id,
            expected=current,
            new=CaseStatus.OPEN,
            waiting_since=waiting,
            resolved_at=None,
        ):
            raise RuleViolation(f"case #{row.number} changed meanwhile; please send again")
        kind = (
            EventKind.REOPENED
            if verdict is lifecycle.InboundDecision.REOPEN
            else EventKind.STATUS_CHANGED
        )
        events.log_event(
            session,
            case_id=case_id,
            kind=kind,
            actor=None,
            from_value=current.value,
            to_value=CaseStatus.OPEN.value,
            reason="the customer wrote again",
        )
    elif current is CaseStatus.RESOLVED:
        # Only a thank-you: the case stays resolved and no waiting clock starts.
        cases.touch(session, case_id)
    else:
        cases.touch(session, case_id, waiting_since=waiting)


def form_key(db: Database) -> bytes:
    """The key that signs form tokens, the same for every gateway on this database."""
    with db.write() as session:
        return chat_store.signing_key(session).encode("ascii")


def forget_old_nonces(db: Database, max_age: timedelta) -> None:
    """Spent nonces of forms past their lifetime can go: such forms are refused anyway."""
    with db.write() as session:
        chat_store.forget_nonces(session, utcnow() - max_age - timedelta(hours=1))
