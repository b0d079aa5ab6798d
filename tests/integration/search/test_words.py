"""Words, phrases, prefixes, exclusions and OR, with German spelling, on both backends."""

import pytest

from omnidesk.core.errors import InvalidInput


def test_muller_finds_mueller_with_umlaut_in_any_case(desk):
    mueller = desk.case("Grüße aus Köln", customer="Jürgen Müller", address="jm@example.de")
    plain = desk.case("Hallo", customer="Anna Muller", address="am@example.de")
    desk.case("Hallo", customer="Anna Mueller", address="amu@example.de")
    assert desk.found_set("muller") == {mueller, plain}
    assert desk.found_set("MÜLLER") == {mueller, plain}
    assert desk.found_set("müller") == {mueller, plain}
    assert desk.found_set("koln") == {mueller}
    assert desk.found_set("grusse") == {mueller}


def test_mueller_finds_only_the_spelling_with_ue(desk):
    """Documented limit: ue is not folded to ü (it would make 'due' find 'du')."""
    desk.case("Hallo", customer="Jürgen Müller", address="jm@example.de")
    mueller = desk.case("Hallo", customer="Anna Mueller", address="amu@example.de")
    assert desk.found_set("mueller") == {mueller}
    assert len(desk.found_set("mueller OR muller")) == 2


def test_sharp_s_and_double_s_are_one_letter(desk):
    sharp = desk.case("Bitte liefern Sie an die Hauptstraße 5.")
    double = desk.case("Bitte liefern Sie an die Hauptstrasse 7.")
    assert desk.found_set("hauptstrasse") == {sharp, double}
    assert desk.found_set("Hauptstraße") == {sharp, double}
    assert desk.found_set("HAUPTSTRASSE") == {sharp, double}
    assert desk.found_set("hauptstras*") == {sharp, double}
    assert desk.found_set('"hauptstraße 5"') == {sharp}


def test_prefixes_and_no_stemming(desk):
    one = desk.case("Die Rechnung ist falsch.")
    many = desk.case("Beide Rechnungen sind doppelt.")
    desk.case("Die Lieferung fehlt.")
    assert desk.found_set("rech*") == {one, many}
    assert desk.found_set("rechnung") == {one}
    assert desk.found_set("Rechnungen") == {many}


def test_phrases_need_the_words_in_order(desk):
    exact = desk.case("My order 42 never arrived.")
    desk.case("The 42 order forms are ready.")
    desk.case("Order number 42 is late.")
    assert desk.found_set('"order 42"') == {exact}
    assert len(desk.found_set("order 42")) == 3


def test_exclusions_and_or(desk):
    paket = desk.case("Das Paket ist nicht angekommen.")
    parcel = desk.case("The parcel did not arrive.")
    both = desk.case("Paket und Mahnung erhalten.")
    assert desk.found_set("paket OR parcel") == {paket, parcel, both}
    assert desk.found_set("paket -mahnung") == {paket}
    assert desk.found_set("-paket") == {parcel}
    assert desk.found_set('paket -"und mahnung"') == {paket}


def test_every_word_must_be_in_one_message(desk, db):
    from omnidesk.core.enums import ReplyMode
    from omnidesk.services.cases import write_on_case

    anna = desk.agent("anna")
    split = desk.case("I want a refund.")
    write_on_case(db, split, agent=anna, text="Please send the invoice.", mode=ReplyMode.NOTE)
    together = desk.case("Refund of the invoice, please.")
    assert desk.found_set("refund invoice") == {together}
    assert desk.found_set("refund") == {split, together}


def test_names_addresses_and_attachment_names_are_searched(desk):
    case = desk.case(
        "Anbei die Unterlagen.",
        customer="Grace Hopper",
        address="grace.hopper@navy.example",
        attachments=("Rechnung_2024-0042.pdf", "Foto Schaden.jpg"),
    )
    desk.case("Nichts dabei.")
    for query in (
        "hopper",
        "grace.hopper@navy.example",
        "navy",
        "0042",
        "schaden",
        "Rechnung_2024*",
    ):
        assert desk.found_set(query) == {case}, query


def test_syntax_errors_name_the_position(desk):
    with pytest.raises(InvalidInput, match="position 7"):
        desk.found('refund "order 42')
    with pytest.raises(InvalidInput, match="position 0"):
        desk.found("OR refund")
