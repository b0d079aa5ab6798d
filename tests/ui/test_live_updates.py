"""Two desktops on one database: what one does, the other sees without a refresh.

Each window has its own task runner and its own ``Database`` (its own connections),
exactly like two agents' machines; the only thing they share is the database.
"""

from collections.abc import Iterator

import pytest

from omnidesk.core.enums import CaseStatus, ReplyMode
from omnidesk.core.errors import OwnedByOther
from omnidesk.core.views import View, filter_for_view
from omnidesk.services.agents import find_agent
from omnidesk.services.cases import case_detail, claim_case, list_cases, write_on_case
from omnidesk.services.demo import fill_demo
from omnidesk.store.engine import Database
from omnidesk.store.migrate import upgrade
from omnidesk.ui.live import LiveUpdates
from omnidesk.ui.mainwindow import MainWindow
from tests.ui.helpers import WAIT_MS, new_case

LIVE_MS = 3000
"""The issue's target is 100 ms (measured by the benchmark); a busy CI machine gets slack."""


def _desk(qtbot, make_window, db: Database, agent: str, *, view: View) -> MainWindow:
    window: MainWindow = make_window(db, agent=agent)
    window.start(view=view)
    window.show()
    qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)
    window.start_live_updates(LiveUpdates(db, poll_interval=0.01, parent=window))
    return window


@pytest.fixture
def pg_demo(pg_url: str) -> Iterator[Database]:
    db = Database(pg_url)
    upgrade(db)
    fill_demo(db, cases_wanted=8)
    yield db
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def shared_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        path = tmp_path / "team.db"
        db = Database(f"sqlite:///{path}")
        upgrade(db)
        fill_demo(db, cases_wanted=8)
        db.dispose()
        return f"sqlite:///{path}"
    return str(request.getfixturevalue("pg_demo").url)


@pytest.fixture
def two_databases(shared_url: str) -> Iterator[tuple[Database, Database]]:
    first, second = Database(shared_url), Database(shared_url)
    yield first, second
    first.dispose()
    second.dispose()


def test_a_claim_on_one_desktop_shows_on_the_other_and_blocks_its_claim(
    qtbot, make_window, two_databases
):
    db_a, db_b = two_databases
    number = new_case(db_a, "Where is my parcel? It was due on Monday.")
    desk_b = _desk(qtbot, make_window, db_b, "ben", view=View.UNASSIGNED)
    desk_a = _desk(qtbot, make_window, db_a, "anna", view=View.UNASSIGNED)
    qtbot.waitUntil(lambda: desk_b.case_model.row_of(number) is not None, timeout=WAIT_MS)
    desk_b.open_case(number)
    qtbot.waitUntil(lambda: desk_b.composer.current_number() == number, timeout=WAIT_MS)
    unassigned_before = len(list_cases(db_b, filter_for_view(View.UNASSIGNED, me=None)))

    desk_a.open_case(number)
    qtbot.waitUntil(lambda: desk_a.composer.current_number() == number, timeout=WAIT_MS)
    desk_a.claim_current_case()

    # Ben's "Unassigned" list loses the case, with no refresh from Ben.
    qtbot.waitUntil(lambda: desk_b.case_model.row_of(number) is None, timeout=LIVE_MS)
    assert desk_b.case_model.rowCount() == unassigned_before - 1

    # The case on Ben's screen now names its owner.
    def shown_owner() -> str | None:
        detail = desk_b.composer.detail()
        return detail.owner.name if detail is not None and detail.owner is not None else None

    qtbot.waitUntil(lambda: shown_owner() == "anna", timeout=LIVE_MS)
    # And Ben cannot take it.
    with pytest.raises(OwnedByOther):
        claim_case(db_b, number, find_agent(db_b, "ben"))


def test_a_reply_from_one_desktop_updates_the_others_list(qtbot, make_window, two_databases):
    db_a, db_b = two_databases
    number = new_case(db_a, "Can I change my delivery address?", owner="anna")
    desk_b = _desk(qtbot, make_window, db_b, "ben", view=View.ALL)
    qtbot.waitUntil(lambda: desk_b.case_model.row_of(number) is not None, timeout=WAIT_MS)
    row = desk_b.case_model.row_of(number)
    assert row is not None
    assert desk_b.case_model.summary(row).status is CaseStatus.OPEN

    write_on_case(
        db_a, number, agent=find_agent(db_a, "anna"), text="Yes, done.", mode=ReplyMode.REPLY
    )

    def waiting() -> bool:
        r = desk_b.case_model.row_of(number)
        return r is not None and desk_b.case_model.summary(r).status is (
            CaseStatus.WAITING_ON_CUSTOMER
        )

    qtbot.waitUntil(waiting, timeout=LIVE_MS)


def test_a_new_case_from_outside_appears_in_the_list(qtbot, make_window, two_databases):
    db_a, db_b = two_databases
    desk_b = _desk(qtbot, make_window, db_b, "ben", view=View.ALL)
    before = desk_b.case_model.rowCount()
    number = new_case(db_a, "Hello, my invoice is wrong.")
    qtbot.waitUntil(lambda: desk_b.case_model.row_of(number) is not None, timeout=LIVE_MS)
    assert desk_b.case_model.rowCount() == before + 1


