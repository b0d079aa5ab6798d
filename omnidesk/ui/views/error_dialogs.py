"""The two ways a failure reaches the user: a plain warning, or a crash dialog for a bug.

Both dialogs are window-modal but non-blocking (``open()``, not ``exec()``): a report
must never stop the event loop that the rest of the app, and the tests, run on.
"""

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

_open_crash_dialogs: list[QMessageBox] = []
"""Crash dialogs on screen; a bug that repeats in a loop must not stack dialogs."""
_shown: list[QMessageBox] = []
"""Every open box: one without a parent would be deleted with its last Python reference."""


def show_warning(parent: QWidget | None, text: str, *, title: str | None = None) -> QMessageBox:
    """A failure the user can act on (wrong setting, case taken by someone else)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        title or QCoreApplication.translate("ErrorDialogs", "OmniDesk"),
        text,
        QMessageBox.StandardButton.Ok,
        parent,
    )
    return _open(box)


def show_information(
    parent: QWidget | None, text: str, *, title: str, details: str = ""
) -> QMessageBox:
    """A calm explanation (how to set up the agent name), with optional details."""
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    if details:
        box.setInformativeText(details)
    return _open(box)


def show_crash(
    parent: QWidget | None, summary: str, details: str, *, log_file: Path
) -> QMessageBox | None:
    """A bug: say so plainly, point at the log, offer the traceback for a bug report."""
    if _open_crash_dialogs:
        return None
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("ErrorDialogs", "OmniDesk ran into a bug"),
        QCoreApplication.translate(
            "ErrorDialogs",
            "Something went wrong that OmniDesk did not expect. Your data is safe; "
            "the action that failed may need to be repeated.",
        ),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "ErrorDialogs",
            "The details were written to {log_file}. Please include them "
            "when you report the problem: {summary}",
        ).format(log_file=log_file, summary=summary)
    )
    box.setDetailedText(details)
    _open_crash_dialogs.append(box)
    box.finished.connect(lambda _result: _open_crash_dialogs.remove(box))
    return _open(box)


def _open(box: QMessageBox) -> QMessageBox:
    box.setObjectName("omnideskMessage")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _shown.append(box)
    box.finished.connect(lambda _result: _shown.remove(box))
    box.open()
    return box
