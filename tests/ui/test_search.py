"""The search field: results as you type, stale searches dropped, errors shown, model contract."""

import threading
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt

from omnidesk.core.enums import CaseStatus
from omnidesk.core.ids import CaseNumber
from omnidesk.services.search import search_cases
from omnidesk.ui.models.search_results import (
    SNIPPET_HTML_ROLE,
    Column,
    SearchResultsModel,
    plain_snippet,
    snippet_html,
)
from omnidesk.ui.search_box import SearchBox

from .helpers import WAIT_MS, started


def _numbers(model: SearchResultsModel) -> list[int]:
    return [int(model.hit(row).case_number) for row in range(model.rowCount())]


def test_results_appear_as_you_type(demo_db, make_window, qtbot):
    window = started(qtbot, make_window(demo_db, agent="anna"))
    box = window.search_box
    expected = [h.case_number for h in search_cases(demo_db, "vertrag", me=None)]
    assert expected

    window.activateWindow()
    window.commands.search.trigger()
    qtbot.waitUntil(box.field.hasFocus, timeout=WAIT_MS)
    qtbot.keyClicks(box.field, "vertrag")

    qtbot.waitUntil(lambda: box.model.rowCount() == len(expected), timeout=WAIT_MS)
    assert _numbers(box.model) == expected
    assert box.is_active()
    assert window.centralWidget().findChild(type(box.results_view), "searchResults").isVisible()
    assert "match" in box.summary.text()
    html = box.model.index(0, Column.MATCH).data(SNIPPET_HTML_ROLE)
    assert "<b>Vertrag</b>" in html


def test_choosing_a_result_opens_the_case(demo_db, make_window, qtbot):
    window = started(qtbot, make_window(demo_db, agent="anna"))
    box = window.search_box
    box.field.setText("vertrag")
    box.run_now()
    qtbot.waitUntil(lambda: box.model.rowCount() > 0, timeout=WAIT_MS)
    wanted = box.model.hit(1).case_number

    box.table.setCurrentIndex(box.model.index(1, 0))

    qtbot.waitUntil(lambda: window.detail_pane.current_number() == wanted, timeout=WAIT_MS)


def test_clearing_the_field_brings_the_case_list_back(demo_db, make_window, qtbot):
    window = started(qtbot, make_window(demo_db, agent="anna"))
    box = window.search_box
    box.field.setText("vertrag")
    box.run_now()
    qtbot.waitUntil(lambda: box.model.rowCount() > 0, timeout=WAIT_MS)

    qtbot.keyClick(box.field, Qt.Key.Key_Escape)

    assert box.field.text() == ""
    assert not box.is_active()
    assert box.model.rowCount() == 0
    assert window.case_table.isVisible()


def test_a_newer_search_replaces_a_stale_one(demo_db, tasks, qtbot, qapp):
    release = threading.Event()
    seen: list[str] = []

    def slow_search(db, text, **kwargs):
        seen.append(text)
        if text == "first":
            release.wait(5)
        return search_cases(db, text, **kwargs)

    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    box = SearchBox(demo_db, tasks, tz=_utc(), me=lambda: None, parent=parent, search=slow_search)
    box.field.setText("first")
    box.run_now()  # occupies the database thread
    box.field.setText("kündigung")
    box.run_now()  # waits behind it, then is replaced
    box.field.setText("vertrag")
    box.run_now()
    release.set()

    qtbot.waitUntil(tasks.is_idle, timeout=WAIT_MS)
    assert "kündigung" not in seen  # cancelled before it ever ran
    assert _numbers(box.model) == [h.case_number for h in search_cases(demo_db, "vertrag", me=None)]
    assert box.query() == "vertrag"


def test_a_query_with_bad_syntax_says_what_is_wrong(demo_db, make_window, qtbot):
    window = started(qtbot, make_window(demo_db, agent="anna"))
    box = window.search_box
    box.field.setText("status:")
    box.run_now()
    qtbot.waitUntil(lambda: box.summary.text().startswith("Cannot search"), timeout=WAIT_MS)
    assert "status:" in box.summary.text()


def test_nothing_found_is_said_plainly(demo_db, make_window, qtbot):
    window = started(qtbot, make_window(demo_db, agent="anna"))
    box = window.search_box
    box.field.setText("zzzzqqq")
    box.run_now()
    qtbot.waitUntil(lambda: "No case matches" in box.summary.text(), timeout=WAIT_MS)


def test_without_the_search_service_the_field_says_so(demo_db, tasks, qapp):
    from PySide6.QtWidgets import QWidget

    import omnidesk.ui.search_box as module

    parent = QWidget()
    original = module.search_function
    module.search_function = lambda: None
    try:
        box = SearchBox(demo_db, tasks, tz=_utc(), me=lambda: None, parent=parent)
    finally:
        module.search_function = original
    assert not box.field.isEnabled()
    assert "not available" in box.field.placeholderText()


@dataclass(frozen=True)
class _Hit:
    case_number: CaseNumber
    subject: str = "Parcel"
    status: CaseStatus = CaseStatus.OPEN
    owner: str | None = None
    customer: str = "Kim Lee"
    snippet: str = "where is my \x02parcel\x03 <b>now</b>"


def test_results_model_passes_the_qt_model_tester(qapp, qtmodeltester):
    model = SearchResultsModel()
    with_more: list[int] = []
    model.sig_more_wanted.connect(with_more.append)
    qtmodeltester.check(model)
    model.set_hits([_Hit(CaseNumber(n)) for n in (1, 2, 3)], complete=False)
    # The tester itself may already have asked for the next page; ask once more.
    model.fetchMore(QModelIndex())
    assert with_more == [3]
    assert not model.canFetchMore(QModelIndex())  # one page at a time
    model.append_hits([_Hit(CaseNumber(3)), _Hit(CaseNumber(4))], complete=True)
    assert _numbers(model) == [1, 2, 3, 4]
    assert not model.canFetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)
    assert model.index(0, Column.OWNER).data() == "—"
    assert model.index(0, Column.MATCH).data() == "where is my parcel <b>now</b>"
    model.clear()
    assert model.rowCount() == 0


def test_snippets_are_escaped_and_highlighted():
    assert plain_snippet("a \x02b\x03\n c") == "a b c"
    assert snippet_html("<i>x</i> \x02y\x03") == "&lt;i&gt;x&lt;/i&gt; <b>y</b>"


def _utc():
    from zoneinfo import ZoneInfo

    return ZoneInfo("UTC")
