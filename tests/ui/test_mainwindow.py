"""The main window: selecting, opening and claiming cases against a real database."""

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QMessageBox

from omnidesk.core.ids import CaseNumber
from omnidesk.core.views import View, filter_for_view
from omnidesk.services.agents import find_agent
from omnidesk.services.cases import case_detail, claim_case, list_cases
from omnidesk.ui.mainwindow import MainWindow


def _started(qtbot, window: MainWindow, **kwargs) -> MainWindow:
    window.start(**kwargs)
    window.show()
    qtbot.waitUntil(
        lambda: window.task_runner.is_idle() and window.case_model.rowCount() > 0, timeout=5000
    )
    return window


def _first_unassigned(db) -> CaseNumber:
    return list_cases(db, filter_for_view(View.UNASSIGNED, me=None), limit=1)[0].number


def test_selecting_a_row_shows_the_case(demo_db, make_window, qtbot):
    window = _started(qtbot, make_window(demo_db), view=View.ALL)
    row = 5
    number = window.case_model.summary(row).number
    window.case_table.select_row(row)

    pane = window.detail_pane
    qtbot.waitUntil(lambda: pane.current_number() == number, timeout=5000)
    detail = case_detail(demo_db, number)
    assert pane.title_text() == f"#{number}  {detail.case.subject}"
    first_words = detail.messages[0].body_text.split("\n")[0][:30]
    assert first_words in pane.conversation_text()
    assert window.case_table.current_case() == number


def test_the_first_case_is_shown_when_a_view_opens(demo_db, make_window, qtbot):
    window = _started(qtbot, make_window(demo_db), view=View.OPEN)
    first = window.case_model.summary(0).number
    qtbot.waitUntil(lambda: window.detail_pane.current_number() == first, timeout=5000)


def test_a_case_asked_for_at_start_is_opened(demo_db, make_window, qtbot):
    number = list_cases(demo_db, filter_for_view(View.ALL, me=None), offset=7, limit=1)[0].number
    window = _started(qtbot, make_window(demo_db), view=View.ALL, case=number)
    qtbot.waitUntil(lambda: window.detail_pane.current_number() == number, timeout=5000)
    assert window.case_table.current_case() == number


def test_an_unknown_case_is_reported_in_the_status_bar(demo_db, make_window, qtbot):
    window = _started(qtbot, make_window(demo_db), view=View.ALL)
    window.open_case(CaseNumber(999_999))
    qtbot.waitUntil(lambda: "999999" in window.statusBar().currentMessage(), timeout=5000)


def test_claim_makes_the_agent_the_owner(demo_db, make_window, qtbot):
    window = _started(qtbot, make_window(demo_db, agent="anna"), view=View.UNASSIGNED)
    number = _first_unassigned(demo_db)
    qtbot.waitUntil(lambda: window.detail_pane.current_number() == number, timeout=5000)
    assert window.action_claim.isEnabled()
    assert window.action_claim.shortcut() == QKeySequence("Ctrl+Shift+C")

    with qtbot.waitSignal(window.sig_case_claimed, timeout=5000) as claimed:
        window.action_claim.trigger()

    assert claimed.args == [number]
    owner = case_detail(demo_db, number).owner
    assert owner is not None
    assert owner.name == "anna"
    assert f"#{number}" in window.statusBar().currentMessage()
    # The list and the counts follow: the case left "Unassigned".
    qtbot.waitUntil(window.task_runner.is_idle, timeout=5000)
    assert window.case_model.row_of(number) is None
    unassigned = window.sidebar_model.count(View.UNASSIGNED)
    assert unassigned == len(list_cases(demo_db, filter_for_view(View.UNASSIGNED, me=None)))


def test_a_second_agent_is_told_who_owns_the_case(demo_db, make_window, qtbot):
    number = _first_unassigned(demo_db)
    bens_window = _started(qtbot, make_window(demo_db, agent="ben"), view=View.UNASSIGNED)
    qtbot.waitUntil(lambda: bens_window.detail_pane.current_number() == number, timeout=5000)
    # Anna claims on her own desktop while Ben still sees the case as unassigned.
    claim_case(demo_db, number, find_agent(demo_db, "anna"))

    bens_window.action_claim.trigger()

    qtbot.waitUntil(
        lambda: bens_window.statusBar().currentMessage() == f"case #{number} is owned by anna",
        timeout=5000,
    )
    owner = case_detail(demo_db, number).owner
    assert owner is not None
    assert owner.name == "anna"


def test_claim_without_an_agent_explains_the_setting(demo_db, make_window, qtbot):
    window = _started(qtbot, make_window(demo_db), view=View.UNASSIGNED)
    qtbot.waitUntil(lambda: window.detail_pane.current_number() is not None, timeout=5000)

    window.action_claim.trigger()

    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)]
    visible = [box for box in boxes if box.isVisible()]
    assert len(visible) == 1
    assert 'agent = "anna"' in visible[0].informativeText()
    assert "omnidesk agent add" in visible[0].informativeText()
    visible[0].close()


def test_refresh_shows_changes_made_elsewhere(demo_db, make_window, qtbot):
    window = _started(qtbot, make_window(demo_db), view=View.UNASSIGNED)
    number = window.case_model.summary(0).number
    claim_case(demo_db, number, find_agent(demo_db, "chloe"))
    assert window.action_refresh.shortcut() == QKeySequence(QKeySequence.StandardKey.Refresh)

    window.action_refresh.trigger()

    qtbot.waitUntil(lambda: window.case_model.row_of(number) is None, timeout=5000)
    qtbot.waitUntil(window.task_runner.is_idle, timeout=5000)
    assert window.detail_pane.current_number() != number
