"""The '?' overlay: every keyboard shortcut, drawn over the window, gone with Esc or '?'.

It lists the window's own actions (``DeskActions.groups()``), so it can never show
a shortcut that does not work.
"""

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
)
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from omnidesk.ui.actions import ActionGroup

_SHADE = QColor(0, 0, 0, 150)


class ShortcutOverlay(QWidget):
    """A dimmed cover over the parent window with a card of shortcuts in the middle."""

    def __init__(self, window: QWidget, groups: Sequence[ActionGroup]) -> None:
        super().__init__(window)
        self.setObjectName("shortcutOverlay")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._groups = tuple(groups)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.card = QFrame()
        self.card.setObjectName("shortcutCard")
        self.card.setFrameShape(QFrame.Shape.Box)
        self.card.setAutoFillBackground(True)
        palette = self.card.palette()
        palette.setColor(QPalette.ColorRole.Window, palette.color(QPalette.ColorRole.Base))
        self.card.setPalette(palette)
        card_layout = QVBoxLayout(self.card)
        card_layout.setContentsMargins(24, 16, 24, 16)
        title = QLabel(self.tr("Keyboard shortcuts"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        card_layout.addWidget(title)
        columns = QHBoxLayout()
        columns.setSpacing(32)
        for group in self._groups:
            label = QLabel()
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setText(_group_html(group))
            label.setAlignment(Qt.AlignmentFlag.AlignTop)
            columns.addWidget(label)
        card_layout.addLayout(columns)
        hint = QLabel(self.tr("Press Esc or ? to close."))
        hint.setEnabled(False)
        card_layout.addWidget(hint)
        row.addWidget(self.card)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        window.installEventFilter(self)
        self.hide()

    def toggle(self) -> None:
        if self.isVisible():
            self.hide()
            return
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.raise_()
        self.show()
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def listed_shortcuts(self) -> dict[str, str]:
        """Action name → shortcut text, as shown (for tests)."""
        return {
            action.text().replace("&", ""): _keys(action.shortcuts())
            for group in self._groups
            for action in group.actions
            if _keys(action.shortcuts())
        }

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), _SHADE)
        painter.end()
        super().paintEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Question, Qt.Key.Key_F1):
            self.hide()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.card.geometry().contains(event.position().toPoint()):
            self.hide()
        super().mousePressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and self.isVisible():
            parent = self.parentWidget()
            if parent is not None:
                self.setGeometry(parent.rect())
        return super().eventFilter(watched, event)


def _keys(shortcuts: Sequence[QKeySequence]) -> str:
    keys = (s.toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts)
    return ", ".join(k for k in keys if k)


def _group_html(group: ActionGroup) -> str:
    rows = "".join(
        f"<tr><td style='padding-right:16px'>{escape(action.text().replace('&', ''))}</td>"
        f"<td><b>{escape(_keys(action.shortcuts()))}</b></td></tr>"
        for action in group.actions
        if _keys(action.shortcuts())
    )
    title = escape(group.title.replace("&", ""))
    return f"<p><b>{title}</b></p><table cellspacing='0' cellpadding='2'>{rows}</table>"
