"""``pip install .`` gets everything: resources, migrations, typing marker."""

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_carries_resources_and_migrations(tmp_path: Path):
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(tmp_path)],
        check=True,
        timeout=300,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("omnidesk-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "omnidesk/resources/translations/omnidesk_de.ts" in names
    assert "omnidesk/resources/branding/omnidesk.svg" in names
    assert "omnidesk/store/migrations/env.py" in names
    assert "omnidesk/store/migrations/script.py.mako" in names
    assert "omnidesk/store/migrations/versions/0001_initial_schema.py" in names
    assert "omnidesk/py.typed" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "omnidesk = omnidesk.cli.main:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
