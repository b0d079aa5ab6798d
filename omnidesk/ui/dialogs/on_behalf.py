"""The question a non-owner gets when replying: on behalf of the owner, or ask for the case.

Rule 1 keeps one owner per case. Another agent may still answer the customer "on
behalf" (the owner stays and the log says so), or ask the owner for a handover.
"""

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget


class OwnerChoice(Enum):
    ON_BEHALF = "on_behalf"
    REQUEST_HANDOVER = "request_handover"
    CANCEL = "cancel"


def ask_non_owner(
    parent: QWidget | None, *, owner: str, on_choice: Callable[[OwnerChoice], None]
) -> QMessageBox:
    """Open the question (without blocking); ``on_choice`` gets the answer."""

    box = QMessageBox(parent)
    box.setObjectName("onBehalfQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("OnBehalfQuestion", "This case has an owner"))
    box.setText(
        QCoreApplication.translate("OnBehalfQuestion", "{owner} owns this case.").format(
            owner=owner
        )
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "OnBehalfQuestion",
            "You can answer the customer on behalf of {owner}: the case stays theirs and "
            "the log shows that you replied. Or ask {owner} to hand the case over to you.",
        ).format(owner=owner)
    )
    on_behalf = box.addButton(
        QCoreApplication.translate("OnBehalfQuestion", "Reply on behalf of {owner}").format(
            owner=owner
        ),
        QMessageBox.ButtonRole.AcceptRole,
    )
    on_behalf.setObjectName("replyOnBehalf")
    request = box.addButton(
        QCoreApplication.translate("OnBehalfQuestion", "Ask for a handover…"),
        QMessageBox.ButtonRole.ActionRole,
    )
    request.setObjectName("requestHandover")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(on_behalf)
    box.setEscapeButton(cancel)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def _on_finished(_result: int) -> None:
        clicked = box.clickedButton()
        if clicked is on_behalf:
            on_choice(OwnerChoice.ON_BEHALF)
        elif clicked is request:
            on_choice(OwnerChoice.REQUEST_HANDOVER)
        else:
            on_choice(OwnerChoice.CANCEL)

    box.finished.connect(_on_finished)
    box.open()
    return box
