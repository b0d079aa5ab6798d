"""The report's table: one row for the team, then one per agent, with their figures."""

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont

from omnidesk.core.figures import Figures, TeamReport
from omnidesk.ui import colors
from omnidesk.ui.durations import NO_VALUE, span_text

AGENT_ROLE = Qt.ItemDataRole.UserRole
"""The agent's name, or None on the team's row."""
_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    AGENT = 0
    ON_TIME = 1
    LATE = 2
    BROKEN = 3
    CANCELLED = 4
    FIRST_MEDIAN = 5
    FIRST_P80 = 6
    RESOLUTION_MEDIAN = 7
    RESOLUTION_P80 = 8
    CONTACTS = 9


_HEADERS = {
    Column.AGENT: QT_TRANSLATE_NOOP("AgentFiguresModel", "Agent"),
    Column.ON_TIME: QT_TRANSLATE_NOOP("AgentFiguresModel", "Kept on time"),
    Column.LATE: QT_TRANSLATE_NOOP("AgentFiguresModel", "Kept late"),
    Column.BROKEN: QT_TRANSLATE_NOOP("AgentFiguresModel", "Broken"),
    Column.CANCELLED: QT_TRANSLATE_NOOP("AgentFiguresModel", "Cancelled"),
    Column.FIRST_MEDIAN: QT_TRANSLATE_NOOP("AgentFiguresModel", "First response (median)"),
    Column.FIRST_P80: QT_TRANSLATE_NOOP("AgentFiguresModel", "First response (80%)"),
    Column.RESOLUTION_MEDIAN: QT_TRANSLATE_NOOP("AgentFiguresModel", "Resolution (median)"),
    Column.RESOLUTION_P80: QT_TRANSLATE_NOOP("AgentFiguresModel", "Resolution (80%)"),
    Column.CONTACTS: QT_TRANSLATE_NOOP("AgentFiguresModel", "Contacts per resolution"),
}
_TIPS = {
    Column.BROKEN: QT_TRANSLATE_NOOP(
        "AgentFiguresModel", "Promises still open after they were due"
    ),
    Column.FIRST_P80: QT_TRANSLATE_NOOP(
        "AgentFiguresModel", "4 of 5 customers heard from us sooner than this"
    ),
    Column.CONTACTS: QT_TRANSLATE_NOOP(
        "AgentFiguresModel",
        "Customer messages per resolved case (1.0: solved at first contact)",
    ),
}


class AgentFiguresModel(QAbstractTableModel):
    """Rows are the team and the agents of a ``TeamReport``; the values are display text."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str | None, Figures]] = []

    def set_report(self, report: TeamReport | None) -> None:
        self.beginResetModel()
        self._rows = []
        if report is not None:
            self._rows = [(None, report.team)]
            self._rows += [(a.agent, a.figures) for a in report.agents]
        self.endResetModel()

    def figures(self, row: int) -> Figures:
        return self._rows[row][1]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("AgentFiguresModel", str(_HEADERS[column]))
        if role == Qt.ItemDataRole.ToolTipRole and column in _TIPS:
            return QCoreApplication.translate("AgentFiguresModel", str(_TIPS[column]))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(Column):
            return None
        agent, figures = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(agent, figures, column)
        if role == AGENT_ROLE:
            return agent
        if role == Qt.ItemDataRole.TextAlignmentRole and column is not Column.AGENT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and agent is None:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.BROKEN:
            return colors.overdue_color() if figures.commitments.broken else None
        return None

    def _text(self, agent: str | None, figures: Figures, column: Column) -> str:
        c = figures.commitments
        match column:
            case Column.AGENT:
                return agent or self.tr("Whole team")
            case Column.ON_TIME:
                return str(c.on_time)
            case Column.LATE:
                return str(c.late)
            case Column.BROKEN:
                return str(c.broken)
            case Column.CANCELLED:
                return str(c.cancelled)
            case Column.FIRST_MEDIAN:
                return span_text(figures.first_response.median)
            case Column.FIRST_P80:
                return span_text(figures.first_response.p80)
            case Column.RESOLUTION_MEDIAN:
                return span_text(figures.resolution.median)
            case Column.RESOLUTION_P80:
                return span_text(figures.resolution.p80)
            case Column.CONTACTS:
                per_case = figures.contacts_per_resolution
                return NO_VALUE if per_case is None else f"{per_case:.1f}"
