"""German or English, following the browser (``Accept-Language``) unless ``?lang=``."""

from omnidesk.gateway.assets import strings

LANGUAGES = ("en", "de")
DEFAULT = "en"


def negotiate(accept_language: str | None, override: str | None = None) -> str:
    """The best of our languages for this browser."""
    if override in LANGUAGES:
        return override
    best, best_q = DEFAULT, 0.0
    for part in (accept_language or "").split(",")[:20]:
        tag, _, params = part.strip().partition(";")
        language = tag.strip().lower().split("-")[0]
        q = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        # Strictly greater: of equal preferences the first one listed wins.
        if language in LANGUAGES and q > best_q:
            best, best_q = language, q
    return best


def text(language: str, key: str, **values: object) -> str:
    """A translated string with ``{name}`` placeholders filled in (plain text, not HTML)."""
    template = strings(language).get(key) or strings(DEFAULT)[key]
    return template.format(**values) if values else template
