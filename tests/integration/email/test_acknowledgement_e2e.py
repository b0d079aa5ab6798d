"""Acknowledgements end to end: Dovecot in, the real SMTP server out, machines ignored."""

from dataclasses import replace

from omnidesk.channels.email.accounts_runtime import deliver_outbox, fetch_once
from omnidesk.core.ids import CaseNumber
from omnidesk.services.cases import case_detail
from tests.integration.email.test_imap_and_outbox import customer_mail


def auto_reply(subject: str) -> bytes:
    raw = customer_mail(subject, "Ich bin bis Montag nicht im Büro.", sender="robot@example.org")
    return raw.replace(b"MIME-Version", b"Auto-Submitted: auto-replied\r\nMIME-Version", 1)


def test_a_person_is_acknowledged_a_machine_is_not(
    db, account, imap_account, smtp, smtp_server, secrets, settings
):
    settings = replace(settings, acknowledge_email=True)
    imap_account.append(
        customer_mail(
            "Rechnung doppelt abgebucht",
            "Hallo, die Rechnung wurde zweimal abgebucht. Wann kommt das Geld?",
            message_id="<kaethe-1@example.de>",
        )
    )
    imap_account.append(auto_reply("Abwesenheitsnotiz"))
    report = fetch_once(db, settings, secrets, account)
    assert report.folders[0].outcomes == {"new_case": 2}

    sent = deliver_outbox(db, secrets, smtp)
    assert (sent.sent, sent.failed) == (1, 0)
    (received,) = smtp_server.wait_for(1)
    assert list(received.rcpt_tos) == ["kaethe@example.de"]
    ack = received.parsed()
    assert ack["In-Reply-To"] == "<kaethe-1@example.de>"
    number = CaseNumber(int(str(ack["Subject"]).rsplit("#", 1)[1].rstrip("]")))
    assert str(ack["Subject"]) == f"Re: Rechnung doppelt abgebucht [#{number}]"
    body = ack.get_body(preferencelist=("plain",))
    assert body is not None
    text = body.get_content()
    assert f"Fall #{number}" in text
    assert "voraussichtlich" in text

    # The customer's answer to the acknowledgement threads into the case: no second ack.
    imap_account.append(
        customer_mail(
            "Re: Rechnung",
            "Danke, hier noch die Kundennummer 4711.",
            in_reply_to=str(ack["Message-ID"]),
        )
    )
    assert fetch_once(db, settings, secrets, account).folders[0].outcomes == {"appended": 1}
    assert deliver_outbox(db, secrets, smtp).sent == 0
    assert len(case_detail(db, number).messages) == 3  # question, acknowledgement, answer
