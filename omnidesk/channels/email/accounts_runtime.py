"""One-shot mail jobs the CLI and the gateway share: fetch, reconcile, deliver the outbox."""

from dataclasses import dataclass, field
from datetime import timedelta

from omnidesk.channels.email.imap_connection import imap_session
from omnidesk.channels.email.imap_fetch import FetchReport, fetch_account
from omnidesk.channels.email.smtp_send import SendReport, deliver_due
from omnidesk.config.mail_accounts import MailAccount, SmtpAccount
from omnidesk.config.secrets import SecretStore
from omnidesk.config.settings import Settings
from omnidesk.core.errors import ConfigError
from omnidesk.core.lifecycle import ReopenPolicy
from omnidesk.core.threading_rules import SubjectPolicy
from omnidesk.services.acknowledge import ack_settings
from omnidesk.services.ingest_email import IngestPolicy
from omnidesk.store import mail_intake, mailbox
from omnidesk.store.engine import Database
from omnidesk.store.mail_intake import Held


def ingest_policy(settings: Settings, *, keep_sent_time: bool = False) -> IngestPolicy:
    # keep_sent_time means an import of old history: it never acknowledges anything.
    live = not keep_sent_time and settings.acknowledge_email
    return IngestPolicy(
        reopen=ReopenPolicy(window=timedelta(days=settings.reopen_window_days)),
        subject=SubjectPolicy(
            enabled=settings.subject_threading,
            window=timedelta(days=settings.subject_threading_days),
        ),
        keep_sent_time=keep_sent_time,
        acknowledge=ack_settings(settings) if live else None,
    )


def account_password(secrets: SecretStore, account: MailAccount | SmtpAccount) -> str:
    password = secrets.get(account.secret_key)
    if password is None:
        name = account.name if isinstance(account, MailAccount) else "smtp"
        raise ConfigError(
            f"no password is stored for mail account {name!r}: enter it in Settings, or run "
            f"'omnidesk mail password {name}'"
        )
    return password


def fetch_once(
    db: Database, settings: Settings, secrets: SecretStore, account: MailAccount
) -> FetchReport:
    password = account_password(secrets, account)
    with imap_session(account, password) as client:
        return fetch_account(db, client, account, policy=ingest_policy(settings))


@dataclass
class FolderReconciliation:
    folder: str
    uidvalidity: int
    on_server: int
    imported: int
    missing: list[int] = field(default_factory=list)
    """UIDs at or below the last received one that are neither stored nor waiting in the
    intake: should never happen."""
    pending: int = 0
    """UIDs above the last received one: the next fetch will take them."""
    waiting: list[Held] = field(default_factory=list)
    """Received (safe in the database) but not yet stored as cases; failures say why."""


def reconcile(
    db: Database, secrets: SecretStore, account: MailAccount
) -> list[FolderReconciliation]:
    """Compare what the server holds with what was imported, folder by folder."""
    found = []
    with imap_session(account, account_password(secrets, account)) as client:
        for folder in account.folders:
            selected = client.select_folder(folder, readonly=True)
            uidvalidity = int(selected[b"UIDVALIDITY"])
            on_server = sorted(client.search(["ALL"]))
            with db.read() as session:
                state = mailbox.get_state(session, account.name, folder)
                imported = mailbox.imported_uids(
                    session, account=account.name, folder=folder, uidvalidity=uidvalidity
                )
                waiting = mail_intake.held(session, account.name, folder, uidvalidity)
            received = imported | {w.uid for w in waiting}
            last = state.last_uid if state and state.uidvalidity == uidvalidity else 0
            found.append(
                FolderReconciliation(
                    folder=folder,
                    uidvalidity=uidvalidity,
                    on_server=len(on_server),
                    imported=len(imported & set(on_server)),
                    missing=[u for u in on_server if u <= last and u not in received],
                    pending=sum(1 for u in on_server if u > last),
                    waiting=waiting,
                )
            )
    return found


def deliver_outbox(db: Database, secrets: SecretStore, smtp: SmtpAccount) -> SendReport:
    password = secrets.get(smtp.secret_key) if smtp.user else None
    if smtp.user and password is None:
        raise ConfigError(
            "no SMTP password is stored: enter it in Settings, or run 'omnidesk mail password smtp'"
        )
    return deliver_due(db, smtp, password)
