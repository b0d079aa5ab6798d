"""Trying a mail server or a database from the settings dialog, on a network thread.

These functions run in a worker (``TaskRunner.submit(..., network=True)``) and
return a plain sentence; failures are the ``KnownError``s the adapters raise
(wrong password, unreachable host, TLS trouble), each phrased for the person.
"""

from omnidesk.channels.email.imap_connection import imap_session
from omnidesk.config.mail_accounts import MailAccount
from omnidesk.store.engine import Database


def try_imap(account: MailAccount, password: str) -> int:
    """Log in and count the folders; raises ``MailLoginFailed`` or ``MailServerUnavailable``."""
    with imap_session(account, password) as client:
        return len(client.list_folders())


def try_database(url: str) -> str:
    """Connect once to ``url``; raises ``StorageUnavailable`` or ``ConfigError``."""
    database = Database(url)
    try:
        database.check_connection()
        return database.display_url
    finally:
        database.dispose()
