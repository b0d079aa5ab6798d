"""Merging another customer record into the one on screen: which one, named by an address."""

from PySide6.QtWidgets import QLineEdit, QWidget

from omnidesk.ui.dialogs.base import FormDialog


class MergeCustomerDialog(FormDialog):
    """Ask for an address (or number) of the other record; the merge can be undone."""

    def __init__(self, parent: QWidget | None, *, name: str) -> None:
        super().__init__(
            parent,
            title=self.tr("Merge customers"),
            intro=self.tr(
                "The other record's addresses and cases join {name}. Use this when one "
                "person wrote from two addresses or channels. It can be undone."
            ).format(name=name),
            ok_text=self.tr("Merge"),
        )
        self.setObjectName("mergeCustomerDialog")
        self.other = QLineEdit()
        self.other.setObjectName("mergeOther")
        self.other.setPlaceholderText(self.tr("e.g. k.koehler@private.example"))
        self.form.addRow(self.tr("&Other record:"), self.other)
        self.other.textChanged.connect(self._update_ok)
        self._update_ok()
        self.other.setFocus()

    def other_text(self) -> str:
        return self.other.text().strip()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.other_text()))
