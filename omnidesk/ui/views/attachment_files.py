"""Opening and saving a message's attachments from the case view.

The bytes are read from the database and written to disk on the database thread (a
blob can be megabytes). "Save…" writes the exact stored bytes where the agent chooses;
"Open" writes a copy into a private temporary folder and hands it to the desktop's
default application — after a warning for programs and scripts, which would run.
"""

import functools
import shutil
import tempfile
from pathlib import Path, PurePath

from PySide6.QtCore import QCoreApplication, QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from omnidesk.core.attachments import is_risky_to_open
from omnidesk.core.entities import Attachment
from omnidesk.core.ids import AttachmentId
from omnidesk.services.attachments import attachment_file
from omnidesk.store.engine import Database
from omnidesk.ui.tasks import TaskRunner


def safe_file_name(name: str, fallback: str = "attachment") -> str:
    """A name that stays inside the folder it is written to."""
    cleaned = PurePath(name.replace("\\", "/")).name.strip().lstrip(".")
    return "".join(c for c in cleaned if c.isprintable() and c not in '<>:"/\\|?*') or fallback


def save_attachment(db: Database, attachment_id: AttachmentId, path: Path) -> Path:
    """Write the stored bytes of the attachment to ``path`` (worker thread)."""
    stored = attachment_file(db, attachment_id)
    path.write_bytes(stored.data)
    return path


def write_for_opening(db: Database, attachment_id: AttachmentId, folder: Path | None) -> Path:
    """A private copy to open: ``<folder>/<attachment id>/<file name>`` (worker thread).

    Without ``folder`` a new private temporary folder is made (``mkdtemp``: mode 0700,
    an unguessable name).
    """
    stored = attachment_file(db, attachment_id)
    folder = folder or Path(tempfile.mkdtemp(prefix="omnidesk-attachments-"))
    # One folder per attachment: two files called scan.pdf in one case stay apart.
    target = folder / str(int(attachment_id))
    target.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = target / safe_file_name(stored.filename)
    path.write_bytes(stored.data)
    return path


class AttachmentFiles(QObject):
    """The "Open" and "Save…" links of the attachments in the conversation."""

    sig_message = Signal(str)
    """A short outcome for the status bar."""
    sig_opened = Signal(str)
    """A file was handed to the desktop to open (its local path)."""

    def __init__(self, db: Database, tasks: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._window = parent
        # Made at the first "Open"; one per window, removed when the app quits.
        self._folder: Path | None = None
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.remove_copies)

    @property
    def folder(self) -> Path | None:
        return self._folder

    def remove_copies(self) -> None:
        """Delete the copies made for opening (at exit: they were the customer's files)."""
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None

    def ask_save(self, attachment: Attachment) -> QFileDialog:
        """Ask where to save (without blocking), then save there."""
        dialog = QFileDialog(self._window, self.tr("Save attachment"))
        dialog.setObjectName("saveAttachmentDialog")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.selectFile(safe_file_name(attachment.filename))
        dialog.fileSelected.connect(lambda name: self.save_to(attachment, Path(name)))
        dialog.open()
        return dialog

    def save_to(self, attachment: Attachment, path: Path) -> None:
        """Write the attachment's stored bytes to ``path`` off the GUI thread."""
        self._tasks.submit(
            functools.partial(save_attachment, self._db, attachment.id, path),
            lambda saved: self.sig_message.emit(self.tr("Saved {file}.").format(file=str(saved))),
        )

    def open(self, attachment: Attachment) -> QMessageBox | None:
        """Open the attachment with the desktop's default application.

        Programs and scripts are only opened after a warning; the warning (shown
        without blocking) is returned so a caller can answer it.
        """
        if not is_risky_to_open(attachment.filename, attachment.content_type):
            self.open_now(attachment)
            return None
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Open attachment"),
            self.tr(
                "“{file}” is a program or script. Opening it runs it on this computer "
                "with your permissions."
            ).format(file=attachment.filename),
            QMessageBox.StandardButton.Cancel,
            self._window,
        )
        box.setObjectName("riskyAttachmentWarning")
        box.setInformativeText(
            self.tr("Open it only if you expected this file from this customer. Saving is safe.")
        )
        run = box.addButton(self.tr("Open anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        run.clicked.connect(lambda: self.open_now(attachment))
        box.open()
        return box

    def open_now(self, attachment: Attachment) -> None:
        self._tasks.submit(
            functools.partial(write_for_opening, self._db, attachment.id, self._folder),
            self._on_copy_written,
        )

    def _on_copy_written(self, path: Path) -> None:
        if self._folder is None:
            self._folder = path.parent.parent
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.sig_opened.emit(str(path))
            return
        self.sig_message.emit(
            self.tr("No application opens {file}; save it and open it from there.").format(
                file=path.name
            )
        )
