"""The composer's widgets without behaviour: mode, channel, text, findings, files, send.

``ComposerPane`` (``pane.py``) decides what happens; this module only lays out and
styles, so the look can change without touching the send flow.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from omnidesk.core.enums import Channel
from omnidesk.ui import colors
from omnidesk.ui.composer.attachments import AttachmentTray
from omnidesk.ui.composer.findings import FindingsPanel
from omnidesk.ui.dialogs.base import muted_label

REPLY_BUTTON_ID = 0
NOTE_BUTTON_ID = 1
_EDITOR_LINES = 7


class ComposerWidgets(QWidget):
    """The composer's controls, public so the pane (and tests) can reach them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 8)
        layout.setSpacing(6)
        layout.addLayout(self._build_header())
        self.findings = FindingsPanel()
        layout.addWidget(self.findings)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("composerEditor")
        self.editor.setTabChangesFocus(True)
        line = self.editor.fontMetrics().lineSpacing()
        self.editor.setMinimumHeight(line * 3 + 12)
        self.editor.setFixedHeight(line * _EDITOR_LINES + 12)
        layout.addWidget(self.editor)
        self.attachments = AttachmentTray()
        layout.addWidget(self.attachments)
        layout.addLayout(self._build_footer())

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        header.setSpacing(0)
        self.reply_button = _segment(self.tr("Reply"), "composerReplyMode")
        self.note_button = _segment(self.tr("Internal note"), "composerNoteMode")
        self.reply_button.setToolTip(self.tr("Write to the customer (R)"))
        self.note_button.setToolTip(self.tr("Write a note only agents see (N)"))
        self.modes = QButtonGroup(self)
        self.modes.setExclusive(True)
        self.modes.addButton(self.reply_button, REPLY_BUTTON_ID)
        self.modes.addButton(self.note_button, NOTE_BUTTON_ID)
        self.reply_button.setChecked(True)
        header.addWidget(self.reply_button)
        header.addWidget(self.note_button)
        header.addSpacing(12)
        self.channel = QComboBox()
        self.channel.setObjectName("composerChannel")
        self.channel.addItem(self.tr("by email"), Channel.EMAIL.value)
        self.channel.addItem(self.tr("by chat"), Channel.CHAT.value)
        self.channel.setToolTip(self.tr("How the reply reaches the customer"))
        header.addWidget(self.channel)
        header.addSpacing(12)
        # A push button draws its menu arrow beside the text, not over it.
        self.saved_replies = QPushButton(self.tr("Saved replies"))
        self.saved_replies.setObjectName("composerSavedReplies")
        header.addWidget(self.saved_replies)
        header.addStretch(1)
        return header

    def _build_footer(self) -> QVBoxLayout:
        rows = QVBoxLayout()
        self.problem = QLabel(wordWrap=True)
        self.problem.setObjectName("composerProblem")
        palette = self.problem.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colors.overdue_color())
        self.problem.setPalette(palette)
        self.problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem.hide()
        rows.addWidget(self.problem)
        footer = QHBoxLayout()
        rows.addLayout(footer)
        self.draft_state = muted_label()
        self.draft_state.setObjectName("composerDraftState")
        self.draft_state.setWordWrap(False)
        footer.addWidget(self.draft_state, 1)
        self.signature_hint = muted_label()
        self.signature_hint.setObjectName("composerSignatureHint")
        self.signature_hint.setWordWrap(False)
        footer.addWidget(self.signature_hint)
        self.send = QPushButton()
        self.send.setObjectName("composerSend")
        self.send.setDefault(False)
        footer.addWidget(self.send)
        return rows

    def show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.setVisible(bool(text))

    def set_note_look(self, note: bool) -> None:
        """Notes are written on the sticky-note tint they are shown on in the timeline."""
        palette = self.editor.palette()
        base = colors.note_background() if note else self.palette().color(QPalette.ColorRole.Base)
        palette.setColor(QPalette.ColorRole.Base, base)
        self.editor.setPalette(palette)

    def set_send_text(self, text: str, shortcut: QKeySequence) -> None:
        self.send.setText(text)
        self.send.setToolTip(
            f"{text.replace('&', '')} ({shortcut.toString(QKeySequence.SequenceFormat.NativeText)})"
        )


def _segment(text: str, name: str) -> QToolButton:
    button = QToolButton()
    button.setObjectName(name)
    button.setText(text)
    button.setCheckable(True)
    button.setAutoRaise(False)
    button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    return button
