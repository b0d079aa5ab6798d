"""A configured mail account on a real Dovecot and a real SMTP server."""

from dataclasses import replace

import pytest

from omnidesk.config.mail_accounts import MailAccount, Processed, Security, SmtpAccount
from omnidesk.config.secrets import SecretStore
from omnidesk.config.settings import Settings
from tests.servers.dovecot import ImapAccount
from tests.servers.smtp import SmtpServer


@pytest.fixture
def secrets(memory_keyring) -> SecretStore:
    return SecretStore()


@pytest.fixture
def account(imap_account: ImapAccount, secrets: SecretStore) -> MailAccount:
    configured = MailAccount(
        name="support",
        host=imap_account.host,
        port=imap_account.port,
        user=imap_account.user,
        security=Security.PLAIN,
        processed=Processed.FLAG,
        timeout_seconds=10,
    )
    secrets.set(configured.secret_key, imap_account.password)
    return configured


@pytest.fixture
def smtp(smtp_server: SmtpServer) -> SmtpAccount:
    return SmtpAccount(
        host=smtp_server.host,
        port=smtp_server.port,
        user="",
        from_address="support@team.example",
        security=Security.PLAIN,
        timeout_seconds=10,
    )


@pytest.fixture
def settings() -> Settings:
    # Acknowledgements are off here so these tests count only the mail they send
    # themselves; test_acknowledgement_e2e.py runs with the default (on).
    return replace(Settings(), team_address="support@team.example", acknowledge_email=False)
