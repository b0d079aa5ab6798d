"""Telling the customer who handles their case, when the team wants that (off by default)."""

import pytest

from omnidesk.core.errors import OwnedByOther
from omnidesk.services.agents import add_agent
from omnidesk.services.cases import claim_case
from omnidesk.services.ingest_email import ingest_email
from tests.integration.services.test_acknowledgements import ACK, SILENT, mail, outbox


def test_a_claim_tells_the_customer_the_owner_in_their_language_once(db):
    anna = add_agent(db, name="anna", email="anna@team.example", display_name="Anna Schmidt")
    ben = add_agent(db, name="ben", email="ben@team.example")
    number = ingest_email(db, mail(), source=None, policy=SILENT).case_number
    assert outbox(db) == []

    claim_case(db, number, anna, tell_customer=ACK)

    ((recipient, subject, body, in_reply_to),) = outbox(db)
    assert recipient == "kunde@example.de"
    assert subject == f"Re: Rechnung doppelt abgebucht [#{number}]"
    assert in_reply_to == "<first@mail.example.de>"
    assert body.startswith("Hallo Käthe Köhler,")
    assert f"Anna Schmidt kümmert sich ab jetzt um Ihr Anliegen (Fall #{number})" in body
    # Claiming again (already hers) or losing the race tells nobody anything.
    claim_case(db, number, anna, tell_customer=ACK)
    with pytest.raises(OwnedByOther):
        claim_case(db, number, ben, tell_customer=ACK)
    assert len(outbox(db)) == 1


def test_without_the_setting_a_claim_sends_nothing(db):
    anna = add_agent(db, name="anna", email="anna@team.example")
    number = ingest_email(db, mail(), source=None, policy=SILENT).case_number
    claim_case(db, number, anna)
    assert outbox(db) == []


def test_english_mail_gets_an_english_notice(db):
    anna = add_agent(db, name="anna", email="anna@team.example", display_name="Anna Schmidt")
    english = mail(
        subject="Invoice charged twice",
        text="Hello, my invoice was charged twice. When do I get the money back?",
        from_name="",
    )
    number = ingest_email(db, english, source=None, policy=SILENT).case_number
    claim_case(db, number, anna, tell_customer=ACK)
    ((_, _, body, _),) = outbox(db)
    assert body.startswith("Hello,\n")
    assert f"Anna Schmidt is now taking care of your request (case #{number})" in body
