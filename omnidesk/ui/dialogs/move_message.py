"""Move a customer's message to another case: which case, and why."""

from PySide6.QtWidgets import QLineEdit, QWidget

from omnidesk.core.ids import CaseNumber
from omnidesk.core.ownership import MIN_REASON_LENGTH
from omnidesk.ui.dialogs.base import FormDialog


class MoveMessageDialog(FormDialog):
    """The target case number ("1042" or "#1042") and a reason for both cases' logs."""

    def __init__(self, parent: QWidget | None, *, source: CaseNumber, thread_reason: str) -> None:
        super().__init__(
            parent,
            title=self.tr("Move message to another case"),
            intro=self.tr(
                "The message leaves case #{number}. Both cases record who moved it and why."
            ).format(number=source),
            ok_text=self.tr("Move"),
        )
        self.setObjectName("moveMessageDialog")
        self._source = source
        if thread_reason:
            self.intro.setText(
                self.intro.text()
                + "\n"
                + self.tr("It was put here because: {reason}").format(reason=thread_reason)
            )
        self.target = QLineEdit()
        self.target.setObjectName("moveTarget")
        self.target.setPlaceholderText("#1042")
        self.reason = QLineEdit()
        self.reason.setObjectName("moveReason")
        self.reason.setPlaceholderText(self.tr("e.g. a new question, not about this order"))
        self.form.addRow(self.tr("To &case:"), self.target)
        self.form.addRow(self.tr("&Why:"), self.reason)
        self.target.textChanged.connect(self._update_ok)
        self.reason.textChanged.connect(self._update_ok)
        self._update_ok()
        self.target.setFocus()

    def target_number(self) -> CaseNumber | None:
        digits = self.target.text().strip().lstrip("#").strip()
        return CaseNumber(int(digits)) if digits.isdigit() else None

    def reason_text(self) -> str:
        return " ".join(self.reason.text().split())

    def _update_ok(self) -> None:
        target = self.target_number()
        if self.target.text().strip() and target is None:
            self.show_problem(self.tr("A case number is digits, like 1042 or #1042."))
        elif target == self._source:
            self.show_problem(self.tr("The message is already on this case."))
        else:
            self.show_problem("")
        self.ok_button.setEnabled(
            target is not None
            and target != self._source
            and len(self.reason_text()) >= MIN_REASON_LENGTH
        )
