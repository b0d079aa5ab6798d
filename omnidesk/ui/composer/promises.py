"""One click from "the reply promises something" to a commitment on the case.

A promise finding carries a ``PromiseHint`` (kind, and the due time when the text
says one). With a due time the commitment is created at once; without one, the
commitment dialog opens with the kind and the promise filled in and the cursor in
the due field.
"""

import functools
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from omnidesk.core.commitments import check_new_due
from omnidesk.core.entities import Commitment
from omnidesk.core.errors import InvalidInput
from omnidesk.core.ids import CaseNumber
from omnidesk.core.reply_check import PromiseHint
from omnidesk.services.commitments import add_commitment
from omnidesk.ui.dialogs.commitment import CommitmentDialog, NewCommitment
from omnidesk.ui.labels import commitment_label
from omnidesk.ui.timefmt import due_text

if TYPE_CHECKING:
    from omnidesk.ui.composer.pane import ComposerPane, ComposerSetup


class PromiseFlow(QObject):
    """Creates commitments from promise findings; remembers which cases got one."""

    sig_made = Signal(int)
    """A commitment was created on this case from the composer."""

    def __init__(self, pane: "ComposerPane", setup: "ComposerSetup") -> None:
        super().__init__(pane)
        self._pane = pane
        self._setup = setup
        self._made: set[CaseNumber] = set()

    def made_on(self, number: CaseNumber) -> bool:
        """True when a commitment was created from this case's current reply."""
        return number in self._made

    def forget(self, number: CaseNumber) -> None:
        """The reply was sent: the next one starts without a commitment."""
        self._made.discard(number)

    def add_from_finding(self, index: int) -> None:
        findings = self._pane.ui.findings.findings()
        if not 0 <= index < len(findings):
            return
        hint = findings[index].promise
        detail = self._pane.detail()
        if hint is None or detail is None:
            return
        note = findings[index].excerpt
        number = detail.case.number
        if hint.due_at is not None and _in_future(hint, self._setup.now()):
            self._create(number, NewCommitment(kind=hint.kind, due_at=hint.due_at, note=note))
            return
        dialog = CommitmentDialog(
            self._pane.window(),
            number=number,
            now=self._setup.now,
            tz=self._setup.tz,
            kind=hint.kind,
            due_text=hint.due_text,
            note=note,
        )
        dialog.accepted.connect(lambda: self._create(number, dialog.values()))
        dialog.open()

    def _create(self, number: CaseNumber, new: NewCommitment) -> None:
        me = self._pane.agent()
        if me is None:
            return
        self._setup.tasks.submit(
            functools.partial(
                add_commitment,
                self._setup.db,
                number,
                actor=me,
                kind=new.kind,
                due_at=new.due_at,
                note=new.note,
            ),
            functools.partial(self._on_created, number),
        )

    def _on_created(self, number: CaseNumber, commitment: Commitment) -> None:
        self._made.add(number)
        self._pane.sig_message.emit(
            self.tr("Commitment added to #{number}: {kind}, {due}").format(
                number=number,
                kind=commitment_label(commitment.kind),
                due=due_text(commitment.due_at, self._setup.now()),
            )
        )
        self.sig_made.emit(int(number))


def _in_future(hint: PromiseHint, now: datetime) -> bool:
    assert hint.due_at is not None
    try:
        check_new_due(hint.due_at, now=now)
    except InvalidInput:
        return False
    return True
