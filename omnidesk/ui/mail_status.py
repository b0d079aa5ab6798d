"""The status bar's word on the mail workers that run inside the app (solo mode).

In solo mode the desktop itself fetches and sends mail, so the person at it is the one
who can fix a refused password or an unreachable server: it must say so where they
look, not only in a log.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QLabel, QWidget

REFRESH_MS = 2_000
_SHORT = 90
"""Characters of the first problem shown in the bar; the tooltip has all of them."""


@dataclass(frozen=True, slots=True)
class WorkerView:
    """What the bar needs of one worker: its account (or "outbox"), state and last error."""

    name: str
    state: str
    last_error: str | None


@dataclass(frozen=True, slots=True)
class MailSummary:
    text: str
    tooltip: str
    problem: bool


def _tr(text: str) -> str:
    return QCoreApplication.translate("MailStatus", text)


def _who(name: str) -> str:
    return _tr("outgoing mail") if name == "outbox" else name


def summarize(workers: Sequence[WorkerView]) -> MailSummary | None:
    """None when no mail is configured; else one line, and every problem in the tooltip."""
    if not workers:
        return None
    troubled = [w for w in workers if w.last_error]
    if troubled:
        first = troubled[0]
        error = " ".join((first.last_error or "").split())
        short = error if len(error) <= _SHORT else error[: _SHORT - 1] + "…"
        text = _tr("⚠ Mail: {name}: {error}").format(name=_who(first.name), error=short)
        tooltip = "\n\n".join(f"{_who(w.name)}: {w.last_error}" for w in troubled)
        return MailSummary(text, tooltip, True)
    if any(w.state in {"starting", "fetching"} for w in workers):
        text = _tr("Mail: checking…")
    else:
        text = _tr("Mail: up to date")
    names = ", ".join(_who(w.name) for w in workers)
    return MailSummary(text, _tr("Mail accounts: {names}").format(names=names), False)


class MailStatusLabel(QLabel):
    """Reads the workers' statuses every two seconds (they live on the same event loop)."""

    def __init__(
        self, read: Callable[[], Sequence[WorkerView]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._read = read
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        self.refresh()

    def refresh(self) -> None:
        summary = summarize(self._read())
        self.setVisible(summary is not None)
        if summary is None:
            return
        self.setText(summary.text)
        self.setToolTip(summary.tooltip)
        # Not colour alone: the text starts with a warning sign as well.
        self.setStyleSheet("color: #b3261e; font-weight: bold;" if summary.problem else "")
