"""An agent's reply with files: stored like inbound attachments, delivered byte-exact by SMTP."""

from omnidesk.channels.email.accounts_runtime import deliver_outbox
from omnidesk.core.attachments import ReplyAttachment
from omnidesk.core.enums import Channel, IdentityKind, ReplyMode
from omnidesk.services.agents import add_agent
from omnidesk.services.attachments import attachment_file
from omnidesk.services.cases import Incoming, case_detail, open_case, write_on_case

# Every byte value, and line endings of all kinds: base64 must carry them unchanged.
BINARY = bytes(range(256)) * 64 + b"\r\n\n\r.\r\n"
CSV = "Rechnung;Betrag\r\nRE-1;12,50 €\r\n".encode()


def test_reply_attachments_arrive_byte_exact(db, smtp, smtp_server, secrets):
    anna = add_agent(db, name="anna", email="anna@team.example", display_name="Anna Schmidt")
    number = open_case(
        db,
        Incoming(
            channel=Channel.EMAIL,
            identity_kind=IdentityKind.EMAIL,
            identity_value="kaethe@example.de",
            customer_name="Käthe Köhler",
            subject="Rechnung doppelt",
            text="Bitte schicken Sie mir die Gutschrift.",
        ),
    )
    files = (
        ReplyAttachment("gutschrift-März.bin", "application/octet-stream", BINARY),
        ReplyAttachment("übersicht.csv", "text/csv", CSV),
    )

    write_on_case(
        db,
        number,
        agent=anna,
        text="Anbei die Gutschrift und die Übersicht.",
        mode=ReplyMode.REPLY,
        mail_domain="team.example",
        attachments=files,
    )

    stored = case_detail(db, number).messages[-1]
    assert [(a.filename, a.content_type, a.size) for a in stored.attachments] == [
        ("gutschrift-März.bin", "application/octet-stream", len(BINARY)),
        ("übersicht.csv", "text/csv", len(CSV)),
    ]
    assert attachment_file(db, stored.attachments[0].id).data == BINARY

    report = deliver_outbox(db, secrets, smtp)
    assert (report.sent, report.failed) == (1, 0)
    (received,) = smtp_server.wait_for(1)
    mail = received.parsed()
    arrived = {part.get_filename(): part for part in mail.iter_attachments()}
    assert set(arrived) == {"gutschrift-März.bin", "übersicht.csv"}
    assert arrived["gutschrift-März.bin"].get_payload(decode=True) == BINARY
    assert arrived["übersicht.csv"].get_payload(decode=True) == CSV
    assert arrived["übersicht.csv"].get_content_type() == "text/csv"
    body = mail.get_body(preferencelist=("plain",))
    assert body is not None
    assert "Anbei die Gutschrift" in body.get_content()
