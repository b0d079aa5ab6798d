"""The right-hand pane: the selected case with its conversation and its history."""

from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QLabel,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from omnidesk.core.enums import CommitmentState
from omnidesk.core.ids import CaseNumber
from omnidesk.services.cases import CaseDetail
from omnidesk.ui import colors
from omnidesk.ui.icons import icon_resource
from omnidesk.ui.labels import commitment_label, status_label
from omnidesk.ui.timefmt import due_text
from omnidesk.ui.views.case_html import LINK_SCHEME, conversation_html, history_html

_PLACEHOLDER_PAGE = 0
_CASE_PAGE = 1


class CaseDetailPane(QStackedWidget):
    """Shows one ``CaseDetail``, or a hint when no case is selected."""

    sig_link_activated = Signal(str, int, str)
    """An action link in the conversation: (``commitment``/``message``, its id, the verb)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetail")
        self._number: CaseNumber | None = None

        self._placeholder = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, wordWrap=True)
        palette = self._placeholder.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colors.muted_color())
        self._placeholder.setPalette(palette)
        self.addWidget(self._placeholder)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(12, 8, 8, 8)
        layout.setSpacing(4)
        self._title = QLabel(wordWrap=True)
        self._title.setObjectName("caseTitle")
        self._title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self._title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self._title.setFont(font)
        self._facts = QLabel(wordWrap=True)
        self._facts.setObjectName("caseFacts")
        self._facts.setTextFormat(Qt.TextFormat.RichText)
        self._customer = QLabel(wordWrap=True)
        self._customer.setObjectName("caseCustomer")
        self._customer.setTextFormat(Qt.TextFormat.RichText)
        self._customer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._conversation = _browser("conversation")
        self._history = _browser("history")
        self._conversation.anchorClicked.connect(self._on_conversation_anchor_clicked)
        self._tabs = QTabWidget()
        self._tabs.setDocumentMode(True)
        self._tabs.addTab(self._conversation, self.tr("Conversation"))
        self._tabs.addTab(self._history, self.tr("History"))
        layout.addWidget(self._title)
        layout.addWidget(self._facts)
        layout.addWidget(self._customer)
        layout.addSpacing(6)
        layout.addWidget(self._tabs, 1)
        self.addWidget(page)
        self.show_placeholder()

    def current_number(self) -> CaseNumber | None:
        """The case on screen, or None while the hint is shown."""
        return self._number

    def show_history(self) -> None:
        """Bring the event log to the front (one click, or one shortcut, away)."""
        self._tabs.setCurrentWidget(self._history)

    def show_conversation(self) -> None:
        self._tabs.setCurrentWidget(self._conversation)

    def history_visible(self) -> bool:
        return self._tabs.currentWidget() is self._history

    def conversation_html(self) -> str:
        return self._conversation.toHtml()

    def title_text(self) -> str:
        return self._title.text()

    def conversation_text(self) -> str:
        return self._conversation.toPlainText()

    def show_placeholder(self, text: str | None = None) -> None:
        self._number = None
        self._placeholder.setText(text or self.tr("Select a case to read its conversation."))
        self.setCurrentIndex(_PLACEHOLDER_PAGE)

    def show_detail(self, detail: CaseDetail, now: datetime | None = None) -> None:
        now = now or datetime.now(UTC)
        case = detail.case
        # Keep the reader's place when the same case is shown again after a refresh.
        same_case = self._number == case.number
        scroll = self._conversation.verticalScrollBar().value() if same_case else 0
        self._number = case.number
        self._title.setText(f"#{case.number}  {case.subject}")
        self._facts.setText(self._facts_html(detail, now))
        self._customer.setText(self._customer_html(detail))
        self._conversation.setHtml(conversation_html(detail, now))
        self._history.setHtml(history_html(detail))
        self._conversation.verticalScrollBar().setValue(scroll)
        self.setCurrentIndex(_CASE_PAGE)

    def facts_text(self) -> str:
        return self._facts.text()

    def add_tab(self, widget: QWidget, title: str) -> None:
        """A further view of the case (the customer panel) beside conversation and history."""
        self._tabs.addTab(widget, title)

    def show_tab(self, widget: QWidget) -> None:
        self._tabs.setCurrentWidget(widget)

    def _facts_html(self, detail: CaseDetail, now: datetime) -> str:
        """Status, owner and the promises still open: on screen whatever is scrolled."""
        return self._owner_html(detail) + self._promises_html(detail, now)

    def _promises_html(self, detail: CaseDetail, now: datetime) -> str:
        still_open = sorted(
            (c for c in detail.commitments if c.state is CommitmentState.OPEN),
            key=lambda c: c.due_at,
        )
        if not still_open:
            return ""
        first = still_open[0]
        text = self.tr("%n open commitment(s), next: {kind} {due}", None, len(still_open)).format(
            kind=commitment_label(first.kind), due=due_text(first.due_at, now)
        )
        if first.is_overdue(now):
            return (
                f" &nbsp;·&nbsp; <b style='color:{colors.overdue_color().name()}'>"
                f"{escape(text)}</b>"
            )
        return f" &nbsp;·&nbsp; {escape(text)}"

    def _owner_html(self, detail: CaseDetail) -> str:
        status = escape(status_label(detail.case.status))
        if detail.owner is None:
            muted = colors.muted_color().name()
            unassigned = escape(self.tr("unassigned"))
            owner = f"<i style='color:{muted}'>{unassigned}</i>"
        else:
            owner = escape(detail.owner.display_name or detail.owner.name)
        owner_label = escape(self.tr("Owner"))
        return f"<b>{status}</b> &nbsp;·&nbsp; {owner_label}: {owner}"

    def _customer_html(self, detail: CaseDetail) -> str:
        customer = detail.customer
        addresses = " · ".join(escape(identity.value) for identity in customer.identities)
        muted = colors.muted_color().name()
        name = escape(customer.name or self.tr("unknown customer"))
        if not addresses:
            return name
        return f"{name} &nbsp;<span style='color:{muted}'>{addresses}</span>"

    def _on_conversation_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() != LINK_SCHEME:
            return  # a link in customer text is shown, never followed
        parts = url.path().split("/")
        if len(parts) == 3 and parts[1].isdigit():
            self.sig_link_activated.emit(parts[0], int(parts[1]), parts[2])


class _Browser(QTextBrowser):
    """A text browser that knows OmniDesk's icons (``icon:email``) and loads nothing else.

    Everything else a message might point at (remote images, local files) is refused
    here: no remote content is fetched by showing a case.
    """

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        image = icon_resource(name)
        return image if image is not None else None


def _browser(name: str) -> QTextBrowser:
    browser = _Browser()
    browser.setObjectName(name)
    # Links in customer mail are shown, not followed: nothing opens by accident.
    browser.setOpenLinks(False)
    browser.setFrameShape(QTextBrowser.Shape.NoFrame)
    return browser
