"""Email end to end against a real Dovecot and a real SMTP server, with faults.

A customer's mail appended to Dovecot becomes a case; the agent's reply reaches the
SMTP server with the threading headers; the customer's answer to it lands in the
same case. Connections drop, processes die between commit and flag, servers go
away: nothing is lost, nothing is duplicated.
"""

import email
from email.utils import make_msgid

import pytest
from sqlalchemy import text

from omnidesk.channels.email import imap_fetch
from omnidesk.channels.email.accounts_runtime import deliver_outbox, fetch_once, reconcile
from omnidesk.channels.email.imap_connection import MailLoginFailed, MailServerUnavailable
from omnidesk.core.enums import CaseStatus, DeliveryState, ReplyMode
from omnidesk.core.ids import CaseNumber
from omnidesk.services.agents import add_agent
from omnidesk.services.cases import case_detail, write_on_case
from omnidesk.store import mailbox


def customer_mail(
    subject: str, body: str, *, sender="kaethe@example.de", in_reply_to=None, message_id=None
) -> bytes:
    lines = [
        f"From: =?utf-8?q?K=C3=A4the_K=C3=B6hler?= <{sender}>",
        "To: support@team.example",
        f"Subject: {subject}",
        f"Message-ID: {message_id or make_msgid(domain='example.de')}",
        "Date: Tue, 24 Nov 2026 09:30:00 +0100",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Transfer-Encoding: 8bit",
    ]
    if in_reply_to:
        lines += [f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"]
    return ("\r\n".join(lines) + "\r\n\r\n" + body + "\r\n").encode("utf-8")


def refuse_to_store(monkeypatch, subject: str):
    """Storing a batch that holds the mail ``subject`` fails as a refused INSERT would;
    returns the real ``ingest_batch`` to put back."""
    from sqlalchemy.exc import DataError

    real = imap_fetch.ingest_batch  # type: ignore[attr-defined]

    def refuse(session, batch, **kwargs):
        if any(mail.subject == subject for mail, _ in batch):
            raise DataError("INSERT ...", {}, Exception("value too long"))
        return real(session, batch, **kwargs)

    monkeypatch.setattr(imap_fetch, "ingest_batch", refuse)
    return real


def unmarked(imap_account) -> list[int]:
    """UIDs in the INBOX without OmniDesk's processed keyword."""
    with imap_account.connect() as client:
        client.select_folder("INBOX", readonly=True)
        return list(client.search(["UNKEYWORD", imap_fetch.PROCESSED_KEYWORD]))


def count(db, table: str) -> int:
    with db.read() as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def test_mail_becomes_a_case_reply_threads_and_the_answer_comes_back(
    db, account, imap_account, smtp, smtp_server, secrets, settings
):
    anna = add_agent(db, name="anna", email="anna@team.example", display_name="Anna Schmidt")
    imap_account.append(
        customer_mail(
            "Rechnung doppelt abgebucht",
            "Hallo, die Rechnung wurde zweimal abgebucht. Wann kommt das Geld?",
        )
    )

    report = fetch_once(db, settings, secrets, account)
    (folder,) = report.folders
    assert folder.outcomes == {"new_case": 1}
    number = case_detail_numbers(db)[0]
    detail = case_detail(db, number)
    assert detail.customer.name == "Käthe Köhler"
    assert "zweimal abgebucht" in detail.messages[0].body_text

    write_on_case(
        db,
        number,
        agent=anna,
        text="Wir erstatten den Betrag bis Freitag.",
        mode=ReplyMode.REPLY,
        mail_domain="team.example",
    )
    sent = deliver_outbox(db, secrets, smtp)
    assert (sent.sent, sent.retrying, sent.failed) == (1, 0, 0)
    (received,) = smtp_server.wait_for(1)
    assert list(received.rcpt_tos) == ["kaethe@example.de"]
    ours = received.parsed()
    stored_reply = case_detail(db, number).messages[-1]
    assert ours["Message-ID"] == stored_reply.message_id_header
    assert ours["In-Reply-To"] == detail.messages[0].message_id_header
    assert f"[#{number}]" in ours["Subject"]
    assert ours["From"] == "Anna Schmidt <support@team.example>"
    assert stored_reply.delivery_state is DeliveryState.SENT
    assert {p.get_content_type() for p in ours.walk()} >= {"text/plain", "text/html"}

    imap_account.append(
        customer_mail(
            "Re: Rechnung doppelt abgebucht",
            "Danke, und bis wann genau?",
            in_reply_to=ours["Message-ID"],
        )
    )
    report = fetch_once(db, settings, secrets, account)
    assert report.folders[0].outcomes == {"appended": 1}
    detail = case_detail(db, number)
    assert [m.direction.value for m in detail.messages] == ["in", "out", "in"]
    assert detail.case.status is CaseStatus.OPEN
    assert detail.owner is not None
    assert detail.owner.name == "anna"


def case_detail_numbers(db) -> list[CaseNumber]:
    with db.read() as session:
        return [
            n for (n,) in session.execute(text("SELECT number FROM support_case ORDER BY number"))
        ]


def test_fetching_again_imports_nothing_twice_and_never_touches_seen(
    db, account, imap_account, secrets, settings
):
    for i in range(3):
        imap_account.append(customer_mail(f"Frage {i}", f"Text {i}"))
    first = fetch_once(db, settings, secrets, account)
    again = fetch_once(db, settings, secrets, account)
    assert first.folders[0].fetched == 3
    assert again.folders[0].fetched == 0
    assert count(db, "message") == 3
    client = imap_account.connect()
    try:
        client.select_folder("INBOX", readonly=True)
        flags = client.get_flags(client.search(["ALL"]))
    finally:
        client.logout()
    assert all(imap_fetch.PROCESSED_KEYWORD.encode() in f for f in flags.values())
    assert not any(b"\\Seen" in f for f in flags.values())


def test_mail_read_elsewhere_is_still_imported(db, account, imap_account, secrets, settings):
    imap_account.append(customer_mail("Gelesen", "jemand hat mich schon gelesen"))
    client = imap_account.connect()
    try:
        client.select_folder("INBOX")
        client.add_flags(client.search(["ALL"]), [b"\\Seen"])
    finally:
        client.logout()
    assert fetch_once(db, settings, secrets, account).folders[0].fetched == 1


def test_crash_between_commit_and_flag_loses_and_duplicates_nothing(
    db, account, imap_account, secrets, settings, monkeypatch
):
    monkeypatch.setattr(imap_fetch, "_BATCH", 1)  # one FETCH and one commit per message
    monkeypatch.setattr(imap_fetch, "_COMMIT", 1)
    for i in range(4):
        imap_account.append(customer_mail(f"Crash {i}", f"Body {i}"))
    calls = {"n": 0}
    real = imap_fetch._mark_processed

    def die_after_second_commit(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt("killed after commit, before the flag")
        real(*args, **kwargs)

    monkeypatch.setattr(imap_fetch, "_mark_processed", die_after_second_commit)
    with pytest.raises(KeyboardInterrupt):
        fetch_once(db, settings, secrets, account)
    # Two were received and are safe in the intake; the second was never flagged.
    assert (count(db, "mail_intake"), count(db, "message")) == (2, 0)
    monkeypatch.setattr(imap_fetch, "_mark_processed", real)
    fetch_once(db, settings, secrets, account)
    assert count(db, "message") == 4
    assert count(db, "mail_receipt") == 4
    assert count(db, "mail_intake") == 0
    # The next pass also marked the one the crash left unmarked.
    assert unmarked(imap_account) == []


def test_crash_before_commit_resumes_cleanly(
    db, account, imap_account, secrets, settings, monkeypatch
):
    monkeypatch.setattr(imap_fetch, "_BATCH", 1)  # one FETCH and one commit per message
    monkeypatch.setattr(imap_fetch, "_COMMIT", 1)
    for i in range(3):
        imap_account.append(customer_mail(f"Vorher {i}", f"Body {i}"))
    real = mailbox.save_progress
    calls = {"n": 0}

    def die_in_third_transaction(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt("killed inside the transaction")
        real(*args, **kwargs)

    monkeypatch.setattr(mailbox, "save_progress", die_in_third_transaction)
    with pytest.raises(KeyboardInterrupt):
        fetch_once(db, settings, secrets, account)
    assert count(db, "mail_intake") == 2  # the third transaction rolled back whole
    monkeypatch.setattr(mailbox, "save_progress", real)
    fetch_once(db, settings, secrets, account)
    assert count(db, "message") == 3


def test_uidvalidity_change_rescans_without_duplicates(
    db, account, imap_account, secrets, settings
):
    imap_account.append(customer_mail("Eins", "eins"))
    fetch_once(db, settings, secrets, account)
    with db.write() as session:
        session.execute(text("UPDATE mailbox_state SET uidvalidity = uidvalidity + 1"))
    imap_account.append(customer_mail("Zwei", "zwei"))
    report = fetch_once(db, settings, secrets, account)
    folder = report.folders[0]
    assert folder.uidvalidity_changed
    assert folder.outcomes == {"duplicate": 1, "new_case": 1}
    assert count(db, "message") == 2


def test_wrong_password_is_a_clear_error(db, account, secrets, settings):
    secrets.set(account.secret_key, "not-the-password")
    with pytest.raises(MailLoginFailed, match="refused the login for"):
        fetch_once(db, settings, secrets, account)


def test_unreachable_server_is_a_clear_error(db, account, secrets, settings):
    from dataclasses import replace

    from tests.servers.ports import free_port

    nowhere = replace(account, port=free_port())
    with pytest.raises(MailServerUnavailable, match="connection refused"):
        fetch_once(db, settings, secrets, nowhere)


def test_dovecot_restart_between_passes(
    db, account, imap_account, dovecot_server, secrets, settings
):
    imap_account.append(customer_mail("Vor dem Neustart", "a"))
    fetch_once(db, settings, secrets, account)
    dovecot_server.stop(kill=True)
    try:
        with pytest.raises(MailServerUnavailable):
            fetch_once(db, settings, secrets, account)
    finally:
        dovecot_server.start()
    imap_account.append(customer_mail("Nach dem Neustart", "b"))
    assert fetch_once(db, settings, secrets, account).folders[0].outcomes == {"new_case": 1}
    assert count(db, "message") == 2


def test_smtp_down_for_a_while_then_delivered(
    db, account, imap_account, smtp, smtp_server, secrets, settings
):
    anna = add_agent(db, name="anna", email="anna@team.example")
    imap_account.append(customer_mail("Hilfe", "Bitte melden"))
    fetch_once(db, settings, secrets, account)
    (number,) = case_detail_numbers(db)
    write_on_case(db, number, agent=anna, text="Wir melden uns.", mode=ReplyMode.REPLY)
    smtp_server.stop()
    try:
        down = deliver_outbox(db, secrets, smtp)
    finally:
        smtp_server.start()
    assert (down.sent, down.retrying) == (0, 1)
    assert "cannot reach the SMTP server" in down.errors[0]
    assert case_detail(db, number).messages[-1].delivery_state is DeliveryState.QUEUED
    assert deliver_outbox(db, secrets, smtp).sent == 0  # backing off, not hammering
    with db.write() as session:
        session.execute(text("UPDATE outbox SET next_attempt_at = created_at"))
    assert deliver_outbox(db, secrets, smtp).sent == 1
    assert len(smtp_server.wait_for(1)) == 1
    assert case_detail(db, number).messages[-1].delivery_state is DeliveryState.SENT


def test_a_permanent_refusal_is_shown_not_retried(
    db, account, imap_account, smtp, smtp_server, secrets, settings
):
    anna = add_agent(db, name="anna", email="anna@team.example")
    imap_account.append(customer_mail("Hilfe", "Bitte melden", sender="weg@example.de"))
    fetch_once(db, settings, secrets, account)
    (number,) = case_detail_numbers(db)
    write_on_case(db, number, agent=anna, text="Hallo", mode=ReplyMode.REPLY)
    smtp_server.reject("550 5.1.1 mailbox unavailable", stage="RCPT")
    report = deliver_outbox(db, secrets, smtp)
    assert (report.sent, report.failed) == (0, 1)
    detail = case_detail(db, number)
    assert detail.messages[-1].delivery_state is DeliveryState.FAILED
    assert "550" in (detail.events[-1].reason or "")


def test_reconciliation_reports_counts_and_gaps(db, account, imap_account, secrets, settings):
    for i in range(3):
        imap_account.append(customer_mail(f"Abgleich {i}", "x"))
    fetch_once(db, settings, secrets, account)
    (folder,) = reconcile(db, secrets, account)
    assert (folder.on_server, folder.imported, folder.missing, folder.pending) == (3, 3, [], 0)
    imap_account.append(customer_mail("Neu", "y"))
    with db.write() as session:
        session.execute(text("DELETE FROM mail_receipt WHERE uid = 2"))
    (folder,) = reconcile(db, secrets, account)
    assert (folder.on_server, folder.imported, folder.missing, folder.pending) == (4, 2, [2], 1)


def test_raw_source_is_kept_byte_for_byte(db, account, imap_account, secrets, settings):
    raw = customer_mail("Roh", "Größe: 10 cm")
    imap_account.append(raw)
    fetch_once(db, settings, secrets, account)
    (number,) = case_detail_numbers(db)
    message = case_detail(db, number).messages[0]
    from omnidesk.store.blobs import get_blob

    with db.read() as session:
        stored = get_blob(session, message.raw_sha256 or "")
    assert stored is not None
    assert email.message_from_bytes(stored)["Subject"] == "Roh"
    assert stored.replace(b"\r\n", b"\n") == raw.replace(b"\r\n", b"\n")


def test_connection_dropped_in_the_middle_of_a_fetch(
    db, account, imap_account, dovecot_server, secrets, settings, monkeypatch
):
    for i in range(5):
        imap_account.append(customer_mail(f"Abbruch {i}", f"Body {i}"))
    monkeypatch.setattr(imap_fetch, "_BATCH", 2)  # one FETCH and one commit per two
    monkeypatch.setattr(imap_fetch, "_COMMIT", 2)
    real = mailbox.save_progress
    calls = {"n": 0}

    def server_dies_in_second_batch(*args, **kwargs):
        real(*args, **kwargs)
        calls["n"] += 1
        if calls["n"] == 2:
            dovecot_server.stop(kill=True)

    monkeypatch.setattr(mailbox, "save_progress", server_dies_in_second_batch)
    try:
        with pytest.raises(MailServerUnavailable):
            fetch_once(db, settings, secrets, account)
    finally:
        dovecot_server.start()
    assert count(db, "mail_intake") == 4  # two batches committed, the third never fetched
    monkeypatch.setattr(mailbox, "save_progress", real)
    fetch_once(db, settings, secrets, account)
    assert count(db, "message") == 5
    with db.read() as session:
        subjects = sorted(s for (s,) in session.execute(text("SELECT subject FROM message")))
    assert subjects == [f"Abbruch {i}" for i in range(5)]


def test_processed_mail_can_be_moved_to_a_folder(db, account, imap_account, secrets, settings):
    from dataclasses import replace

    from omnidesk.config.mail_accounts import Processed

    mover = replace(account, processed=Processed.MOVE, processed_folder="OmniDesk/Done")
    for i in range(2):
        imap_account.append(customer_mail(f"Verschieben {i}", "x"))
    report = fetch_once(db, settings, secrets, mover)
    assert report.folders[0].warnings == []
    client = imap_account.connect()
    try:
        assert client.select_folder("INBOX")[b"EXISTS"] == 0
        done = imap_fetch.server_folder_name(client, "OmniDesk/Done")
        assert client.select_folder(done)[b"EXISTS"] == 2
    finally:
        client.logout()
    assert fetch_once(db, settings, secrets, mover).folders[0].fetched == 0
    assert count(db, "message") == 2


def test_a_message_that_cannot_be_stored_is_named_and_the_rest_are_kept(
    db, account, imap_account, secrets, settings, monkeypatch
):
    for subject in ("Gut 1", "Kaputt", "Gut 2"):
        imap_account.append(customer_mail(subject, "x"))
    real = refuse_to_store(monkeypatch, "Kaputt")
    failing = fetch_once(db, settings, secrets, account)
    assert failing.held == ["folder 'INBOX', UID 2 ('Kaputt') could not be stored: value too long"]
    assert "1 message(s) could not be stored" in (failing.held_summary() or "")
    assert count(db, "message") == 2  # the ones before and after it are stored
    (folder,) = reconcile(db, secrets, account)
    assert folder.missing == []
    assert [(h.uid, h.attempts, h.last_error) for h in folder.waiting] == [(2, 1, "value too long")]
    monkeypatch.setattr(imap_fetch, "ingest_batch", real)
    report = fetch_once(db, settings, secrets, account)
    assert (report.folders[0].received, report.folders[0].fetched) == (0, 1)
    assert count(db, "message") == 3
    assert count(db, "mail_intake") == 0


def test_fetched_mail_is_searchable_at_once(db, account, imap_account, secrets, settings):
    from omnidesk.services.search import search_cases

    imap_account.append(customer_mail("Rückerstattung Bestellung", "Wo bleibt mein Geld, Müller"))
    imap_account.append(customer_mail("Lieferadresse ändern", "Bitte an die Hauptstraße 5"))
    # A batch of IMAP mail is indexed at its end (SQLite) or row by row (PostgreSQL):
    # either way, once the pass returns, every message is found.
    assert fetch_once(db, settings, secrets, account).folders[0].fetched == 2
    found = search_cases(db, "muller", me=None)
    assert [h.subject for h in found] == ["Rückerstattung Bestellung"]
    assert [h.subject for h in search_cases(db, "hauptstrasse", me=None)] == [
        "Lieferadresse ändern"
    ]
    # A later pass with a new mail keeps the index current, the old entries untouched.
    imap_account.append(customer_mail("Noch eine Frage", "Rechnung Müller"))
    fetch_once(db, settings, secrets, account)
    assert len(search_cases(db, "muller", me=None)) == 2
