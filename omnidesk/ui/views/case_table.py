"""The case list widget: a plain, fast ``QTableView`` over ``CaseTableModel``."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableView, QWidget

from omnidesk.core.enums import CaseStatus
from omnidesk.core.ids import CaseNumber
from omnidesk.ui.labels import status_label
from omnidesk.ui.models.case_table import CASE_NUMBER_ROLE, CaseTableModel, Column

_CELL_PADDING = 16
"""Room for the cell margins, in pixels."""


class CaseTableView(QTableView):
    """One row per case; the database sorts and filters, so the view never does."""

    def __init__(self, model: CaseTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setShowGrid(False)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setCornerButtonEnabled(False)
        self.setSortingEnabled(False)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        rows = self.verticalHeader()
        rows.setVisible(False)
        # Fixed, uniform row heights: the view never measures rows it has not shown.
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self._size_columns()

    def current_case(self) -> CaseNumber | None:
        index = self.currentIndex()
        if not index.isValid():
            return None
        return CaseNumber(int(index.data(CASE_NUMBER_ROLE)))

    def select_row(self, row: int) -> None:
        self.setCurrentIndex(self.model().index(row, Column.NUMBER))

    def _size_columns(self) -> None:
        metrics = self.fontMetrics()
        model = self.model()

        header = self.horizontalHeader()
        header_metrics = header.fontMetrics()
        # The header draws its title between margins and leaves room for a sort mark.
        header_padding = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + (
            self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize)
        )

        def text_width(*samples: str, column: Column) -> int:
            cell = max(metrics.horizontalAdvance(s) for s in samples) + _CELL_PADDING
            title = str(model.headerData(column, Qt.Orientation.Horizontal))
            return max(cell, header_metrics.horizontalAdvance(title) + header_padding)

        def chars(count: int) -> int:
            return metrics.averageCharWidth() * count + _CELL_PADDING

        header.setHighlightSections(False)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(metrics.horizontalAdvance("#00") + _CELL_PADDING)
        widths = {
            # Room for the unread dot beside the number.
            Column.NUMBER: text_width("#00000", column=Column.NUMBER) + metrics.height() + 4,
            Column.CUSTOMER: chars(16),
            Column.CHANNELS: text_width("email, chat", column=Column.CHANNELS),
            Column.OWNER: text_width("chloe", column=Column.OWNER),
            Column.STATUS: text_width(*(status_label(s) for s in CaseStatus), column=Column.STATUS),
            Column.WAITING: text_width("99 min", column=Column.WAITING),
            Column.DUE: text_width("tomorrow 10:00", column=Column.DUE),
        }
        for column, width in widths.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        # The subject takes whatever room is left.
        header.setSectionResizeMode(Column.SUBJECT, QHeaderView.ResizeMode.Stretch)
