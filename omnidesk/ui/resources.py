"""Finding the non-Python files (translations, icons) in a wheel and in a source checkout."""

from pathlib import Path

import omnidesk

_PACKAGE_DIR = Path(omnidesk.__file__).resolve().parent


def resources_dir() -> Path | None:
    """The ``resources`` folder, or None when this installation ships none.

    A wheel puts it inside the package (``omnidesk/resources``, see pyproject's
    ``force-include``); an editable install or a checkout has it at the repository root.
    """
    packaged = _PACKAGE_DIR / "resources"
    if packaged.is_dir():
        return packaged
    checkout = _PACKAGE_DIR.parent
    # Only a real checkout: a stray "resources" folder next to site-packages is someone else's.
    if (checkout / "pyproject.toml").is_file() and (checkout / "resources").is_dir():
        return checkout / "resources"
    return None


def resource_path(*parts: str) -> Path | None:
    """A file or folder inside ``resources``, or None when it does not exist."""
    root = resources_dir()
    if root is None:
        return None
    candidate = root.joinpath(*parts)
    return candidate if candidate.exists() else None
