"""Live chat end to end on each backend: stored on arrival, agent replies delivered live,
lossless reconnects, no agent online, email fallback, linking known customers."""

import asyncio

from sqlalchemy import text

from omnidesk.core.enums import CaseStatus, Channel, Direction, IdentityKind, ReplyMode
from omnidesk.core.ids import CaseNumber
from omnidesk.services.cases import Incoming, case_detail, open_case, write_on_case
from omnidesk.store.chat import token_hash
from tests.integration.gateway.conftest import Visitor, counts, eventually, new_client_id


async def test_a_visitor_message_is_stored_the_moment_it_arrives(db, gateway, visitor, online):
    welcome = await visitor.connect()
    assert welcome["agents_online"] is True
    assert welcome["conversation"] is None
    number = await visitor.start("Hallo, meine Bestellung 4711 fehlt.", email="kaethe@example.de")
    detail = case_detail(db, CaseNumber(number))
    first = detail.messages[0]
    assert (first.channel, first.direction) == (Channel.CHAT, Direction.IN)
    assert first.body_text == "Hallo, meine Bestellung 4711 fehlt."
    assert detail.case.subject == "Chat: Hallo, meine Bestellung 4711 fehlt."
    entry = await visitor.say("Sie ist seit Montag unterwegs.")
    assert entry["seq"] == 2
    assert (
        case_detail(db, CaseNumber(number)).messages[-1].body_text
        == "Sie ist seit Montag unterwegs."
    )
    with db.read() as session:
        stored = session.execute(text("SELECT token_hash FROM chat_conversation")).scalar_one()
    # Only the hash of the visitor's token is in the database.
    assert stored == token_hash(visitor.token) != visitor.token


async def test_an_agent_reply_reaches_the_visitor_live(db, gateway, visitor, online):
    await visitor.connect()
    number = await visitor.start("Is anyone there?")
    write_on_case(
        db, CaseNumber(number), agent=online, text="Yes, Anna here.", mode=ReplyMode.REPLY
    )
    entry = await visitor.expect("entry")
    assert (entry["from"], entry["author"], entry["text"]) == (
        "agent",
        "Anna Schmidt",
        "Yes, Anna here.",
    )
    assert entry["channel"] == "chat"
    # Shown on a visible page: the reply counts as delivered.
    await visitor.send({"type": "seen", "seq": entry["seq"]})
    await eventually(
        lambda: case_detail(db, CaseNumber(number)).messages[-1].delivery_state == "sent"
    )
    detail = case_detail(db, CaseNumber(number))
    assert detail.owner is not None
    assert detail.owner.name == "anna"
    assert detail.case.status is CaseStatus.WAITING_ON_CUSTOMER
    await visitor.say("Great!")
    assert case_detail(db, CaseNumber(number)).case.status is CaseStatus.OPEN


async def test_reconnecting_gets_exactly_what_was_missed(db, gateway, http, online):
    first = Visitor(http, gateway)
    await first.connect()
    number = await first.start("one")
    await first.say("two")
    await first.close()
    # While the visitor is away, the agent answers twice.
    write_on_case(db, CaseNumber(number), agent=online, text="three", mode=ReplyMode.REPLY)
    write_on_case(db, CaseNumber(number), agent=online, text="four", mode=ReplyMode.REPLY)
    await eventually(lambda: _entries(db) == 4)
    again = Visitor(http, gateway)
    again.token = first.token
    await again.connect(token=first.token, after=2)
    missed = [await again.expect("entry"), await again.expect("entry")]
    assert [(e["seq"], e["text"]) for e in missed] == [(3, "three"), (4, "four")]
    # A reload (after=0) shows the whole conversation, in order.
    reload = Visitor(http, gateway)
    await reload.connect(token=first.token, after=0)
    texts = [(await reload.expect("entry"))["text"] for _ in range(4)]
    assert texts == ["one", "two", "three", "four"]
    await again.close()
    await reload.close()


async def test_a_resent_message_is_stored_once(db, gateway, visitor, online):
    await visitor.connect()
    await visitor.start("hello")
    client_id = new_client_id()
    first = await visitor.say("only once", client_id=client_id)
    before = counts(db)
    # The page did not see the acknowledgement (connection dropped) and sends it again.
    again = await visitor.say("only once", client_id=client_id)
    assert again["seq"] == first["seq"]
    assert counts(db) == before


