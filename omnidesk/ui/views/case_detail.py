"""The right-hand pane: the selected case with its conversation and its history."""

import base64
import binascii
import functools
from datetime import UTC, datetime
from html import escape

from PySide6.QtCore import QByteArray, Qt, QUrl, Signal
from PySide6.QtGui import QImage, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QLabel,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from omnidesk.core.entities import Attachment
from omnidesk.core.enums import CommitmentState
from omnidesk.core.ids import AttachmentId, CaseNumber, MessageId
from omnidesk.services.attachments import attachment_bytes, raw_source
from omnidesk.services.cases import CaseDetail
from omnidesk.store.engine import Database
from omnidesk.ui import colors
from omnidesk.ui.icons import icon_resource
from omnidesk.ui.labels import commitment_label, status_label
from omnidesk.ui.tasks import TaskRunner
from omnidesk.ui.timefmt import due_text
from omnidesk.ui.views.attachment_files import AttachmentFiles
from omnidesk.ui.views.case_html import conversation_html, history_html
from omnidesk.ui.views.message_body import LINK_SCHEME, LOAD_IMAGES, ShownContent, inline_shown
from omnidesk.ui.views.remote_images import RemoteImages, fetch_remote_images
from omnidesk.ui.views.safe_html import inline_url

_PLACEHOLDER_PAGE = 0
_CASE_PAGE = 1
_IMAGE_MAX_WIDTH = 720
"""Wider images in a message are scaled down to fit beside the case list."""
_MAX_DATA_URL_BYTES = 5 * 1024 * 1024
_NO_IMAGE = QImage(1, 1, QImage.Format.Format_ARGB32_Premultiplied)
_NO_IMAGE.fill(Qt.GlobalColor.transparent)


class CaseDetailPane(QStackedWidget):
    """Shows one ``CaseDetail``, or a hint when no case is selected."""

    sig_link_activated = Signal(str, int, str)
    """An action link in the conversation: (``commitment``/``message``, its id, the verb)."""
    sig_message = Signal(str)
    """A short outcome for the status bar (an attachment saved)."""

    def __init__(self, parent: QWidget | None = None, *, db: Database, tasks: TaskRunner) -> None:
        super().__init__(parent)
        self.setObjectName("caseDetail")
        self._number: CaseNumber | None = None
        self._db = db
        self._tasks = tasks
        self._shown: CaseDetail | None = None
        self._shown_at = datetime.now(UTC)
        # Per case: the messages whose remote images the agent chose to load.
        self._remote_html: dict[MessageId, str] = {}
        self._loading: set[MessageId] = set()
        self._failed: dict[MessageId, int] = {}
        self._inline_asked: set[AttachmentId] = set()
        self.files = AttachmentFiles(db, tasks, self)
        self.files.sig_message.connect(self.sig_message)

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
        if not same_case:
            self._forget_content()
        self._number = case.number
        self._shown, self._shown_at = detail, now
        self._title.setText(f"#{case.number}  {case.subject}")
        self._facts.setText(self._facts_html(detail, now))
        self._customer.setText(self._customer_html(detail))
        self._render_conversation(keep_place=same_case)
        self._history.setHtml(history_html(detail))
        self.setCurrentIndex(_CASE_PAGE)
        self._load_inline_images(detail)

    def load_images(self, message: MessageId) -> None:
        """Fetch the remote images of one message (the "Load images" link), off the GUI thread."""
        detail = self._shown
        if detail is None or message in self._loading or message in self._remote_html:
            return
        if not any(m.id == message for m in detail.messages):
            return
        self._loading.add(message)
        self._render_conversation()
        self._tasks.submit(
            functools.partial(raw_source, self._db, message),
            functools.partial(self._on_raw_source_loaded, detail.case.number, message),
            on_failure=functools.partial(self._on_images_failed, message),
        )

    def loading_images(self) -> bool:
        return bool(self._loading)

    def image_resource(self, url: str) -> QImage | None:
        """An image the conversation shows (a loaded remote or an inline one), if loaded."""
        return self._conversation.images.get(QUrl(url).toString())

    def attachment(self, attachment_id: AttachmentId) -> Attachment | None:
        """The attachment of a message on screen."""
        if self._shown is None:
            return None
        for message in self._shown.messages:
            for attachment in message.attachments:
                if attachment.id == attachment_id:
                    return attachment
        return None

    def _forget_content(self) -> None:
        self._remote_html.clear()
        self._loading.clear()
        self._failed.clear()
        self._inline_asked.clear()
        self._conversation.images.clear()

    def _render_conversation(self, *, keep_place: bool = True) -> None:
        detail = self._shown
        if detail is None:
            return
        scroll = self._conversation.verticalScrollBar().value() if keep_place else 0
        content = ShownContent(
            remote_html=dict(self._remote_html),
            loading=frozenset(self._loading),
            failed=dict(self._failed),
        )
        self._conversation.setHtml(conversation_html(detail, self._shown_at, content=content))
        self._conversation.verticalScrollBar().setValue(scroll)

    def _load_inline_images(self, detail: CaseDetail) -> None:
        """The ``cid:`` images of HTML mail come from the message's own attachments."""
        wanted = [
            a.id
            for m in detail.messages
            for a in m.attachments
            if a.id in inline_shown(m) and a.id not in self._inline_asked
        ]
        if not wanted:
            return
        self._inline_asked.update(wanted)
        self._tasks.submit(
            functools.partial(attachment_bytes, self._db, wanted),
            functools.partial(self._on_inline_images_loaded, detail.case.number),
            key="case-inline-images",
        )

    def _on_inline_images_loaded(
        self, number: CaseNumber, found: dict[AttachmentId, bytes]
    ) -> None:
        if number != self._number:
            return
        for attachment_id, data in found.items():
            self._conversation.remember_image(inline_url(attachment_id), data)
        if found:
            self._render_conversation()

    def _on_raw_source_loaded(self, number: CaseNumber, message: MessageId, raw: bytes) -> None:
        if number != self._number:
            return
        self._tasks.submit(
            functools.partial(fetch_remote_images, raw),
            functools.partial(self._on_remote_images_fetched, number, message),
            on_failure=functools.partial(self._on_images_failed, message),
            network=True,
        )

    def _on_remote_images_fetched(
        self, number: CaseNumber, message: MessageId, fetched: RemoteImages
    ) -> None:
        if number != self._number:
            return
        failed = fetched.failed
        for url, data in fetched.images.items():
            if not self._conversation.remember_image(url, data):
                failed += 1
        self._loading.discard(message)
        self._remote_html[message] = fetched.html
        self._failed[message] = failed
        self._render_conversation()

    def _on_images_failed(self, message: MessageId, _error: BaseException) -> None:
        self._loading.discard(message)
        self._render_conversation()

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
        if len(parts) != 3 or not parts[1].isdigit():
            return
        kind, item, verb = parts[0], int(parts[1]), parts[2]
        if kind == "attachment":
            attachment = self.attachment(AttachmentId(item))
            if attachment is not None and verb == "open":
                self.files.open(attachment)
            elif attachment is not None and verb == "save":
                self.files.ask_save(attachment)
        elif kind == "message" and verb == LOAD_IMAGES:
            self.load_images(MessageId(item))
        else:
            self.sig_link_activated.emit(kind, item, verb)


