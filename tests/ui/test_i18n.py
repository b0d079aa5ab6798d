"""Translations: the .ts file is complete and consistent, and German really shows."""

import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QCoreApplication, QLocale, Qt

from omnidesk.core.views import View
from omnidesk.ui.i18n import TsTranslator, choose_language, install_translations, plural_index
from omnidesk.ui.resources import resource_path, resources_dir
from omnidesk.ui.timefmt import waiting_text

_PLACEHOLDER = re.compile(r"\{\w+\}|%n")


def test_the_german_file_is_found_in_the_checkout():
    folder = resources_dir()
    assert folder is not None
    assert resource_path("translations", "omnidesk_de.ts") is not None


def test_every_german_message_is_translated_with_the_same_placeholders():
    path = resource_path("translations", "omnidesk_de.ts")
    assert path is not None
    root = ET.parse(path).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 50
    for message in messages:
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None, source
        assert translation.get("type") is None, f"unfinished: {source!r}"
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        for form in forms:
            assert form, f"empty translation for {source!r}"
            assert sorted(_PLACEHOLDER.findall(form)) == sorted(_PLACEHOLDER.findall(source))


def test_german_translates_the_window(german, demo_db, make_window):
    window = make_window(demo_db)

    assert window.action_claim.text() == "Ü&bernehmen"
    assert window.action_refresh.text() == "&Aktualisieren"
    sidebar = window.sidebar_model
    assert sidebar.index(sidebar.row_of(View.MINE), 0).data() == "Meine Fälle"
    assert window.case_model.headerData(0, Qt.Orientation.Horizontal) == "Fall"
    assert waiting_text(datetime.now(UTC) - timedelta(days=2), datetime.now(UTC)) == "2 Tage"
    assert waiting_text(datetime.now(UTC) - timedelta(days=1), datetime.now(UTC)) == "1 Tag"
    # The parts added with the composer, the actions and the menus speak German too.
    assert window.commands.reply.text() == "&Antworten"
    assert window.commands.resolve.text() == "&Lösen"
    assert [a.text() for a in window.menuBar().actions()] == [
        "&Datei",
        "&Fall",
        "&Gehe zu",
        "&Hilfe",
    ]
    assert window.composer.ui.note_button.text() == "Interne Notiz"
    assert window.composer.ui.channel.itemText(0) == "per E-Mail"
    assert window.search_box.field.placeholderText().startswith("Suche:")


def test_an_untranslated_string_shows_its_source_text(german, qapp):
    # A string not (yet) in the .ts file must read in English, never as a blank label.
    assert QCoreApplication.translate("Nowhere", "Not translated") == "Not translated"
    assert QCoreApplication.translate("Nowhere", "%n item(s)", None, 3) == "3 item(s)"


def test_english_needs_no_translator(qapp):
    assert install_translations(qapp, "en") == []


def test_language_choice():
    assert choose_language("de") == "de"
    assert choose_language("DE-at") == "de"
    assert choose_language("auto") == QLocale.system().name().split("_")[0].lower()


def test_translator_answers_from_parsed_messages(qapp):
    translator = TsTranslator(
        {("Ctx", "%n case(s)", ""): ("%n Fall", "%n Fälle"), ("Ctx", "Open", ""): ("Offen",)},
        language="de",
    )
    assert translator.translate("Ctx", "Open") == "Offen"
    assert translator.translate("Ctx", "%n case(s)", None, 1) == "%n Fall"
    assert translator.translate("Ctx", "%n case(s)", None, 4) == "%n Fälle"
    assert translator.translate("Ctx", "Unknown") is None
    assert translator.translate("Other", "Open") is None
    assert not translator.isEmpty()
    assert plural_index("fr", 0) == 0
    assert plural_index("de", 0) == 1
