"""Translations: the .ts file is complete and consistent, and German really shows."""

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication

from omnidesk.core.views import View
from omnidesk.ui.i18n import TsTranslator, choose_language, install_translations, plural_index
from omnidesk.ui.resources import resource_path, resources_dir
from omnidesk.ui.timefmt import waiting_text

_PLACEHOLDER = re.compile(r"\{\w+\}|%n")


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    locale = QLocale()
    translators = install_translations(qapp, "de")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(locale)


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
    assert translator.translate("Ctx", "Unknown") == ""
    assert translator.translate("Other", "Open") == ""
    assert not translator.isEmpty()
    assert plural_index("fr", 0) == 0
    assert plural_index("de", 0) == 1
