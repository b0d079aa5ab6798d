"""The gateway's mail workers: one thread per IMAP account, one for the outbox.

Each account keeps its connection open and alternates between an ingestion pass
and IMAP IDLE (or a poll when the server has no IDLE). A broken connection is
retried with growing pauses; a refused password is not retried in a hot loop —
the account waits long and its status says why, for the health endpoint and the
desktop's settings page.
"""

import asyncio
import functools
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from imapclient import IMAPClient

from omnidesk.channels.email.accounts_runtime import account_password, deliver_outbox, ingest_policy
from omnidesk.channels.email.imap_connection import MailLoginFailed, imap_session
from omnidesk.channels.email.imap_fetch import fetch_account
from omnidesk.config.mail_accounts import MailAccount, SmtpAccount, mail_accounts, smtp_account
from omnidesk.config.secrets import SecretStore
from omnidesk.config.settings import Settings
from omnidesk.core.errors import KnownError
from omnidesk.store.engine import Database
from omnidesk.store.leases import MailboxLease

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Pacing:
    idle_seconds: float = 25 * 60.0
    """Below the 29 minutes after which servers may drop an idle client (RFC 2177)."""
    poll_seconds: float = 60.0
    """Between passes when the server has no IDLE."""
    first_retry: float = 5.0
    max_retry: float = 300.0
    after_login_failure: float = 15 * 60.0
    outbox_seconds: float = 10.0
    standby_seconds: float = 5.0
    """How often a gateway on standby asks whether the mailbox's ingester is gone."""
    lease_check_seconds: float = 5.0
    """How often an ingester makes sure it still holds the mailbox (its lock's session lives)."""


@dataclass
class WorkerStatus:
    name: str
    state: str = "starting"
    last_error: str | None = None
    last_success: float | None = None
    passes: int = 0
    login_failures: int = 0


@dataclass
class MailWorkers:
    """Status of every worker, readable from any thread (values are replaced, not mutated)."""

    statuses: dict[str, WorkerStatus] = field(default_factory=dict)


async def run_mail_workers(
    db: Database,
    settings: Settings,
    secrets: SecretStore,
    stop: asyncio.Event,
    *,
    pacing: Pacing | None = None,
    workers: MailWorkers | None = None,
) -> None:
    """Run until ``stop`` is set; returns after every worker thread has finished."""
    pacing = pacing or Pacing()
    workers = workers or MailWorkers()
    halt = threading.Event()
    loop = asyncio.get_running_loop()
    jobs = []

    def job(name: str) -> _Job:
        status = workers.statuses.setdefault(name, WorkerStatus(name))
        return _Job(db, settings, secrets, pacing, status, halt)

    for account in mail_accounts(settings):
        target = functools.partial(_account_loop, job(account.name), account)
        jobs.append(_thread(loop, f"imap-{account.name}", target))
    smtp = smtp_account(settings)
    if smtp is not None:
        jobs.append(_thread(loop, "outbox", functools.partial(_outbox_loop, job("outbox"), smtp)))
    if not jobs:
        log.info("no mail accounts configured; mail workers idle")
    try:
        await stop.wait()
    finally:
        halt.set()
        await asyncio.gather(*jobs, return_exceptions=True)


@dataclass(frozen=True, slots=True)
class _Job:
    db: Database
    settings: Settings
    secrets: SecretStore
    pacing: Pacing
    status: WorkerStatus
    halt: threading.Event


def _thread(
    loop: asyncio.AbstractEventLoop, name: str, target: Callable[[], None]
) -> "asyncio.Future[None]":
    """Run ``target`` on a thread of its own (one per account: imapclient blocks)."""
    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
    future = loop.run_in_executor(executor, target)
    future.add_done_callback(lambda _: executor.shutdown(wait=False))
    return future


def mailbox_name(account: MailAccount) -> str:
    """What identifies a mailbox across gateways, whatever each calls the account."""
    return f"{account.user}@{account.host}:{account.port}"


def _account_loop(job: _Job, account: MailAccount) -> None:
    lease = MailboxLease(job.db, mailbox_name(account))
    try:
        _ingest_while_leased(job, account, lease)
    finally:
        lease.release()
    job.status.state = "stopped"


