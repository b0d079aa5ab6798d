"""The report window: the team's figures per week as bar charts, per agent as a table.

It loads ``services.figures.last_weeks_report`` through the ``TaskRunner`` (never on
the GUI thread); choosing an agent redraws the charts from the loaded report, choosing
another number of weeks loads again.
"""

import functools
from datetime import timedelta, tzinfo

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from omnidesk.core.figures import TeamReport, WeekFigures
from omnidesk.services.figures import last_weeks_report
from omnidesk.store.engine import Database
from omnidesk.ui import colors
from omnidesk.ui.durations import span_text
from omnidesk.ui.models.agent_figures import AgentFiguresModel
from omnidesk.ui.tasks import TaskRunner
from omnidesk.ui.views.bar_chart import BarChart, Series

DEFAULT_WEEKS = 8
MAX_WEEKS = 52
_HOUR = 3600.0


class ReportWindow(QDialog):
    """Charts of the chosen agent (or the team) per week over a table of every agent."""

    def __init__(
        self, db: Database, tasks: TaskRunner, *, tz: tzinfo, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reportWindow")
        self.setWindowTitle(self.tr("Report — OmniDesk"))
        self._db = db
        self._tasks = tasks
        self._tz = tz
        self._report: TeamReport | None = None

        self.weeks = QSpinBox()
        self.weeks.setObjectName("reportWeeks")
        self.weeks.setRange(1, MAX_WEEKS)
        self.weeks.setValue(DEFAULT_WEEKS)
        self.weeks.setSuffix(self.tr(" weeks"))
        self.agent = QComboBox()
        self.agent.setObjectName("reportAgent")
        self.agent.addItem(self.tr("Whole team"), None)
        self.status = QLabel()
        self.status.setObjectName("reportStatus")
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("Last")))
        controls.addWidget(self.weeks)
        controls.addWidget(self.agent)
        controls.addWidget(self.status, 1)

        self.commitments_chart = BarChart(self.tr("Commitments"))
        self.first_response_chart = BarChart(self.tr("First response (median)"))
        self.resolution_chart = BarChart(self.tr("Time to resolution (median)"))
        self.contacts_chart = BarChart(self.tr("Contacts per resolution"))
        charts = QGridLayout()
        charts.addWidget(self.commitments_chart, 0, 0)
        charts.addWidget(self.first_response_chart, 0, 1)
        charts.addWidget(self.resolution_chart, 1, 0)
        charts.addWidget(self.contacts_chart, 1, 1)

        self.model = AgentFiguresModel(self)
        self.table = QTableView()
        self.table.setObjectName("reportTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)

        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addLayout(charts, 3)
        layout.addWidget(self.table, 2)
        layout.addWidget(buttons)
        unit = self.fontMetrics().averageCharWidth()
        self.resize(unit * 150, self.fontMetrics().height() * 48)

        self.weeks.valueChanged.connect(self._on_weeks_value_changed)
        self.agent.currentIndexChanged.connect(self._on_agent_current_index_changed)

    def load(self) -> None:
        """Load the figures of the chosen number of weeks in the background."""
        self.status.setText(self.tr("Loading…"))
        self._tasks.submit(
            functools.partial(last_weeks_report, self._db, self.weeks.value(), tz=self._tz),
            self._on_report_loaded,
            key="team-report",
            on_failure=self._on_report_failed,
        )

    def report(self) -> TeamReport | None:
        return self._report

    def _on_report_loaded(self, report: TeamReport) -> None:
        self._report = report
        chosen = self.agent.currentData()
        self.agent.blockSignals(True)
        self.agent.clear()
        self.agent.addItem(self.tr("Whole team"), None)
        for figures in report.agents:
            self.agent.addItem(figures.agent, figures.agent)
        found = self.agent.findData(chosen)
        self.agent.setCurrentIndex(max(found, 0))
        self.agent.blockSignals(False)
        self.model.set_report(report)
        since = report.since.astimezone(self._tz).date()
        until = report.until.astimezone(self._tz).date()
        self.status.setText(
            self.tr("{since} to {until}").format(since=since.isoformat(), until=until.isoformat())
        )
        self._draw()

    def _on_report_failed(self, _error: BaseException) -> None:
        self.status.setText(self.tr("The figures could not be loaded."))

    def _on_weeks_value_changed(self, _weeks: int) -> None:
        self.load()

    def _on_agent_current_index_changed(self, _index: int) -> None:
        self._draw()

    def _weeks_shown(self) -> tuple[WeekFigures, ...]:
        report = self._report
        if report is None:
            return ()
        name = self.agent.currentData()
        chosen = report.agent(name) if name else None
        if chosen is not None:
            return chosen.weeks
        return report.weeks if name is None else ()

    def _draw(self) -> None:
        weeks = self._weeks_shown()
        labels = [self.tr("W{week}").format(week=w.week.rsplit("W", 1)[1]) for w in weeks]
        none = self.tr("Nothing in these weeks.")
        counts = [w.figures.commitments for w in weeks]
        palette = self.palette()
        on_time = [c.on_time for c in counts]
        late = [c.late for c in counts]
        broken = [c.broken for c in counts]
        cancelled = [c.cancelled for c in counts]
        self.commitments_chart.set_data(
            labels,
            [
                Series(self.tr("on time"), colors.success_color(palette), on_time),
                Series(self.tr("late"), colors.finding_border(palette), late),
                Series(self.tr("broken"), colors.overdue_color(palette), broken),
                Series(self.tr("cancelled"), colors.muted_color(palette), cancelled),
            ],
            empty_text=none,
        )
        highlight = palette.color(palette.ColorRole.Highlight)
        first = [w.figures.first_response.median for w in weeks]
        self.first_response_chart.set_data(
            labels,
            [Series(self.tr("median"), highlight, [_hours(d) for d in first])],
            value_text=_hours_text,
            empty_text=none,
        )
        resolution = [w.figures.resolution.median for w in weeks]
        self.resolution_chart.set_data(
            labels,
            [Series(self.tr("median"), highlight, [_hours(d) for d in resolution])],
            value_text=_hours_text,
            empty_text=none,
        )
        contacts = [w.figures.contacts_per_resolution for w in weeks]
        self.contacts_chart.set_data(
            labels, [Series(self.tr("contacts"), highlight, contacts)], empty_text=none
        )


def _hours(span: timedelta | None) -> float | None:
    return None if span is None else span.total_seconds() / _HOUR


def _hours_text(hours: float) -> str:
    return span_text(timedelta(hours=hours))
