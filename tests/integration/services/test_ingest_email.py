"""Ingesting inbound email into cases, on SQLite and PostgreSQL."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from omnidesk.core.enums import CaseStatus, DeliveryState, ReplyMode
from omnidesk.core.threading_rules import SubjectPolicy
from omnidesk.services.cases import case_detail, change_status, claim_case, write_on_case
from omnidesk.services.ingest_email import (
    InboundEmail,
    IngestPolicy,
    MailSource,
    Outcome,
    ingest_email,
)
from omnidesk.store.messages import NewAttachment

POLICY = IngestPolicy()


def mail(**overrides: Any) -> InboundEmail:
    values: dict[str, Any] = {
        "raw": b"From: kunde@example.de\r\nSubject: Rechnung\r\n\r\nHallo\r\n",
        "from_address": "kunde@example.de",
        "from_name": "Käthe Köhler",
        "subject": "Rechnung doppelt abgebucht",
        "text": "Mir wurde die Rechnung zweimal abgebucht. Wann bekomme ich das Geld?",
        "message_id": "<first@mail.example.de>",
        "sent_at": datetime(2026, 11, 20, 9, 30, tzinfo=UTC),
    }
    values.update(overrides)
    return InboundEmail(**values)


def test_first_mail_opens_a_case_and_asks_for_an_acknowledgement(db):
    result = ingest_email(db, mail(), source=None, policy=POLICY)
    assert result.outcome is Outcome.NEW_CASE
    assert result.acknowledge
    detail = case_detail(db, result.case_number)
    assert detail.case.subject == "Rechnung doppelt abgebucht"
    (message,) = detail.messages
    assert message.message_id_header == "<first@mail.example.de>"
    assert (message.thread_reason or "").startswith("new case")
    assert message.raw_sha256 is not None


def test_the_same_imap_message_twice_is_stored_once(db):
    source = MailSource("support", "INBOX", 1700000000, 42)
    first = ingest_email(db, mail(), source=source, policy=POLICY)
    again = ingest_email(db, mail(), source=source, policy=POLICY)
    assert again.outcome is Outcome.DUPLICATE
    assert again.message_id == first.message_id
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM message")).scalar() == 1


def test_the_same_mail_through_two_mailboxes_makes_one_case(db):
    one = ingest_email(db, mail(), source=MailSource("support", "INBOX", 1, 7), policy=POLICY)
    other_raw = b"Delivered-To: sales@team.example\r\n" + mail().raw
    two = ingest_email(
        db, mail(raw=other_raw), source=MailSource("sales", "INBOX", 9, 3), policy=POLICY
    )
    assert two.outcome is Outcome.DUPLICATE
    assert two.case_number == one.case_number
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM support_case")).scalar() == 1
        assert session.execute(text("SELECT count(*) FROM mail_receipt")).scalar() == 2


def test_customer_reply_to_our_reply_lands_in_the_same_case(db, anna):
    number = ingest_email(db, mail(), source=None, policy=POLICY).case_number
    write_on_case(
        db,
        number,
        agent=anna,
        text="Wir prüfen das.",
        mode=ReplyMode.REPLY,
        mail_domain="team.example",
    )
    ours = case_detail(db, number).messages[-1]
    assert (ours.message_id_header or "").endswith("@team.example>")
    assert ours.in_reply_to == "<first@mail.example.de>"
    assert ours.subject == f"Re: Rechnung doppelt abgebucht [#{number}]"
    assert ours.delivery_state is DeliveryState.QUEUED

    answer = mail(
        message_id="<second@mail.example.de>",
        subject="AW: something else entirely",
        in_reply_to=ours.message_id_header,
        text="Danke! Bis wann?",
    )
    result = ingest_email(db, answer, source=None, policy=POLICY)
    assert (result.outcome, result.case_number) == (Outcome.APPENDED, number)
    assert "In-Reply-To" in result.reason
    detail = case_detail(db, number)
    assert detail.case.status is CaseStatus.OPEN  # the turn is ours again
    assert detail.case.waiting_since is not None
    assert detail.owner is not None
    assert detail.owner.name == "anna"


def test_case_token_counts_for_participants_only(db):
    number = ingest_email(db, mail(), source=None, policy=POLICY).case_number
    subject = f"Re: [#{number}] Rechnung"
    same_person = ingest_email(
        db, mail(message_id="<m2@x>", subject=subject, text="noch was"), source=None, policy=POLICY
    )
    assert (same_person.outcome, same_person.case_number) == (Outcome.APPENDED, number)
    stranger = ingest_email(
        db,
        mail(
            message_id="<m3@x>",
            subject=subject,
            from_address="fremder@example.com",
            text="ich bin jemand anderes",
        ),
        source=None,
        policy=POLICY,
    )
    assert stranger.outcome is Outcome.NEW_CASE
    assert "has not taken part" in stranger.reason


def test_subject_threading_only_when_enabled(db):
    first = ingest_email(db, mail(), source=None, policy=POLICY).case_number
    follow_up = mail(message_id="<m2@x>", subject="AW: Rechnung doppelt abgebucht", text="Hallo?")
    off = ingest_email(db, follow_up, source=None, policy=POLICY)
    assert off.case_number != first
    on = ingest_email(
        db,
        replace(follow_up, message_id="<m3@x>", text="Hallo??"),
        source=None,
        policy=IngestPolicy(subject=SubjectPolicy(enabled=True)),
    )
    assert on.case_number in {first, off.case_number}
    assert on.outcome is Outcome.APPENDED


def test_reply_to_a_resolved_case_reopens_it_with_the_same_owner(db, anna):
    number = ingest_email(db, mail(), source=None, policy=POLICY).case_number
    claim_case(db, number, anna)
    change_status(db, number, agent=anna, status=CaseStatus.RESOLVED)
    references = (case_detail(db, number).messages[0].message_id_header or "",)
    result = ingest_email(
        db,
        mail(message_id="<again@x>", references=references, text="Es geht wieder nicht"),
        source=None,
        policy=POLICY,
    )
    assert (result.outcome, result.case_number) == (Outcome.APPENDED, number)
    detail = case_detail(db, number)
    assert detail.case.status is CaseStatus.OPEN
    assert detail.owner is not None
    assert detail.owner.name == "anna"
    assert detail.events[-1].kind == "reopened"


def test_reply_long_after_resolving_opens_a_linked_case(db, anna):
    number = ingest_email(db, mail(), source=None, policy=POLICY).case_number
    claim_case(db, number, anna)
    change_status(db, number, agent=anna, status=CaseStatus.RESOLVED)
    short = IngestPolicy(reopen=replace(POLICY.reopen, window=timedelta(0)))
    result = ingest_email(
        db,
        mail(
            message_id="<late@x>", in_reply_to="<first@mail.example.de>", text="Ein Jahr später..."
        ),
        source=None,
        policy=short,
    )
    assert result.outcome is Outcome.NEW_CASE
    assert result.case_number != number
    new = case_detail(db, result.case_number)
    assert new.case.linked_case_id == case_detail(db, number).case.id
    assert f"linked to #{number}" in result.reason
    assert case_detail(db, number).case.status is CaseStatus.RESOLVED


def test_auto_replies_do_not_reopen_or_ask_for_acknowledgement(db, anna):
    number = ingest_email(db, mail(), source=None, policy=POLICY).case_number
    write_on_case(db, number, agent=anna, text="Antwort", mode=ReplyMode.REPLY)
    ours = case_detail(db, number).messages[-1].message_id_header
    away = ingest_email(
        db,
        mail(
            message_id="<ooo@x>",
            in_reply_to=ours,
            is_auto_reply=True,
            subject="Abwesenheitsnotiz",
            text="Ich bin im Urlaub.",
        ),
        source=None,
        policy=POLICY,
    )
    assert away.outcome is Outcome.APPENDED
    assert case_detail(db, number).case.status is CaseStatus.WAITING_ON_CUSTOMER
    fresh_auto = ingest_email(
        db,
        mail(
            message_id="<ooo2@x>",
            from_address="noreply@shop.example",
            is_auto_reply=True,
            text="auto",
        ),
        source=None,
        policy=POLICY,
    )
    assert fresh_auto.outcome is Outcome.NEW_CASE
    assert not fresh_auto.acknowledge


def test_a_bounce_marks_our_reply_undeliverable_on_its_case(db, anna):
    number = ingest_email(db, mail(), source=None, policy=POLICY).case_number
    write_on_case(db, number, agent=anna, text="Antwort", mode=ReplyMode.REPLY)
    ours = case_detail(db, number).messages[-1].message_id_header
    bounce = mail(
        message_id="<dsn@mx>",
        from_address="mailer-daemon@mx.example.de",
        from_name="Mail Delivery System",
        subject="Undelivered Mail Returned to Sender",
        text="550 user unknown",
        is_bounce=True,
        bounced_message_id=ours,
    )
    result = ingest_email(db, bounce, source=None, policy=POLICY)
    assert result.case_number == number
    assert not result.acknowledge
    detail = case_detail(db, number)
    reply = next(m for m in detail.messages if m.message_id_header == ours)
    assert reply.delivery_state is DeliveryState.UNDELIVERABLE
    assert detail.messages[-1].needs_attention


def test_mail_without_a_usable_sender_is_kept_and_flagged(db):
    broken = mail(
        from_address="",
        from_name="",
        message_id=None,
        needs_attention=True,
        problems=("no From header",),
        subject="",
        text="???",
    )
    result = ingest_email(db, broken, source=None, policy=POLICY)
    assert result.outcome is Outcome.NEW_CASE
    detail = case_detail(db, result.case_number)
    assert detail.case.subject == "(no subject)"
    assert detail.customer.identities == ()
    assert detail.messages[0].needs_attention


def test_attachments_are_kept_with_the_message(db):
    pdf = NewAttachment("Rechnung.pdf", "application/pdf", b"%PDF-1.4 ...")
    result = ingest_email(db, mail(attachments=(pdf,)), source=None, policy=POLICY)
    (stored,) = case_detail(db, result.case_number).messages[0].attachments
    assert (stored.filename, stored.size) == ("Rechnung.pdf", len(pdf.data))


def test_nul_characters_are_stored_on_every_backend(db):
    """PostgreSQL refuses NUL in text; mail from broken clients has them."""
    result = ingest_email(
        db,
        mail(subject="Mit\x00NUL", text="Text mit \x00 Nullbyte", from_name="A\x00B"),
        source=None,
        policy=POLICY,
    )
    message = case_detail(db, result.case_number).messages[0]
    assert message.body_text == "Text mit \ufffd Nullbyte"
    assert message.subject == "Mit\ufffdNUL"
