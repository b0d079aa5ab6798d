"""Add a commitment: what was promised, and when, typed as people say it ("tomorrow 10:00").

The due field is read by ``core.due.parse_due`` on every keystroke and the result is
shown in full under it ("Friday, 14 November 2026, 10:00"), so the agent sees what
OmniDesk understood before the promise is recorded.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from omnidesk.core.commitments import check_new_due
from omnidesk.core.due import parse_due
from omnidesk.core.enums import CommitmentKind
from omnidesk.core.errors import InvalidInput
from omnidesk.core.ids import CaseNumber
from omnidesk.ui.dialogs.base import FormDialog, muted_label
from omnidesk.ui.labels import commitment_label
from omnidesk.ui.timefmt import long_date_time_text

_KINDS = (
    CommitmentKind.CALLBACK,
    CommitmentKind.FOLLOW_UP,
    CommitmentKind.SEND,
    CommitmentKind.REPLY,
)


@dataclass(frozen=True, slots=True)
class NewCommitment:
    kind: CommitmentKind
    due_at: datetime
    note: str
    customer_text: str = ""
    """Sent to the customer as a reply when the commitment is recorded (optional)."""


class CommitmentDialog(FormDialog):
    """Kind, due time (parsed live) and a note; OK only once the due time reads well."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        number: CaseNumber,
        now: Callable[[], datetime],
        tz: ZoneInfo,
        kind: CommitmentKind = CommitmentKind.CALLBACK,
        due_text: str = "",
        note: str = "",
    ) -> None:
        super().__init__(
            parent,
            title=self.tr("New commitment on #{number}").format(number=number),
            intro=self.tr(
                "A commitment is a promise to the customer with a due time. OmniDesk "
                "reminds its owner and will not resolve the case while it is open."
            ),
            ok_text=self.tr("Add commitment"),
        )
        self.setObjectName("commitmentDialog")
        self._now = now
        self._tz = tz
        self._due_at: datetime | None = None

        self.kind = QComboBox()
        self.kind.setObjectName("commitmentKind")
        for value in _KINDS:
            self.kind.addItem(commitment_label(value), value.value)
        self.kind.setCurrentIndex(_KINDS.index(kind))
        self.due = QLineEdit(due_text)
        self.due.setObjectName("commitmentDue")
        self.due.setPlaceholderText(self.tr("tomorrow 10:00, in 2h, Friday, morgen früh"))
        self.due_shown = muted_label()
        self.due_shown.setObjectName("commitmentDueShown")
        self.note = QLineEdit(note)
        self.note.setObjectName("commitmentNote")
        self.note.setPlaceholderText(self.tr("What exactly was promised (optional)"))
        self.form.addRow(self.tr("&Promise:"), self.kind)
        self.form.addRow(self.tr("&Due:"), self.due)
        self.form.addRow("", self.due_shown)
        self.form.addRow(self.tr("&Note:"), self.note)
        self.customer_text = QLineEdit()
        self.customer_text.setObjectName("commitmentCustomerText")
        self.customer_text.setPlaceholderText(
            self.tr("e.g. I will call you tomorrow at 10 (optional; sent as a reply)")
        )
        self.form.addRow(self.tr("&Tell the customer:"), self.customer_text)

        self.due.textChanged.connect(self._on_due_text_changed)
        self._on_due_text_changed(due_text)
        self.due.setFocus()

    def values(self) -> NewCommitment:
        """What was entered; only meaningful after ``accepted``."""
        assert self._due_at is not None, "OK is disabled until the due time reads well"
        return NewCommitment(
            kind=CommitmentKind(self.kind.currentData()),
            due_at=self._due_at,
            note=self.note.text().strip(),
            customer_text=self.customer_text.text().strip(),
        )

    def _on_due_text_changed(self, text: str) -> None:
        self._due_at = None
        if not text.strip():
            self.due_shown.setText(self.tr("When is it due?"))
            self.show_problem("")
            self.ok_button.setEnabled(False)
            return
        now = self._now()
        try:
            due_at = parse_due(text, now=now, tz=self._tz)
        except InvalidInput:
            self.due_shown.setText("")
            self.show_problem(
                self.tr(
                    "OmniDesk cannot read this as a due time. Try: tomorrow 10:00, in 2h, "
                    "Friday, next monday 9:00, 2026-12-01 10:30, morgen früh, heute 16 Uhr."
                )
            )
            self.ok_button.setEnabled(False)
            return
        self.due_shown.setText(
            self.tr("Due {when}").format(when=long_date_time_text(due_at, self._tz))
        )
        try:
            check_new_due(due_at, now=now)
        except InvalidInput:
            self.show_problem(self.tr("That time is already past: a promise needs a future time."))
            self.ok_button.setEnabled(False)
            return
        self.show_problem("")
        self._due_at = due_at
        self.ok_button.setEnabled(True)
