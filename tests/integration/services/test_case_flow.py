"""Ownership, writing, status and commitments through the services, on both backends."""

from datetime import UTC, datetime, timedelta

import pytest

from omnidesk.core.enums import CaseStatus, CommitmentKind, CommitmentState, EventKind, ReplyMode
from omnidesk.core.errors import InvalidInput, NotFound, OwnedByOther, RuleViolation
from omnidesk.core.ids import CaseNumber
from omnidesk.services.cases import (
    CaseDetail,
    case_detail,
    change_status,
    claim_case,
    handover_case,
    open_case,
    write_on_case,
)
from omnidesk.services.commitments import (
    add_commitment,
    cancel_commitment,
    complete_commitment,
)
from tests.integration.services.conftest import incoming


def kinds(detail: CaseDetail) -> list[str]:
    return [e.kind.value for e in detail.events]


def owner_name(detail: CaseDetail) -> str | None:
    return detail.owner.name if detail.owner else None


def test_a_new_case_is_unowned_new_and_logged(db, case_number):
    detail = case_detail(db, case_number)
    assert case_number >= 1001
    assert detail.owner is None
    assert detail.case.status is CaseStatus.NEW
    assert detail.customer.identities[0].value == "kunde@example.de"
    assert kinds(detail) == ["case_created"]
    assert detail.messages[0].direction.value == "in"


def test_the_same_address_is_the_same_customer(db, case_number):
    second = open_case(db, incoming(address="KUNDE@example.de", subject="Noch eine Frage"))
    assert case_detail(db, second).customer.id == case_detail(db, case_number).customer.id


def test_first_reply_claims_and_waits_on_customer(db, case_number, anna):
    write_on_case(db, case_number, agent=anna, text="Ich kümmere mich darum.", mode=ReplyMode.REPLY)
    detail = case_detail(db, case_number)
    assert owner_name(detail) == "anna"
    assert detail.case.status is CaseStatus.WAITING_ON_CUSTOMER
    assert detail.case.first_response_at is not None
    assert detail.case.waiting_since is None
    reply = detail.messages[-1]
    assert (reply.direction, reply.delivery_state) == ("out", "queued")
    assert kinds(detail) == ["case_created", "claimed", "status_changed", "reply_queued"]


def test_non_owner_must_choose_note_or_on_behalf(db, case_number, anna, ben):
    claim_case(db, case_number, anna)
    with pytest.raises(OwnedByOther, match=f"case #{case_number} is owned by anna"):
        write_on_case(db, case_number, agent=ben, text="Hallo", mode=ReplyMode.REPLY)

    write_on_case(db, case_number, agent=ben, text="Kunde ist VIP", mode=ReplyMode.NOTE)
    write_on_case(
        db,
        case_number,
        agent=ben,
        text="Anna ist heute krank, ich antworte.",
        mode=ReplyMode.ON_BEHALF,
    )
    detail = case_detail(db, case_number)
    assert owner_name(detail) == "anna"
    note, reply = detail.messages[-2:]
    assert (note.direction.value, note.channel.value, note.delivery_state) == (
        "internal",
        "note",
        None,
    )
    assert reply.on_behalf_of_id == anna.id
    assert reply.author_agent_id == ben.id
    assert detail.events[-1].reason == "on behalf of anna"


def test_a_note_on_an_unowned_case_does_not_claim_it(db, case_number, ben):
    write_on_case(db, case_number, agent=ben, text="Spam?", mode=ReplyMode.NOTE)
    assert case_detail(db, case_number).owner is None


def test_handover_changes_owner_with_a_logged_reason(db, case_number, anna, ben):
    claim_case(db, case_number, anna)
    handover_case(db, case_number, actor=anna, to=ben, reason="Ben kennt den Kunden")
    detail = case_detail(db, case_number)
    assert owner_name(detail) == "ben"
    handed = detail.events[-1]
    assert (handed.kind, handed.actor, handed.from_value, handed.to_value, handed.reason) == (
        EventKind.HANDED_OVER,
        "anna",
        "anna",
        "ben",
        "Ben kennt den Kunden",
    )
    with pytest.raises(InvalidInput, match="needs a reason"):
        handover_case(db, case_number, actor=ben, to=anna, reason="")
    assert owner_name(case_detail(db, case_number)) == "ben"


