"""The shape every action dialog shares: a form, a hint, OK/Cancel, opened without blocking.

Dialogs are window-modal and shown with ``open()``: the event loop (and with it the
background work and the tests) keeps running while the dialog is up. The caller
connects ``accepted`` and reads the dialog's values there.
"""

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from omnidesk.ui import colors


class FormDialog(QDialog):
    """A titled form with an intro line, an inline problem line, and OK/Cancel."""

    def __init__(
        self, parent: QWidget | None, *, title: str, intro: str = "", ok_text: str = ""
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        self.intro = QLabel(intro, wordWrap=True)
        self.intro.setObjectName("dialogIntro")
        self.intro.setVisible(bool(intro))
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self.form)
        self.problem = QLabel(wordWrap=True)
        self.problem.setObjectName("dialogProblem")
        palette = self.problem.palette()
        palette.setColor(QPalette.ColorRole.WindowText, colors.overdue_color())
        self.problem.setPalette(palette)
        self.problem.hide()
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        if ok_text:
            self.ok_button.setText(ok_text)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        unit = self.fontMetrics().averageCharWidth()
        self.setMinimumWidth(unit * 64)

    @property
    def ok_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert button is not None
        return button

    def show_problem(self, text: str) -> None:
        """Say why OK is disabled (or empty text: nothing wrong)."""
        self.problem.setText(text)
        self.problem.setVisible(bool(text))


def muted_label(text: str = "") -> QLabel:
    """A secondary line under a field (a parsed due time, a hint)."""
    label = QLabel(text, wordWrap=True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, colors.muted_color())
    label.setPalette(palette)
    return label
