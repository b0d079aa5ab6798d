"""Small helpers the Qt tests share: cases made to order, started windows, open dialogs."""

from typing import TypeVar

from PySide6.QtWidgets import QApplication, QWidget
from sqlmodel import select

from omnidesk.core.enums import Channel, IdentityKind
from omnidesk.core.ids import CaseNumber
from omnidesk.core.views import View
from omnidesk.services.agents import find_agent
from omnidesk.services.cases import Incoming, claim_case, open_case
from omnidesk.store.engine import Database
from omnidesk.store.tables import OutboxRow
from omnidesk.ui.mainwindow import MainWindow

W = TypeVar("W", bound=QWidget)
WAIT_MS = 5000


def new_case(
    db: Database,
    text: str,
    *,
    owner: str | None = None,
    subject: str = "Parcel",
    address: str = "kim.lee@example.net",
    channel: Channel = Channel.EMAIL,
) -> CaseNumber:
    """A case with one customer message written for the test, claimed by ``owner``."""
    kind = IdentityKind.CHAT if channel is Channel.CHAT else IdentityKind.EMAIL
    number = open_case(
        db,
        Incoming(
            channel=channel,
            identity_kind=kind,
            identity_value=address,
            customer_name="Kim Lee",
            subject=subject,
            text=text,
        ),
    )
    if owner is not None:
        claim_case(db, number, find_agent(db, owner))
    return number


def started(qtbot, window: MainWindow, *, view: View = View.ALL, case: CaseNumber | None = None):
    """Show ``window`` on ``view``; with ``case``, wait until that case is on screen."""
    window.start(view=view, case=case)
    window.show()
    qtbot.waitUntil(
        lambda: window.task_runner.is_idle() and window.case_model.rowCount() > 0, timeout=WAIT_MS
    )
    if case is not None:
        qtbot.waitUntil(lambda: window.composer.current_number() == case, timeout=WAIT_MS)
        qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)
    return window


def shown(kind: type[W], name: str) -> W | None:
    """The visible top-level widget of ``kind`` named ``name`` (a dialog opened with open())."""
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, kind) and widget.objectName() == name and widget.isVisible():
            return widget
    return None


def wait_shown(qtbot, kind: type[W], name: str) -> W:
    qtbot.waitUntil(lambda: shown(kind, name) is not None, timeout=WAIT_MS)
    found = shown(kind, name)
    assert found is not None
    return found


def outbox_recipients(db: Database, message_id: int) -> list[str]:
    with db.read() as session:
        rows = session.exec(select(OutboxRow).where(OutboxRow.message_id == message_id)).all()
        return [row.recipients for row in rows]
