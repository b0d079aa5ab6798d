"""Auto-replies, out-of-office notes and bounces, and the failed message's Message-ID."""

from pathlib import Path

import pytest

from omnidesk.channels.email import parse_email

MAIL = Path(__file__).parents[3] / "data" / "mail"


def message(headers: str, body: str = "Hello\n") -> bytes:
    base = "From: Anna <anna@example.org>\nTo: support@example.com\nSubject: Frage\n"
    return (base + headers + "\n" + body).encode()


@pytest.mark.parametrize(
    "headers",
    [
        "Auto-Submitted: auto-replied\n",
        "Auto-Submitted: auto-generated\n",
        "Auto-Submitted: auto-notified; owner-email=x@y\n",
        "Precedence: bulk\n",
        "Precedence: junk\n",
        "Precedence: list\n",
        "X-Autoreply: yes\n",
        "X-Autorespond: Urlaub\n",
        "X-AutoReply-From: anna@example.org\n",
    ],
)
def test_auto_reply_headers(headers):
    parsed = parse_email(message(headers))
    assert parsed.is_auto_reply
    assert not parsed.is_bounce


@pytest.mark.parametrize(
    "headers",
    ["", "Auto-Submitted: no\n", "Precedence: first-class\n", "X-Autoreply: no\n"],
)
def test_ordinary_mail_is_not_automatic(headers):
    parsed = parse_email(message(headers))
    assert not parsed.is_auto_reply
    assert not parsed.is_bounce


@pytest.mark.parametrize(
    "subject",
    ["Automatische Antwort: Frage", "Automatic reply: Question", "Out of Office: Question"],
)
def test_out_of_office_subjects_from_exchange(subject):
    raw = f"From: a@example.org\nSubject: {subject}\n\nAway.\n".encode()
    assert parse_email(raw).is_auto_reply


def test_out_of_office_file():
    parsed = parse_email((MAIL / "out-of-office.eml").read_bytes())
    assert (parsed.is_auto_reply, parsed.is_bounce) == (True, False)
    assert parsed.in_reply_to == "<case-1042@example.com>"


@pytest.mark.parametrize(
    "sender", ["MAILER-DAEMON@mx.example.com", "postmaster@example.com", "Mailer-Daemon@x.org"]
)
def test_bounce_senders(sender):
    raw = f"From: {sender}\nSubject: failure notice\n\nSorry.\n".encode()
    assert parse_email(raw).is_bounce


def test_dsn_bounce_gives_the_failed_message_id():
    parsed = parse_email((MAIL / "dsn-bounce.eml").read_bytes())
    assert parsed.is_bounce
    assert parsed.bounced_message_id == "<outbox-42@omnidesk.test>"
    assert parsed.problems == ()
    assert [a.content_type for a in parsed.attachments] == [
        "message/delivery-status",
        "message/rfc822",
    ]


def report(kind: str, third_part: str, action: str = "failed", extra_headers: str = "") -> bytes:
    return (
        "From: Mail System <mta@mx.example.com>\nTo: support@example.com\nSubject: Report\n"
        f"{extra_headers}MIME-Version: 1.0\n"
        f'Content-Type: multipart/report; report-type={kind}; boundary="r"\n\n'
        "--r\nContent-Type: text/plain\n\nA report.\n"
        f"--r\nContent-Type: message/{kind}\n\nReporting-MTA: dns; mx\n\n"
        f"Final-Recipient: rfc822; x@y\nAction: {action}\n"
        f"--r\n{third_part}\n--r--\n"
    ).encode()


def test_text_rfc822_headers_part_gives_the_failed_message_id():
    third = "Content-Type: text/rfc822-headers\n\nFrom: s@x\nMessage-ID: <orig-1@x>\nSubject: hi\n"
    parsed = parse_email(report("delivery-status", third))
    assert (parsed.is_bounce, parsed.bounced_message_id) == (True, "<orig-1@x>")


def test_in_reply_to_then_references_are_the_fallbacks():
    bare = "Content-Type: text/plain\n\nno original attached"
    parsed = parse_email(report("delivery-status", bare, extra_headers="In-Reply-To: <irt@x>\n"))
    assert parsed.bounced_message_id == "<irt@x>"
    parsed = parse_email(
        report("delivery-status", bare, extra_headers="References: <root@x> <last@x>\n")
    )
    assert parsed.bounced_message_id == "<last@x>"


def test_delay_notice_is_automatic_but_not_a_bounce():
    third = "Content-Type: message/rfc822\n\nMessage-ID: <late@x>\n\nhi"
    parsed = parse_email(report("delivery-status", third, action="delayed"))
    assert (parsed.is_bounce, parsed.is_auto_reply, parsed.bounced_message_id) == (
        False,
        True,
        None,
    )


def test_read_receipt_is_automatic_but_not_a_bounce():
    third = "Content-Type: message/rfc822\n\nMessage-ID: <read@x>\n\nhi"
    parsed = parse_email(report("disposition-notification", third, action="displayed"))
    assert (parsed.is_bounce, parsed.is_auto_reply) == (False, True)


def test_bounce_without_structure_finds_the_id_in_the_text():
    raw = (
        b"From: MAILER-DAEMON@old.example\nSubject: Returned mail\nMessage-ID: <own@old>\n\n"
        b"   ----- Transcript -----\n550 unknown user\n\n   ----- Original headers -----\n"
        b"Message-ID: <sent-7@omnidesk.test>\nSubject: Re: Frage\n"
    )
    parsed = parse_email(raw)
    assert (parsed.is_bounce, parsed.bounced_message_id) == (True, "<sent-7@omnidesk.test>")
