"""The Linux bundle builds on this machine, stays free of GTK, and really starts.

Builds with ``packaging/build.py --check`` (PyInstaller, icons, .desktop and AppStream
validated), then runs the frozen ``omnidesk`` with ``self-check`` and ``--screenshot``
on a fresh data folder, as a person unpacking the tarball would.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "packaging" / "out" / "dist" / "omnidesk"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def build() -> dict[str, object]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"\nbundle: {summary['bundle_bytes'] / 1e6:.0f} MB, "
        f"tarball: {summary['archive_bytes'] / 1e6:.0f} MB"
    )
    return dict(summary)


def run_bundle(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BUNDLE / "omnidesk"), "--data-dir", str(data_dir), *argv],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(data_dir)},
    )


def test_the_frozen_app_passes_its_self_check(build, tmp_path: Path):
    result = run_bundle(tmp_path, "self-check", "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    checks = {c["name"]: c for c in report["checks"]}
    assert checks["migrations"]["level"] == "ok"
    assert checks["qt"]["level"] == "ok"
    assert "offscreen" in checks["qt"]["detail"]
    # The keyring backends are bundled: the chainer or a real backend is found, not
    # an ImportError (on a machine without a desktop session it is the fail backend).
    assert checks["keyring"]["detail"].startswith("keyring.backends.")


def test_the_frozen_app_renders_its_window(build, tmp_path: Path):
    shot = tmp_path / "inbox.png"
    result = run_bundle(tmp_path, "--screenshot", str(shot))
    assert result.returncode == 0, result.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a real window, not an empty canvas


def test_no_gtk_and_no_build_machine_extras_in_the_bundle(build):
    libraries = {p.name for p in (BUNDLE / "_internal").rglob("*.so*")}
    assert not {n for n in libraries if n.startswith(("libgtk", "libgdk-3", "libqgtk3"))}
    share = BUNDLE / "share"
    assert (share / "applications" / "org.omnidesk.OmniDesk.desktop").is_file()
    assert (share / "metainfo" / "org.omnidesk.OmniDesk.metainfo.xml").is_file()
    assert (
        share / "icons" / "hicolor" / "256x256" / "apps" / "org.omnidesk.OmniDesk.png"
    ).is_file()
    assert int(str(build["bundle_bytes"])) < 400_000_000


def test_the_frozen_app_imports_mail_with_a_parser_process(build, tmp_path: Path):
    """``import`` parses in a worker process (forkserver): that must work frozen, too."""
    mbox = tmp_path / "old.mbox"
    mbox.write_bytes(
        b"".join(
            b"From kunde@example.de Tue Nov 24 09:30:00 2026\n"
            + f"From: Kunde <kunde{i}@example.de>\nSubject: Frage {i}\n".encode()
            + f"Message-ID: <frage{i}@example.de>\n".encode()
            + b"Date: Tue, 24 Nov 2026 09:30:00 +0100\n\nHallo\n\n"
            for i in range(3)
        )
    )
    result = run_bundle(tmp_path, "import", str(mbox), "--json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["outcomes"] == {"new_case": 3}
