"""Going away from the desktop: a deputy is chosen, the status shows it, coming back ends it."""

from PySide6.QtWidgets import QApplication

from omnidesk.core.views import View, filter_for_view
from omnidesk.services.agents import find_agent
from omnidesk.services.cases import list_cases
from omnidesk.ui.dialogs.away import AwayDialog
from tests.ui.helpers import WAIT_MS, started


def test_away_with_a_deputy_and_back(qtbot, demo_db, make_window):
    window = started(qtbot, make_window(demo_db, agent="anna"), view=View.MINE)
    anna_cases = {
        s.number
        for s in list_cases(demo_db, filter_for_view(View.MINE, me=find_agent(demo_db, "anna").id))
    }
    assert anna_cases, "the demo gives Anna some cases"
    window.commands.away.trigger()
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), AwayDialog), timeout=WAIT_MS
    )
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, AwayDialog)
    labels = [dialog.deputy.itemText(i) for i in range(dialog.deputy.count())]
    assert "Anna Schmidt" not in labels, "nobody is their own deputy"
    dialog.select_deputy("ben")
    dialog.note.setText("Urlaub bis Montag")
    dialog.accept()
    qtbot.waitUntil(lambda: "(away)" in window.agent_label_text(), timeout=WAIT_MS)
    assert window.commands.away.text().replace("&", "") == "I am back"

    anna = find_agent(demo_db, "anna")
    assert (anna.deputy_id, anna.away_note) == (find_agent(demo_db, "ben").id, "Urlaub bis Montag")
    ben_mine = {
        s.number
        for s in list_cases(demo_db, filter_for_view(View.MINE, me=find_agent(demo_db, "ben").id))
    }
    assert anna_cases <= ben_mine, "Ben covers Anna's cases"

    window.commands.away.trigger()
    qtbot.waitUntil(lambda: "(away)" not in window.agent_label_text(), timeout=WAIT_MS)
    assert find_agent(demo_db, "anna").away_since is None
