"""The case view's attachments: listed with size and type, saved byte-exact, opened safely."""

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTextBrowser

from omnidesk.core.entities import Attachment
from omnidesk.services.cases import case_detail
from omnidesk.ui.mainwindow import MainWindow

from .helpers import WAIT_MS, started, wait_shown
from .mail_with_files import EXE_BYTES, PDF_BYTES, html_mail, ingest, png_bytes


class _Opened(QObject):
    """Stands in for the desktop's file handler: records what would be opened."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened() -> Iterator[_Opened]:
    receiver = _Opened()
    # PySide6 takes the slot name as str at run time; its stub says bytes.
    QDesktopServices.setUrlHandler("file", receiver, "handle")  # type: ignore[arg-type]
    yield receiver
    QDesktopServices.unsetUrlHandler("file")


@pytest.fixture
def case_with_files(demo_db):
    raw, _ = html_mail(
        "<p>See the photo <img src='cid:photo@kim'> and the invoice.</p>",
        inline_png=("photo@kim", png_bytes("blue")),
        files=(
            ("invoice.pdf", "application/pdf", PDF_BYTES),
            ("setup.exe", "application/octet-stream", EXE_BYTES),
        ),
    )
    return ingest(demo_db, raw)


def _window(qtbot, make_window, db, number) -> MainWindow:
    window: MainWindow = started(qtbot, make_window(db, agent="anna"), case=number)
    return window


def _attachment(window: MainWindow, name: str) -> Attachment:
    detail = window.shown_detail()
    assert detail is not None
    return next(a for m in detail.messages for a in m.attachments if a.filename == name)


def _click(window: MainWindow, link: str) -> None:
    browser = window.detail_pane.findChild(QTextBrowser, "conversation")
    assert browser is not None
    browser.anchorClicked.emit(QUrl(link))


def test_attachments_are_listed_with_size_and_type(demo_db, make_window, qtbot, case_with_files):
    window = _window(qtbot, make_window, demo_db, case_with_files)

    text = window.detail_pane.conversation_text()
    assert "invoice.pdf" in text
    assert "10 KB · application/pdf" in text
    assert "setup.exe" in text
    # The inline photo is shown in the message, not listed again as a file.
    assert "photo" not in text.replace("See the photo", "")
    html = window.detail_pane.conversation_html()
    invoice = _attachment(window, "invoice.pdf")
    assert f"omnidesk:attachment/{invoice.id}/save" in html
    assert f"omnidesk:attachment/{invoice.id}/open" in html


def test_save_writes_the_exact_stored_bytes(
    demo_db, make_window, qtbot, case_with_files, tmp_path: Path
):
    window = _window(qtbot, make_window, demo_db, case_with_files)
    invoice = _attachment(window, "invoice.pdf")

    _click(window, f"omnidesk:attachment/{invoice.id}/save")
    dialog = wait_shown(qtbot, QFileDialog, "saveAttachmentDialog")
    assert dialog.selectedFiles()[0].endswith("invoice.pdf")
    target = tmp_path / "saved" / "my-invoice.pdf"
    target.parent.mkdir()
    dialog.selectFile(str(target))
    dialog.accept()

    qtbot.waitUntil(target.exists, timeout=WAIT_MS)
    qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)
    assert target.read_bytes() == PDF_BYTES
    assert "Saved" in window.statusBar().currentMessage()


def test_open_writes_a_private_copy_and_hands_it_to_the_desktop(
    demo_db, make_window, qtbot, case_with_files, opened
):
    window = _window(qtbot, make_window, demo_db, case_with_files)
    invoice = _attachment(window, "invoice.pdf")

    _click(window, f"omnidesk:attachment/{invoice.id}/open")

    qtbot.waitUntil(lambda: len(opened.urls) == 1, timeout=WAIT_MS)
    path = Path(opened.urls[0].toLocalFile())
    assert path.name == "invoice.pdf"
    assert path.read_bytes() == PDF_BYTES
    folder = window.detail_pane.files.folder
    assert folder is not None
    assert folder in path.parents
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700  # no other user reads customer files
    window.detail_pane.files.remove_copies()
    assert not path.exists()


def test_a_program_is_opened_only_after_a_warning(
    demo_db, make_window, qtbot, case_with_files, opened
):
    window = _window(qtbot, make_window, demo_db, case_with_files)
    program = _attachment(window, "setup.exe")

    _click(window, f"omnidesk:attachment/{program.id}/open")
    warning = wait_shown(qtbot, QMessageBox, "riskyAttachmentWarning")
    assert "setup.exe" in warning.text()
    qtbot.wait(100)
    assert opened.urls == []  # nothing runs before the agent confirms

    run = next(b for b in warning.buttons() if b.text() == "Open anyway")
    run.click()
    qtbot.waitUntil(lambda: len(opened.urls) == 1, timeout=WAIT_MS)
    assert Path(opened.urls[0].toLocalFile()).read_bytes() == EXE_BYTES


def test_cancelling_the_warning_opens_nothing(demo_db, make_window, qtbot, case_with_files, opened):
    window = _window(qtbot, make_window, demo_db, case_with_files)
    program = _attachment(window, "setup.exe")

    _click(window, f"omnidesk:attachment/{program.id}/open")
    warning = wait_shown(qtbot, QMessageBox, "riskyAttachmentWarning")
    warning.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.wait(200)
    qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)
    assert opened.urls == []


def test_the_inline_image_comes_from_the_stored_attachment(
    demo_db, make_window, qtbot, case_with_files
):
    window = _window(qtbot, make_window, demo_db, case_with_files)
    pane = window.detail_pane
    photo = next(
        a
        for m in case_detail(demo_db, case_with_files).messages
        for a in m.attachments
        if a.content_id
    )
    url = f"omnidesk-inline:{photo.id}"

    qtbot.waitUntil(lambda: pane.image_resource(url) is not None, timeout=WAIT_MS)
    image = pane.image_resource(url)
    assert image is not None
    assert image.pixelColor(2, 2).name() == "#0000ff"
    assert url in pane.conversation_html()
