"""Every field filter, negated and OR-ed, alone and with words, on both backends."""

from datetime import timedelta

import pytest
from sqlmodel import col, select

from omnidesk.core.enums import CaseStatus, Channel, CommitmentKind, ReplyMode
from omnidesk.core.errors import InvalidInput
from omnidesk.core.ids import CaseId, CaseNumber
from omnidesk.services.cases import change_status, claim_case, write_on_case
from omnidesk.store import commitments
from omnidesk.store.tables import AttachmentRow, CaseRow, CaseTagRow, MessageRow
from tests.integration.search.conftest import NOW


def _case_id(db, number: CaseNumber) -> CaseId:
    with db.read() as session:
        row = session.exec(select(CaseRow).where(col(CaseRow.number) == number)).one()
        assert row.id is not None
        return CaseId(row.id)


def test_from_to_customer_and_subject(desk, db):
    anna = desk.agent("anna", "Anna Schmidt")
    grace = desk.case(
        "Hi", subject="Refund please", customer="Grace Hopper", address="g@navy.example"
    )
    jurgen = desk.case(
        "Hallo", subject="Lieferung", customer="Jürgen Groß", address="jg@web.example"
    )
    write_on_case(db, jurgen, agent=anna, text="Wir prüfen das.", mode=ReplyMode.REPLY)
    assert desk.found_set("from:grace") == {grace}
    assert desk.found_set("from:g@navy.example") == {grace}
    assert desk.found_set("from:anna") == {jurgen}
    assert desk.found_set('from:"anna schmidt"') == {jurgen}
    assert desk.found_set("to:gross") == {jurgen}
    assert desk.found_set("to:grace") == set()
    assert desk.found_set("customer:groß") == {jurgen}
    assert desk.found_set("customer:web.example") == {jurgen}
    assert desk.found_set("subject:refund") == {grace}
    assert desk.found_set("subject:lief*") == {jurgen}
    assert desk.found_set("-subject:refund") == {jurgen}
    assert desk.found_set("from:grace OR from:anna") == {grace, jurgen}
    # A field word is not a field filter for other fields: "refund" is in grace's subject only.
    assert desk.found_set("from:refund") == set()
    # The words must sit in the same message: anna's reply is not from the customer.
    assert desk.found_set("from:anna customer:groß") == {jurgen}
    assert desk.found_set("from:anna hallo") == set()


def test_owner_me_none_and_names(desk, db):
    anna, ben = desk.agent("anna", "Anna Schmidt"), desk.agent("ben")
    mine = desk.case("eins")
    bens = desk.case("zwei")
    free = desk.case("drei")
    claim_case(db, mine, anna)
    claim_case(db, bens, ben)
    assert desk.found_set("owner:me", me=anna.id) == {mine}
    assert desk.found_set("owner:me", me=ben.id) == {bens}
    assert desk.found_set("owner:none") == {free}
    assert desk.found_set("is:unassigned") == {free}
    assert desk.found_set("owner:ben") == {bens}
    assert desk.found_set('owner:"Anna Schmidt"') == {mine}
    assert desk.found_set("-owner:ben") == {mine, free}
    assert desk.found_set("owner:anna OR owner:none") == {mine, free}
    assert desk.found_set("-is:unassigned") == {mine, bens}
    with pytest.raises(InvalidInput, match="owner:me"):
        desk.found("owner:me")
    with pytest.raises(InvalidInput, match=r"no agent of that name \(agents: anna, ben\)"):
        desk.found("owner:zoe")


def test_status_channel_and_case_number(desk, db):
    anna = desk.agent("anna")
    email = desk.case("Router kaputt")
    chat = desk.case("Router kaputt", channel=Channel.CHAT, address="visitor-1")
    change_status(db, email, agent=anna, status=CaseStatus.OPEN)
    assert desk.found_set("status:open") == {email}
    assert desk.found_set("status:new router") == {chat}
    assert desk.found_set("-status:new") == {email}
    assert desk.found_set("status:open OR status:new") == {email, chat}
    assert desk.found_set("channel:chat") == {chat}
    assert desk.found_set("channel:mail router") == {email}
    assert desk.found_set(f"#{chat}") == {chat}
    assert desk.found_set(f"router -#{chat}") == {email}


def test_tags_attachments_and_overdue(desk, db):
    anna = desk.agent("anna")
    tagged = desk.case("eins")
    attached = desk.case("zwei", attachments=("Foto.jpg",))
    inline_only = desk.case("drei")
    late = desk.case("vier")
    with db.write() as session:
        session.add(CaseTagRow(case_id=_case_id(db, tagged), tag="VIP"))
        message = session.exec(
            select(MessageRow).where(col(MessageRow.case_id) == _case_id(db, inline_only))
        ).one()
        session.add(
            AttachmentRow(
                message_id=message.id or 0,
                filename="logo.png",
                sha256=_blob(session),
                inline=True,
            )
        )
        for number, due in ((late, NOW - timedelta(hours=1)), (tagged, NOW + timedelta(days=1))):
            commitments.insert_commitment(
                session,
                case_id=_case_id(db, number),
                owner_id=anna.id,
                kind=CommitmentKind.CALLBACK,
                due_at=due,
            )
    assert desk.found_set("tag:vip") == {tagged}
    assert desk.found_set("-tag:vip") == {attached, inline_only, late}
    assert desk.found_set("has:attachment") == {attached}
    assert desk.found_set("has:attachments zwei") == {attached}
    assert desk.found_set("is:overdue") == {late}
    assert desk.found_set("-is:overdue") == {tagged, attached, inline_only}


def _blob(session) -> str:
    from omnidesk.store.blobs import put_blob

    return put_blob(session, b"logo")


def test_before_and_after_are_local_days(desk):
    old = desk.case("alt", days_ago=40)
    week = desk.case("woche", days_ago=6)
    today = desk.case("heute", days_ago=0.01)
    assert desk.found_set("after:7d") == {week, today}
    assert desk.found_set("before:7d") == {old}
    assert desk.found_set("after:30d before:1d") == {week}
    day = (NOW - timedelta(days=6)).astimezone(desk_zone()).date()
    assert desk.found_set(f"after:{day} before:{day + timedelta(days=1)}") == {week}
    assert desk.found_set("after:today") == {today}
    assert desk.found_set("-after:7d") == {old}


def desk_zone():
    from tests.integration.search.conftest import BERLIN

    return BERLIN


def test_text_filters_or_other_filters(desk, db):
    anna = desk.agent("anna")
    grace = desk.case("Hi", customer="Grace Hopper", address="g@navy.example")
    other = desk.case("Hallo")
    third = desk.case("Servus")
    claim_case(db, other, anna)
    assert desk.found_set("from:grace OR owner:anna") == {grace, other}
    assert desk.found_set("-from:grace OR owner:anna") == {other, third}
    assert desk.found_set("customer:hopper OR status:new") == {grace, third}
