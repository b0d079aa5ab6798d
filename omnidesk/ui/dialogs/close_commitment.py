"""Complete a commitment (with an optional outcome) or cancel it (with a reason)."""

from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from omnidesk.core.commitments import CallOutcome
from omnidesk.core.entities import Commitment
from omnidesk.core.enums import CommitmentKind
from omnidesk.core.ids import CaseNumber, CommitmentId
from omnidesk.core.ownership import MIN_REASON_LENGTH
from omnidesk.ui.dialogs.base import FormDialog
from omnidesk.ui.labels import commitment_label
from omnidesk.ui.timefmt import due_text

_OUTCOMES = (
    (None, QT_TRANSLATE_NOOP("CloseCommitmentDialog", "—")),
    (CallOutcome.REACHED, QT_TRANSLATE_NOOP("CloseCommitmentDialog", "Reached the customer")),
    (CallOutcome.NO_ANSWER, QT_TRANSLATE_NOOP("CloseCommitmentDialog", "No answer")),
    (CallOutcome.VOICEMAIL, QT_TRANSLATE_NOOP("CloseCommitmentDialog", "Left a voicemail")),
)


class CloseCommitmentDialog(FormDialog):
    """Pick one of the case's open commitments; say how it ended."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        number: CaseNumber,
        commitments: Sequence[Commitment],
        cancel: bool,
        now: datetime,
        chosen: CommitmentId | None = None,
    ) -> None:
        if cancel:
            title = self.tr("Cancel a commitment on #{number}").format(number=number)
            intro = self.tr(
                "A promise to the customer is cancelled only with a reason the team can "
                "read later (for example: the customer no longer needs the call)."
            )
            ok_text = self.tr("Cancel commitment")
        else:
            title = self.tr("Complete a commitment on #{number}").format(number=number)
            intro = self.tr("Mark the promise as kept. Say how it went if that helps later.")
            ok_text = self.tr("Mark as done")
        super().__init__(parent, title=title, intro=intro, ok_text=ok_text)
        self.setObjectName("cancelCommitmentDialog" if cancel else "completeCommitmentDialog")
        self._cancel = cancel
        self._kinds = {int(c.id): c.kind for c in commitments}
        self.call = QComboBox()
        self.call.setObjectName("callOutcome")
        for code, label in _OUTCOMES:
            self.call.addItem(
                QCoreApplication.translate("CloseCommitmentDialog", str(label)),
                code.value if code else None,
            )
        self.commitment = QComboBox()
        self.commitment.setObjectName("commitmentChoice")
        for commitment in sorted(commitments, key=lambda c: c.due_at):
            label = f"{commitment_label(commitment.kind)}, {due_text(commitment.due_at, now)}"
            if commitment.note:
                label += f" — {commitment.note}"
            self.commitment.addItem(label, int(commitment.id))
        if chosen is not None:
            self.commitment.setCurrentIndex(max(0, self.commitment.findData(int(chosen))))
        self.text = QLineEdit()
        self.text.setObjectName("commitmentOutcome")
        if cancel:
            self.text.setPlaceholderText(self.tr("Why is the promise no longer needed?"))
            self.form.addRow(self.tr("&Commitment:"), self.commitment)
            self.form.addRow(self.tr("&Reason:"), self.text)
        else:
            self.text.setPlaceholderText(self.tr("e.g. called back, customer happy (optional)"))
            self.form.addRow(self.tr("&Commitment:"), self.commitment)
            self.form.addRow(self.tr("The &call:"), self.call)
            self.form.addRow(self.tr("&Outcome:"), self.text)
            self.commitment.currentIndexChanged.connect(self._show_call_outcome)
            self._show_call_outcome()
        self.text.textChanged.connect(self._update_ok)
        self._update_ok()
        self.text.setFocus()

    def chosen_id(self) -> CommitmentId:
        return CommitmentId(int(self.commitment.currentData()))

    def value(self) -> str:
        """The reason (cancel) or the outcome: a call's code first ("no_answer: …")."""
        text = " ".join(self.text.text().split())
        code = self.call.currentData() if self._is_call() else None
        if code and text:
            return f"{code}: {text}"
        return str(code) if code else text

    def chosen_kind(self) -> CommitmentKind | None:
        return self._kinds.get(int(self.commitment.currentData() or 0))

    def _is_call(self) -> bool:
        return not self._cancel and self.chosen_kind() is CommitmentKind.CALLBACK

    def _show_call_outcome(self) -> None:
        visible = self._is_call()
        self.call.setVisible(visible)
        label = self.form.labelForField(self.call)
        if label is not None:
            label.setVisible(visible)

    def _update_ok(self) -> None:
        enough = not self._cancel or len(self.value()) >= MIN_REASON_LENGTH
        self.ok_button.setEnabled(self.commitment.count() > 0 and enough)
