"""Can Qt start here? The GUI half of ``omnidesk self-check``.

A Qt platform plugin that cannot start (no X server, missing xcb libraries) makes
Qt abort the whole process, which no ``try`` can catch. So a real display platform
is first tried in a child process; only "offscreen", which needs nothing from the
system, is started directly when no display exists.
"""

import os
import subprocess
import sys

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion
from PySide6.QtGui import QGuiApplication

_CHILD_TIMEOUT_S = 30


def display_available() -> bool:
    """False on Linux without an X11 or Wayland session and without a chosen Qt platform."""
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def probe_platform() -> tuple[bool, str]:
    """Start Qt if it is not running yet; return (works, what was found or what failed)."""
    try:
        app = QGuiApplication.instance()
        note = ""
        if app is None:
            arguments = ["omnidesk-self-check"]
            if not display_available():
                arguments += ["-platform", "offscreen"]
                note = " (no display found, checked offscreen)"
            elif not getattr(sys, "frozen", False):
                failure = _failure_in_child()
                if failure:
                    return False, failure
            app = QGuiApplication(arguments)
        platform = QGuiApplication.platformName()
    except Exception as exc:  # Qt or the bindings failing in any way is the finding itself
        return False, f"Qt cannot start: {type(exc).__name__}: {exc}"
    return True, f"Qt {qVersion()} (PySide6 {pyside_version}), platform plugin {platform!r}{note}"


def _failure_in_child() -> str | None:
    """Start Qt in a child process; None when it worked, else what Qt said before dying."""
    code = "from PySide6.QtGui import QGuiApplication; QGuiApplication(['probe'])"
    try:
        done = subprocess.run(  # noqa: S603  (our own interpreter, fixed code)
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=_CHILD_TIMEOUT_S,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"cannot test the Qt platform plugin: {exc}"
    if done.returncode == 0:
        return None
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    said = " ".join(lines[-3:]) if lines else f"exit code {done.returncode}"
    return f"the Qt platform plugin cannot start: {said}"
