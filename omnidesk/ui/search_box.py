"""The search field: the query language, results as you type, stale searches cancelled.

Typing restarts a short timer; when it fires, the query runs on the database thread
under one task key, so a newer query cancels an older one that has not run yet, and
an answer for an older query is dropped by its generation number. The results
replace the case list until the field is cleared (Esc).

The search itself sits behind :func:`search_function`, the only place that knows
the search service.
"""

import functools
from collections.abc import Callable, Sequence
from datetime import tzinfo
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QKeyEvent, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from omnidesk.core.entities import Agent
from omnidesk.core.errors import InvalidInput
from omnidesk.store.engine import Database
from omnidesk.ui.icons import icon
from omnidesk.ui.models.search_results import (
    CASE_NUMBER_ROLE,
    PAGE_SIZE,
    SNIPPET_HTML_ROLE,
    Column,
    SearchHitLike,
    SearchResultsModel,
)
from omnidesk.ui.tasks import TaskRunner

_DEBOUNCE_MS = 180
"""Long enough to skip the letters of a fast typist, short enough to feel live."""

SearchFunction = Callable[..., Sequence[SearchHitLike]]


def search_function() -> SearchFunction | None:
    """The search service's ``search_cases``, or None where it is not installed."""
    try:
        from omnidesk.services.search import search_cases
    except ImportError:
        return None
    return search_cases


class SearchBox(QObject):
    """Owns the search field, the results model and the results view."""

    sig_active_changed = Signal(bool)
    """True while results are shown instead of the case list."""
    sig_case_chosen = Signal(int)

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        *,
        tz: tzinfo,
        me: Callable[[], Agent | None],
        parent: QWidget,
        search: SearchFunction | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._tz = tz
        self._me = me
        self._search = search or search_function()
        self._generation = 0
        self._query = ""
        self._active = False
        self.model = SearchResultsModel(self)

        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setClearButtonEnabled(True)
        self.field.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.field.setPlaceholderText(self.tr('Search: words, "phrases", from:, status:, owner:me'))
        self.field.setToolTip(
            self.tr(
                'Words must all match; "exact phrase"; rout* for prefixes; -word to exclude; '
                "a OR b; from: to: customer: subject: owner:me status:open channel:chat "
                "is:overdue has:attachment after:7d before:2026-12-01 #1042"
            )
        )
        unit = self.field.fontMetrics().averageCharWidth()
        self.field.setMinimumWidth(unit * 46)
        self.field.installEventFilter(self)
        if self._search is None:
            self.field.setEnabled(False)
            self.field.setPlaceholderText(self.tr("Search is not available in this version"))

        self.results_view = QWidget()
        self.results_view.setObjectName("searchResults")
        layout = QVBoxLayout(self.results_view)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setObjectName("searchSummary")
        self.summary.setContentsMargins(8, 4, 8, 4)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = _results_table(self.model)
        layout.addWidget(self.table, 1)

        self._timer = QTimer(self, singleShot=True, interval=_DEBOUNCE_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.field.textChanged.connect(self._on_field_text_changed)
        self.model.sig_more_wanted.connect(self._on_model_more_wanted)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)

    # -- public interface -------------------------------------------------------------

    def focus(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def clear(self) -> None:
        if self.field.text():
            self.field.clear()  # -> textChanged -> inactive

    def is_active(self) -> bool:
        return self._active

    def query(self) -> str:
        return self._query

    def run_now(self) -> None:
        """Search at once (Enter, and tests) instead of after the typing pause."""
        self._timer.stop()
        self._on_timer_timeout()

    # -- slots ----------------------------------------------------------------------------

    def _on_field_text_changed(self, text: str) -> None:
        if not text.strip():
            self._timer.stop()
            self._generation += 1
            self._query = ""
            self.model.clear()
            self._set_active(False)
            return
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        text = self.field.text().strip()
        if not text or self._search is None:
            return
        self._generation += 1
        self._query = text
        self._set_active(True)
        self.summary.setText(self.tr("Searching…"))
        self._load(text, offset=0, generation=self._generation)

    def _on_model_more_wanted(self, offset: int) -> None:
        if self._query:
            self._load(self._query, offset=offset, generation=self._generation)

    def _load(self, text: str, *, offset: int, generation: int) -> None:
        assert self._search is not None
        me = self._me()
        self._tasks.submit(
            functools.partial(
                self._search,
                self._db,
                text,
                me=me.id if me else None,
                limit=PAGE_SIZE,
                offset=offset,
                tz=self._tz,
            ),
            functools.partial(self._on_hits, generation, offset),
            key="search",
            on_failure=functools.partial(self._on_failed, generation),
        )

    def _on_hits(self, generation: int, offset: int, hits: Sequence[SearchHitLike]) -> None:
        if generation != self._generation:
            return
        complete = len(hits) < PAGE_SIZE
        if offset == 0:
            self.model.set_hits(hits, complete=complete)
        else:
            self.model.append_hits(hits, complete=complete)
        count = self.model.rowCount()
        if count == 0:
            self.summary.setText(self.tr("No case matches “{query}”.").format(query=self._query))
        elif complete:
            self.summary.setText(self.tr("%n case(s) match", None, count))
        else:
            self.summary.setText(self.tr("The best %n matches; scroll for more", None, count))

    def _on_failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.model.stop_loading()
        if isinstance(error, InvalidInput):
            self.summary.setText(self.tr("Cannot search: {problem}").format(problem=error))

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.sig_case_chosen.emit(int(current.data(CASE_NUMBER_ROLE)))

    def _set_active(self, active: bool) -> None:
        if active != self._active:
            self._active = active
            self.sig_active_changed.emit(active)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and self.field.text():
                self.field.clear()
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.run_now()
                return True
            if event.key() == Qt.Key.Key_Down and self.model.rowCount():
                self.table.setFocus()
                self.table.setCurrentIndex(self.model.index(0, Column.NUMBER))
                return True
        return super().eventFilter(watched, event)


def _results_table(model: SearchResultsModel) -> QTableView:
    table = QTableView()
    table.setObjectName("searchResultsTable")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setItemDelegateForColumn(Column.MATCH, _SnippetDelegate(table))
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    unit = table.fontMetrics().averageCharWidth()
    for column, chars in (
        (Column.NUMBER, 8),
        (Column.CUSTOMER, 18),
        (Column.SUBJECT, 28),
        (Column.OWNER, 9),
        (Column.STATUS, 16),
    ):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(column, unit * chars)
    header.setSectionResizeMode(Column.MATCH, QHeaderView.ResizeMode.Stretch)
    return table


class _SnippetDelegate(QStyledItemDelegate):
    """Draws the snippet with the matched words in bold."""

    def paint(
        self, painter: Any, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        html = index.data(SNIPPET_HTML_ROLE)
        if not html:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(f"<span style='white-space:nowrap'>{html}</span>")
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        rect = option.rect.adjusted(4, 0, -4, 0)
        top = rect.top() + (rect.height() - document.size().height()) / 2
        painter.translate(rect.left(), top)
        painter.setClipRect(0, 0, rect.width(), rect.height())
        document.documentLayout().draw(painter, context)
        painter.restore()
