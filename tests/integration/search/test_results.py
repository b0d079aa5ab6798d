"""Results: one row per case with its best message and a snippet; ranking; paging."""

import pytest

from omnidesk.core.enums import CaseStatus, ReplyMode
from omnidesk.core.errors import InvalidInput
from omnidesk.core.query import parse_query
from omnidesk.services.cases import case_detail, write_on_case
from omnidesk.services.search import ELLIPSIS, HIGHLIGHT_END, HIGHLIGHT_START
from omnidesk.store import search
from tests.integration.search.conftest import BERLIN, NOW

FILLER = " ".join(["Wir haben den Vorgang geprüft und melden uns bald wieder."] * 12)


def test_a_case_with_many_matches_is_one_hit_with_its_best_message(desk, db):
    anna = desk.agent("anna", "Anna Schmidt")
    number = desk.case("Die Waschmaschine leckt.", customer="Jürgen Müller", address="jm@x.de")
    write_on_case(db, number, agent=anna, text="Ist die Waschmaschine neu?", mode=ReplyMode.REPLY)
    write_on_case(db, number, agent=anna, text="Techniker kommt.", mode=ReplyMode.NOTE)
    (hit,) = desk.hits("waschmaschine")
    detail = case_detail(db, number)
    assert hit.case_number == number
    assert hit.subject == "Anfrage"
    assert hit.status is CaseStatus.WAITING_ON_CUSTOMER
    assert (hit.owner, hit.customer) == ("anna", "Jürgen Müller")
    matching = [m for m in detail.messages if "Waschmaschine" in m.body_text]
    assert len(matching) == 2
    assert hit.message_id in [m.id for m in matching]
    assert hit.matched_at in [m.created_at for m in matching]
    assert f"{HIGHLIGHT_START}Waschmaschine{HIGHLIGHT_END}" in hit.snippet
    assert "\n" not in hit.snippet


def test_snippets_mark_every_word_and_cut_long_texts(desk):
    desk.case(f"{FILLER} Die Rechnung vom März ist doppelt. {FILLER}")
    (hit,) = desk.hits("rechnung märz")
    assert f"{HIGHLIGHT_START}Rechnung{HIGHLIGHT_END}" in hit.snippet
    assert f"{HIGHLIGHT_START}März{HIGHLIGHT_END}" in hit.snippet
    assert len(hit.snippet) < 300
    if desk.db.backend == "sqlite":
        assert hit.snippet.startswith(ELLIPSIS)


def test_a_match_only_in_a_name_shows_that_field(desk):
    desk.case("Guten Tag", customer="Grace Hopper", address="grace@navy.example")
    (hit,) = desk.hits("hopper")
    assert f"{HIGHLIGHT_START}Hopper{HIGHLIGHT_END}" in hit.snippet


def test_control_characters_in_texts_never_look_like_highlights(desk):
    desk.case("Eins \x02zwei\x03 drei Rechnung")
    (hit,) = desk.hits("zwei")
    assert hit.snippet.count(HIGHLIGHT_START) == hit.snippet.count(HIGHLIGHT_END) == 1


def test_filters_alone_list_the_newest_first_with_the_start_of_the_text(desk):
    old = desk.case("Alter Fall", days_ago=9)
    middle = desk.case("Mittlerer Fall", days_ago=5)
    new = desk.case("Neuer Fall " + FILLER, days_ago=1)
    hits = desk.hits("status:new")
    assert [h.case_number for h in hits] == [new, middle, old]
    assert hits[0].snippet.startswith("Neuer Fall Wir haben")
    assert hits[0].snippet.endswith("…")
    assert HIGHLIGHT_START not in hits[0].snippet
    assert desk.found("") == [new, middle, old]


def test_relevance_ranks_within_the_window(desk):
    subject = desk.case("Guten Tag", subject="Garantie für den Toaster", days_ago=9)
    twice = desk.case("Garantie? Die Garantie gilt zwei Jahre.", days_ago=5)
    buried = desk.case(f"{FILLER} Garantie {FILLER}", days_ago=1)
    assert desk.found("garantie") == [subject, twice, buried]


def test_newest_means_the_order_messages_arrived_in(desk):
    """An import of old mail keeps its file order, whatever dates the messages carry."""
    first = desk.case("Paket fehlt", days_ago=2)
    second = desk.case("Paket fehlt", days_ago=30)
    assert desk.found("paket") == [second, first]
    assert desk.found("status:new") == [second, first]


def test_equal_relevance_puts_the_newer_case_first(desk):
    older = desk.case("Paket fehlt", days_ago=3)
    newer = desk.case("Paket fehlt", days_ago=2)
    assert desk.found("paket") == [newer, older]


def test_paging_beyond_the_window_continues_newest_first(desk, db):
    numbers = [desk.case(f"Lieferung {i} " + "extra " * i, days_ago=30 - i) for i in range(9)]
    query = parse_query("lieferung", now=NOW, tz=BERLIN)
    pages = []
    with db.read() as session:
        for offset in range(0, 10, 2):
            rows = search.search(
                session, query, me=None, now=NOW, limit=2, offset=offset, window_cases=4
            )
            pages.append([int(r.case_number) for r in rows])
    found = [n for page in pages for n in page]
    assert sorted(found) == sorted(numbers)
    # The window holds the four newest cases, ranked (short texts first); older ones follow
    # newest first.
    assert found[:4] == [numbers[5], numbers[6], numbers[7], numbers[8]]
    assert found[4:] == [numbers[4], numbers[3], numbers[2], numbers[1], numbers[0]]
    assert pages[-1] == [numbers[0]]


def test_offset_pages_match_one_long_page(desk):
    for i in range(7):
        desk.case(f"Gutschein {i}", days_ago=i + 1)
    everything = desk.found("gutschein", limit=7)
    pages = [desk.found("gutschein", limit=3, offset=o) for o in (0, 3, 6)]
    assert [n for page in pages for n in page] == everything
    assert desk.found("gutschein", limit=3, offset=50) == []


@pytest.mark.parametrize(("limit", "offset"), [(0, 0), (501, 0), (10, -1)])
def test_limits_are_checked(desk, limit, offset):
    with pytest.raises(InvalidInput):
        desk.found("x", limit=limit, offset=offset)
