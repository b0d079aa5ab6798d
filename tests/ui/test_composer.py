"""The composer against a real database: replies reach the outbox, notes stay inside,
non-owners choose "on behalf" or ask for the case, and the pre-send check speaks up."""

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton

from omnidesk.config.settings import Settings
from omnidesk.config.timezone import local_zone
from omnidesk.core.enums import (
    Channel,
    CommitmentKind,
    CommitmentState,
    DeliveryState,
    Direction,
    ReplyMode,
)
from omnidesk.core.reply_check import FindingCode
from omnidesk.services.agents import find_agent
from omnidesk.services.cases import case_detail
from omnidesk.ui.composer.drafts import DraftStore
from omnidesk.ui.dialogs.commitment import CommitmentDialog
from omnidesk.ui.dialogs.reason import ReasonDialog

from .helpers import WAIT_MS, new_case, outbox_recipients, started, wait_shown

QUESTION = "Where is my parcel? It was due on Monday."
LOCAL = local_zone(Settings())
"""The zone the test windows read and show times in (no ``time_zone`` setting)."""


def _send(qtbot, window, text: str, *, mode: ReplyMode = ReplyMode.REPLY) -> None:
    window.write(mode)
    window.composer.set_text(text)
    qtbot.mouseClick(window.composer.ui.send, Qt.MouseButton.LeftButton)


def test_a_reply_lands_in_the_outbox(demo_db, make_window, qtbot, tmp_path):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    with qtbot.waitSignal(window.composer.sig_written, timeout=WAIT_MS) as written:
        _send(qtbot, window, "Your parcel left our warehouse today and arrives on Friday.")

    assert written.args == [number, ReplyMode.REPLY.value]
    reply = case_detail(demo_db, number).messages[-1]
    assert reply.direction is Direction.OUT
    assert reply.delivery_state is DeliveryState.QUEUED
    assert reply.body_text.startswith("Your parcel left our warehouse")
    assert outbox_recipients(demo_db, reply.id) == ["kim.lee@example.net"]
    assert window.composer.text() == ""
    assert not DraftStore(tmp_path / "drafts").path(number).exists()
    assert f"#{number}" in window.statusBar().currentMessage()
    # The window follows: the reply is in the conversation on screen.
    qtbot.waitUntil(
        lambda: "arrives on Friday" in window.detail_pane.conversation_text(), timeout=WAIT_MS
    )


def test_a_note_stays_inside(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    with qtbot.waitSignal(window.composer.sig_written, timeout=WAIT_MS):
        _send(
            qtbot,
            window,
            "Checked with the carrier, waiting for their answer.",
            mode=ReplyMode.NOTE,
        )

    note = case_detail(demo_db, number).messages[-1]
    assert note.direction is Direction.INTERNAL
    assert note.delivery_state is None
    assert outbox_recipients(demo_db, note.id) == []
    assert window.composer.mode() is ReplyMode.NOTE
    assert window.composer.ui.send.text() == "Add &note"


def test_the_signature_is_added_to_replies(demo_db, make_window, qtbot):
    settings = Settings(agent="anna", extra={"desktop": {"signature": "Anna\nSupport"}})
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna", settings=settings), case=number)

    with qtbot.waitSignal(window.composer.sig_written, timeout=WAIT_MS):
        _send(qtbot, window, "Your parcel arrives on Friday.")

    assert case_detail(demo_db, number).messages[-1].body_text.endswith("\n\n-- \nAnna\nSupport")


def test_a_non_owner_replies_on_behalf_and_the_owner_stays(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="ben"), case=number)

    _send(qtbot, window, "Your parcel arrives on Friday.")
    question = wait_shown(qtbot, QMessageBox, "onBehalfQuestion")
    assert "Anna" in question.text()
    on_behalf = question.findChild(QPushButton, "replyOnBehalf")
    with qtbot.waitSignal(window.composer.sig_written, timeout=WAIT_MS):
        qtbot.mouseClick(on_behalf, Qt.MouseButton.LeftButton)

    detail = case_detail(demo_db, number)
    reply = detail.messages[-1]
    anna = find_agent(demo_db, "anna")
    assert reply.direction is Direction.OUT
    assert reply.on_behalf_of_id == anna.id
    assert detail.owner == anna
    assert "on behalf of anna" in (detail.events[-1].reason or "")


def test_a_non_owner_can_ask_for_a_handover_instead(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="ben"), case=number)
    draft = "Your parcel arrives on Friday."

    _send(qtbot, window, draft)
    question = wait_shown(qtbot, QMessageBox, "onBehalfQuestion")
    qtbot.mouseClick(question.findChild(QPushButton, "requestHandover"), Qt.MouseButton.LeftButton)
    dialog = wait_shown(qtbot, ReasonDialog, "handoverRequestDialog")
    dialog.text.setText("the customer phoned me about it")
    with qtbot.waitSignal(window.composer.sig_case_changed, timeout=WAIT_MS):
        dialog.accept()

    detail = case_detail(demo_db, number)
    note = detail.messages[-1]
    assert note.direction is Direction.INTERNAL
    assert "the customer phoned me about it" in note.body_text
    assert detail.owner is not None
    assert detail.owner.name == "anna"
    # Nothing reached the customer, and the reply waits in the composer.
    assert all(m.direction is not Direction.OUT for m in detail.messages)
    assert window.composer.text() == draft


def test_cancelling_the_question_sends_nothing(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="ben"), case=number)

    _send(qtbot, window, "Your parcel arrives on Friday.")
    question = wait_shown(qtbot, QMessageBox, "onBehalfQuestion")
    question.reject()

    qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)
    assert len(case_detail(demo_db, number).messages) == 1
    assert window.composer.text() == "Your parcel arrives on Friday."


