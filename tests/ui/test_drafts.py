"""Drafts survive a restart, follow their case, and never lose text to a bad file."""

import json
from datetime import UTC, datetime

from omnidesk.core.enums import Channel, ReplyMode
from omnidesk.core.ids import CaseNumber
from omnidesk.ui.composer.drafts import Draft, DraftStore
from omnidesk.ui.composer.saved_replies import fill_placeholders, first_name, saved_replies_from

from .helpers import WAIT_MS, new_case, started

QUESTION = "Where is my parcel?"


def test_a_draft_survives_closing_and_reopening_the_window(demo_db, make_window, qtbot, tmp_path):
    number = new_case(demo_db, QUESTION, owner="anna")
    first = started(qtbot, make_window(demo_db, agent="anna", data_dir=tmp_path), case=number)
    first.write(ReplyMode.NOTE)
    first.composer.set_text("Half-written note about the carrier")
    first.close()  # saves at once, without waiting for the typing pause

    second = started(qtbot, make_window(demo_db, agent="anna", data_dir=tmp_path), case=number)

    assert second.composer.text() == "Half-written note about the carrier"
    assert second.composer.mode() is ReplyMode.NOTE
    assert second.composer.ui.draft_state.text().startswith("Draft from")


def test_each_case_keeps_its_own_draft(demo_db, make_window, qtbot, tmp_path):
    one = new_case(demo_db, QUESTION, owner="anna")
    two = new_case(demo_db, "Wrong invoice", owner="anna", subject="Invoice")
    window = started(qtbot, make_window(demo_db, agent="anna", data_dir=tmp_path), case=one)
    window.composer.set_text("reply for one")

    window.open_case(two)
    qtbot.waitUntil(lambda: window.composer.current_number() == two, timeout=WAIT_MS)
    assert window.composer.text() == ""
    window.composer.set_text("reply for two")
    window.open_case(one)
    qtbot.waitUntil(lambda: window.composer.current_number() == one, timeout=WAIT_MS)

    assert window.composer.text() == "reply for one"
    assert DraftStore(tmp_path / "drafts").cases_with_drafts() == sorted([one, two])


def test_drafts_are_saved_while_typing(demo_db, make_window, qtbot, tmp_path):
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna", data_dir=tmp_path), case=number)
    store = DraftStore(tmp_path / "drafts")

    window.composer.ui.editor.insertPlainText("typed")

    qtbot.waitUntil(lambda: store.load(number) is not None, timeout=WAIT_MS)
    draft = store.load(number)
    assert draft is not None
    assert draft.text == "typed"
    assert draft.channel is Channel.EMAIL
    assert window.composer.ui.draft_state.text().startswith("Draft saved")


def test_store_round_trip_and_empty_drafts(tmp_path):
    store = DraftStore(tmp_path / "drafts")
    number = CaseNumber(1042)
    saved_at = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)
    store.save(number, Draft(text="Hallo 🙂", mode=ReplyMode.NOTE, channel=None, saved_at=saved_at))

    assert store.load(number) == Draft(
        text="Hallo 🙂", mode=ReplyMode.NOTE, channel=None, saved_at=saved_at
    )
    store.save(number, Draft(text="  \n"))
    assert store.load(number) is None
    assert not store.path(number).exists()
    assert store.load(CaseNumber(7)) is None


def test_an_unreadable_draft_is_set_aside_not_deleted(tmp_path):
    store = DraftStore(tmp_path)
    number = CaseNumber(1042)
    store.path(number).write_text("{not json", encoding="utf-8")

    assert store.load(number) is None
    assert (tmp_path / "case-1042.unreadable").read_text(encoding="utf-8") == "{not json"
    assert store.cases_with_drafts() == []


def test_a_stored_on_behalf_mode_comes_back_as_a_plain_reply(tmp_path):
    # "On behalf" is asked at every send, never remembered.
    store = DraftStore(tmp_path)
    store.path(CaseNumber(5)).write_text(
        json.dumps({"version": 1, "text": "x", "mode": "on_behalf"}), encoding="utf-8"
    )
    draft = store.load(CaseNumber(5))
    assert draft is not None
    assert draft.mode is ReplyMode.REPLY


def test_saved_replies_fill_what_is_known_and_keep_the_rest():
    values = {"first_name": "Kim", "case": "#1042", "agent": ""}
    text = "Hello {{first_name}}, about {{ case }}: {{order}}. {{agent}}"
    assert fill_placeholders(text, values) == "Hello Kim, about #1042: {{order}}. {{agent}}"
    assert first_name("Jörg Krüger") == "Jörg"
    assert first_name("") == ""
    replies = saved_replies_from({"Thanks": "Thank you!", "Empty": " ", "Bad": 3})
    assert [r.title for r in replies] == ["Thanks"]


def test_a_saved_reply_is_inserted_with_the_case_filled_in(demo_db, make_window, qtbot):
    from omnidesk.config.settings import Settings

    settings = Settings(
        agent="anna",
        extra={"desktop": {"saved_replies": {"Delay": "Hi {{first_name}}, {{case}} is on it."}}},
    )
    number = new_case(demo_db, QUESTION, owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna", settings=settings), case=number)

    [action] = window.composer.ui.saved_replies.menu().actions()
    assert action.text() == "Delay"
    action.trigger()

    assert window.composer.text() == f"Hi Kim, #{number} is on it."


def test_a_draft_remembers_what_it_answers(tmp_path):
    store = DraftStore(tmp_path)
    store.save(CaseNumber(3), Draft(text="Thanks, we check", seen_up_to=41))
    loaded = store.load(CaseNumber(3))
    assert loaded is not None
    assert loaded.seen_up_to == 41
    # A draft from before the mark existed loads without one.
    path = store.path(CaseNumber(4))
    path.write_text(json.dumps({"version": 1, "case": 4, "text": "old"}), encoding="utf-8")
    older = store.load(CaseNumber(4))
    assert older is not None
    assert older.seen_up_to is None