async def test_a_resent_start_opens_one_case(db, gateway, http, online):
    first = Visitor(http, gateway)
    await first.connect()
    number = await first.start("first words")
    await first.close()
    again = Visitor(http, gateway)
    again.token = first.token
    await again.connect()
    assert await again.start("first words") == number
    assert counts(db)["support_case"] == 1
    await again.close()


async def test_two_tabs_of_one_visitor_both_see_everything(db, gateway, http, online):
    tab1 = Visitor(http, gateway)
    await tab1.connect()
    number = await tab1.start("from tab one")
    tab2 = Visitor(http, gateway)
    await tab2.connect(token=tab1.token)
    assert (await tab2.expect("entry"))["text"] == "from tab one"
    await tab1.say("again from tab one")
    assert (await tab2.expect("entry"))["text"] == "again from tab one"
    write_on_case(db, CaseNumber(number), agent=online, text="to both", mode=ReplyMode.REPLY)
    assert (await tab1.expect("entry"))["text"] == "to both"
    assert (await tab2.expect("entry"))["text"] == "to both"
    await tab1.close()
    await tab2.close()


async def test_a_visitor_can_reach_only_their_own_conversation(db, gateway, http, online):
    alice, mallory = Visitor(http, gateway), Visitor(http, gateway)
    await alice.connect()
    await alice.start("private question")
    await mallory.connect()
    await mallory.start("my own chat")
    entries = [f for f in mallory.frames if f["type"] == "entry"]
    assert [e["text"] for e in entries] == ["my own chat"]
    await alice.say("more private text")
    await asyncio.sleep(0.3)
    assert all(f.get("text") != "more private text" for f in mallory.frames)
    await alice.close()
    await mallory.close()


async def test_without_agents_the_chat_becomes_leave_a_message(db, gateway, visitor, anna):
    welcome = await visitor.connect()
    assert welcome["agents_online"] is False
    await visitor.send(
        {"type": "start", "token": visitor.token, "client_id": new_client_id(), "text": "Hilfe"}
    )
    refused = await visitor.expect("error")
    assert refused["code"] == "email_required"
    assert counts(db)["support_case"] == 0
    number = await visitor.start("Hilfe, bitte per Mail.", email="Kaethe@Example.de")
    detail = case_detail(db, CaseNumber(number))
    ack = detail.messages[-1]
    # The acknowledgement with the case number goes out by email (the outbox).
    assert (ack.channel, ack.direction, ack.delivery_state) == ("email", "out", "queued")
    assert f"#{number}" in ack.subject
    assert f"#{number}" in ack.body_text
    with db.read() as session:
        recipients = session.execute(text("SELECT recipients FROM outbox")).scalar_one()
    assert recipients == "kaethe@example.de"
    await visitor.close()
    # Later an agent answers; the visitor is gone, so the reply goes by email.
    write_on_case(db, CaseNumber(number), agent=anna, text="Antwort per Mail", mode=ReplyMode.REPLY)
    assert case_detail(db, CaseNumber(number)).messages[-1].channel is Channel.EMAIL
    await eventually(lambda: _entries(db) == 2)
    # Coming back to the chat, the visitor sees the answer in the same conversation.
    back = Visitor(visitor.session, gateway)
    await back.connect(token=visitor.token)
    texts = [(await back.expect("entry"))["text"] for _ in range(2)]
    assert texts == ["Hilfe, bitte per Mail.", "Antwort per Mail"]
    await back.close()


async def test_an_email_reply_goes_to_the_chat_while_the_visitor_is_there(
    db, gateway, visitor, online
):
    await visitor.connect()
    number = await visitor.start("Quick question", email="kaethe@example.de")
    # The customer has an address, so the reply service queues an email...
    write_on_case(db, CaseNumber(number), agent=online, text="Quick answer", mode=ReplyMode.REPLY)
    entry = await visitor.expect("entry")
    assert entry["text"] == "Quick answer"
    # ...but the visitor sits in the chat: it is delivered there instead, not twice.
    assert entry["channel"] == "chat"
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM outbox")).scalar_one() == 0
    reply = case_detail(db, CaseNumber(number)).messages[-1]
    assert reply.channel is Channel.CHAT


