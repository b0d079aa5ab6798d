"""``omnidesk mail fetch`` and ``omnidesk mail status`` against a real Dovecot."""

from pathlib import Path

import tomli_w

from omnidesk.channels.email import imap_fetch
from omnidesk.config.mail_accounts import MailAccount, Security
from omnidesk.config.secrets import SecretStore
from tests.integration.cli.test_cli import run
from tests.integration.email.test_imap_and_outbox import customer_mail, refuse_to_store
from tests.servers.dovecot import ImapAccount


def configure(data_dir: Path, imap: ImapAccount) -> None:
    data_dir.mkdir(parents=True, exist_ok=True)
    settings = {
        "acknowledge_email": False,
        "mail": {"accounts": {"support": imap.settings()}},
    }
    (data_dir / "settings.toml").write_text(tomli_w.dumps(settings), encoding="utf-8")
    account = MailAccount(
        name="support", host=imap.host, port=imap.port, user=imap.user, security=Security.PLAIN
    )
    SecretStore().set(account.secret_key, imap.password)


def test_fetch_and_status_report_what_was_received_stored_and_held(
    capsys, tmp_path, imap_account, memory_keyring, monkeypatch
):
    data = tmp_path / "desk"
    configure(data, imap_account)
    imap_account.append(customer_mail("Erste", "eins"))
    imap_account.append(customer_mail("Zweite", "zwei"))
    code, out, err = run(capsys, "--data-dir", str(data), "mail", "fetch", "--once")
    assert (code, err) == (0, "")
    assert out == "support/INBOX: 2 received; stored: 2 new case\n"

    real = refuse_to_store(monkeypatch, "Kaputt")
    imap_account.append(customer_mail("Kaputt", "drei"))
    code, out, err = run(capsys, "--data-dir", str(data), "mail", "fetch", "--once")
    assert code == 1
    assert out == "support/INBOX: 1 received; stored: nothing new\n"
    assert (
        "error: mail account 'support': 1 message(s) could not be stored; they are safe in "
        "OmniDesk's intake and tried again on every pass ('omnidesk mail status' lists them): "
        "folder 'INBOX', UID 3 ('Kaputt') could not be stored: value too long\n"
    ) in err
    assert "Traceback" not in err

    code, out, _ = run(capsys, "--data-dir", str(data), "mail", "status")
    assert code == 0
    assert out.splitlines() == [
        "support/INBOX: 3 on the server, 2 imported, 1 received and waiting to be stored, "
        "0 waiting for the next fetch; missing UIDs: none",
        "  UID 3: not stored after 1 attempt(s): value too long",
    ]

    monkeypatch.setattr(imap_fetch, "ingest_batch", real)
    code, out, err = run(capsys, "--data-dir", str(data), "mail", "fetch", "--once")
    assert (code, err) == (0, "")
    assert out == "support/INBOX: 0 received; stored: 1 new case\n"
