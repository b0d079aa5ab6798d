"""Files in the composer: attached by dialog or drop, shown as chips, limited, sent, kept."""

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QFileDialog

from omnidesk.core.attachments import MAX_FILE_BYTES, MAX_TOTAL_BYTES
from omnidesk.core.enums import Channel, Direction, ReplyMode
from omnidesk.core.reply_check import FindingCode
from omnidesk.services.attachments import attachment_file
from omnidesk.services.cases import case_detail
from omnidesk.ui.composer.drafts import DraftStore
from omnidesk.ui.mainwindow import MainWindow

from .helpers import WAIT_MS, new_case, outbox_recipients, started, wait_shown

QUESTION = "Where is my parcel? It was due on Monday."
SLIP = b"%PDF-1.4 tracking slip " + bytes(range(256))


def _file(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _drop(window: MainWindow, *paths: Path) -> None:
    """Drop files onto the composer's text, as from a file manager."""
    target = window.composer.ui.editor.viewport()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPointF(10, 10), actions, mime, buttons, keys)
    QApplication.sendEvent(target, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(10, 10), actions, mime, buttons, keys)
    QApplication.sendEvent(target, drop)
    assert drop.isAccepted()


def _chips(window: MainWindow) -> list[str]:
    return [chip.label.text() for chip in window.composer.ui.attachments.chips()]


def test_dropped_files_are_sent_with_the_reply(demo_db, make_window, qtbot, tmp_path):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    slip = _file(tmp_path, "slip.pdf", SLIP)
    photo = _file(tmp_path, "photo.png", b"\x89PNG" + bytes(3000))

    _drop(window, slip, photo)
    qtbot.waitUntil(lambda: len(_chips(window)) == 2, timeout=WAIT_MS)
    assert _chips(window) == ["slip.pdf (279 B)", "photo.png (3 KB)"]
    assert window.composer.text() == ""  # the paths were not typed into the reply

    window.composer.set_text("Your parcel arrives on Friday, the tracking slip is attached.")
    with qtbot.waitSignal(window.composer.sig_written, timeout=WAIT_MS):
        qtbot.mouseClick(window.composer.ui.send, Qt.MouseButton.LeftButton)

    reply = case_detail(demo_db, number).messages[-1]
    assert reply.direction is Direction.OUT
    assert [(a.filename, a.content_type) for a in reply.attachments] == [
        ("slip.pdf", "application/pdf"),
        ("photo.png", "image/png"),
    ]
    assert attachment_file(demo_db, reply.attachments[0].id).data == SLIP
    assert outbox_recipients(demo_db, reply.id) == ["kim.lee@example.net"]
    assert _chips(window) == []  # sent: the tray is empty for the next reply


def test_attach_dialog_and_chip_removal(demo_db, make_window, qtbot, tmp_path):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    one = _file(tmp_path, "one.txt", b"one")
    two = _file(tmp_path, "two.txt", b"two")

    window.composer.ui.attachments.attach_button.click()
    dialog = wait_shown(qtbot, QFileDialog, "attachFilesDialog")
    dialog.filesSelected.emit([str(one), str(two)])
    dialog.reject()
    qtbot.waitUntil(lambda: len(_chips(window)) == 2, timeout=WAIT_MS)

    (first, _) = window.composer.ui.attachments.chips()
    first.remove_button.click()
    qtbot.waitUntil(lambda: _chips(window) == ["two.txt (3 B)"], timeout=WAIT_MS)
    assert window.composer.attached_names() == ("two.txt",)


def test_the_presend_check_sees_the_attached_files(demo_db, make_window, qtbot, tmp_path):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    window.write(ReplyMode.REPLY)
    window.composer.set_text("Your parcel arrives on Friday, the tracking slip is attached.")
    qtbot.mouseClick(window.composer.ui.send, Qt.MouseButton.LeftButton)
    codes = [f.code for f in window.composer.findings()]
    assert codes == [FindingCode.MISSING_ATTACHMENT]

    _drop(window, _file(tmp_path, "slip.pdf", SLIP))

    # The shown finding goes away once the file is there, and sending needs no override.
    qtbot.waitUntil(lambda: window.composer.findings() == (), timeout=WAIT_MS)
    with qtbot.waitSignal(window.composer.sig_written, timeout=WAIT_MS):
        qtbot.mouseClick(window.composer.ui.send, Qt.MouseButton.LeftButton)
    assert case_detail(demo_db, number).messages[-1].attachments[0].filename == "slip.pdf"


