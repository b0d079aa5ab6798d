"""Uncaught errors: a known error is a plain warning, a bug a crash dialog naming the log."""

from pathlib import Path
from types import TracebackType

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from omnidesk.app import CrashReporter, check_screenshot_target, parse_case, parse_view
from omnidesk.core.errors import InvalidInput, OwnedByOther
from omnidesk.core.ids import CaseNumber
from omnidesk.core.views import View


def _open_boxes() -> list[QMessageBox]:
    return [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    ]


@pytest.fixture
def boxes(qapp):
    yield _open_boxes
    for box in _open_boxes():
        box.close()


def _raised(error: BaseException) -> tuple[type[BaseException], BaseException, TracebackType]:
    with pytest.raises(type(error)) as caught:
        raise error
    return caught.type, caught.value, caught.tb


def test_a_bug_opens_a_crash_dialog_that_names_the_log(boxes, tmp_path: Path, caplog):
    log_file = tmp_path / "omnidesk.log"
    reporter = CrashReporter(log_file, headless=False)

    reporter.excepthook(*_raised(ValueError("broken invariant")))

    [box] = boxes()
    assert box.icon() == QMessageBox.Icon.Critical
    assert str(log_file) in box.informativeText()
    assert "ValueError: broken invariant" in box.detailedText()
    assert "uncaught exception" in caplog.text
    # A bug repeating in a loop must not stack dialogs.
    reporter.excepthook(*_raised(ValueError("again")))
    assert len(boxes()) == 1


def test_a_known_error_is_a_plain_warning(boxes, tmp_path: Path):
    reporter = CrashReporter(tmp_path / "omnidesk.log", headless=False)

    reporter.excepthook(*_raised(OwnedByOther(CaseNumber(1042), "ben")))

    [box] = boxes()
    assert box.icon() == QMessageBox.Icon.Warning
    assert box.text() == "case #1042 is owned by ben"
    assert not box.detailedText()


def test_headless_errors_go_to_stderr(tmp_path: Path, capsys):
    reporter = CrashReporter(tmp_path / "omnidesk.log", headless=True)
    reporter.excepthook(*_raised(RuntimeError("offscreen bug")))
    assert "bug: RuntimeError: offscreen bug" in capsys.readouterr().err
    assert reporter.failures == 1


def test_command_line_values_are_checked(tmp_path: Path):
    assert parse_view("waiting") is View.WAITING
    assert parse_case("#1042") == 1042
    assert parse_case(None) is None
    with pytest.raises(InvalidInput, match="unknown view"):
        parse_view("inbox")
    with pytest.raises(InvalidInput, match="not a case number"):
        parse_case("10x")
    with pytest.raises(InvalidInput, match="is a folder"):
        check_screenshot_target(tmp_path)
    check_screenshot_target(tmp_path / "fine.png")
