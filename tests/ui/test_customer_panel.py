"""The customer panel: identities, and every case of the customer, one click from each."""

from omnidesk.services.cases import case_detail

from .helpers import WAIT_MS, new_case, started


def test_the_panel_lists_the_customers_cases_and_opens_them(demo_db, make_window, qtbot):
    first = new_case(demo_db, "Where is my parcel?", owner="anna")
    second = new_case(demo_db, "The invoice is wrong.", subject="Invoice")
    new_case(demo_db, "Hello", address="sam.doe@example.net", subject="Parcel")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=first)
    panel = window.customer_panel

    qtbot.waitUntil(lambda: panel.model.rowCount() == 2, timeout=WAIT_MS)
    assert panel.cases() == [second, first]
    assert "kim.lee@example.net" in panel.identities.text()
    assert panel.summary.text() == "2 case(s) from this customer"
    assert case_detail(demo_db, second).customer.id == case_detail(demo_db, first).customer.id

    window.detail_pane.show_tab(panel)
    panel.table.clicked.emit(panel.model.index(0, 0))

    qtbot.waitUntil(lambda: window.detail_pane.current_number() == second, timeout=WAIT_MS)


def test_without_search_the_panel_says_so(demo_db, tasks, qapp):
    from zoneinfo import ZoneInfo

    from omnidesk.ui.views.customer_panel import CustomerPanel

    number = new_case(demo_db, "Where is my parcel?")
    panel = CustomerPanel(demo_db, tasks, tz=ZoneInfo("UTC"), search=None)
    panel.show_customer(case_detail(demo_db, number))
    assert "cannot be listed" in panel.summary.text()
    assert "kim.lee@example.net" in panel.identities.text()


def test_two_records_of_one_person_are_merged_and_the_merge_undone(demo_db, make_window, qtbot):
    from PySide6.QtWidgets import QApplication

    from omnidesk.core.enums import Channel
    from omnidesk.ui.dialogs.merge_customer import MergeCustomerDialog

    work = new_case(demo_db, "Where is my parcel?", owner="anna")
    chat = new_case(demo_db, "Hi, same parcel here", address="visitor-k1m", channel=Channel.CHAT)
    window = started(qtbot, make_window(demo_db, agent="anna"), case=work)
    panel = window.customer_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1, timeout=WAIT_MS)

    panel.merge_button.click()
    qtbot.waitUntil(
        lambda: isinstance(QApplication.activeModalWidget(), MergeCustomerDialog), timeout=WAIT_MS
    )
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, MergeCustomerDialog)
    assert not dialog.ok_button.isEnabled()
    dialog.other.setText("visitor-k1m")
    dialog.accept()

    qtbot.waitUntil(lambda: "Undo" in panel.merge_note.text(), timeout=WAIT_MS)
    assert case_detail(demo_db, chat).customer.id == case_detail(demo_db, work).customer.id
    qtbot.waitUntil(lambda: "visitor-k1m" in panel.identities.text(), timeout=WAIT_MS)
    assert window.statusBar().currentMessage() == "Customer records merged."

    panel.merge_note.linkActivated.emit("undo")
    qtbot.waitUntil(lambda: panel.merge_note.text() == "The merge was undone.", timeout=WAIT_MS)
    assert case_detail(demo_db, chat).customer.id != case_detail(demo_db, work).customer.id
    qtbot.waitUntil(lambda: "visitor-k1m" not in panel.identities.text(), timeout=WAIT_MS)


def test_merging_with_an_unknown_address_says_so(demo_db, make_window, qtbot):
    work = new_case(demo_db, "Where is my parcel?", owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=work)
    window.customer_panel.merge_with("nobody@nowhere.example")
    qtbot.waitUntil(
        lambda: "no customer has the address" in window.statusBar().currentMessage(),
        timeout=WAIT_MS,
    )
