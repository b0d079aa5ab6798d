"""The sidebar: the fixed list of case views, each with its live count."""

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from omnidesk.core.ids import AgentId
from omnidesk.core.views import View, filter_for_view
from omnidesk.services.cases import count_cases
from omnidesk.store.engine import Database
from omnidesk.ui import colors
from omnidesk.ui.labels import view_hint, view_label

VIEWS: tuple[View, ...] = (
    View.MINE,
    View.UNASSIGNED,
    View.WAITING,
    View.COMMITMENTS,
    View.OPEN,
    View.RESOLVED,
    View.ALL,
)
VIEW_ROLE = Qt.ItemDataRole.UserRole
"""``data(index, VIEW_ROLE)`` gives the row's ``View`` value (a str) in every column."""

NAME_COLUMN = 0
COUNT_COLUMN = 1

_Index = QModelIndex | QPersistentModelIndex


def count_views(db: Database, me: AgentId | None) -> dict[View, int]:
    """The count behind every sidebar view (runs on the database thread)."""
    return {view: count_cases(db, filter_for_view(view, me=me)) for view in VIEWS}


class SidebarModel(QAbstractTableModel):
    """One row per view: its name and, once known, how many cases it holds."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[View, int] = {}

    def set_counts(self, counts: Mapping[View, int]) -> None:
        self._counts = dict(counts)
        self.dataChanged.emit(self.index(0, NAME_COLUMN), self.index(len(VIEWS) - 1, COUNT_COLUMN))

    def count(self, view: View) -> int | None:
        return self._counts.get(view)

    def view_at(self, row: int) -> View:
        return VIEWS[row]

    def row_of(self, view: View) -> int:
        return VIEWS.index(view)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(VIEWS)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 2

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(VIEWS):
            return None
        view = VIEWS[index.row()]
        count = self._counts.get(view)
        if role == VIEW_ROLE:
            return view.value
        if index.column() == NAME_COLUMN:
            if role == Qt.ItemDataRole.DisplayRole:
                return view_label(view)
            if role == Qt.ItemDataRole.ToolTipRole:
                return view_hint(view)
            return None
        if index.column() != COUNT_COLUMN:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if count is None else str(count)
        if role == Qt.ItemDataRole.ToolTipRole and count is not None:
            return self.tr("%n case(s)", None, count)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
        if role == Qt.ItemDataRole.ForegroundRole:
            return colors.muted_color()
        return None
