"""A reply does not leave when the case moved on under its writer; colleagues on a case are seen."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from omnidesk.core.collision import ChangedSinceDraft
from omnidesk.core.enums import Channel, Direction, IdentityKind, ReplyMode
from omnidesk.core.presence import STALE_AFTER, Activity
from omnidesk.services.cases import Incoming, case_detail, claim_case, write_on_case
from omnidesk.services.presence import colleagues_on, report_presence, withdraw_presence
from omnidesk.store.messages import NewMessage, insert_message
from omnidesk.store.tables_team import CasePresenceRow
from omnidesk.store.types import utcnow


def newest(db, number):
    return max(m.id for m in case_detail(db, number).messages)


def customer_writes(db, number, text):
    with db.write() as session:
        insert_message(
            session,
            case_detail(db, number).case.id,
            NewMessage(Channel.EMAIL, Direction.IN, "Käthe Köhler", text),
        )


def test_a_reply_is_stopped_when_the_customer_wrote_since_the_draft_began(db, anna, case_number):
    claim_case(db, case_number, anna)
    seen = newest(db, case_number)
    customer_writes(db, case_number, "Hallo? Ich warte noch auf eine Antwort.")
    with pytest.raises(ChangedSinceDraft) as refused:
        write_on_case(
            db,
            case_number,
            agent=anna,
            text="Wir prüfen das.",
            mode=ReplyMode.REPLY,
            seen_up_to=seen,
        )
    assert "new message" in refused.value.message
    assert refused.value.unseen == (newest(db, case_number),)
    # Nothing was written by the refused attempt.
    assert newest(db, case_number) == refused.value.unseen[0]
    # Having read it, the agent sends.
    write_on_case(
        db,
        case_number,
        agent=anna,
        text="Wir prüfen das.",
        mode=ReplyMode.REPLY,
        seen_up_to=newest(db, case_number),
    )


def test_a_colleagues_reply_stops_mine_but_my_own_earlier_reply_does_not(
    db, anna, ben, case_number
):
    claim_case(db, case_number, anna)
    seen = newest(db, case_number)
    write_on_case(db, case_number, agent=anna, text="Erste Antwort.", mode=ReplyMode.REPLY)
    # My own message since the draft began is no collision.
    write_on_case(
        db, case_number, agent=anna, text="Nachtrag.", mode=ReplyMode.REPLY, seen_up_to=seen
    )
    seen = newest(db, case_number)
    write_on_case(db, case_number, agent=ben, text="Ich übernehme kurz.", mode=ReplyMode.ON_BEHALF)
    with pytest.raises(ChangedSinceDraft):
        write_on_case(
            db,
            case_number,
            agent=anna,
            text="Noch etwas.",
            mode=ReplyMode.REPLY,
            seen_up_to=seen,
        )
    # A note is internal: it is never stopped.
    write_on_case(db, case_number, agent=anna, text="Notiz.", mode=ReplyMode.NOTE, seen_up_to=seen)


def test_colleagues_on_a_case_are_listed_replying_first_and_stale_reports_vanish(
    db, anna, ben, case_number
):
    report_presence(db, anna, case_number, Activity.VIEWING)
    report_presence(db, ben, case_number, Activity.REPLYING)
    seen_by_anna = colleagues_on(db, case_number, anna)
    assert [(p.name, p.activity) for p in seen_by_anna] == [("Ben Carter", Activity.REPLYING)]
    everyone = colleagues_on(db, case_number, None)
    assert [p.name for p in everyone] == ["Ben Carter", "Anna Schmidt"]
    # Ben's desktop died without taking its report back: after the horizon he is gone.
    with db.write() as session:
        session.execute(
            update(CasePresenceRow)
            .where(CasePresenceRow.agent_id == ben.id)
            .values(seen_at=utcnow() - STALE_AFTER - timedelta(seconds=1))
        )
    assert colleagues_on(db, case_number, anna) == []
    withdraw_presence(db, anna)
    assert colleagues_on(db, case_number, None) == []


def test_an_agent_is_on_one_case_at_a_time(db, anna, ben, case_number):
    from omnidesk.services.cases import open_case

    other = open_case(
        db,
        Incoming(
            channel=Channel.EMAIL,
            identity_kind=IdentityKind.EMAIL,
            identity_value="zweiter@example.de",
            customer_name="Zweiter Kunde",
            subject="Andere Frage",
            text="Eine andere Frage.",
        ),
    )
    report_presence(db, anna, case_number, Activity.VIEWING)
    report_presence(db, anna, other, Activity.REPLYING)
    assert colleagues_on(db, case_number, ben) == []
    assert [p.activity for p in colleagues_on(db, other, ben)] == [Activity.REPLYING]
