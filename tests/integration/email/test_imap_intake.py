"""Receiving first, storing second: large messages, a backlog parsed in worker processes.

Against a real Dovecot; the database is SQLite and PostgreSQL (the ``db`` fixture).
"""

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlmodel import select

from omnidesk.channels.email import imap_fetch
from omnidesk.channels.email.accounts_runtime import fetch_once, ingest_policy
from omnidesk.channels.email.imap_connection import imap_session
from omnidesk.channels.email.parse_pool import ParsePool
from omnidesk.store.tables import MailIntakeRow
from omnidesk.store.types import utcnow
from tests.integration.email.test_imap_and_outbox import count, customer_mail, unmarked


def _bodies(db) -> dict[str, tuple[str, bool]]:
    with db.read() as session:
        rows = session.execute(text("SELECT subject, body_text, needs_attention FROM message"))
        return {subject: (body, bool(flag)) for subject, body, flag in rows}


def test_a_message_too_large_to_download_arrives_as_its_header_and_needs_attention(
    db, account, imap_account, secrets, settings, monkeypatch
):
    monkeypatch.setattr(imap_fetch, "MAX_MESSAGE_BYTES", 8_000)
    monkeypatch.setattr(imap_fetch, "_LARGE", 2_000)  # above this, fetched one at a time
    imap_account.append(customer_mail("Klein", "kurz"))
    imap_account.append(customer_mail("Mittel", "m" * 3_000))
    imap_account.append(customer_mail("Riesig", "r" * 20_000))
    imap_account.append(customer_mail("Danach", "auch kurz"))

    report = fetch_once(db, settings, secrets, account)

    (folder,) = report.folders
    assert (folder.received, folder.fetched) == (4, 4)
    assert [w for w in folder.warnings if "too large" in w] == [
        f"UID 3 too large ({folder_size(imap_account, 3):,} bytes): headers only"
    ]
    bodies = _bodies(db)
    assert bodies["Klein"] == ("kurz", False)
    assert bodies["Mittel"] == ("m" * 3_000, False)
    assert bodies["Danach"] == ("auch kurz", False)
    huge, attention = bodies["Riesig"]
    assert attention
    assert huge.startswith("[This message is ")
    assert "still on the server in folder 'INBOX' (UID 3)" in huge
    assert "r" * 100 not in huge
    # Nothing of it waits, and the server keeps it marked like the others.
    assert count(db, "mail_intake") == 0
    assert unmarked(imap_account) == []


def folder_size(imap_account, uid: int) -> int:
    client = imap_account.connect()
    try:
        client.select_folder("INBOX", readonly=True)
        return int(client.fetch([uid], ["RFC822.SIZE"])[uid][b"RFC822.SIZE"])
    finally:
        client.logout()


@pytest.fixture
def pools(monkeypatch) -> list[int]:
    """The number of worker processes of each parse pool a pass starts."""
    started: list[int] = []

    class CountingPool(ParsePool):
        def __init__(self, workers: int) -> None:
            started.append(workers)
            super().__init__(workers)

    monkeypatch.setattr(imap_fetch, "ParsePool", CountingPool)
    return started


def test_a_backlog_is_parsed_in_worker_processes_and_threads_like_one_by_one(
    db, account, imap_account, secrets, settings, monkeypatch, pools
):
    monkeypatch.setattr(imap_fetch, "_POOL_FROM", 3)
    monkeypatch.setattr(imap_fetch, "_STORE_BATCH", 2)  # the next batch parses meanwhile
    first = "<erste@example.de>"
    imap_account.append(customer_mail("Rechnung", "falsch", message_id=first))
    for i in range(4):
        imap_account.append(customer_mail(f"Frage {i}", f"Frage Nummer {i}"))
    imap_account.append(customer_mail("Re: Rechnung", "noch eine Frage dazu", in_reply_to=first))

    with imap_session(account, secrets.get(account.secret_key) or "") as client:
        report = imap_fetch.fetch_account(
            db, client, account, policy=ingest_policy(settings), parsers=1
        )

    assert pools == [1]
    (folder,) = report.folders
    assert folder.outcomes == {"new_case": 5, "appended": 1}
    assert count(db, "mail_intake") == 0
    assert count(db, "mail_receipt") == 6
    with db.read() as session:
        cases_of = dict(
            session.execute(
                text(
                    "SELECT m.subject, c.number FROM message m "
                    "JOIN support_case c ON c.id = m.case_id"
                )
            ).all()
        )
    assert cases_of["Re: Rechnung"] == cases_of["Rechnung"]
    assert len(set(cases_of.values())) == 5


