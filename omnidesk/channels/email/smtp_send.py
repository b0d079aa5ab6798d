"""Delivering the outbox over SMTP (blocking: runs on the outbox thread or in the CLI)."""

import logging
import smtplib
import socket
import ssl
from dataclasses import dataclass, field

from omnidesk.channels.email.compose import compose_reply
from omnidesk.config.mail_accounts import Security, SmtpAccount
from omnidesk.services import outbox
from omnidesk.store.engine import Database

log = logging.getLogger(__name__)


@dataclass
class SendReport:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


class _Failure(Exception):
    def __init__(self, text: str, *, permanent: bool) -> None:
        super().__init__(text)
        self.permanent = permanent


def deliver_due(
    db: Database, smtp: SmtpAccount, password: str | None, *, limit: int = 100
) -> SendReport:
    """Send every reply that is due now, each at most once per call."""
    report = SendReport()
    connection: smtplib.SMTP | None = None
    try:
        for _ in range(limit):
            mail = outbox.lease_next(db)
            if mail is None:
                break
            raw = mail.raw or compose_reply(
                mail.message,
                sender_name=mail.sender_name,
                from_address=smtp.from_address,
                to=mail.recipients,
                attachments=mail.attachments,
            )
            if mail.raw is None:
                outbox.keep_raw(db, mail, raw)
            try:
                connection = connection or _connect(smtp, password)
                _send(connection, smtp.from_address, mail.recipients, raw)
            except _Failure as failure:
                _drop(connection)
                connection = None
                gave_up = outbox.mark_failed_attempt(
                    db, mail, error=str(failure), permanent=failure.permanent
                )
                report.errors.append(f"case #{mail.case_number}: {failure}")
                if gave_up:
                    report.failed += 1
                else:
                    report.retrying += 1
                if not failure.permanent:
                    # The server is down or busy: the rest would fail the same way.
                    break
                continue
            outbox.mark_sent(db, mail)
            report.sent += 1
    finally:
        _drop(connection)
    return report


def _connect(smtp: SmtpAccount, password: str | None) -> smtplib.SMTP:
    where = f"{smtp.host}:{smtp.port}"
    try:
        if smtp.security is Security.TLS:
            connection: smtplib.SMTP = smtplib.SMTP_SSL(
                smtp.host,
                smtp.port,
                timeout=smtp.timeout_seconds,
                context=ssl.create_default_context(),
            )
        else:
            connection = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout_seconds)
            if smtp.security is Security.STARTTLS:
                connection.starttls(context=ssl.create_default_context())
        if smtp.user and password:
            connection.login(smtp.user, password)
        return connection
    except smtplib.SMTPAuthenticationError as exc:
        raise _Failure(
            f"{where} refused the login for {smtp.user!r}: check the SMTP password",
            permanent=False,
        ) from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise _Failure(
            f"cannot reach the SMTP server {where}: {_describe(exc)}", permanent=False
        ) from exc


def _send(connection: smtplib.SMTP, sender: str, recipients: list[str], raw: bytes) -> None:
    try:
        refused = connection.sendmail(sender, recipients, raw)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = {code for code, _ in exc.recipients.values()}
        text = "; ".join(
            f"{r}: {c} {m.decode(errors='replace')}" for r, (c, m) in exc.recipients.items()
        )
        raise _Failure(
            f"recipient refused: {text}", permanent=all(c >= 500 for c in codes)
        ) from exc
    except smtplib.SMTPResponseException as exc:
        message = (
            exc.smtp_error.decode(errors="replace")
            if isinstance(exc.smtp_error, bytes)
            else str(exc.smtp_error)
        )
        raise _Failure(
            f"the SMTP server answered {exc.smtp_code} {message}", permanent=exc.smtp_code >= 500
        ) from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise _Failure(f"sending failed: {_describe(exc)}", permanent=False) from exc
    if refused:
        log.warning("some recipients were refused: %s", refused)


def _drop(connection: smtplib.SMTP | None) -> None:
    if connection is None:
        return
    try:
        connection.quit()
    except (OSError, smtplib.SMTPException):
        connection.close()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, TimeoutError | socket.timeout):
        return "no answer (timed out)"
    return str(exc) or type(exc).__name__
