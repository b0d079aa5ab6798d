"""Print the gateway's requirements: the project's dependencies without the desktop's Qt.

The gateway never imports Qt (import-linter enforces it), so its image leaves out
PySide6 and qasync, several hundred megabytes. Run from the repository root:
``python packaging/docker/gateway_requirements.py > requirements.txt``.
"""

import sys
import tomllib
from pathlib import Path

DESKTOP_ONLY = ("pyside6", "qasync")


def gateway_requirements(pyproject: Path) -> list[str]:
    with pyproject.open("rb") as handle:
        dependencies: list[str] = tomllib.load(handle)["project"]["dependencies"]
    return [d for d in dependencies if not d.lower().replace("_", "-").startswith(DESKTOP_ONLY)]


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    print("\n".join(gateway_requirements(root / "pyproject.toml")))