async def test_unseen_replies_reach_a_departed_visitor_by_email(db, gateway, visitor, online):
    await visitor.connect()
    number = await visitor.start("I have to leave soon.")
    await visitor.send({"type": "email", "email": "kaethe@example.de"})
    await visitor.expect("email_set")
    await visitor.close()
    write_on_case(
        db, CaseNumber(number), agent=online, text="Here is the answer.", mode=ReplyMode.REPLY
    )

    def emailed() -> bool:
        with db.read() as session:
            found = session.execute(text("SELECT recipients FROM outbox")).scalar()
        return bool(found == "kaethe@example.de")

    await eventually(emailed, within=15)
    reply = case_detail(db, CaseNumber(number)).messages[-1]
    assert reply.channel is Channel.EMAIL
    assert f"[#{number}]" in reply.subject
    assert reply.message_id_header


async def test_only_the_visitor_ends_a_chat_and_the_case_stays_open(db, gateway, visitor, online):
    await visitor.connect()
    number = await visitor.start("Thanks, that's all.")
    await visitor.send({"type": "end"})
    await visitor.expect("ended")
    detail = case_detail(db, CaseNumber(number))
    assert detail.case.status is CaseStatus.NEW
    before = counts(db)
    await visitor.send({"type": "send", "client_id": new_client_id(), "text": "one more"})
    assert (await visitor.expect("error"))["code"] == "ended"
    assert counts(db) == before


async def test_an_address_of_a_known_customer_links_the_chat(db, gateway, visitor, online):
    known = open_case(
        db,
        Incoming(
            channel=Channel.EMAIL,
            identity_kind=IdentityKind.EMAIL,
            identity_value="kaethe@example.de",
            customer_name="Käthe Köhler",
            subject="Rechnung",
            text="Frage zur Rechnung",
        ),
    )
    customer = case_detail(db, known).customer.id
    await visitor.connect()
    number = await visitor.start("Hallo, ich bin's wieder")
    assert case_detail(db, CaseNumber(number)).customer.id != customer
    await visitor.send({"type": "email", "email": "KAETHE@example.de"})
    await visitor.expect("email_set")
    detail = case_detail(db, CaseNumber(number))
    assert detail.customer.id == customer
    assert {i.kind for i in detail.customer.identities} == {IdentityKind.EMAIL, IdentityKind.CHAT}
    note = detail.messages[-1]
    assert note.direction is Direction.INTERNAL
    assert "not verified" in note.body_text


async def test_the_cli_reply_reaches_the_visitor(db, db_url, gateway, visitor, online, capsys):
    from omnidesk.cli.main import main

    await visitor.connect()
    number = await visitor.start("Asking via chat")
    code = await asyncio.to_thread(
        main,
        ["--db", db_url, "case", "reply", str(number), "--agent", "anna", "--text", "CLI answer"],
    )
    assert code == 0
    entry = await visitor.expect("entry")
    assert (entry["text"], entry["author"]) == ("CLI answer", "Anna Schmidt")


async def test_health_reports_database_feed_and_chats(gateway, http, visitor, online):
    await visitor.connect()
    await visitor.start("hi")
    async with http.get("/health") as response:
        assert response.status == 200
        body = await response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["change_feed"]["mechanism"] in {"sqlite-poll", "postgresql-notify"}
    assert body["chat"] == {"connections": 1, "conversations": 1, "agents_online": True}


def _entries(db) -> int:
    with db.read() as session:
        return int(session.execute(text("SELECT count(*) FROM chat_entry")).scalar_one())


async def test_an_email_reply_with_files_still_goes_by_email(db, gateway, visitor, online):
    from omnidesk.core.attachments import ReplyAttachment

    await visitor.connect()
    number = await visitor.start("Can you send the invoice?", email="kaethe@example.de")
    write_on_case(
        db,
        CaseNumber(number),
        agent=online,
        text="Here it is.",
        mode=ReplyMode.REPLY,
        attachments=[ReplyAttachment("invoice.pdf", "application/pdf", b"%PDF-1.4 invoice")],
    )
    entry = await visitor.expect("entry")
    assert entry["text"] == "Here it is."
    # The chat cannot carry the file: the email is kept (and the text shows in the chat).
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM outbox")).scalar_one() == 1
    reply = case_detail(db, CaseNumber(number)).messages[-1]
    assert reply.channel is Channel.EMAIL
    assert [a.filename for a in reply.attachments] == ["invoice.pdf"]
