"""A dialog that asks for one short text, usually a reason the team reads later in the log."""

from PySide6.QtWidgets import QLineEdit, QWidget

from omnidesk.core.ownership import MIN_REASON_LENGTH
from omnidesk.ui.dialogs.base import FormDialog


class ReasonDialog(FormDialog):
    """One line of text; OK once it is long enough (``required``) or always (optional)."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        title: str,
        intro: str,
        label: str,
        ok_text: str,
        placeholder: str = "",
        required: bool = True,
    ) -> None:
        super().__init__(parent, title=title, intro=intro, ok_text=ok_text)
        self.setObjectName("reasonDialog")
        self._required = required
        self.text = QLineEdit()
        self.text.setObjectName("reasonText")
        self.text.setPlaceholderText(placeholder)
        self.form.addRow(label, self.text)
        self.text.textChanged.connect(self._on_text_changed)
        self._on_text_changed("")
        self.text.setFocus()

    def value(self) -> str:
        return " ".join(self.text.text().split())

    def _on_text_changed(self, _text: str) -> None:
        long_enough = len(self.value()) >= MIN_REASON_LENGTH
        self.ok_button.setEnabled(long_enough or not self._required)
