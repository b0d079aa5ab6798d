"""The report window: weekly charts and the per-agent table, loaded in the background."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMenu

from omnidesk.core.enums import CommitmentState
from omnidesk.core.figures import CaseRecord, CommitmentRecord, team_report
from omnidesk.services.figures import last_weeks_report
from omnidesk.ui.models.agent_figures import AGENT_ROLE, AgentFiguresModel, Column
from omnidesk.ui.views.bar_chart import BarChart, Series
from omnidesk.ui.views.report_window import ReportWindow

from .helpers import WAIT_MS, started

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
H = timedelta(hours=1)


def hand_made_report():
    due = NOW - 30 * H
    created = NOW - 50 * H
    return team_report(
        [
            CommitmentRecord("anna", due, CommitmentState.DONE, due - H),
            CommitmentRecord("ben", due, CommitmentState.OPEN),
        ],
        [
            CaseRecord("anna", created, created + 2 * H, created + 26 * H, contacts=2),
            CaseRecord("ben", created, created + 3 * H, None),
        ],
        since=NOW - 14 * 24 * H,
        until=NOW,
        now=NOW,
    )


def wait_loaded(qtbot, report_window: ReportWindow, weeks: int) -> None:
    def loaded() -> bool:
        report = report_window.report()
        return report is not None and len(report.weeks) == weeks

    qtbot.waitUntil(loaded, timeout=WAIT_MS)


def test_the_go_menu_opens_the_report_with_the_demo_figures(demo_db, make_window, qtbot):
    window = started(qtbot, make_window(demo_db, agent="anna"))
    go_menu = window.menuBar().findChild(QMenu, "menuGo")
    assert go_menu is not None
    assert window.commands.report in go_menu.actions()

    window.commands.report.trigger()
    report_window = window.findChild(ReportWindow, "reportWindow")
    assert report_window is not None
    assert report_window.isVisible()
    wait_loaded(qtbot, report_window, 8)

    report = report_window.report()
    assert report is not None
    expected = last_weeks_report(demo_db, 8)
    assert report.team.commitments == expected.team.commitments
    model = report_window.model
    assert model.rowCount() == 1 + len(report.agents)
    assert model.index(0, Column.AGENT).data() == "Whole team"
    assert [model.index(r, 0).data(AGENT_ROLE) for r in range(1, model.rowCount())] == [
        a.agent for a in report.agents
    ]
    broken = model.index(0, Column.BROKEN).data()
    assert broken == str(report.team.commitments.broken)
    commitments = report_window.commitments_chart
    assert len(commitments.totals()) == 8
    assert sum(t or 0 for t in commitments.totals()) == report.team.commitments.judged
    assert report_window.status.text().endswith(report.until.date().isoformat())
    # Opening it again reuses the window and loads afresh.
    assert window.open_report() is report_window


def test_choosing_an_agent_and_the_weeks(demo_db, tasks, qtbot):
    report_window = ReportWindow(demo_db, tasks, tz=ZoneInfo("Europe/Berlin"))
    qtbot.addWidget(report_window)
    report_window.load()
    wait_loaded(qtbot, report_window, 8)
    report = report_window.report()
    assert report is not None
    assert report_window.agent.count() == 1 + len(report.agents)

    name = report.agents[0].agent
    report_window.agent.setCurrentIndex(report_window.agent.findData(name))
    chosen = report.agent(name)
    assert chosen is not None
    first = [w.figures.first_response.median for w in chosen.weeks]
    assert report_window.first_response_chart.totals() == [
        None if d is None else d.total_seconds() / 3600 for d in first
    ]

    report_window.weeks.setValue(3)
    wait_loaded(qtbot, report_window, 3)
    # The agent stays chosen across the reload.
    assert report_window.agent.currentData() == name
    assert len(report_window.contacts_chart.totals()) == 3


def test_the_german_report(german, demo_db, tasks, qtbot):
    report_window = ReportWindow(demo_db, tasks, tz=ZoneInfo("UTC"))
    qtbot.addWidget(report_window)
    report_window.load()
    wait_loaded(qtbot, report_window, 8)
    assert report_window.windowTitle() == "Bericht — OmniDesk"
    assert report_window.agent.itemText(0) == "Ganzes Team"
    assert report_window.model.headerData(Column.BROKEN, Qt.Orientation.Horizontal) == "Gebrochen"
    assert report_window.commitments_chart.title() == "Zusagen"


def test_the_figures_model_passes_the_qt_model_tester(qapp, qtmodeltester):
    model = AgentFiguresModel()
    model.set_report(hand_made_report())
    assert model.rowCount() == 3
    assert model.index(1, Column.ON_TIME).data() == "1"
    assert model.index(1, Column.FIRST_MEDIAN).data() == "2 h"
    assert model.index(1, Column.RESOLUTION_MEDIAN).data() == "26 h"
    assert model.index(1, Column.CONTACTS).data() == "2.0"
    assert model.index(2, Column.RESOLUTION_MEDIAN).data() == "–"
    assert model.index(2, Column.BROKEN).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.index(1, Column.BROKEN).data(Qt.ItemDataRole.ForegroundRole) is None
    qtmodeltester.check(model, force_py=True)
    model.set_report(None)
    assert model.rowCount() == 0


def test_the_chart_paints_its_bars(qtbot):
    chart = BarChart("Commitments")
    qtbot.addWidget(chart)
    chart.resize(400, 240)
    red, green = QColor("#c62828"), QColor("#2e7d32")
    chart.set_data(
        ["W47", "W48"],
        [Series("on time", green, [3, None]), Series("broken", red, [1, 0])],
    )
    assert chart.totals() == [4, 0]
    assert "W47: 4" in chart.toolTip()
    image = chart.grab().toImage()
    found = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }
    assert green.name() in found
    assert red.name() in found

    chart.set_data(["W47"], [Series("on time", green, [None])], empty_text="Nothing")
    assert chart.totals() == [None]
    image = chart.grab().toImage()
    assert green.name() not in {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }
    with pytest.raises(ValueError):
        chart.set_data(["W47", "W48"], [Series("on time", green, [1])])
