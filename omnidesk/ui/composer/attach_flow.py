"""Getting files onto the reply: "Attach…", drops onto the composer, a reopened draft.

Files are read on a worker thread (``attachments.read_files``); what could not be
attached is said in the composer's problem line, naming the file and the limit.
"""

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QMimeData, QObject
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QFileDialog

from omnidesk.core.attachments import MAX_FILE_BYTES, MAX_TOTAL_BYTES, size_text
from omnidesk.core.ids import CaseNumber
from omnidesk.ui.composer.attachments import (
    MISSING,
    NOT_A_FILE,
    FilesRead,
    PickedFile,
    read_files,
)

if TYPE_CHECKING:
    from omnidesk.ui.composer.pane import ComposerPane, ComposerSetup


def local_files(mime: QMimeData | None) -> list[Path]:
    """The local files in a drag (links to web pages are not files to attach)."""
    if mime is None or not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class AttachFlow(QObject):
    """Reads files for the composer's tray and explains the ones it cannot take."""

    def __init__(self, pane: "ComposerPane", setup: "ComposerSetup") -> None:
        super().__init__(pane)
        self._pane = pane
        self._setup = setup
        # Files dropped onto the text are attached: the text field would otherwise
        # insert their paths as text.
        pane.ui.editor.viewport().installEventFilter(self)

    def ask_for_files(self) -> QFileDialog:
        """ "Attach…": choose files (without blocking), then attach them."""
        dialog = QFileDialog(self._pane.window(), self.tr("Attach files"))
        dialog.setObjectName("attachFilesDialog")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
        dialog.filesSelected.connect(lambda names: self.add_files([Path(n) for n in names]))
        dialog.open()
        return dialog

    def add_files(self, paths: Sequence[Path], *, from_draft: bool = False) -> None:
        """Attach the files at ``paths`` to the reply on screen; read off the GUI thread."""
        number = self._pane.current_number()
        if number is None or not paths:
            return
        self._setup.tasks.submit(
            functools.partial(read_files, list(paths)),
            functools.partial(self._on_files_read, number, from_draft),
            network=True,  # disk, not database: never waits behind a slow query
        )

    def drop(self, event: QDropEvent) -> bool:
        """Attach the files of a drop; False when it carries none (or no case is open)."""
        files = local_files(event.mimeData())
        if self._pane.current_number() is None or not files:
            return False
        event.acceptProposedAction()
        self.add_files(files)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # QDragEnterEvent and QDragMoveEvent are QDropEvents too.
        if isinstance(event, QDropEvent) and local_files(event.mimeData()):
            if event.type() == QEvent.Type.Drop:
                self.drop(event)
            else:
                event.acceptProposedAction()
            return True
        return super().eventFilter(watched, event)

    def _on_files_read(self, number: CaseNumber, from_draft: bool, found: FilesRead) -> None:
        if number != self._pane.current_number():
            return  # read for a case no longer on screen; its draft keeps the paths
        # Files of a reopened draft are no change to save again.
        left_out = self._pane.ui.attachments.add(found.files, quiet=from_draft)
        problems = [self._too_large(name, size) for name, size in found.too_large]
        problems += [
            self.tr("Cannot attach {file}: {reason}.").format(
                file=name, reason=self._reason(reason)
            )
            for name, reason in found.unreadable
        ]
        problems += [self._over_total(picked) for picked in left_out]
        self._pane.ui.show_problem("\n".join(problems))

    def _reason(self, reason: str) -> str:
        if reason == MISSING:
            return self.tr("it is no longer there")
        if reason == NOT_A_FILE:
            return self.tr("it is not a file")
        return reason  # the system's own words (permission denied, …)

    def _too_large(self, name: str, size: int) -> str:
        return self.tr(
            "{file} is too large to attach ({size}; at most {limit} per file). "
            "Share it another way, e.g. as a download link."
        ).format(file=name, size=size_text(size), limit=size_text(MAX_FILE_BYTES))

    def _over_total(self, picked: PickedFile) -> str:
        return self.tr(
            "{file} was not attached: all files together may be at most {limit}. "
            "Send it in a second reply."
        ).format(file=picked.attachment.filename, limit=size_text(MAX_TOTAL_BYTES))