def test_resolve_is_refused_while_a_commitment_is_open(db, case_number, anna):
    claim_case(db, case_number, anna)
    due = datetime.now(UTC) + timedelta(days=1)
    promise = add_commitment(
        db, case_number, actor=anna, kind=CommitmentKind.CALLBACK, due_at=due, note="Rückruf 10 Uhr"
    )
    with pytest.raises(RuleViolation, match="1 open commitment"):
        change_status(db, case_number, agent=anna, status=CaseStatus.RESOLVED)
    with pytest.raises(InvalidInput, match="needs a reason"):
        cancel_commitment(db, promise.id, actor=anna, reason="")
    cancelled = cancel_commitment(db, promise.id, actor=anna, reason="Kunde hat selbst angerufen")
    assert cancelled.state is CommitmentState.CANCELLED
    change_status(db, case_number, agent=anna, status=CaseStatus.RESOLVED)
    detail = case_detail(db, case_number)
    assert detail.case.status is CaseStatus.RESOLVED
    assert detail.case.resolved_at is not None
    assert "commitment_cancelled" in kinds(detail)
    assert detail.events[-1].to_value == "resolved"


def test_a_commitment_is_closed_once(db, case_number, anna, ben):
    claim_case(db, case_number, anna)
    promise = add_commitment(
        db,
        case_number,
        actor=ben,
        kind=CommitmentKind.FOLLOW_UP,
        due_at=datetime.now(UTC) + timedelta(hours=3),
    )
    assert promise.owner_id == anna.id  # the case owner by default, whoever records it
    done = complete_commitment(db, promise.id, actor=anna, outcome="reached")
    assert (done.state, done.outcome) == (CommitmentState.DONE, "reached")
    with pytest.raises(RuleViolation, match="already done"):
        complete_commitment(db, promise.id, actor=anna)


def test_resolving_an_unowned_case_is_a_first_action_that_claims(db, case_number, ben):
    change_status(db, case_number, agent=ben, status=CaseStatus.RESOLVED)
    detail = case_detail(db, case_number)
    assert owner_name(detail) == "ben"
    assert detail.case.status is CaseStatus.RESOLVED


def test_unknown_case_is_a_clear_not_found(db, anna):
    with pytest.raises(NotFound, match="there is no case #99999"):
        claim_case(db, CaseNumber(99999), anna)


def test_replies_go_by_email_when_there_is_an_address_else_by_chat(db, anna):
    from dataclasses import replace

    from sqlalchemy import text

    from omnidesk.core.enums import Channel, IdentityKind
    from tests.integration.services.conftest import incoming

    chat = open_case(
        db,
        replace(
            incoming(),
            channel=Channel.CHAT,
            identity_kind=IdentityKind.CHAT,
            identity_value="visitor-42",
        ),
    )
    write_on_case(db, chat, agent=anna, text="Hallo im Chat", mode=ReplyMode.REPLY)
    reply = case_detail(db, chat).messages[-1]
    assert (reply.channel.value, reply.delivery_state.value if reply.delivery_state else None) == (
        "chat",
        "queued",
    )
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM outbox")).scalar() == 0

    mail_case = open_case(db, incoming(address="mail@example.de"))
    write_on_case(db, mail_case, agent=anna, text="Per E-Mail", mode=ReplyMode.REPLY)
    assert case_detail(db, mail_case).messages[-1].channel.value == "email"
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM outbox")).scalar() == 1


def test_a_phone_only_customer_cannot_get_a_written_reply(db, anna):
    from dataclasses import replace

    from omnidesk.core.enums import Channel, IdentityKind
    from tests.integration.services.conftest import incoming

    phone = open_case(
        db,
        replace(
            incoming(),
            channel=Channel.PHONE,
            identity_kind=IdentityKind.PHONE,
            identity_value="+49 30 1234567",
        ),
    )
    with pytest.raises(InvalidInput, match="no email address and no chat"):
        write_on_case(db, phone, agent=anna, text="Hallo", mode=ReplyMode.REPLY)
    write_on_case(db, phone, agent=anna, text="Angerufen, erreicht.", mode=ReplyMode.NOTE)


def test_sending_despite_the_pre_send_check_is_logged_with_the_reply(db, case_number, anna):
    write_on_case(
        db,
        case_number,
        agent=anna,
        text="Anbei die Rechnung.",
        mode=ReplyMode.REPLY,
        overridden_checks=("missing_attachment", "unanswered_question"),
    )
    detail = case_detail(db, case_number)
    override = next(e for e in detail.events if e.kind == "presend_overridden")
    assert (override.actor, override.reason) == ("anna", "missing_attachment, unanswered_question")
    assert detail.events[-1].kind == "reply_queued"
