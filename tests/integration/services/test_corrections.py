"""Moving and splitting messages that were threaded into the wrong case."""

import pytest

from omnidesk.core.enums import ReplyMode
from omnidesk.core.errors import InvalidInput, RuleViolation
from omnidesk.services.cases import case_detail, open_case, write_on_case
from omnidesk.services.corrections import move_message, split_message
from omnidesk.services.ingest_email import IngestPolicy, ingest_email
from tests.integration.services.conftest import incoming
from tests.integration.services.test_ingest_email import mail


def test_move_a_message_to_the_case_it_belongs_to(db, anna):
    first = ingest_email(db, mail(), source=None, policy=IngestPolicy())
    other = open_case(db, incoming(subject="Lieferung"))
    move_message(db, first.message_id, to=other, actor=anna, reason="gehört zur Lieferung")
    assert case_detail(db, first.case_number).messages == []
    moved = next(m for m in case_detail(db, other).messages if m.id == first.message_id)
    assert moved.thread_reason == (
        f"moved by anna from case #{first.case_number}: gehört zur Lieferung"
    )
    out = case_detail(db, first.case_number).events[-1]
    into = case_detail(db, other).events[-1]
    assert (out.kind, out.actor, out.to_value) == ("message_moved_out", "anna", f"#{other}")
    assert (into.kind, into.from_value) == ("message_moved_in", f"#{first.case_number}")


def test_split_a_message_into_a_new_case(db, anna):
    first = ingest_email(db, mail(), source=None, policy=IngestPolicy())
    second = ingest_email(
        db,
        mail(
            message_id="<new-topic@x>",
            in_reply_to="<first@mail.example.de>",
            subject="Neues Thema",
            text="Ganz andere Frage",
        ),
        source=None,
        policy=IngestPolicy(),
    )
    assert second.case_number == first.case_number
    number = split_message(db, second.message_id, actor=anna, reason="neues Thema")
    assert number != first.case_number
    new = case_detail(db, number)
    assert [m.id for m in new.messages] == [second.message_id]
    assert new.case.subject == "Neues Thema"
    assert new.customer.id == case_detail(db, first.case_number).customer.id
    assert "split from case" in (new.events[0].reason or "")


def test_corrections_need_a_reason_and_keep_our_replies(db, anna):
    first = ingest_email(db, mail(), source=None, policy=IngestPolicy())
    other = open_case(db, incoming(subject="x"))
    with pytest.raises(InvalidInput, match="needs a reason"):
        move_message(db, first.message_id, to=other, actor=anna, reason="")
    with pytest.raises(RuleViolation, match="already on case"):
        move_message(db, first.message_id, to=first.case_number, actor=anna, reason="gleich")
    reply = write_on_case(db, first.case_number, agent=anna, text="Antwort", mode=ReplyMode.REPLY)
    with pytest.raises(RuleViolation, match="only messages from the customer"):
        split_message(db, reply, actor=anna, reason="geht nicht")
