"""The sidebar: every view with a count that matches the database."""

from omnidesk.core.views import View, filter_for_view
from omnidesk.services.agents import find_agent
from omnidesk.services.cases import count_cases
from omnidesk.ui.models.sidebar import COUNT_COLUMN, NAME_COLUMN, VIEWS, SidebarModel


def test_counts_match_the_database(demo_db, make_window, qtbot):
    window = make_window(demo_db, agent="anna")
    window.start()
    model = window.sidebar_model
    qtbot.waitUntil(lambda: model.count(View.ALL) is not None, timeout=5000)
    anna = find_agent(demo_db, "anna")

    for view in VIEWS:
        expected = count_cases(demo_db, filter_for_view(view, me=anna.id))
        row = model.row_of(view)
        assert model.count(view) == expected, view
        assert model.index(row, COUNT_COLUMN).data() == str(expected)
    assert model.count(View.MINE) > 0
    assert window.current_view() is View.MINE


def test_labels_are_in_sidebar_order(qapp):
    model = SidebarModel()
    names = [model.index(row, NAME_COLUMN).data() for row in range(model.rowCount())]
    assert names == [
        "My cases",
        "Unassigned",
        "Waiting on customer",
        "Commitments",
        "All open",
        "Resolved",
        "All",
    ]


def test_choosing_a_view_loads_its_cases(demo_db, make_window, qtbot):
    window = make_window(demo_db)
    window.start()
    qtbot.waitUntil(window.task_runner.is_idle, timeout=5000)
    window.select_view(View.RESOLVED)
    expected = count_cases(demo_db, filter_for_view(View.RESOLVED, me=None))
    table = window.case_model
    qtbot.waitUntil(lambda: table.rowCount() == expected and window.task_runner.is_idle())
    assert window.current_view() is View.RESOLVED


def test_sidebar_model_passes_the_model_tester(qtmodeltester):
    model = SidebarModel()
    qtmodeltester.check(model, force_py=True)
    model.set_counts(dict.fromkeys(VIEWS, 3))
    qtmodeltester.check(model, force_py=True)