class _Browser(QTextBrowser):
    """A text browser that shows OmniDesk's icons and images already in memory, nothing else.

    Icons (``icon:email``), inline ``data:`` images and images the pane put into
    ``images`` (a message's ``cid:`` attachments, remote images the agent asked for)
    are shown; anything else a message points at (remote images, local files) is
    refused here: no remote content is fetched by showing a case.
    """

    def __init__(self) -> None:
        super().__init__()
        self.images: dict[str, QImage] = {}

    def remember_image(self, url: str, data: bytes) -> bool:
        """Decode ``data`` as the image for ``url``; False when it is no image."""
        image = QImage.fromData(QByteArray(data))
        if image.isNull():
            return False
        if image.width() > _IMAGE_MAX_WIDTH:
            image = image.scaledToWidth(
                _IMAGE_MAX_WIDTH, Qt.TransformationMode.SmoothTransformation
            )
        # Keyed the way Qt names the resource when it asks (``loadResource``).
        self.images[QUrl(url).toString()] = image
        return True

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        url = QUrl(name) if isinstance(name, str) else name
        image = icon_resource(url)
        if image is not None:
            return image
        key = url.toString()
        if key in self.images:
            return self.images[key]
        if url.scheme() == "data":
            image = _data_image(key)
            if image is not None:
                return image
        if kind == QTextDocument.ResourceType.ImageResource.value:
            # Anything else is not loaded; an empty image keeps Qt from trying the
            # address as a local file name.
            return _NO_IMAGE
        return None


def _data_image(url: str) -> QImage | None:
    """An inline ``data:image/...;base64,`` image (the sanitiser lets no other through)."""
    _, _, payload = url.partition(",")
    if len(payload) > _MAX_DATA_URL_BYTES * 4 // 3:
        return None
    try:
        data = base64.b64decode(payload, validate=False)
    except (binascii.Error, ValueError):
        return None
    image = QImage.fromData(QByteArray(data))
    return None if image.isNull() else image


def _browser(name: str) -> _Browser:
    browser = _Browser()
    browser.setObjectName(name)
    # Links in customer mail are shown, not followed: nothing opens by accident.
    browser.setOpenLinks(False)
    browser.setFrameShape(QTextBrowser.Shape.NoFrame)
    return browser
