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
