"""Notifications and unread markers: new customer messages on my cases, commitments due."""

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from omnidesk.core.enums import CommitmentKind
from omnidesk.core.ids import CaseNumber
from omnidesk.core.views import View
from omnidesk.services.agents import find_agent
from omnidesk.services.commitments import add_commitment
from omnidesk.services.ingest_email import InboundEmail, IngestPolicy, ingest_email
from omnidesk.store.engine import Database
from omnidesk.ui.models.case_table import Column

from .helpers import WAIT_MS, new_case, started


def _customer_writes(db: Database, number: CaseNumber, text: str) -> None:
    """Kim answers by mail; the case token in the subject threads it into the case."""
    ingest_email(
        db,
        InboundEmail(
            raw=b"From: kim.lee@example.net\r\n\r\n" + text.encode(),
            from_address="kim.lee@example.net",
            from_name="Kim Lee",
            subject=f"Re: Parcel [#{number}]",
            text=text,
            message_id=f"<{number}-{len(text)}@mail.example.net>",
            sent_at=datetime.now(UTC),
        ),
        source=None,
        policy=IngestPolicy(),
    )


def _watching(qtbot, window):
    """The window with the notifier's first look (taking stock) done."""
    qtbot.waitUntil(lambda: window.notifier._marks != {}, timeout=WAIT_MS)
    qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)
    return window


def test_a_new_customer_message_notifies_and_marks_the_case_unread(
    demo_db, make_window, qtbot, tmp_path
):
    watched = new_case(demo_db, "Where is my parcel?", owner="anna")
    elsewhere = new_case(demo_db, "Wrong invoice", owner="anna", subject="Invoice")
    window = _watching(
        qtbot,
        started(qtbot, make_window(demo_db, agent="anna"), view=View.MINE, case=elsewhere),
    )
    _customer_writes(demo_db, watched, "It is still not here! Please call me.")

    with qtbot.waitSignal(window.notifier.sig_notification, timeout=WAIT_MS) as told:
        window.notifier.look()

    title, text, number = told.args
    assert title == f"New message on #{watched}: Parcel"
    assert text == "Kim Lee: It is still not here! Please call me."
    assert number == watched
    # Without a tray (offscreen) the status bar says it.
    assert f"New message on #{watched}" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.case_model.is_unread(watched), timeout=WAIT_MS)
    row = window.case_model.row_of(watched)
    assert row is not None
    assert window.case_model.index(row, Column.SUBJECT).data(Qt.ItemDataRole.FontRole).bold()
    assert window.case_model.index(row, Column.NUMBER).data(Qt.ItemDataRole.DecorationRole)
    assert str(watched) in (tmp_path / "unread.json").read_text(encoding="utf-8")

    window.open_case(watched)
    qtbot.waitUntil(lambda: not window.case_model.is_unread(watched), timeout=WAIT_MS)
    assert str(watched) not in (tmp_path / "unread.json").read_text(encoding="utf-8")


def test_starting_up_announces_nothing_old(demo_db, make_window, qtbot):
    new_case(demo_db, "Where is my parcel?", owner="anna")
    window = make_window(demo_db, agent="anna")
    told: list[tuple[str, str, int]] = []
    window.notifier.sig_notification.connect(lambda *args: told.append(args))
    _watching(qtbot, started(qtbot, window, view=View.MINE))
    window.notifier.look()
    qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)
    assert [t for t in told if t[0].startswith("New message")] == []


def test_unread_markers_survive_a_restart(demo_db, make_window, qtbot, tmp_path):
    watched = new_case(demo_db, "Where is my parcel?", owner="anna")
    elsewhere = new_case(demo_db, "Wrong invoice", owner="anna", subject="Invoice")
    first = _watching(
        qtbot,
        started(qtbot, make_window(demo_db, agent="anna"), view=View.MINE, case=elsewhere),
    )
    _customer_writes(demo_db, watched, "Any news?")
    first.notifier.look()
    qtbot.waitUntil(lambda: first.case_model.is_unread(watched), timeout=WAIT_MS)
    first.close()

    second = started(qtbot, make_window(demo_db, agent="anna"), view=View.MINE, case=elsewhere)
    assert second.case_model.is_unread(watched)


def test_a_commitment_coming_due_is_announced_once(demo_db, make_window, qtbot):
    number = new_case(demo_db, "Where is my parcel?", owner="anna")
    add_commitment(
        demo_db,
        number,
        actor=find_agent(demo_db, "anna"),
        kind=CommitmentKind.CALLBACK,
        due_at=datetime.now(UTC) + timedelta(minutes=10),
    )
    window = make_window(demo_db, agent="anna")
    told: list[tuple[str, str, int]] = []
    window.notifier.sig_notification.connect(lambda *args: told.append(args))
    _watching(qtbot, started(qtbot, window, view=View.MINE))

    window.notifier.look()
    qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)

    due = [t for t in told if t[2] == number]
    assert len(due) == 1
    assert due[0][0] == f"Due soon on #{number}: Call back"
    assert due[0][1].startswith("Parcel — due today") or due[0][1].startswith(
        "Parcel — due tomorrow"
    )


def test_notifications_can_be_switched_off(demo_db, make_window, qtbot):
    from omnidesk.config.settings import Settings

    settings = Settings(agent="anna", extra={"desktop": {"notify_new_messages": False}})
    watched = new_case(demo_db, "Where is my parcel?", owner="anna")
    window = make_window(demo_db, agent="anna", settings=settings)
    told: list[tuple[str, str, int]] = []
    window.notifier.sig_notification.connect(lambda *args: told.append(args))
    _watching(qtbot, started(qtbot, window, view=View.MINE))
    _customer_writes(demo_db, watched, "Hello again")
    window.notifier.look()
    qtbot.waitUntil(lambda: window.case_model.is_unread(watched), timeout=WAIT_MS)
    # Still marked unread, just not announced (the demo's overdue promises still are).
    assert [t for t in told if t[0].startswith("New message")] == []


def test_a_colleagues_promise_overdue_past_the_grace_is_told_to_the_team(
    demo_db, make_window, qtbot
):
    from sqlalchemy import update
    from sqlmodel import col

    from omnidesk.core.commitments import TEAM_GRACE
    from omnidesk.store.tables import CommitmentRow

    late = new_case(demo_db, "Please call me back about the refund.", owner="ben")
    recent = new_case(demo_db, "Please call me about the parcel.", owner="ben")
    for number, overdue_by in ((late, TEAM_GRACE * 2), (recent, TEAM_GRACE / 2)):
        promise = add_commitment(
            demo_db,
            number,
            actor=find_agent(demo_db, "ben"),
            kind=CommitmentKind.CALLBACK,
            due_at=datetime.now(UTC) + timedelta(minutes=10),
        )
        with demo_db.write() as session:  # time passes: the promise is now overdue
            session.execute(
                update(CommitmentRow)
                .where(col(CommitmentRow.id) == promise.id)
                .values(due_at=datetime.now(UTC) - overdue_by)
            )
    window = make_window(demo_db, agent="anna")
    told: list[tuple[str, str, int]] = []
    window.notifier.sig_notification.connect(lambda *args: told.append(args))
    _watching(qtbot, started(qtbot, window, view=View.MINE))

    window.notifier.look()
    qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)
    window.notifier.look()
    qtbot.waitUntil(window.task_runner.is_idle, timeout=WAIT_MS)

    assert [t[0] for t in told if t[2] == late] == [
        f"ben's promise on #{late} is overdue: Call back"
    ], "told once, and only past the grace"
    assert [t for t in told if t[2] == recent] == []
