"""The case list model: Qt's model contract, paging, roles, and stale loads."""

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from omnidesk.core.views import CaseFilter, CaseSort, View, filter_for_view
from omnidesk.services.cases import count_cases, list_cases
from omnidesk.ui import colors
from omnidesk.ui.models.case_table import CASE_NUMBER_ROLE, PAGE_SIZE, CaseTableModel, Column

from .conftest import BIG_CASES, DEMO_CASES


def _loaded(qtbot, model: CaseTableModel, rows: int) -> None:
    qtbot.waitUntil(lambda: model.rowCount() == rows and not model.is_loading(), timeout=5000)


def test_model_passes_the_qt_model_tester(demo_db, tasks, qtbot, qtmodeltester):
    model = CaseTableModel(demo_db, tasks)
    # Attached before anything loads, so resets, page inserts and updates are all checked.
    qtmodeltester.check(model)
    model.set_filter(CaseFilter())
    _loaded(qtbot, model, DEMO_CASES)
    model.set_filter(filter_for_view(View.UNASSIGNED, me=None))
    _loaded(qtbot, model, count_cases(demo_db, filter_for_view(View.UNASSIGNED, me=None)))
    model.reload()
    qtbot.waitUntil(lambda: not model.is_loading())
    model.refresh_times()


def test_model_passes_the_python_model_tester(demo_db, tasks, qtbot, qtmodeltester):
    model = CaseTableModel(demo_db, tasks)
    model.set_filter(CaseFilter())
    _loaded(qtbot, model, DEMO_CASES)
    qtmodeltester.check(model, force_py=True)


def test_pages_are_fetched_only_when_asked(big_db, tasks, qtbot):
    model = CaseTableModel(big_db, tasks)
    case_filter = CaseFilter(sort=CaseSort.NUMBER)
    model.set_filter(case_filter)
    _loaded(qtbot, model, PAGE_SIZE)
    assert model.canFetchMore(QModelIndex())

    model.fetchMore(QModelIndex())
    _loaded(qtbot, model, 2 * PAGE_SIZE)
    model.fetchMore(QModelIndex())
    _loaded(qtbot, model, BIG_CASES)
    assert not model.canFetchMore(QModelIndex())

    shown = [model.index(row, 0).data(CASE_NUMBER_ROLE) for row in range(model.rowCount())]
    expected = [c.number for c in list_cases(big_db, case_filter, offset=0, limit=BIG_CASES)]
    assert shown == expected


def test_a_new_filter_replaces_a_load_still_running(demo_db, tasks, qtbot):
    model = CaseTableModel(demo_db, tasks)
    model.set_filter(CaseFilter())
    resolved = filter_for_view(View.RESOLVED, me=None)
    model.set_filter(resolved)
    expected = count_cases(demo_db, resolved)
    _loaded(qtbot, model, expected)
    qtbot.waitUntil(tasks.is_idle)
    assert model.rowCount() == expected < DEMO_CASES


def test_roles_describe_each_case(demo_db, tasks, qtbot):
    model = CaseTableModel(demo_db, tasks)
    model.set_filter(CaseFilter())
    _loaded(qtbot, model, DEMO_CASES)
    summary = model.summary(0)
    number = model.index(0, Column.NUMBER)

    assert number.data() == f"#{summary.number}"
    assert model.index(0, Column.STATUS).data(CASE_NUMBER_ROLE) == summary.number
    assert model.index(0, Column.SUBJECT).data() == summary.subject
    assert model.index(0, Column.SUBJECT).data(Qt.ItemDataRole.ToolTipRole) == summary.subject
    alignment = Qt.AlignmentFlag(number.data(Qt.ItemDataRole.TextAlignmentRole))
    assert alignment & Qt.AlignmentFlag.AlignRight
    assert model.headerData(Column.OWNER, Qt.Orientation.Horizontal) == "Owner"


def test_unassigned_owner_is_shown_apart(demo_db, tasks, qtbot):
    model = CaseTableModel(demo_db, tasks)
    unassigned = filter_for_view(View.UNASSIGNED, me=None)
    model.set_filter(unassigned)
    _loaded(qtbot, model, count_cases(demo_db, unassigned))
    owner = model.index(0, Column.OWNER)

    assert owner.data() == "—"
    assert owner.data(Qt.ItemDataRole.ForegroundRole) == colors.muted_color()
    assert owner.data(Qt.ItemDataRole.FontRole).italic()
    assert "claim" in owner.data(Qt.ItemDataRole.ToolTipRole)


def test_overdue_commitments_are_red_and_bold(demo_db, tasks, qtbot):
    model = CaseTableModel(demo_db, tasks)
    with_commitments = filter_for_view(View.COMMITMENTS, me=None)
    model.set_filter(with_commitments)
    _loaded(qtbot, model, count_cases(demo_db, with_commitments))
    due = [model.index(row, Column.DUE) for row in range(model.rowCount())]
    overdue = [i for i in due if i.data(Qt.ItemDataRole.ForegroundRole) is not None]
    on_time = [i for i in due if i.data(Qt.ItemDataRole.ForegroundRole) is None]

    assert overdue, "the demo data has overdue commitments"
    assert on_time, "and commitments still on time"
    for index in overdue:
        assert QColor(index.data(Qt.ItemDataRole.ForegroundRole)) == colors.overdue_color()
        font = index.data(Qt.ItemDataRole.FontRole)
        assert isinstance(font, QFont)
        assert font.bold()
        assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("Overdue since")
    for index in on_time:
        assert index.data()
        assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("Due ")
