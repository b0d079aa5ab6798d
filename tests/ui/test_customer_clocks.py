"""The customer tab's waiting clocks: total time waiting on us, contacts per case."""

from zoneinfo import ZoneInfo

from omnidesk.core.enums import ReplyMode
from omnidesk.services.agents import find_agent
from omnidesk.services.cases import case_detail, write_on_case
from omnidesk.services.figures import customer_clocks
from omnidesk.ui.views.customer_panel import CustomerPanel

from .helpers import WAIT_MS, new_case, started


def test_the_customer_tab_shows_the_wait_and_the_contacts(demo_db, make_window, qtbot):
    first = new_case(demo_db, "Where is my parcel?", owner="anna")
    write_on_case(
        demo_db, first, agent=find_agent(demo_db, "anna"), text="On its way.", mode=ReplyMode.REPLY
    )
    second = new_case(demo_db, "The invoice is wrong.", subject="Invoice")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=second)
    panel = window.customer_panel

    qtbot.waitUntil(lambda: panel.clocks.text() != "", timeout=WAIT_MS)
    lines = panel.clocks.text().splitlines()
    assert lines[0].startswith("Waited on us: ")
    assert lines[0].endswith("(waiting now)")
    assert lines[1] == f"Contacts per case: #{second}: 1, #{first}: 1"
    tooltip = panel.clocks.toolTip().splitlines()
    assert tooltip[0].startswith(f"#{second}: 1 contact(s), waited ")
    assert tooltip[1].startswith(f"#{first}: 1 contact(s)")
    assert tooltip[1].endswith("resolved after –")


def test_the_clocks_speak_german(german, demo_db, tasks, qtbot):
    number = new_case(demo_db, "Wo ist mein Paket?")
    panel = CustomerPanel(demo_db, tasks, tz=ZoneInfo("UTC"), search=None)
    qtbot.addWidget(panel)
    detail = case_detail(demo_db, number)
    panel.show_customer(detail)

    qtbot.waitUntil(lambda: panel.clocks.text() != "", timeout=WAIT_MS)
    assert panel.clocks.text().startswith("Wartete auf uns: insgesamt ")
    assert "(wartet gerade)" in panel.clocks.text()
    clocks = customer_clocks(demo_db, detail.customer.id)
    assert f"#{number}: {clocks.cases[0].contacts}" in panel.clocks.text()
