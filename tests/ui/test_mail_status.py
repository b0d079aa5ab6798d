"""The status bar says what the app's own mail workers (solo mode) need from its user."""

import asyncio
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

from omnidesk.app import _Desk
from omnidesk.channels.email.imap_connection import MailLoginFailed
from omnidesk.channels.email.workers import WorkerStatus, _failed
from omnidesk.cli.context import CliContext
from omnidesk.config.mail_accounts import mail_accounts
from omnidesk.config.paths import resolve_paths
from omnidesk.config.secrets import SecretStore
from omnidesk.config.settings import Settings
from omnidesk.ui.mail_status import MailStatusLabel, WorkerView, summarize
from tests.servers.dovecot import ImapAccount


def view(status: WorkerStatus) -> WorkerView:
    return WorkerView(status.name, status.state, status.last_error)


def test_nothing_configured_shows_nothing(qapp):
    assert summarize([]) is None


def test_working_accounts_read_calmly(qapp):
    waiting = WorkerStatus("support", state="waiting", passes=3)
    outbox = WorkerStatus("outbox", state="waiting")
    summary = summarize([view(waiting), view(outbox)])
    assert summary is not None
    assert (summary.text, summary.problem) == ("Mail: up to date", False)
    assert summary.tooltip == "Mail accounts: support, outgoing mail"
    starting = summarize([view(WorkerStatus("support"))])
    assert starting is not None
    assert starting.text == "Mail: checking…"


def test_a_refused_password_is_said_with_what_to_do(qapp):
    status = WorkerStatus("support")
    # As the worker records it when the server refuses the login.
    _failed(
        status,
        MailLoginFailed(
            "mail account 'support': imap.example.org refused the login for 'help'; "
            "check the user name and password"
        ),
        "login refused",
    )
    fine = WorkerStatus("outbox", state="waiting")
    summary = summarize([view(fine), view(status)])
    assert summary is not None
    assert summary.problem
    assert summary.text.startswith("⚠ Mail: support: mail account 'support': imap.example.org")
    assert summary.text.endswith("…")  # shortened; the tooltip has it all
    assert summary.tooltip.endswith("check the user name and password")


def test_the_label_follows_the_workers_and_hides_without_mail(qapp, qtbot):
    statuses: list[WorkerStatus] = []
    label = MailStatusLabel(lambda: [view(s) for s in statuses])
    qtbot.addWidget(label)
    assert label.isHidden()
    statuses.append(WorkerStatus("support", state="waiting"))
    label.refresh()
    assert not label.isHidden()
    assert label.text() == "Mail: up to date"
    statuses[0].last_error = "1 message(s) could not be stored"
    # The label's own timer picks the change up.
    qtbot.waitUntil(lambda: label.text().startswith("⚠"), timeout=5_000)
    assert "b3261e" in label.styleSheet()
    assert label.toolTip() == "support: 1 message(s) could not be stored"


def test_german(german, qapp):
    summary = summarize([WorkerView("outbox", "error", "SMTP refused")])
    assert summary is not None
    assert summary.text == "⚠ E-Mail: ausgehende E-Mail: SMTP refused"


class _GatewayStandIn:
    """The web side is not what this test is about: it only hands over the mail workers."""

    url = "http://127.0.0.1:0"
    handed: ClassVar[list[object]] = []

    def __init__(self, db: object, settings: object, *, workers: list[object]) -> None:
        _GatewayStandIn.handed = workers

    async def start(self) -> None:
        pass


def test_solo_mode_shows_a_refused_login_in_the_status_bar(
    qloop: asyncio.AbstractEventLoop,
    qapp,
    qtbot,
    tmp_path: Path,
    demo_db,
    make_window,
    imap_account: ImapAccount,
    memory_keyring,
    monkeypatch,
):
    mail = {"accounts": {"support": imap_account.settings(timeout_seconds=5)}}
    settings = replace(Settings(), extra={"mail": mail})
    (account,) = mail_accounts(settings)
    SecretStore().set(account.secret_key, "not the password")
    monkeypatch.setattr("omnidesk.gateway.server.Gateway", _GatewayStandIn)
    window = make_window(demo_db, settings=settings)
    ctx = CliContext(paths=resolve_paths(str(tmp_path / "desk")), settings=settings)
    desk = _Desk(qapp, ctx, None, None, screenshot=None, view=None, case=None)  # type: ignore[arg-type]
    starting = qloop.create_task(desk._start_solo_gateway(demo_db, window))
    qtbot.waitUntil(starting.done, timeout=10_000)
    starting.result()
    (label,) = window.statusBar().findChildren(MailStatusLabel)
    # The real mail workers, as the gateway would run them, against a real Dovecot.
    (run_workers,) = _GatewayStandIn.handed
    stop = asyncio.Event()
    running = qloop.create_task(run_workers(stop))  # type: ignore[operator]
    try:
        qtbot.waitUntil(lambda: "refused the login" in label.toolTip(), timeout=20_000)
        assert label.text().startswith("⚠ Mail: support: ")
        assert not label.isHidden()
    finally:
        stop.set()
        qtbot.waitUntil(running.done, timeout=20_000)
