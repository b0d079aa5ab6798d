"""Build the OmniDesk desktop bundle for this operating system.

    .venv/bin/pip install pyinstaller && .venv/bin/python packaging/build.py [--check]

1. Renders the app icon (resources/branding/omnidesk.svg) to PNGs in the hicolor sizes,
   a Windows .ico and a macOS .icns, with Qt's own SVG renderer.
2. Runs PyInstaller on packaging/pyinstaller/omnidesk.spec (one-folder build).
3. On Linux, adds the .desktop file, the AppStream metainfo and the icons, validates
   them (desktop-file-validate, appstreamcli; with --check a failure stops the build),
   and packs a tarball.
Everything goes to packaging/out/. The last line printed is a JSON summary.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "packaging" / "out"
ICONS = OUT / "icons"
APP_ID = "org.omnidesk.OmniDesk"
HICOLOR = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def render_icons() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(ROOT / "resources" / "branding" / "omnidesk.svg"))
    if not renderer.isValid():
        raise SystemExit("build: the icon SVG could not be read")
    ICONS.mkdir(parents=True, exist_ok=True)
    images = {}
    for size in HICOLOR:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"omnidesk-{size}.png"))
        images[size] = image
    for name, size in (("omnidesk.ico", 256), ("omnidesk.icns", 512)):
        if not images[size].save(str(ICONS / name)):
            print(f"build: warning: Qt could not write {name}", file=sys.stderr)


def run_pyinstaller() -> Path:
    env = dict(os.environ, OMNIDESK_ICON_DIR=str(ICONS))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(OUT / "dist"),
            "--workpath",
            str(OUT / "work"),
            str(ROOT / "packaging" / "pyinstaller" / "omnidesk.spec"),
        ],
        check=True,
        env=env,
    )
    return OUT / "dist" / "omnidesk"


def linux_tree(bundle: Path, check: bool) -> Path:
    """``share/`` beside the bundle, laid out as an installation prefix expects."""
    share = bundle / "share"
    (share / "applications").mkdir(parents=True, exist_ok=True)
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    desktop = share / "applications" / f"{APP_ID}.desktop"
    metainfo = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    shutil.copy(ROOT / "packaging" / "linux" / desktop.name, desktop)
    shutil.copy(ROOT / "packaging" / "linux" / metainfo.name, metainfo)
    for size in HICOLOR:
        target = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copy(ICONS / f"omnidesk-{size}.png", target / f"{APP_ID}.png")
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "resources" / "branding" / "omnidesk.svg", scalable / f"{APP_ID}.svg")
    validate(
        [
            ["desktop-file-validate", str(desktop)],
            ["appstreamcli", "validate", "--no-net", "--pedantic", str(metainfo)],
        ],
        check,
    )
    return share


def validate(commands: list[list[str]], check: bool) -> None:
    for command in commands:
        if shutil.which(command[0]) is None:
            message = f"build: {command[0]} is not installed; skipping that validation"
            if check:
                raise SystemExit(message.replace("skipping", "cannot run"))
            print(message, file=sys.stderr)
            continue
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            print(result.stdout + result.stderr, file=sys.stderr)
            if check:
                raise SystemExit(f"build: {command[0]} found problems")


def size_of(path: Path) -> int:
    """Bytes on disk, counting a symlinked library once."""
    return sum(f.lstat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="fail when a validator is missing or reports problems"
    )
    args = parser.parse_args()
    from omnidesk import __version__

    render_icons()
    bundle = run_pyinstaller()
    summary: dict[str, object] = {
        "bundle": str(bundle),
        "bundle_bytes": size_of(bundle),
        "system": platform.system(),
        "version": __version__,
    }
    if platform.system() == "Linux":
        linux_tree(bundle, args.check)
        archive = OUT / f"OmniDesk-{__version__}-linux-{platform.machine()}.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(bundle, arcname=f"OmniDesk-{__version__}")
        summary["archive"] = str(archive)
        summary["archive_bytes"] = archive.stat().st_size
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
