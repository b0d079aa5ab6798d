"""Translations served straight from Qt Linguist ``.ts`` files, with no compiled ``.qm`` step.

Every UI string goes through Qt (``self.tr`` / ``QCoreApplication.translate``), so
``lupdate`` finds it; :class:`TsTranslator` answers those lookups from the ``.ts``
file itself. That keeps the build free of ``lrelease`` and the repository free of
binary files, at the cost of parsing a small XML file at start-up (a few ms).
"""

import logging
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator

from omnidesk.ui.resources import resource_path

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
"""The language the strings are written in: it needs no translator."""

_Key = tuple[str, str, str]
"""(context, source text, disambiguation)"""

_SKIPPED_TYPES = frozenset({"obsolete", "vanished"})
"""Translations that lupdate keeps for history but that no current string uses."""


class TsTranslator(QTranslator):
    """A ``QTranslator`` whose messages come from a parsed ``.ts`` file."""

    def __init__(
        self,
        messages: dict[_Key, tuple[str, ...]],
        *,
        language: str,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._messages = messages
        self._language = language

    @classmethod
    def from_file(cls, path: Path, parent: QObject | None = None) -> "TsTranslator":
        """Parse a Linguist file; raises ``OSError`` or ``ET.ParseError`` when it is unusable."""
        # The file ships with OmniDesk itself; it is not data from the outside world.
        root = ET.parse(path).getroot()  # noqa: S314
        language = (root.get("language") or path.stem.rsplit("_", 1)[-1]).split("_")[0]
        return cls(parse_messages(root), language=language, parent=parent)

    def language(self) -> str:
        return self._language

    def isEmpty(self) -> bool:
        return not self._messages

    def translate(
        self,
        context: str,
        sourceText: str,
        disambiguation: str | None = None,
        n: int = -1,
    ) -> str | None:
        forms = self._messages.get((context, sourceText, disambiguation or ""))
        if not forms:
            # None (a null QString) tells Qt to ask the next translator, then use the
            # source text. An empty str would be taken as the translation: a blank label.
            return None
        if len(forms) == 1:
            return forms[0]
        return forms[min(plural_index(self._language, n), len(forms) - 1)]


def parse_messages(root: ET.Element) -> dict[_Key, tuple[str, ...]]:
    """The translated messages of a ``<TS>`` tree; untranslated ones are left out."""
    messages: dict[_Key, tuple[str, ...]] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            source = message.findtext("source")
            translation = message.find("translation")
            if source is None or translation is None:
                continue
            if translation.get("type") in _SKIPPED_TYPES:
                continue
            if message.get("numerus") == "yes":
                forms = tuple(form.text or "" for form in translation.iter("numerusform"))
            else:
                forms = (translation.text or "",)
            if all(forms):
                messages[(name, source, message.findtext("comment") or "")] = forms
    return messages


def plural_index(language: str, n: int) -> int:
    """Which ``numerusform`` fits ``n``, for the languages OmniDesk ships (Qt's order)."""
    if language == "fr":
        return 0 if n <= 1 else 1
    # English, German and the other Germanic languages: singular for exactly one.
    return 0 if n == 1 else 1


def choose_language(setting: str) -> str:
    """The two-letter language to show: ``auto`` follows the system locale."""
    wanted = setting.strip().lower()
    if wanted in {"", "auto"}:
        wanted = QLocale.system().name()
    return wanted.replace("-", "_").split("_")[0].lower()


def install_translations(app: QCoreApplication, setting: str) -> list[QTranslator]:
    """Install OmniDesk's and Qt's own translations for ``setting`` ("auto", "de", "en").

    Returns the installed translators; the caller keeps them alive (Qt does not own them).
    """
    language = choose_language(setting)
    if setting.strip().lower() not in {"", "auto"}:
        # A forced language also decides how dates and numbers look.
        QLocale.setDefault(QLocale(language))
    if language == SOURCE_LANGUAGE:
        return []
    installed: list[QTranslator] = []
    ts_file = resource_path("translations", f"omnidesk_{language}.ts")
    if ts_file is None:
        log.info("no OmniDesk translation for %r; showing English", language)
        return []
    try:
        ours = TsTranslator.from_file(ts_file, parent=app)
    except (OSError, ET.ParseError) as exc:
        log.warning("cannot read the translation %s: %s", ts_file, exc)
        return []
    # Qt's own strings: the buttons of standard dialogs ("Yes", "Cancel") and context menus.
    qt_base = QTranslator(app)
    if qt_base.load(
        f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_base)
        installed.append(qt_base)
    app.installTranslator(ours)
    installed.append(ours)
    return installed
