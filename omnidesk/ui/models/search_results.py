"""Search results: one row per matching case, best first, paged in like the case list."""

from collections.abc import Callable, Sequence
from enum import IntEnum
from html import escape
from typing import Any, Protocol

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

from omnidesk.core.enums import CaseStatus
from omnidesk.core.ids import CaseNumber
from omnidesk.ui import colors
from omnidesk.ui.labels import status_label
from omnidesk.ui.timefmt import date_time_text

PAGE_SIZE = 50
CASE_NUMBER_ROLE = Qt.ItemDataRole.UserRole
SNIPPET_HTML_ROLE = Qt.ItemDataRole.UserRole + 1
"""The snippet with the matched words in ``<b>``, escaped, for the highlighting delegate."""

HIGHLIGHT_START = "\x02"
HIGHLIGHT_END = "\x03"
"""How the search service marks matched words in a snippet (STX/ETX, never in text)."""

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NUMBER = 0
    CUSTOMER = 1
    SUBJECT = 2
    MATCH = 3
    OWNER = 4
    STATUS = 5


_HEADERS = {
    Column.NUMBER: QT_TRANSLATE_NOOP("SearchResultsModel", "Case"),
    Column.CUSTOMER: QT_TRANSLATE_NOOP("SearchResultsModel", "Customer"),
    Column.SUBJECT: QT_TRANSLATE_NOOP("SearchResultsModel", "Subject"),
    Column.MATCH: QT_TRANSLATE_NOOP("SearchResultsModel", "Where it matched"),
    Column.OWNER: QT_TRANSLATE_NOOP("SearchResultsModel", "Owner"),
    Column.STATUS: QT_TRANSLATE_NOOP("SearchResultsModel", "Status"),
}


class SearchHitLike(Protocol):
    """The fields of ``services.search.SearchHit`` this model reads.

    A protocol rather than the class itself: the model does not depend on the search
    service being installed (see ``search_box.search_function``).
    """

    @property
    def case_number(self) -> CaseNumber: ...
    @property
    def subject(self) -> str: ...
    @property
    def status(self) -> CaseStatus: ...
    @property
    def owner(self) -> str | None: ...
    @property
    def customer(self) -> str: ...
    @property
    def snippet(self) -> str: ...


class SearchResultsModel(QAbstractTableModel):
    """Hits of the current query; ``fetch_page`` is asked for further pages."""

    sig_more_wanted = Signal(int)
    """The view scrolled to the end: load the page starting at this offset."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHitLike] = []
        self._exhausted = True
        self._loading = False

    def set_hits(self, hits: Sequence[SearchHitLike], *, complete: bool) -> None:
        """Show the first page of a new query's hits."""
        self.beginResetModel()
        self._hits = list(hits)
        self._exhausted = complete
        self._loading = False
        self.endResetModel()

    def append_hits(self, hits: Sequence[SearchHitLike], *, complete: bool) -> None:
        self._loading = False
        self._exhausted = complete
        fresh = [h for h in hits if self.row_of(h.case_number) is None]
        if fresh:
            first = len(self._hits)
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._hits.extend(fresh)
            self.endInsertRows()

    def clear(self) -> None:
        self.set_hits([], complete=True)

    def stop_loading(self) -> None:
        self._loading = False
        self._exhausted = True

    def hit(self, row: int) -> SearchHitLike:
        return self._hits[row]

    def row_of(self, number: CaseNumber) -> int | None:
        for row, hit in enumerate(self._hits):
            if hit.case_number == number:
                return row
        return None

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._loading = True
            self.sig_more_wanted.emit(len(self._hits))

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return QCoreApplication.translate("SearchResultsModel", str(_HEADERS[Column(section)]))
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._hits):
            return None
        if not 0 <= index.column() < len(Column):
            return None
        hit = self._hits[index.row()]
        column = Column(index.column())
        if role == CASE_NUMBER_ROLE:
            return int(hit.case_number)
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(hit, column)
        if role == SNIPPET_HTML_ROLE and column is Column.MATCH:
            return snippet_html(hit.snippet)
        if role == Qt.ItemDataRole.ToolTipRole and column in {Column.MATCH, Column.SUBJECT}:
            matched = getattr(hit, "matched_at", None)
            text = _display(hit, column)
            if matched is not None and column is Column.MATCH:
                return f"{date_time_text(matched)}: {text}"
            return text
        if role == Qt.ItemDataRole.ForegroundRole and column is Column.OWNER and not hit.owner:
            return colors.muted_color()
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.NUMBER:
            return int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
        return None


def _display(hit: SearchHitLike, column: Column) -> str:
    values: dict[Column, Callable[[], str]] = {
        Column.NUMBER: lambda: f"#{hit.case_number}",
        Column.CUSTOMER: lambda: hit.customer,
        Column.SUBJECT: lambda: hit.subject,
        Column.MATCH: lambda: plain_snippet(hit.snippet),
        Column.OWNER: lambda: hit.owner or "—",
        Column.STATUS: lambda: status_label(hit.status),
    }
    return values[column]()


def plain_snippet(snippet: str) -> str:
    """The snippet without highlight marks, on one line."""
    text = snippet.replace(HIGHLIGHT_START, "").replace(HIGHLIGHT_END, "")
    return " ".join(text.split())


def snippet_html(snippet: str) -> str:
    """The snippet as escaped rich text with the matched words in bold."""
    flat = " ".join(snippet.split())
    return escape(flat).replace(HIGHLIGHT_START, "<b>").replace(HIGHLIGHT_END, "</b>")