def test_a_finding_holds_the_reply_until_sent_anyway(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    _send(qtbot, window, "Your parcel arrives on Friday, the tracking slip is attached.")

    codes = [f.code for f in window.composer.findings()]
    assert codes == [FindingCode.MISSING_ATTACHMENT]
    assert window.composer.ui.findings.isVisible()
    assert "nothing is attached" in window.composer.ui.findings.row_texts()[0]
    qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)
    assert len(case_detail(demo_db, number).messages) == 1  # held back

    with qtbot.waitSignal(window.composer.sig_written, timeout=WAIT_MS):
        qtbot.mouseClick(window.composer.ui.findings.send_anyway, Qt.MouseButton.LeftButton)
    assert case_detail(demo_db, number).messages[-1].direction is Direction.OUT
    assert not window.composer.ui.findings.isVisible()
    overridden = [e for e in case_detail(demo_db, number).events if e.kind == "presend_overridden"]
    assert [(e.actor, e.reason) for e in overridden] == [("anna", "missing_attachment")]


def test_fixing_the_reply_clears_the_finding(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    _send(qtbot, window, "Dear {{name}}, your parcel arrives on Friday.")
    assert [f.code for f in window.composer.findings()] == [FindingCode.PLACEHOLDER_LEFT]

    window.composer.set_text("Dear Kim, your parcel arrives on Friday.")
    qtbot.waitUntil(lambda: not window.composer.ui.findings.isVisible(), timeout=WAIT_MS)
    with qtbot.waitSignal(window.composer.sig_written, timeout=WAIT_MS):
        qtbot.mouseClick(window.composer.ui.send, Qt.MouseButton.LeftButton)


def test_the_show_link_selects_the_problem_in_the_reply(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    _send(qtbot, window, "Grüße 🙂 {{name}}, your parcel arrives on Friday.")

    window.composer.ui.findings.sig_show_span.emit(*_span(window))

    assert window.composer.ui.editor.textCursor().selectedText() == "{{name}}"


def _span(window) -> tuple[int, int]:
    span = window.composer.findings()[0].span
    assert span is not None
    return span.start, span.end


def test_a_promise_becomes_a_commitment_in_one_click(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    _send(qtbot, window, "Your parcel is delayed. I will call you back tomorrow at 10:00.")
    [finding] = window.composer.findings()
    assert finding.code is FindingCode.PROMISE_WITHOUT_COMMITMENT
    button = window.composer.ui.findings.findChild(QPushButton, "addCommitmentFromFinding")
    assert button.text().startswith("Add commitment: Call back, tomorrow 10:00")

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: not window.composer.ui.findings.isVisible(), timeout=WAIT_MS)
    [commitment] = case_detail(demo_db, number).commitments
    assert commitment.kind is CommitmentKind.CALLBACK
    assert commitment.state is CommitmentState.OPEN
    due = commitment.due_at.astimezone(LOCAL)
    assert (due.hour, due.minute) == (10, 0)
    assert due.date() == (datetime.now(LOCAL) + timedelta(days=1)).date()
    # The promise is kept track of now: the reply goes out without a second look.
    with qtbot.waitSignal(window.composer.sig_written, timeout=WAIT_MS):
        qtbot.mouseClick(window.composer.ui.send, Qt.MouseButton.LeftButton)


def test_a_promise_without_a_time_asks_for_the_due_time(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    _send(qtbot, window, "Your parcel is delayed. I will check with the carrier.")
    button = window.composer.ui.findings.findChild(QPushButton, "addCommitmentFromFinding")
    assert button.text() == "Add commitment…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = wait_shown(qtbot, CommitmentDialog, "commitmentDialog")
    assert dialog.kind.currentData() == CommitmentKind.FOLLOW_UP.value
    assert "check with the carrier" in dialog.note.text()
    assert not dialog.ok_button.isEnabled()
    dialog.due.setText("in 2h")
    assert dialog.ok_button.isEnabled()
    dialog.accept()

    qtbot.waitUntil(lambda: len(case_detail(demo_db, number).commitments) == 1, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: not window.composer.ui.findings.isVisible(), timeout=WAIT_MS)
    due = case_detail(demo_db, number).commitments[0].due_at
    assert abs(due - (datetime.now(UTC) + timedelta(hours=2))) < timedelta(minutes=2)


@pytest.mark.usefixtures("german")
def test_findings_speak_the_ui_language(demo_db, make_window, qtbot):
    number = new_case(demo_db, "Wo ist mein Paket?", owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    _send(qtbot, window, "Ihr Paket ist unterwegs, der Beleg ist anbei.")

    [text] = window.composer.ui.findings.row_texts()
    assert text.startswith("Die Antwort sagt „anbei“")
    assert window.composer.ui.findings.send_anyway.text() == "&Trotzdem senden"


def test_an_empty_reply_is_not_sent(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    _send(qtbot, window, "   ")
    assert window.composer.ui.problem.text() == "Write something first."


def test_without_an_agent_the_composer_explains(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db), case=number)
    assert window.composer.ui.editor.isReadOnly()
    assert not window.composer.ui.send.isEnabled()
    assert "agent name" in window.composer.ui.editor.placeholderText()


def test_a_chat_case_is_answered_in_the_chat(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna", address="visitor-8f2c", channel=Channel.CHAT)
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    assert window.composer.channel() is Channel.CHAT
    email_item = window.composer.ui.channel.model().item(0)
    assert not email_item.isEnabled()  # no address to write to

    with qtbot.waitSignal(window.composer.sig_written, timeout=WAIT_MS):
        _send(qtbot, window, "Your parcel arrives on Friday.")
    reply = case_detail(demo_db, number).messages[-1]
    assert reply.channel is Channel.CHAT
    assert outbox_recipients(demo_db, reply.id) == []