def test_a_small_pass_parses_in_this_process(db, account, imap_account, secrets, settings, pools):
    imap_account.append(customer_mail("Eine", "nur eine"))
    assert fetch_once(db, settings, secrets, account).folders[0].fetched == 1
    assert pools == [0]  # starting worker processes for one message would cost more


@pytest.mark.parametrize("fail_marking", [False, True])
def test_received_mail_survives_a_store_that_never_ran(
    db, account, imap_account, secrets, settings, monkeypatch, fail_marking
):
    """Killed after receiving: the mail is in the intake, marked (or marked next time),
    and the next pass stores it exactly once."""
    for i in range(3):
        imap_account.append(customer_mail(f"Sicher {i}", f"Body {i}"))

    def killed(*args, **kwargs):
        raise KeyboardInterrupt("killed after receiving")

    store, mark = imap_fetch.store_received, imap_fetch._mark_processed
    monkeypatch.setattr(imap_fetch, "store_received", killed)
    if fail_marking:
        monkeypatch.setattr(imap_fetch, "_mark_processed", lambda *a, **k: None)
    with pytest.raises(KeyboardInterrupt):
        fetch_once(db, settings, secrets, account)
    assert (count(db, "mail_intake"), count(db, "message")) == (3, 0)
    with db.read() as session:
        waiting = session.exec(select(MailIntakeRow)).all()
    # Written past the ORM (at download speed), read back through it.
    assert sorted(w.uid for w in waiting) == [1, 2, 3]
    assert all(abs(w.fetched_at - utcnow()) < timedelta(minutes=1) for w in waiting)
    assert all(w.raw.startswith(b"From: ") and w.attempts == 0 for w in waiting)
    monkeypatch.setattr(imap_fetch, "store_received", store)
    monkeypatch.setattr(imap_fetch, "_mark_processed", mark)
    report = fetch_once(db, settings, secrets, account)
    assert (report.folders[0].received, report.folders[0].fetched) == (0, 3)
    assert (count(db, "mail_intake"), count(db, "message")) == (0, 3)
    assert unmarked(imap_account) == []


def test_a_folder_that_cannot_keep_our_flag_is_said_once_and_mail_still_arrives(
    db, account, imap_account, secrets, settings
):
    imap_account.append(customer_mail("Ohne Flagge", "hallo"))
    with imap_session(account, secrets.get(account.secret_key) or "") as client:
        real = client.select_folder

        def without_new_keywords(folder, readonly=False):
            selected = dict(real(folder, readonly))
            selected[b"PERMANENTFLAGS"] = (b"\\Seen", b"\\Deleted")
            return selected

        client.select_folder = without_new_keywords
        report = imap_fetch.fetch_account(db, client, account, policy=ingest_policy(settings))
    (folder,) = report.folders
    assert folder.fetched == 1
    assert len(folder.warnings) == 1
    assert "does not keep new flags in folder 'INBOX'" in folder.warnings[0]
    assert 'set processed = "move" or "none"' in folder.warnings[0]
    client = imap_account.connect()
    try:
        client.select_folder("INBOX", readonly=True)
        # Not even tried: a STORE per batch would only have failed.
        assert client.search(["KEYWORD", imap_fetch.PROCESSED_KEYWORD]) == []
    finally:
        client.logout()
