"""The case list: one table model whose rows are case summaries, paged in from the database.

Filtering and sorting happen in SQL (``CaseFilter``); the model only asks for the next
page when the view scrolls near the end (``canFetchMore``/``fetchMore``), so a mailbox
of 100 000 cases costs one page of rows, not 100 000.
"""

import functools
from datetime import UTC, datetime
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
    Signal,
)
from PySide6.QtGui import QFont

from omnidesk.core.entities import CaseSummary
from omnidesk.core.enums import CaseStatus
from omnidesk.core.ids import CaseNumber
from omnidesk.core.views import CaseFilter
from omnidesk.services.cases import list_cases
from omnidesk.store.engine import Database
from omnidesk.ui import colors
from omnidesk.ui.icons import icon
from omnidesk.ui.labels import channel_label, status_label
from omnidesk.ui.tasks import TaskRunner
from omnidesk.ui.timefmt import date_time_text, due_text, waiting_text

PAGE_SIZE = 100
CASE_NUMBER_ROLE = Qt.ItemDataRole.UserRole
"""``data(index, CASE_NUMBER_ROLE)`` gives the row's case number (an int) in every column."""

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NUMBER = 0
    CUSTOMER = 1
    SUBJECT = 2
    CHANNELS = 3
    OWNER = 4
    STATUS = 5
    WAITING = 6
    DUE = 7


