"""Case actions through their dialogs: handover, status, commitments, moving messages."""

from datetime import UTC, datetime, timedelta

from PySide6.QtWidgets import QMessageBox

from omnidesk.core.enums import CaseStatus, CommitmentKind, CommitmentState, EventKind
from omnidesk.core.ids import CaseNumber
from omnidesk.services.agents import find_agent
from omnidesk.services.cases import case_detail
from omnidesk.services.commitments import add_commitment
from omnidesk.ui.dialogs.close_commitment import CloseCommitmentDialog
from omnidesk.ui.dialogs.commitment import CommitmentDialog
from omnidesk.ui.dialogs.handover import HandoverDialog
from omnidesk.ui.dialogs.move_message import MoveMessageDialog
from omnidesk.ui.dialogs.reason import ReasonDialog

from .helpers import WAIT_MS, new_case, started, wait_shown

QUESTION = "Where is my parcel? It was due on Monday."


def _changed(qtbot, window):
    return qtbot.waitSignal(window.case_actions.sig_changed, timeout=WAIT_MS)


def _promise(db, number: CaseNumber, *, note: str = "call about the parcel") -> None:
    add_commitment(
        db,
        number,
        actor=find_agent(db, "anna"),
        kind=CommitmentKind.CALLBACK,
        due_at=datetime.now(UTC) + timedelta(days=1),
        note=note,
    )


