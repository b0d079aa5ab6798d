"""The desktop's resolve action offers to ask the customer "Did this solve your problem?"."""

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton

from omnidesk.core.enums import CaseStatus, Channel, EventKind
from omnidesk.services.cases import case_detail

from .helpers import WAIT_MS, new_case, shown, started, wait_shown

QUESTION = "Where is my parcel? It was due on Monday."


def _public_url(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text(
        '[gateway]\npublic_url = "https://support.example.com"\n', encoding="utf-8"
    )


def test_resolve_and_ask_the_customer(demo_db, make_window, qtbot, tmp_path):
    _public_url(tmp_path)
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    window.commands.resolve.trigger()
    box = wait_shown(qtbot, QMessageBox, "resolveAsk")
    assert f"#{number}" in box.text()
    asking = box.findChild(QPushButton, "resolveAndAsk")
    assert asking is box.defaultButton()
    with qtbot.waitSignal(window.case_actions.sig_changed, timeout=WAIT_MS):
        asking.click()

    detail = case_detail(demo_db, number)
    assert detail.case.status is CaseStatus.RESOLVED
    assert EventKind.RESOLUTION_ASKED in [e.kind for e in detail.events]
    assert "https://support.example.com/resolution/" in detail.messages[-1].body_text
    assert "asked to confirm" in window.statusBar().currentMessage()


def test_resolve_only_and_cancel(demo_db, make_window, qtbot, tmp_path):
    _public_url(tmp_path)
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    window.commands.resolve.trigger()
    box = wait_shown(qtbot, QMessageBox, "resolveAsk")
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: shown(QMessageBox, "resolveAsk") is None, timeout=WAIT_MS)
    qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)
    assert case_detail(demo_db, number).case.status is not CaseStatus.RESOLVED

    window.commands.resolve.trigger()
    again = wait_shown(qtbot, QMessageBox, "resolveAsk")
    only = again.findChild(QPushButton, "resolveOnly")
    assert only is not None
    with qtbot.waitSignal(window.case_actions.sig_changed, timeout=WAIT_MS):
        only.click()
    detail = case_detail(demo_db, number)
    assert detail.case.status is CaseStatus.RESOLVED
    assert EventKind.RESOLUTION_ASKED not in [e.kind for e in detail.events]


def test_no_offer_without_an_address_to_ask(demo_db, make_window, qtbot, tmp_path):
    _public_url(tmp_path)
    number = new_case(demo_db, QUESTION, owner="anna", channel=Channel.CHAT, address="visitor-1")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    with qtbot.waitSignal(window.case_actions.sig_changed, timeout=WAIT_MS):
        window.commands.resolve.trigger()  # resolves at once, as before
    assert case_detail(demo_db, number).case.status is CaseStatus.RESOLVED