_HEADERS: dict[Column, tuple[object, object]] = {
    Column.NUMBER: (
        QT_TRANSLATE_NOOP("CaseTableModel", "Case"),
        QT_TRANSLATE_NOOP("CaseTableModel", "The case number customers see in every message"),
    ),
    Column.CUSTOMER: (
        QT_TRANSLATE_NOOP("CaseTableModel", "Customer"),
        QT_TRANSLATE_NOOP("CaseTableModel", "Who wrote to us"),
    ),
    Column.SUBJECT: (
        QT_TRANSLATE_NOOP("CaseTableModel", "Subject"),
        QT_TRANSLATE_NOOP("CaseTableModel", "What the case is about"),
    ),
    Column.CHANNELS: (
        QT_TRANSLATE_NOOP("CaseTableModel", "Channels"),
        QT_TRANSLATE_NOOP("CaseTableModel", "The channels the customer used on this case"),
    ),
    Column.OWNER: (
        QT_TRANSLATE_NOOP("CaseTableModel", "Owner"),
        QT_TRANSLATE_NOOP("CaseTableModel", "The one agent responsible until the case is resolved"),
    ),
    Column.STATUS: (
        QT_TRANSLATE_NOOP("CaseTableModel", "Status"),
        QT_TRANSLATE_NOOP("CaseTableModel", "Where the case stands"),
    ),
    Column.WAITING: (
        QT_TRANSLATE_NOOP("CaseTableModel", "Waiting"),
        QT_TRANSLATE_NOOP("CaseTableModel", "How long the customer has been waiting for us"),
    ),
    Column.DUE: (
        QT_TRANSLATE_NOOP("CaseTableModel", "Next commitment"),
        QT_TRANSLATE_NOOP("CaseTableModel", "When the next promise to the customer is due"),
    ),
}

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class CaseTableModel(QAbstractTableModel):
    """Case summaries for one ``CaseFilter``, loaded a page at a time."""

    sig_page_loaded = Signal(int)
    """A page arrived (after a reset or an append); the argument is the new row count."""

    def __init__(self, db: Database, tasks: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._filter: CaseFilter | None = None
        self._rows: list[CaseSummary] = []
        self._exhausted = True
        self._loading = False
        # Bumped on every reset: an answer for an older generation is for a list
        # that no longer exists and is dropped.
        self._generation = 0
        self._now = datetime.now(UTC)
        self._unread: frozenset[CaseNumber] = frozenset()

    def set_unread(self, numbers: frozenset[CaseNumber]) -> None:
        """Mark these cases as having customer messages the agent has not opened yet."""
        self._unread = frozenset(numbers)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(len(self._rows) - 1, len(Column) - 1),
                [Qt.ItemDataRole.FontRole, Qt.ItemDataRole.DecorationRole],
            )

    def is_unread(self, number: CaseNumber) -> bool:
        return number in self._unread

    # -- loading ----------------------------------------------------------------

    def set_filter(self, case_filter: CaseFilter) -> None:
        """Show the cases matching ``case_filter``: clear the list and load its first page."""
        self.beginResetModel()
        self._filter = case_filter
        self._rows = []
        self._exhausted = False
        self._loading = False
        self._generation += 1
        self.endResetModel()
        self._load(offset=0, limit=PAGE_SIZE, replace=False)

    def reload(self) -> None:
        """Load again everything loaded so far (after a change), keeping the scroll position."""
        if self._filter is None:
            return
        self._generation += 1
        self._loading = False
        self._load(offset=0, limit=max(len(self._rows), PAGE_SIZE), replace=True)

    def is_loading(self) -> bool:
        return self._loading

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._load(offset=len(self._rows), limit=PAGE_SIZE, replace=False)

    def _load(self, *, offset: int, limit: int, replace: bool) -> None:
        if self._filter is None:
            return
        self._loading = True
        self._tasks.submit(
            functools.partial(list_cases, self._db, self._filter, offset=offset, limit=limit),
            functools.partial(self._on_page_arrived, self._generation, offset, limit, replace),
            key=f"case-list-{id(self)}",
            on_failure=functools.partial(self._on_page_failed, self._generation),
        )

    def _on_page_arrived(
        self, generation: int, offset: int, limit: int, replace: bool, page: list[CaseSummary]
    ) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._now = datetime.now(UTC)
        self._exhausted = len(page) < limit
        if replace:
            self._replace_rows(page)
        elif page:
            self.beginInsertRows(QModelIndex(), offset, offset + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()
        self.sig_page_loaded.emit(len(self._rows))

    def _on_page_failed(self, generation: int, _error: BaseException) -> None:
        if generation == self._generation:
            # Stop asking: the error is on screen, and Refresh tries again.
            self._loading = False
            self._exhausted = True

    def _replace_rows(self, rows: list[CaseSummary]) -> None:
        same_cases = [r.number for r in rows] == [r.number for r in self._rows]
        if same_cases and rows:
            # Same cases in the same order: update in place so selection and scroll stay.
            self._rows = rows
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, len(Column) - 1))
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def refresh_times(self) -> None:
        """Repaint the time columns: "waiting 5 min" becomes "6 min" without a query."""
        self._now = datetime.now(UTC)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, Column.WAITING),
                self.index(len(self._rows) - 1, Column.DUE),
                [Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole],
            )

    # -- lookups ----------------------------------------------------------------

    def summary(self, row: int) -> CaseSummary:
        return self._rows[row]

    def row_of(self, number: CaseNumber) -> int | None:
        """The row showing case ``number``, if it is loaded."""
        for row, summary in enumerate(self._rows):
            if summary.number == number:
                return row
        return None

    # -- Qt model interface -------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        title, hint = _HEADERS[Column(section)]
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("CaseTableModel", str(title))
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("CaseTableModel", str(hint))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _alignment(Column(section))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        if not 0 <= index.column() < len(Column):
            return None
        summary = self._rows[index.row()]
        column = Column(index.column())
        match role:
            case Qt.ItemDataRole.DisplayRole:
                return self._display(summary, column)
            case Qt.ItemDataRole.ToolTipRole:
                return self._tooltip(summary, column)
            case Qt.ItemDataRole.ForegroundRole:
                return self._foreground(summary, column)
            case Qt.ItemDataRole.FontRole:
                return self._font(summary, column)
            case Qt.ItemDataRole.TextAlignmentRole:
                return _alignment(column)
            case Qt.ItemDataRole.DecorationRole if column is Column.NUMBER:
                return icon("unread") if summary.number in self._unread else None
            case Qt.ItemDataRole.UserRole:
                return int(summary.number)
        return None

    def _display(self, summary: CaseSummary, column: Column) -> str:
        match column:
            case Column.NUMBER:
                return f"#{summary.number}"
            case Column.CUSTOMER:
                return summary.customer
            case Column.SUBJECT:
                return summary.subject
            case Column.CHANNELS:
                return ", ".join(channel_label(c) for c in summary.channels)
            case Column.OWNER:
                return summary.owner or "—"
            case Column.STATUS:
                return status_label(summary.status)
            case Column.WAITING:
                if summary.waiting_since is None:
                    return ""
                return waiting_text(summary.waiting_since, self._now)
            case Column.DUE:
                if summary.next_commitment_due is None:
                    return ""
                return due_text(summary.next_commitment_due, self._now)

    def _tooltip(self, summary: CaseSummary, column: Column) -> str | None:
        match column:
            case Column.NUMBER if summary.number in self._unread:
                return self.tr("A new message from the customer you have not read yet")
            case Column.OWNER if summary.owner is None:
                return self.tr("Nobody owns this case yet: claim it to answer the customer")
            case Column.WAITING if summary.waiting_since is not None:
                return self.tr("Waiting since {time}").format(
                    time=date_time_text(summary.waiting_since)
                )
            case Column.DUE if summary.next_commitment_due is not None:
                due = date_time_text(summary.next_commitment_due)
                if self._is_overdue(summary):
                    return self.tr("Overdue since {time}").format(time=due)
                return self.tr("Due {time}").format(time=due)
            case Column.SUBJECT | Column.CUSTOMER:
                return self._display(summary, column) or None
        return None

    def _foreground(self, summary: CaseSummary, column: Column) -> Any:
        if column is Column.OWNER and summary.owner is None:
            return colors.muted_color()
        if column is Column.DUE and self._is_overdue(summary):
            return colors.overdue_color()
        return None

    def _font(self, summary: CaseSummary, column: Column) -> QFont | None:
        if column in {Column.CUSTOMER, Column.SUBJECT} and summary.number in self._unread:
            return _bold()
        if column is Column.DUE and self._is_overdue(summary):
            return _bold()
        if column is Column.STATUS and summary.status is CaseStatus.NEW:
            # Nobody has answered yet: the one status that needs a first look.
            return _bold()
        if column is Column.OWNER and summary.owner is None:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _is_overdue(self, summary: CaseSummary) -> bool:
        due = summary.next_commitment_due
        return due is not None and due < self._now


def _alignment(column: Column) -> int:
    aligned = _RIGHT if column in {Column.NUMBER, Column.WAITING} else _LEFT
    return int(aligned.value)


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font
