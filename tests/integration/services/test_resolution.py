"""Resolving that asks the customer, on SQLite and PostgreSQL."""

import re
import time
from dataclasses import replace

import pytest
from sqlalchemy import text

from omnidesk.core.enums import CaseStatus, Channel, EventKind, IdentityKind
from omnidesk.core.errors import ConfigError, InvalidInput
from omnidesk.core.ids import CaseNumber
from omnidesk.core.resolution_token import ResolutionToken, verify
from omnidesk.services.acknowledge import AckSettings
from omnidesk.services.cases import Incoming, case_detail, change_status, open_case
from omnidesk.services.ingest_email import IngestPolicy, ingest_email
from omnidesk.services.resolution import (
    Answer,
    AskSettings,
    Outcome,
    check_answer,
    record_answer,
    resolution_key,
    resolve_and_ask,
)
from omnidesk.store.engine import Database
from tests.integration.services.test_acknowledgements import mail

ASK = AskSettings(public_url="https://support.example.com/", ack=AckSettings(team_name="Team"))
LINK = re.compile(r"https://support\.example\.com/resolution/([0-9a-f.]+)/(yes|no)")


def question_mail(db: Database) -> tuple[str, str, str | None]:
    """(recipient, body, In-Reply-To) of the newest queued mail."""
    with db.read() as session:
        row = session.execute(
            text(
                "SELECT o.recipients, m.body_text, m.in_reply_to FROM outbox o "
                "JOIN message m ON m.id = o.message_id ORDER BY o.id DESC"
            )
        ).first()
    assert row is not None
    return row[0], row[1], row[2]


def token_in(db: Database) -> ResolutionToken:
    links = LINK.findall(question_mail(db)[1])
    assert [answer for _, answer in links] == ["yes", "no"]
    assert links[0][0] == links[1][0]
    return verify(resolution_key(db), links[0][0], now=time.time())


def test_resolving_asks_the_customer_by_mail_threaded_on_the_case(db, anna):
    number = ingest_email(db, mail(), source=None, policy=IngestPolicy()).case_number
    asked = resolve_and_ask(db, number, agent=anna, settings=ASK)
    detail = case_detail(db, number)
    assert detail.case.status is CaseStatus.RESOLVED
    assert detail.owner is not None
    assert detail.owner.name == "anna"
    assert EventKind.RESOLUTION_ASKED in [e.kind for e in detail.events]
    recipient, body, in_reply_to = question_mail(db)
    assert recipient == asked.recipient == "kunde@example.de"
    assert in_reply_to == "<first@mail.example.de>"
    assert "Hat das Ihr Problem gelöst?" in body  # the customer wrote German
    token = token_in(db)
    assert (token.case, token.question) == (number, asked.question)
    assert check_answer(db, token).outcome is Outcome.ANSWERABLE


def test_yes_keeps_the_case_resolved_for_good(db, anna):
    number = ingest_email(db, mail(), source=None, policy=IngestPolicy()).case_number
    resolve_and_ask(db, number, agent=anna, settings=ASK)
    token = token_in(db)
    assert record_answer(db, token, Answer.YES).outcome is Outcome.RECORDED
    again = record_answer(db, token, Answer.NO)
    assert (again.outcome, again.answer) == (Outcome.ALREADY_ANSWERED, Answer.YES)
    detail = case_detail(db, number)
    assert detail.case.status is CaseStatus.RESOLVED
    assert EventKind.RESOLUTION_CONFIRMED in [e.kind for e in detail.events]
    # Later, a thank-you stays on the case; a new question starts a linked case.
    thanks = mail(message_id="<t@x>", in_reply_to="<first@mail.example.de>", text="Danke!")
    assert ingest_email(db, thanks, source=None, policy=IngestPolicy()).case_number == number
    other = mail(message_id="<o@x>", in_reply_to="<first@mail.example.de>", text="Neue Frage?")
    linked = ingest_email(db, other, source=None, policy=IngestPolicy())
    assert linked.case_number != number
    assert case_detail(db, number).case.status is CaseStatus.RESOLVED


def test_no_reopens_with_the_same_owner(db, anna):
    number = ingest_email(db, mail(), source=None, policy=IngestPolicy()).case_number
    resolve_and_ask(db, number, agent=anna, settings=ASK)
    token = token_in(db)
    result = record_answer(db, token, Answer.NO)
    assert (result.outcome, result.answer) == (Outcome.RECORDED, Answer.NO)
    detail = case_detail(db, number)
    assert detail.case.status is CaseStatus.OPEN
    assert detail.case.waiting_since is not None
    assert detail.owner is not None
    assert detail.owner.name == "anna"
    kinds = [e.kind for e in detail.events]
    assert kinds[-2:] == [EventKind.RESOLUTION_REJECTED, EventKind.REOPENED]
    replay = record_answer(db, token, Answer.NO)
    assert (replay.outcome, replay.answer) == (Outcome.ALREADY_ANSWERED, Answer.NO)


def test_an_old_link_cannot_act_on_a_later_resolution(db, anna):
    number = ingest_email(db, mail(), source=None, policy=IngestPolicy()).case_number
    resolve_and_ask(db, number, agent=anna, settings=ASK)
    first = token_in(db)
    change_status(db, number, agent=anna, status=CaseStatus.OPEN)
    change_status(db, number, agent=anna, status=CaseStatus.RESOLVED)
    assert record_answer(db, first, Answer.NO).outcome is Outcome.SUPERSEDED
    change_status(db, number, agent=anna, status=CaseStatus.OPEN)
    resolve_and_ask(db, number, agent=anna, settings=ASK)
    second = token_in(db)
    assert second.question != first.question
    assert record_answer(db, first, Answer.YES).outcome is Outcome.SUPERSEDED
    assert record_answer(db, second, Answer.YES).outcome is Outcome.RECORDED
    wrong_case = replace(second, case=CaseNumber(99999))
    assert record_answer(db, wrong_case, Answer.NO).outcome is Outcome.UNKNOWN


def test_refused_without_an_address_or_public_url(db, anna):
    phone = open_case(
        db,
        Incoming(
            channel=Channel.PHONE,
            identity_kind=IdentityKind.PHONE,
            identity_value="+49 30 1234567",
            customer_name="Anrufer",
            subject="Rückruf",
            text="Bitte zurückrufen",
        ),
    )
    with pytest.raises(InvalidInput, match="no email address to ask"):
        resolve_and_ask(db, phone, agent=anna, settings=ASK)
    assert case_detail(db, phone).case.status is CaseStatus.NEW  # nothing changed
    with pytest.raises(ConfigError, match="public_url"):
        resolve_and_ask(db, phone, agent=anna, settings=replace(ASK, public_url=""))