def test_a_file_too_large_is_refused_with_a_reason(demo_db, make_window, qtbot, tmp_path):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    big = tmp_path / "video.mp4"
    with big.open("wb") as out:
        out.truncate(MAX_FILE_BYTES + 1)  # sparse: no need to write 20 MB

    _drop(window, big, _file(tmp_path, "small.txt", b"ok"))

    qtbot.waitUntil(lambda: _chips(window) == ["small.txt (2 B)"], timeout=WAIT_MS)
    problem = window.composer.ui.problem.text()
    assert "video.mp4 is too large to attach (20.0 MB; at most 20.0 MB per file)" in problem


def test_a_chat_reply_with_files_is_refused_clearly(demo_db, make_window, qtbot, tmp_path):
    number = new_case(demo_db, "Hi, can you send the manual?", channel=Channel.CHAT, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    assert window.composer.channel() is Channel.CHAT
    _drop(window, _file(tmp_path, "manual.pdf", SLIP))
    qtbot.waitUntil(lambda: len(_chips(window)) == 1, timeout=WAIT_MS)

    window.composer.set_text("Here is the manual.")
    qtbot.mouseClick(window.composer.ui.send, Qt.MouseButton.LeftButton)
    qtbot.wait(100)
    qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)

    assert "Files cannot be sent in a chat" in window.composer.ui.problem.text()
    assert len(case_detail(demo_db, number).messages) == 1


def test_attached_files_stay_with_the_draft(demo_db, make_window, qtbot, tmp_path):
    number = new_case(demo_db, QUESTION, owner="anna")
    data_dir = tmp_path / "data"
    first = started(qtbot, make_window(demo_db, agent="anna", data_dir=data_dir), case=number)
    slip = _file(tmp_path, "slip.pdf", SLIP)
    gone = _file(tmp_path, "gone.txt", b"soon deleted")
    _drop(first, slip, gone)
    qtbot.waitUntil(lambda: len(_chips(first)) == 2, timeout=WAIT_MS)
    first.close()
    draft = DraftStore(data_dir / "drafts").load(number)
    assert draft is not None
    assert draft.attachments == (str(slip), str(gone))
    gone.unlink()

    second = started(qtbot, make_window(demo_db, agent="anna", data_dir=data_dir), case=number)

    qtbot.waitUntil(lambda: _chips(second) == ["slip.pdf (279 B)"], timeout=WAIT_MS)
    # Each file is read on its own: the missing one's message may come a moment later.
    qtbot.waitUntil(
        lambda: (
            "Cannot attach gone.txt: it is no longer there." in second.composer.ui.problem.text()
        ),
        timeout=WAIT_MS,
    )


def test_the_new_controls_speak_german(german, demo_db, make_window, qtbot, tmp_path):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    assert window.composer.ui.attachments.attach_button.text() == "Anhängen…"

    _drop(window, _file(tmp_path, "beleg.pdf", SLIP))
    qtbot.waitUntil(lambda: len(_chips(window)) == 1, timeout=WAIT_MS)
    (chip,) = window.composer.ui.attachments.chips()
    assert chip.remove_button.toolTip() == "beleg.pdf entfernen"


def test_a_refused_file_is_explained_in_german(german, demo_db, make_window, qtbot, tmp_path):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)

    window.composer.add_files([tmp_path / "weg.txt"])

    qtbot.waitUntil(window.composer.ui.problem.isVisible, timeout=WAIT_MS)
    expected = "weg.txt kann nicht angehängt werden: die Datei ist nicht mehr vorhanden."
    assert window.composer.ui.problem.text() == expected


def test_files_past_the_total_limit_are_left_out_with_a_reason(
    demo_db, make_window, qtbot, tmp_path
):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    parts = []
    for name in ("part1.bin", "part2.bin"):
        path = tmp_path / name
        with path.open("wb") as out:
            out.truncate(MAX_TOTAL_BYTES // 2 + 1)  # each fits, both together do not
        parts.append(path)

    _drop(window, *parts)

    qtbot.waitUntil(window.composer.ui.problem.isVisible, timeout=WAIT_MS)
    assert _chips(window) == ["part1.bin (12.5 MB)"]
    assert window.composer.ui.problem.text() == (
        "part2.bin was not attached: all files together may be at most 25.0 MB. "
        "Send it in a second reply."
    )