def test_colleagues_on_the_same_case_are_shown(qtbot, make_window, two_databases):
    db_a, db_b = two_databases
    number = new_case(db_a, "My login does not work.", owner="anna")
    desk_a = _desk(qtbot, make_window, db_a, "anna", view=View.ALL)
    desk_a.open_case(number)
    qtbot.waitUntil(lambda: desk_a.composer.current_number() == number, timeout=WAIT_MS)
    qtbot.waitUntil(desk_a.task_runner.is_idle, timeout=WAIT_MS)

    desk_b = _desk(qtbot, make_window, db_b, "ben", view=View.ALL)
    desk_b.open_case(number)
    bar = desk_b.presence_bar
    qtbot.waitUntil(lambda: "Anna Schmidt is viewing" in bar.text(), timeout=WAIT_MS)
    assert not bar.isHidden()

    desk_a.write(ReplyMode.REPLY)
    desk_a.composer.set_text("Please try resetting your password here:")
    qtbot.waitUntil(desk_a.task_runner.is_idle, timeout=WAIT_MS)
    desk_b.case_presence.look()
    qtbot.waitUntil(lambda: "Anna Schmidt is replying" in bar.text(), timeout=WAIT_MS)

    # Anna moves on to another case: she leaves this one.
    other = case_detail(db_a, new_case(db_a, "Another question.", owner="anna")).case.number
    desk_a.open_case(other)
    qtbot.waitUntil(lambda: desk_a.composer.current_number() == other, timeout=WAIT_MS)
    qtbot.waitUntil(desk_a.task_runner.is_idle, timeout=WAIT_MS)
    desk_b.case_presence.look()
    qtbot.waitUntil(bar.isHidden, timeout=WAIT_MS)


def test_a_reply_is_stopped_when_the_customer_wrote_meanwhile(qtbot, make_window, two_databases):
    from PySide6.QtCore import Qt

    from omnidesk.core.enums import Channel, Direction
    from omnidesk.store.messages import NewMessage, insert_message

    db_a, db_b = two_databases
    number = new_case(db_a, "Where is my parcel? It was due on Monday.", owner="anna")
    desk = _desk(qtbot, make_window, db_a, "anna", view=View.ALL)
    desk.open_case(number)
    qtbot.waitUntil(lambda: desk.composer.current_number() == number, timeout=WAIT_MS)
    desk.write(ReplyMode.REPLY)
    desk.composer.set_text("Your parcel left our warehouse today and arrives on Friday.")

    # Meanwhile the customer writes again (through the other connection: the gateway).
    with db_b.write() as session:
        insert_message(
            session,
            case_detail(db_b, number).case.id,
            NewMessage(Channel.EMAIL, Direction.IN, "Kim Lee", "Never mind, I got it today!"),
        )

    qtbot.mouseClick(desk.composer.ui.send, Qt.MouseButton.LeftButton)
    problem = desk.composer.ui.problem
    qtbot.waitUntil(lambda: "something new arrived" in problem.text(), timeout=WAIT_MS)
    assert [m.direction for m in case_detail(db_a, number).messages] == [
        Direction.IN,
        Direction.IN,
    ], "nothing was sent"
    qtbot.waitUntil(
        lambda: "I got it today" in desk.detail_pane.conversation_text(), timeout=LIVE_MS
    )
    assert desk.composer.text().startswith("Your parcel"), "the draft is kept"

    # Having seen it, the agent sends anyway (or rewrites): now it goes.
    desk.composer.set_text("Glad your parcel arrived after all! Have a good day.")
    with qtbot.waitSignal(desk.composer.sig_written, timeout=WAIT_MS):
        qtbot.mouseClick(desk.composer.ui.send, Qt.MouseButton.LeftButton)
    assert case_detail(db_a, number).messages[-1].direction is Direction.OUT


@pytest.mark.postgres
def test_a_desktop_rides_out_a_database_restart_and_catches_up(
    qtbot, make_window, pg_server, pg_demo
):
    desk = _desk(qtbot, make_window, pg_demo, "ben", view=View.ALL)
    live = desk.start_live_updates()
    states: list[bool] = []
    live.sig_connected.connect(states.append)
    desk.write(ReplyMode.NOTE)
    desk.composer.set_text("half-written note")
    qtbot.waitUntil(lambda: live.following, timeout=10_000)

    pg_server.stop()
    try:
        qtbot.waitUntil(lambda: states[-1:] == [False], timeout=10_000)
        assert "Connection to the database lost" in desk.statusBar().currentMessage()
        assert desk.composer.text() == "half-written note", "the draft is kept"
    finally:
        pg_server.start()
    # Written by someone else right after the restart, possibly before the desktop
    # listens again: the feed reads what it missed when it reconnects.
    writer = Database(str(pg_demo.url))
    try:
        number = new_case(writer, "Hello after the restart.")
    finally:
        writer.dispose()
    qtbot.waitUntil(lambda: states[-1:] == [True], timeout=15_000)
    qtbot.waitUntil(lambda: desk.case_model.row_of(number) is not None, timeout=15_000)
