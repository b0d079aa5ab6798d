"""The ``omnidesk`` command starting the GUI: screenshots, no display, Qt self-check."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _env_without_display(**extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "OMNIDESK_DATA_DIR"}
    }
    env.update(extra)
    return env


def _omnidesk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "omnidesk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env or _env_without_display(),
        check=False,
    )


def test_screenshot_on_a_fresh_install_writes_a_png():
    folder = Path(tempfile.mkdtemp(prefix="omnidesk-shot-"))
    png = folder / "main.png"

    done = _omnidesk("--data-dir", str(folder / "data"), "--screenshot", str(png))

    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    data = png.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert len(data) > 20_000


def test_screenshot_of_a_chosen_view_and_case():
    folder = Path(tempfile.mkdtemp(prefix="omnidesk-shot-"))
    png = folder / "case.png"
    data_dir = str(folder / "data")

    done = _omnidesk(
        "--data-dir", data_dir, "--screenshot", str(png), "--view", "commitments", "--case", "1003"
    )

    assert done.returncode == 0, done.stderr
    assert png.read_bytes().startswith(PNG_SIGNATURE)


def test_screenshot_into_a_missing_folder_fails_clearly():
    folder = Path(tempfile.mkdtemp(prefix="omnidesk-shot-"))
    target = folder / "no" / "such" / "main.png"

    done = _omnidesk("--data-dir", str(folder), "--screenshot", str(target))

    assert done.returncode != 0
    assert "does not exist" in done.stderr
    assert not target.exists()


def test_unknown_view_is_refused():
    folder = Path(tempfile.mkdtemp(prefix="omnidesk-shot-"))
    done = _omnidesk(
        "--data-dir", str(folder), "--screenshot", str(folder / "x.png"), "--view", "inbox"
    )
    assert done.returncode == 2
    assert "unknown view 'inbox'" in done.stderr


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are a Linux matter")
def test_without_a_display_the_app_says_so_instead_of_aborting():
    folder = Path(tempfile.mkdtemp(prefix="omnidesk-nodisplay-"))

    done = _omnidesk("--data-dir", str(folder))

    assert done.returncode == 2
    assert "no display found" in done.stderr
    assert "--screenshot" in done.stderr


def _probe(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "from omnidesk.ui.probe import probe_platform\n"
        "ok, detail = probe_platform()\n"
        "print(ok)\n"
        "print(detail)\n"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        check=False,
    )


def test_probe_falls_back_to_offscreen_without_a_display():
    done = _probe(_env_without_display())
    assert done.returncode == 0, done.stderr
    ok, detail = done.stdout.splitlines()[:2]
    assert ok == "True"
    assert "offscreen" in detail


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is a Linux matter")
def test_probe_survives_a_display_that_does_not_answer():
    # Qt aborts the process when it cannot reach the X server; the probe must not.
    done = _probe(_env_without_display(DISPLAY=":97", QT_QPA_PLATFORM="xcb"))
    assert done.returncode == 0, done.stderr
    ok, detail = done.stdout.splitlines()[:2]
    assert ok == "False"
    assert "cannot start" in detail
