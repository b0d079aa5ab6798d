"""Finding and reading the widget's files (``resources/widget``).

A wheel carries them inside the package (``omnidesk/resources/widget``, see
pyproject's ``force-include``); an editable install or a checkout has them at the
repository root. The same logic as the desktop's resource locator, kept separate so
the gateway never imports the Qt package.
"""

import json
from functools import cache
from pathlib import Path
from typing import Any

import omnidesk
from omnidesk.core.errors import ConfigError

_PACKAGE_DIR = Path(omnidesk.__file__).resolve().parent

STATIC_TYPES = {
    "chat.js": "text/javascript",
    "chat.css": "text/css",
    "form.js": "text/javascript",
    "form.css": "text/css",
}
"""The only files served under /widget/: a fixed list, so no path is ever looked up."""


def widget_dir() -> Path:
    packaged = _PACKAGE_DIR / "resources" / "widget"
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE_DIR.parent
    # Only a real checkout: a stray "resources" folder next to site-packages is someone else's.
    if (checkout / "pyproject.toml").is_file() and (checkout / "resources" / "widget").is_dir():
        return checkout / "resources" / "widget"
    raise ConfigError(
        "the web widget's files (resources/widget) are missing from this installation"
    )


@cache
def read_text(name: str) -> str:
    """A template or static file, read once per process."""
    return (widget_dir() / name).read_text(encoding="utf-8")


@cache
def strings(language: str) -> dict[str, str]:
    data: Any = json.loads(read_text(f"strings/{language}.json"))
    assert isinstance(data, dict)
    return {str(k): str(v) for k, v in data.items()}