def test_handover_names_the_new_owner_and_the_reason(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    window.commands.handover.trigger()
    dialog = wait_shown(qtbot, HandoverDialog, "handoverDialog")
    names = [dialog.agent.itemText(i) for i in range(dialog.agent.count())]
    assert all("Anna" not in name for name in names)  # not to the owner herself
    dialog.select_agent("ben")
    assert not dialog.ok_button.isEnabled()  # a reason is required
    dialog.reason.setText("Ben knows this carrier")
    with _changed(qtbot, window):
        dialog.accept()

    detail = case_detail(demo_db, number)
    assert detail.owner is not None
    assert detail.owner.name == "ben"
    event = detail.events[-1]
    assert event.kind is EventKind.HANDED_OVER
    assert (event.from_value, event.to_value, event.reason) == (
        "anna",
        "ben",
        "Ben knows this carrier",
    )
    assert "handed over to Ben" in window.statusBar().currentMessage()


def test_resolve_is_refused_clearly_while_a_commitment_is_open(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    _promise(demo_db, number)
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    window.commands.resolve.trigger()

    box = wait_shown(qtbot, QMessageBox, "resolveRefused")
    assert f"#{number} cannot be resolved yet: 1 promise" in box.text()
    assert "Call back" in box.informativeText()
    assert "call about the parcel" in box.informativeText()
    box.close()
    assert case_detail(demo_db, number).case.status is not CaseStatus.RESOLVED


def test_resolving_a_case_without_promises(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    with _changed(qtbot, window):
        window.commands.resolve.trigger()

    assert case_detail(demo_db, number).case.status is CaseStatus.RESOLVED
    qtbot.waitUntil(lambda: not window.commands.resolve.isEnabled(), timeout=WAIT_MS)
    assert window.commands.status_open.isEnabled()  # reopening is the way back


def test_waiting_on_customer_and_back(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    with _changed(qtbot, window):
        window.commands.status_waiting.trigger()
    assert case_detail(demo_db, number).case.status is CaseStatus.WAITING_ON_CUSTOMER
    qtbot.waitUntil(window.commands.status_open.isEnabled, timeout=WAIT_MS)
    with _changed(qtbot, window):
        window.commands.status_open.trigger()
    assert case_detail(demo_db, number).case.status is CaseStatus.OPEN


def test_adding_a_commitment_shows_the_parsed_due_time(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    window.commands.add_commitment.trigger()
    dialog = wait_shown(qtbot, CommitmentDialog, "commitmentDialog")
    dialog.due.setText("gestern")
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.isVisibleTo(dialog)
    dialog.due.setText("2020-01-01 10:00")
    assert "already past" in dialog.problem.text()
    dialog.due.setText("2099-12-01 10:30")
    assert dialog.ok_button.isEnabled()
    assert "2099" in dialog.due_shown.text()
    assert "10:30" in dialog.due_shown.text()
    dialog.kind.setCurrentIndex(dialog.kind.findData(CommitmentKind.SEND.value))
    dialog.note.setText("replacement parcel label")
    with _changed(qtbot, window):
        dialog.accept()

    [commitment] = case_detail(demo_db, number).commitments
    assert commitment.kind is CommitmentKind.SEND
    assert commitment.note == "replacement parcel label"
    assert commitment.due_at.astimezone().strftime("%Y-%m-%d %H:%M") == "2099-12-01 10:30"
    qtbot.waitUntil(
        lambda: "replacement parcel label" in window.detail_pane.conversation_text(),
        timeout=WAIT_MS,
    )


def test_completing_a_commitment_from_its_link(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    _promise(demo_db, number)
    [commitment] = case_detail(demo_db, number).commitments
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    assert f"omnidesk:commitment/{commitment.id}/done" in window.detail_pane.conversation_html()

    window.detail_pane.sig_link_activated.emit("commitment", commitment.id, "done")
    dialog = wait_shown(qtbot, CloseCommitmentDialog, "completeCommitmentDialog")
    assert dialog.ok_button.isEnabled()  # an outcome is optional
    dialog.text.setText("called, parcel found")
    with _changed(qtbot, window):
        dialog.accept()

    [closed] = case_detail(demo_db, number).commitments
    assert closed.state is CommitmentState.DONE
    assert closed.outcome == "called, parcel found"


def test_cancelling_a_commitment_needs_a_reason(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    _promise(demo_db, number)
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    window.commands.cancel_commitment.trigger()
    dialog = wait_shown(qtbot, CloseCommitmentDialog, "cancelCommitmentDialog")
    assert not dialog.ok_button.isEnabled()
    dialog.text.setText("customer found the parcel")
    with _changed(qtbot, window):
        dialog.accept()

    [closed] = case_detail(demo_db, number).commitments
    assert closed.state is CommitmentState.CANCELLED
    assert closed.cancel_reason == "customer found the parcel"
    # Now nothing stands in the way of resolving.
    qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)
    with _changed(qtbot, window):
        window.commands.resolve.trigger()
    assert case_detail(demo_db, number).case.status is CaseStatus.RESOLVED


def test_moving_a_message_to_another_case(demo_db, make_window, qtbot):
    source = new_case(demo_db, QUESTION, owner="anna")
    target = new_case(demo_db, "And my invoice is wrong.", owner="anna", subject="Invoice")
    message = case_detail(demo_db, source).messages[0]
    window = started(qtbot, make_window(demo_db, agent="anna"), case=source)
    assert "Why here: new case" in window.detail_pane.conversation_text()

    window.detail_pane.sig_link_activated.emit("message", message.id, "move")
    dialog = wait_shown(qtbot, MoveMessageDialog, "moveMessageDialog")
    assert "first message from this customer" in dialog.intro.text()
    dialog.target.setText(f"#{source}")
    assert "already on this case" in dialog.problem.text()
    dialog.target.setText(f"#{target}")
    dialog.reason.setText("belongs to the invoice question")
    with _changed(qtbot, window):
        dialog.accept()

    assert case_detail(demo_db, source).messages == []
    moved = case_detail(demo_db, target).messages
    assert [m.id for m in moved][-1] == message.id or message.id in [m.id for m in moved]
    assert f"moved by anna from case #{source}" in (
        next(m for m in moved if m.id == message.id).thread_reason or ""
    )


def test_splitting_a_message_opens_the_new_case(demo_db, make_window, qtbot):
    source = new_case(demo_db, QUESTION, owner="anna")
    message = case_detail(demo_db, source).messages[0]
    window = started(qtbot, make_window(demo_db, agent="anna"), case=source)

    window.detail_pane.sig_link_activated.emit("message", message.id, "split")
    dialog = wait_shown(qtbot, ReasonDialog, "splitMessageDialog")
    dialog.text.setText("a different problem")
    with qtbot.waitSignal(window.case_actions.sig_open_case, timeout=WAIT_MS) as opened:
        dialog.accept()

    created = CaseNumber(opened.args[0])
    assert created != source
    qtbot.waitUntil(lambda: window.detail_pane.current_number() == created, timeout=WAIT_MS)
    assert case_detail(demo_db, created).messages[0].id == message.id
    assert "into the new case" in window.statusBar().currentMessage()


def test_the_event_log_is_one_shortcut_away(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    assert not window.detail_pane.history_visible()
    window.commands.history.trigger()
    assert window.detail_pane.history_visible()


def test_a_call_nobody_answered_proposes_the_next_attempt(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    _promise(demo_db, number)
    [commitment] = case_detail(demo_db, number).commitments
    assert commitment.kind is CommitmentKind.CALLBACK
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    window.detail_pane.sig_link_activated.emit("commitment", commitment.id, "done")
    dialog = wait_shown(qtbot, CloseCommitmentDialog, "completeCommitmentDialog")
    assert dialog.call.isVisibleTo(dialog)
    dialog.call.setCurrentIndex(dialog.call.findData("no_answer"))
    dialog.text.setText("rang 8 times")
    dialog.accept()

    proposal = wait_shown(qtbot, CommitmentDialog, "commitmentDialog")
    assert proposal.kind.currentData() == CommitmentKind.CALLBACK.value
    assert proposal.note.text() == "Next attempt: nobody answered"
    qtbot.waitUntil(proposal.ok_button.isEnabled, timeout=WAIT_MS)
    proposal.accept()

    qtbot.waitUntil(lambda: len(case_detail(demo_db, number).commitments) == 2, timeout=WAIT_MS)
    kept, again = sorted(case_detail(demo_db, number).commitments, key=lambda c: c.id)
    assert (kept.state, kept.outcome) == (CommitmentState.DONE, "no_answer: rang 8 times")
    assert again.state is CommitmentState.OPEN
    assert again.kind is CommitmentKind.CALLBACK
    assert again.due_at > datetime.now(UTC)


def test_a_new_commitment_can_be_told_to_the_customer(demo_db, make_window, qtbot):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    window.commands.add_commitment.trigger()
    dialog = wait_shown(qtbot, CommitmentDialog, "commitmentDialog")
    dialog.due.setText("tomorrow 10:00")
    dialog.customer_text.setText("I will call you tomorrow at 10 about your parcel.")
    with _changed(qtbot, window):
        dialog.accept()
    qtbot.waitUntil(lambda: len(case_detail(demo_db, number).commitments) == 1, timeout=WAIT_MS)
    detail = case_detail(demo_db, number)
    assert detail.messages[-1].body_text == "I will call you tomorrow at 10 about your parcel."
    assert detail.commitments[0].customer_text == detail.messages[-1].body_text
