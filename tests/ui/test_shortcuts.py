"""Keyboard: shortcuts for everything frequent, unique, in the menus and in the '?' overlay."""

from collections import Counter

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from omnidesk.core.enums import ReplyMode

from .helpers import WAIT_MS, new_case, started

FREQUENT = {
    "next_case": "J",
    "previous_case": "K",
    "reply": "R",
    "note": "N",
    "claim": "Ctrl+Shift+C",
    "resolve": "Ctrl+Shift+D",
    "handover": "Ctrl+Shift+H",
    "add_commitment": "Ctrl+Shift+P",
    "history": "Ctrl+Shift+L",
}


def _active(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    return window


def test_frequent_actions_have_their_shortcuts(demo_db, make_window):
    window = make_window(demo_db)
    for name, keys in FREQUENT.items():
        assert getattr(window.commands, name).shortcut() == QKeySequence(keys), name
    assert window.commands.search.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    assert window.composer.send_action.shortcut() == QKeySequence("Ctrl+Return")


def test_no_two_actions_share_a_shortcut(demo_db, make_window):
    window = make_window(demo_db)
    keys = [
        shortcut.toString()
        for group in window.commands.groups()
        for action in group.actions
        for shortcut in action.shortcuts()
    ]
    assert [k for k, n in Counter(keys).items() if n > 1] == []


def test_menus_list_every_action_with_its_shortcut(demo_db, make_window):
    window = make_window(demo_db)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["&File", "&Case", "&Go", "&Help"]
    in_menus = {
        action.objectName()
        for menu_action in window.menuBar().actions()
        for action in menu_action.menu().actions()
    }
    for name in FREQUENT:
        assert getattr(window.commands, name).objectName() in in_menus
    assert "Ctrl+Shift+D" in window.commands.resolve.toolTip()


def test_j_and_k_walk_the_list(demo_db, make_window, qtbot):
    window = _active(qtbot, started(qtbot, make_window(demo_db, agent="anna")))
    qtbot.waitUntil(lambda: window.case_table.currentIndex().row() == 0, timeout=WAIT_MS)
    second = window.case_model.summary(1).number

    qtbot.keyClick(window.case_table, Qt.Key.Key_J)
    qtbot.waitUntil(lambda: window.detail_pane.current_number() == second, timeout=WAIT_MS)
    qtbot.keyClick(window.case_table, Qt.Key.Key_K)
    first = window.case_model.summary(0).number
    qtbot.waitUntil(lambda: window.detail_pane.current_number() == first, timeout=WAIT_MS)


def test_r_and_n_open_the_composer_and_typing_is_not_a_shortcut(demo_db, make_window, qtbot):
    number = new_case(demo_db, "Where is my parcel?", owner="anna")
    window = _active(qtbot, started(qtbot, make_window(demo_db, agent="anna"), case=number))

    qtbot.keyClick(window.case_table, Qt.Key.Key_N)
    assert window.composer.mode() is ReplyMode.NOTE
    qtbot.waitUntil(window.composer.ui.editor.hasFocus, timeout=WAIT_MS)
    # In the text, "r" and "j" are letters, not commands.
    qtbot.keyClicks(window.composer.ui.editor, "rj")
    assert window.composer.text() == "rj"
    assert window.composer.mode() is ReplyMode.NOTE
    assert window.detail_pane.current_number() == number

    window.case_table.setFocus()
    qtbot.keyClick(window.case_table, Qt.Key.Key_R)
    assert window.composer.mode() is ReplyMode.REPLY


def test_ctrl_enter_sends_from_the_composer(demo_db, make_window, qtbot):
    number = new_case(demo_db, "Where is my parcel?", owner="anna")
    window = _active(qtbot, started(qtbot, make_window(demo_db, agent="anna"), case=number))
    qtbot.keyClick(window.case_table, Qt.Key.Key_R)
    qtbot.waitUntil(window.composer.ui.editor.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(window.composer.ui.editor, "Your parcel arrives on Friday.")

    with qtbot.waitSignal(window.composer.sig_written, timeout=WAIT_MS):
        qtbot.keyClick(
            window.composer.ui.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
        )


def test_question_mark_shows_every_shortcut(demo_db, make_window, qtbot):
    window = _active(qtbot, started(qtbot, make_window(demo_db, agent="anna")))
    overlay = window.shortcut_overlay

    qtbot.keyClick(window.case_table, Qt.Key.Key_Question)

    qtbot.waitUntil(overlay.isVisible, timeout=WAIT_MS)
    listed = overlay.listed_shortcuts()
    assert listed["Next case"].startswith("J")
    assert listed["Reply"] == "R"
    assert listed["Send reply or note"] == QKeySequence("Ctrl+Return").toString(
        QKeySequence.SequenceFormat.NativeText
    )
    assert overlay.geometry() == window.rect()
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()