def _ingest_while_leased(job: _Job, account: MailAccount, lease: MailboxLease) -> None:
    db, settings, pacing, status, halt = job.db, job.settings, job.pacing, job.status, job.halt
    delay = pacing.first_retry
    while not halt.is_set():
        if not lease.try_acquire():
            if lease.unreachable:
                # Not another gateway: the database is away (health must not say "standby").
                status.state, status.last_error = "unavailable", lease.unreachable
            else:
                # Another gateway ingests this mailbox; take over when its lock's session ends.
                status.state, status.last_error = "standby", None
            halt.wait(pacing.standby_seconds)
            continue
        try:
            password = account_password(job.secrets, account)
            with imap_session(account, password) as client:
                delay = pacing.first_retry
                while not halt.is_set() and lease.still_held():
                    status.state = "fetching"
                    report = fetch_account(db, client, account, policy=ingest_policy(settings))
                    status.passes += 1
                    # A message that cannot be stored waits in the intake; new mail goes on.
                    status.last_success, status.last_error = time.time(), report.held_summary()
                    status.state = "waiting"
                    _wait_for_mail(
                        client, account, pacing, halt, lease, uid_next=report.folders[0].uid_next
                    )
        except MailLoginFailed as exc:
            status.login_failures += 1
            _failed(status, exc, "login refused")
            halt.wait(pacing.after_login_failure)
        except KnownError as exc:
            _failed(status, exc, "unavailable")
            halt.wait(delay)
            delay = min(delay * 2, pacing.max_retry)
        except Exception as exc:  # a worker must survive any bug in one pass
            log.exception("mail account %s: unexpected error", account.name)
            _failed(status, exc, "error")
            halt.wait(delay)
            delay = min(delay * 2, pacing.max_retry)


def _wait_for_mail(
    client: IMAPClient,
    account: MailAccount,
    pacing: Pacing,
    halt: threading.Event,
    lease: MailboxLease,
    *,
    uid_next: int = 0,
) -> None:
    """Block until new mail, the end of the pause, a stop request or a lost lease.

    ``uid_next`` is the folder's UIDNEXT when the last pass began: IDLE reports only mail
    that arrives once it runs, so mail that came in between is looked for first.
    """
    if not client.has_capability("IDLE"):
        deadline = time.monotonic() + pacing.poll_seconds
        while not halt.is_set() and time.monotonic() < deadline and lease.still_held():
            halt.wait(min(pacing.lease_check_seconds, max(deadline - time.monotonic(), 0)))
        return
    selected = client.select_folder(account.folders[0])
    now_next = int(selected.get(b"UIDNEXT", 0))
    if uid_next and now_next > uid_next:
        return  # mail arrived after the pass looked (maybe taken by it): look again
    client.idle()
    try:
        deadline = time.monotonic() + pacing.idle_seconds
        next_lease_check = time.monotonic() + pacing.lease_check_seconds
        while not halt.is_set() and time.monotonic() < deadline:
            if time.monotonic() >= next_lease_check:
                if not lease.still_held():
                    return  # another gateway may be ingesting now: stand back
                next_lease_check = time.monotonic() + pacing.lease_check_seconds
            # Short checks so a stop request is noticed within a second.
            responses = client.idle_check(timeout=1)
            if any(isinstance(r, tuple) and len(r) > 1 and r[1] == b"EXISTS" for r in responses):
                return
    finally:
        client.idle_done()


def _outbox_loop(job: _Job, smtp: SmtpAccount) -> None:
    status, halt = job.status, job.halt
    while not halt.is_set():
        try:
            report = deliver_outbox(job.db, job.secrets, smtp)
            status.passes += 1
            status.state = "waiting"
            status.last_success = time.time()
            status.last_error = "; ".join(report.errors[-3:]) or None
        except KnownError as exc:  # the database is away: retried at the next pass
            _failed(status, exc, "unavailable")
        except Exception as exc:  # keep delivering whatever one pass did
            log.exception("outbox: unexpected error")
            _failed(status, exc, "error")
        halt.wait(job.pacing.outbox_seconds)
    status.state = "stopped"


def _failed(status: WorkerStatus, exc: BaseException, state: str) -> None:
    status.state = state
    status.last_error = str(exc)
    log.warning("%s: %s", status.name, exc)
