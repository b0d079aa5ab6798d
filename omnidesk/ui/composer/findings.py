"""The pre-send check's findings, shown above the reply until fixed or overridden.

Each finding is one row: an icon for its severity, the explanation in the UI
language, a "show" link when it points into the reply, and for a promise a button
that turns it into a commitment with one click. "Send anyway" is the override.
"""

from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from omnidesk.core.reply_check import Finding, Severity, SpanSource
from omnidesk.ui import colors
from omnidesk.ui.composer.check import finding_text
from omnidesk.ui.icons import icon as named_icon
from omnidesk.ui.labels import commitment_label
from omnidesk.ui.timefmt import due_text

_ICON_SIZE = 16


class FindingsPanel(QFrame):
    """Lists findings; tells the composer what the agent wants done about them."""

    sig_send_anyway = Signal()
    sig_add_commitment = Signal(int)
    """The index of the promise finding whose commitment the agent wants created."""
    sig_show_span = Signal(int, int)
    """Select this character range of the reply (start, end)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findingsPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.Window, colors.finding_background())
        self.setPalette(palette)
        self._findings: tuple[Finding, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(6)
        self._title = QLabel()
        self._title.setObjectName("findingsTitle")
        font = self._title.font()
        font.setBold(True)
        self._title.setFont(font)
        layout.addWidget(self._title)
        self._rows = QVBoxLayout()
        self._rows.setSpacing(6)
        layout.addLayout(self._rows)
        footer = QHBoxLayout()
        self._hint = QLabel(self.tr("Fix the reply, or send it as it is."), wordWrap=True)
        footer.addWidget(self._hint, 1)
        self.send_anyway = QPushButton(self.tr("Send &anyway"))
        self.send_anyway.setObjectName("sendAnyway")
        self.send_anyway.setToolTip(
            self.tr("Send the reply unchanged; the findings are overridden for this reply")
        )
        self.send_anyway.clicked.connect(self.sig_send_anyway)
        footer.addWidget(self.send_anyway)
        layout.addLayout(footer)
        self.hide()

    def findings(self) -> tuple[Finding, ...]:
        return self._findings

    def row_texts(self) -> list[str]:
        """The explanations on screen (for tests and accessibility checks)."""
        return [finding_text(f) for f in self._findings]

    def show_findings(self, findings: tuple[Finding, ...], *, now: datetime) -> None:
        """Replace the rows; an empty tuple hides the panel."""
        self._findings = findings
        while self._rows.count():
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not findings:
            self.hide()
            return
        self._title.setText(
            self.tr("Before this reply leaves: %n thing(s) to check", None, len(findings))
        )
        for index, finding in enumerate(findings):
            self._rows.addWidget(self._row(index, finding, now))
        self.show()

    def _row(self, index: int, finding: Finding, now: datetime) -> QWidget:
        row = QWidget()
        row.setObjectName(f"finding-{finding.code.value}")
        rows = QVBoxLayout(row)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(2)
        layout = QHBoxLayout()
        rows.addLayout(layout)
        icon = QLabel()
        pixmap = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if finding.severity is Severity.WARNING
            else QStyle.StandardPixmap.SP_MessageBoxInformation
        )
        icon.setPixmap(self.style().standardIcon(pixmap).pixmap(_ICON_SIZE, _ICON_SIZE))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        icon.setToolTip(
            self.tr("Almost certainly a mistake")
            if finding.severity is Severity.WARNING
            else self.tr("Worth a second look")
        )
        layout.addWidget(icon)
        text = QLabel(wordWrap=True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setText(self._text_html(finding))
        text.linkActivated.connect(lambda _link, f=finding: self._on_show_link_activated(f))
        layout.addWidget(text, 1)
        if finding.promise is not None:
            hint = finding.promise
            if hint.due_at is not None:
                label = self.tr("Add commitment: {kind}, {due}").format(
                    kind=commitment_label(hint.kind), due=due_text(hint.due_at, now)
                )
            else:
                label = self.tr("Add commitment…")
            button = QPushButton(named_icon("commitment"), label)
            button.setObjectName("addCommitmentFromFinding")
            button.clicked.connect(lambda _checked=False, i=index: self.sig_add_commitment.emit(i))
            # Under the explanation: a long sentence needs the whole width to stay readable.
            rows.addWidget(button, 0, Qt.AlignmentFlag.AlignRight)
        return row

    def _text_html(self, finding: Finding) -> str:
        text = escape(finding_text(finding))
        if finding.span is not None and finding.span.source is SpanSource.REPLY:
            show = self.tr("show")
            text += f" <a href='show'>{escape(show)}</a>"
        return text

    def _on_show_link_activated(self, finding: Finding) -> None:
        if finding.span is not None:
            self.sig_show_span.emit(finding.span.start, finding.span.end)
