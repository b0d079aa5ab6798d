"""The sidebar widget: a flat, two-column tree of the case views and their counts."""

from PySide6.QtCore import QItemSelection, QModelIndex, QPersistentModelIndex, QSize, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from omnidesk.core.views import View
from omnidesk.ui.models.sidebar import COUNT_COLUMN, NAME_COLUMN, SidebarModel


class SidebarView(QTreeView):
    """Shows a ``SidebarModel``; tells which view the user picked."""

    sig_view_chosen = Signal(str)
    """The ``View`` value of the newly selected row."""

    def __init__(self, model: SidebarModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self.setModel(model)
        self.setObjectName("sidebar")
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setItemsExpandable(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFrameShape(QTreeView.Shape.NoFrame)
        self.setItemDelegate(_RowDelegate(self))
        # A source list sits on the window colour, apart from the white data views.
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
        self.setPalette(palette)
        margin = self.fontMetrics().averageCharWidth()
        self.setViewportMargins(margin, margin, margin, margin)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME_COLUMN, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COUNT_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.selectionModel().selectionChanged.connect(self._on_selection_changed)

    def current_view(self) -> View | None:
        rows = self.selectionModel().selectedRows()
        return self._model.view_at(rows[0].row()) if rows else None

    def select_view(self, view: View) -> None:
        self.setCurrentIndex(self._model.index(self._model.row_of(view), NAME_COLUMN))

    def _on_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = {index.row() for index in selected.indexes()}
        if len(rows) == 1:
            self.sig_view_chosen.emit(self._model.view_at(rows.pop()).value)


class _RowDelegate(QStyledItemDelegate):
    """Sidebar rows a little taller than table rows: they are click targets, not data."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + option.fontMetrics.height() // 2)
