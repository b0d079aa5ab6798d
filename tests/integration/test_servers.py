"""Proof that the real-server fixtures in tests/servers work.

Each test talks to a real server with the same client library OmniDesk uses (psycopg,
SQLAlchemy, imapclient, smtplib), including the failure modes later tests build on: a database
restart under an open connection, a wrong IMAP password, an SMTP server that is down or rejects.
"""

from __future__ import annotations

import smtplib
from email.message import EmailMessage

import psycopg
import pytest
import sqlalchemy
from imapclient.exceptions import LoginError

from tests.servers import dovecot, postgres
from tests.servers.dovecot import DovecotServer, ImapAccount
from tests.servers.postgres import PgDatabase, PostgresServer
from tests.servers.smtp import SmtpServer


def _mail(subject: str, to: str = "kunde@example.org") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "support@example.com"
    message["To"] = to
    message["Subject"] = subject
    message.set_content("Grüße aus dem Test — äöü\n")
    return message


# -- PostgreSQL -------------------------------------------------------------------------------


@pytest.mark.postgres
def test_pg_select_one_and_sqlalchemy_url(pg_url: str, pg_database: PgDatabase) -> None:
    assert pg_url.startswith("postgresql+psycopg://postgres@127.0.0.1:")
    assert pg_url.endswith(f"/{pg_database.name}")

    with psycopg.connect(pg_database.conninfo) as conn:
        assert conn.execute("SELECT 1").fetchone() == (1,)
        assert conn.execute("SELECT current_database()").fetchone() == (pg_database.name,)
        # A fresh database: no tables of an earlier test.
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()
        assert tables == (0,)

    # The URL is what SQLModel/SQLAlchemy engines get.
    engine = sqlalchemy.create_engine(pg_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sqlalchemy.text("SELECT 1")).scalar_one() == 1
    finally:
        engine.dispose()


@pytest.mark.postgres
async def test_pg_listen_notify_round_trip(pg_database: PgDatabase) -> None:
    async with (
        await psycopg.AsyncConnection.connect(pg_database.conninfo, autocommit=True) as listener,
        await psycopg.AsyncConnection.connect(pg_database.conninfo, autocommit=True) as sender,
    ):
        await listener.execute("LISTEN omnidesk_test")
        await sender.execute("SELECT pg_notify('omnidesk_test', 'case 42 changed')")
        received = [n async for n in listener.notifies(timeout=5.0, stop_after=1)]
    assert [(n.channel, n.payload) for n in received] == [("omnidesk_test", "case 42 changed")]


@pytest.mark.postgres
def test_pg_restart_breaks_connections_and_keeps_data(
    pg_server: PostgresServer, pg_database: PgDatabase
) -> None:
    old = psycopg.connect(pg_database.conninfo, autocommit=True)
    try:
        old.execute("CREATE TABLE note (body text)")
        old.execute("INSERT INTO note VALUES ('survives a restart')")
        port = pg_server.port

        pg_server.restart()

        assert pg_server.port == port
        with pytest.raises(psycopg.OperationalError):
            old.execute("SELECT 1")
    finally:
        old.close()

    with psycopg.connect(pg_database.conninfo) as conn:
        assert conn.execute("SELECT body FROM note").fetchall() == [("survives a restart",)]


@pytest.mark.postgres
def test_pg_missing_binaries_fail_with_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(postgres, "find_bindir", lambda: None)
    with pytest.raises(pytest.fail.Exception, match=r"apt-get install -y postgresql"):
        postgres.start_postgres()


# -- IMAP (Dovecot) ---------------------------------------------------------------------------


@pytest.mark.imap
def test_imap_append_and_read_back(imap_account: ImapAccount) -> None:
    raw = _mail("Bestellung 1001").as_bytes().replace(b"\n", b"\r\n")

    with imap_account.connect() as client:
        client.select_folder("INBOX")
        assert client.search() == []  # a fresh account starts empty

    uid = imap_account.append(raw)
    imap_account.append(_mail("archived").as_bytes(), folder="Archive")

    with imap_account.connect() as client:
        assert b"IDLE" in client.capabilities()
        client.select_folder("INBOX", readonly=True)
        assert client.search() == [uid]
        fetched = client.fetch([uid], ["RFC822"])[uid][b"RFC822"]
        assert fetched == raw
        client.select_folder("Archive", readonly=True)
        assert len(client.search()) == 1


@pytest.mark.imap
def test_imap_wrong_password_is_a_login_error(dovecot_server: DovecotServer) -> None:
    with dovecot_server.connect("alice") as client:
        assert client.noop()
    with pytest.raises(LoginError):
        dovecot_server.connect("alice", "not-the-password")
    with pytest.raises(LoginError):
        dovecot_server.connect("bob", "secret")  # alice's password, bob's account


@pytest.mark.imap
def test_imap_restart_keeps_mail(dovecot_server: DovecotServer, imap_account: ImapAccount) -> None:
    uid = imap_account.append(_mail("before restart").as_bytes())
    port = dovecot_server.port

    dovecot_server.restart()  # clean shutdown (~1 s)
    assert dovecot_server.port == port
    dovecot_server.restart(kill=True)  # crash

    with imap_account.connect() as client:
        client.select_folder("INBOX", readonly=True)
        assert client.search() == [uid]


@pytest.mark.imap
def test_imap_missing_dovecot_fails_with_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dovecot, "find_dovecot", lambda: None)
    with pytest.raises(
        pytest.fail.Exception,
        match=r"apt-get install -y --no-install-recommends dovecot-imapd",
    ):
        dovecot.start_dovecot()


# -- SMTP (aiosmtpd) --------------------------------------------------------------------------


def test_smtp_records_envelope_and_bytes(smtp_server: SmtpServer) -> None:
    message = _mail("Ihre Anfrage #7")
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=10) as client:
        client.send_message(message, to_addrs=["kunde@example.org", "cc@example.org"])

    (received,) = smtp_server.wait_for(1, timeout=5)
    assert received.mail_from == "support@example.com"
    assert received.rcpt_tos == ("kunde@example.org", "cc@example.org")
    assert received.parsed()["Subject"] == "Ihre Anfrage #7"
    assert "Grüße" in received.parsed().get_content()


def test_smtp_down_for_a_while(smtp_server: SmtpServer) -> None:
    port = smtp_server.port
    smtp_server.stop()
    with pytest.raises(ConnectionRefusedError):
        smtplib.SMTP(smtp_server.host, port, timeout=5)

    smtp_server.start()
    assert smtp_server.port == port
    with smtplib.SMTP(smtp_server.host, port, timeout=10) as client:
        client.send_message(_mail("after the outage"))
    assert len(smtp_server.wait_for(1)) == 1


def test_smtp_rejects_on_demand(smtp_server: SmtpServer) -> None:
    smtp_server.reject("451 4.3.0 Try again later", times=1)
    with smtplib.SMTP(smtp_server.host, smtp_server.port, timeout=10) as client:
        with pytest.raises(smtplib.SMTPDataError) as temporary:
            client.send_message(_mail("greylisted"))
        assert temporary.value.smtp_code == 451
        client.send_message(_mail("second try"))  # times=1: accepted again

        smtp_server.reject("550 5.1.1 No such user", stage="RCPT")
        with pytest.raises(smtplib.SMTPRecipientsRefused):
            client.send_message(_mail("bounced", to="nobody@example.org"))

    assert smtp_server.rejected == 2
    assert [m.parsed()["Subject"] for m in smtp_server.messages] == ["second try"]
