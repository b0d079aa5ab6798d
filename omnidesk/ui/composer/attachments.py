"""Files attached to the reply being written: read off the GUI thread, shown as chips.

Files come from "Attach…" or are dropped onto the composer. They are read on a worker
thread (``read_files``); files too large for mail are refused there, before their
bytes are read, and the composer says which and why. The tray shows one removable
chip per file with its size; the composer hands ``files()`` to ``write_on_case``.
"""

import mimetypes
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from omnidesk.core.attachments import MAX_FILE_BYTES, MAX_TOTAL_BYTES, ReplyAttachment, size_text
from omnidesk.ui.icons import icon as named_icon

MISSING = "missing"
NOT_A_FILE = "not-a-file"
"""Reasons ``read_files`` gives besides the system's own error text."""


@dataclass(frozen=True, slots=True)
class PickedFile:
    """A file the agent attached, with where it came from (kept with the draft)."""

    path: Path
    attachment: ReplyAttachment

    @property
    def size(self) -> int:
        return len(self.attachment.data)


@dataclass(frozen=True, slots=True)
class FilesRead:
    """What ``read_files`` found: the readable files and the ones refused (name, why)."""

    files: list[PickedFile] = field(default_factory=list)
    too_large: list[tuple[str, int]] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)


def read_files(paths: Sequence[Path]) -> FilesRead:
    """Read the files at ``paths`` (worker thread); folders and big files are refused."""
    result = FilesRead()
    for path in paths:
        try:
            if not path.exists():
                result.unreadable.append((path.name or str(path), MISSING))
                continue
            if not path.is_file():
                result.unreadable.append((path.name or str(path), NOT_A_FILE))
                continue
            size = path.stat().st_size
            if size > MAX_FILE_BYTES:
                result.too_large.append((path.name, size))
                continue
            data = path.read_bytes()
        except OSError as exc:
            result.unreadable.append((path.name, exc.strerror or type(exc).__name__))
            continue
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        result.files.append(PickedFile(path, ReplyAttachment(path.name, kind, data)))
    return result


class AttachmentTray(QWidget):
    """The "Attach…" button and one chip per attached file."""

    sig_changed = Signal()
    """A file was added or removed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composerAttachments")
        self._files: list[PickedFile] = []
        self._chips: list[FileChip] = []
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.attach_button = QToolButton()
        self.attach_button.setObjectName("composerAttach")
        self.attach_button.setText(self.tr("Attach…"))
        self.attach_button.setIcon(named_icon("attachment"))
        self.attach_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.attach_button.setToolTip(
            self.tr("Attach files to the reply (or drop them onto the text)")
        )
        self._layout.addWidget(self.attach_button)
        self._layout.addStretch(1)

    def files(self) -> tuple[ReplyAttachment, ...]:
        return tuple(f.attachment for f in self._files)

    def names(self) -> tuple[str, ...]:
        return tuple(f.attachment.filename for f in self._files)

    def paths(self) -> tuple[str, ...]:
        return tuple(str(f.path) for f in self._files)

    def total_size(self) -> int:
        return sum(f.size for f in self._files)

    def chips(self) -> list["FileChip"]:
        return list(self._chips)

    def add(self, files: Sequence[PickedFile], *, quiet: bool = False) -> list[PickedFile]:
        """Add ``files`` while the total stays within the limit; returns those left out.

        ``quiet`` adds without ``sig_changed`` (the files of a draft being reopened).
        """
        left_out: list[PickedFile] = []
        total = self.total_size()
        for picked in files:
            if str(picked.path) in self.paths():
                continue  # the same file dropped twice is attached once
            if total + picked.size > MAX_TOTAL_BYTES:
                left_out.append(picked)
                continue
            total += picked.size
            self._files.append(picked)
            chip = FileChip(picked)
            chip.sig_remove.connect(self._on_chip_remove)
            self._chips.append(chip)
            self._layout.insertWidget(self._layout.count() - 1, chip)
        if not quiet:
            self.sig_changed.emit()
        return left_out

    def remove(self, path: str) -> None:
        self._files = [f for f in self._files if str(f.path) != path]
        self._drop_chips([c for c in self._chips if str(c.picked.path) == path])
        self.sig_changed.emit()

    def clear(self) -> None:
        if not self._files:
            return
        self._files = []
        self._drop_chips(list(self._chips))
        self.sig_changed.emit()

    def _drop_chips(self, chips: list["FileChip"]) -> None:
        for chip in chips:
            self._chips.remove(chip)
            self._layout.removeWidget(chip)
            chip.hide()
            # Later: a chip's own button may be what asked for its removal.
            chip.deleteLater()

    def _on_chip_remove(self, path: str) -> None:
        self.remove(path)


class FileChip(QFrame):
    """One attached file: its name and size, and a button that removes it."""

    sig_remove = Signal(str)
    """The path of the file to take off the reply."""

    def __init__(self, picked: PickedFile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.picked = picked
        self.setObjectName("attachmentChip")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 1, 2, 1)
        layout.setSpacing(2)
        name = picked.attachment.filename
        self.label = QLabel(f"{name} ({size_text(picked.size)})")
        self.label.setToolTip(str(picked.path))
        layout.addWidget(self.label)
        self.remove_button = QToolButton()
        self.remove_button.setObjectName("attachmentChipRemove")
        self.remove_button.setText("×")
        self.remove_button.setAutoRaise(True)
        self.remove_button.setToolTip(self.tr("Remove {file}").format(file=name))
        self.remove_button.setAccessibleName(self.tr("Remove {file}").format(file=name))
        self.remove_button.clicked.connect(lambda: self.sig_remove.emit(str(picked.path)))
        layout.addWidget(self.remove_button)
