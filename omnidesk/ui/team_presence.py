"""Who else is on the case on screen: a bar over the case, kept current while it is open.

The desktop reports its own agent (viewing the case, or replying once the composer
holds a reply) and reads the colleagues on the same case: when the case changes, when
the live feed says something happened to it, and every :data:`REFRESH_EVERY` (reports
age out, so a colleague who left disappears without anyone writing).
"""

import functools
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QWidget

from omnidesk.core.entities import Agent
from omnidesk.core.ids import CaseNumber
from omnidesk.core.presence import REFRESH_EVERY, Activity, Presence
from omnidesk.services.presence import colleagues_on, report_presence, withdraw_presence
from omnidesk.store.engine import Database
from omnidesk.ui import colors
from omnidesk.ui.tasks import TaskRunner


class PresenceBar(QLabel):
    """ "Ben Carter is replying to this case." — hidden while nobody else is on it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presenceBar")
        self.setWordWrap(True)
        self.setMargin(6)
        self.setAccessibleName(self.tr("Colleagues on this case"))
        self.hide()

    def show_colleagues(self, colleagues: list[Presence]) -> None:
        replying = [p.name for p in colleagues if p.activity is Activity.REPLYING]
        viewing = [p.name for p in colleagues if p.activity is Activity.VIEWING]
        lines = []
        if len(replying) == 1:
            lines.append(self.tr("{name} is replying to this case now.").format(name=replying[0]))
        elif replying:
            lines.append(
                self.tr("{names} are replying to this case now.").format(names=self._join(replying))
            )
        if len(viewing) == 1:
            lines.append(self.tr("{name} is viewing this case.").format(name=viewing[0]))
        elif viewing:
            lines.append(
                self.tr("{names} are viewing this case.").format(names=self._join(viewing))
            )
        self.setText(" ".join(lines))
        background = colors.finding_background() if replying else colors.message_background()
        self.setStyleSheet(f"QLabel#presenceBar {{ background: {background.name()}; }}")
        self.setVisible(bool(lines))

    def _join(self, names: list[str]) -> str:
        return self.tr("{first} and {last}").format(first=", ".join(names[:-1]), last=names[-1])


class CasePresence(QObject):
    """Reports this desk's agent on the open case and shows the colleagues on it."""

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        bar: PresenceBar,
        *,
        me: Callable[[], Agent | None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._bar = bar
        self._me = me
        self._case: CaseNumber | None = None
        self._replying = False
        self._reported: tuple[CaseNumber | None, bool] | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(int(REFRESH_EVERY.total_seconds() * 1000))
        self._timer.timeout.connect(self._on_timer_timeout)

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        """Stop and take this agent's report back (the app is closing)."""
        self._timer.stop()
        me = self._me()
        if me is not None and self._reported is not None:
            self._tasks.submit(functools.partial(withdraw_presence, self._db, me), _ignore)
        self._reported = None

    @property
    def case(self) -> CaseNumber | None:
        return self._case

    def set_case(self, number: CaseNumber | None) -> None:
        if number == self._case:
            return
        self._case = number
        self._replying = False
        self._bar.show_colleagues([])
        self._report()
        self.look()

    def set_replying(self, replying: bool) -> None:
        if replying != self._replying:
            self._replying = replying
            self._report()

    def look(self) -> None:
        """Read who else is on the case now."""
        number = self._case
        if number is None:
            return
        self._tasks.submit(
            functools.partial(colleagues_on, self._db, number, self._me()),
            functools.partial(self._on_colleagues, number),
            key=f"presence-{id(self)}",
        )

    def _report(self) -> None:
        """Tell colleagues where this agent is (again: a report ages out unless refreshed)."""
        me = self._me()
        if me is None:
            return
        self._reported = (self._case, self._replying)
        if self._case is None:
            work = functools.partial(withdraw_presence, self._db, me)
        else:
            activity = Activity.REPLYING if self._replying else Activity.VIEWING
            work = functools.partial(report_presence, self._db, me, self._case, activity)
        self._tasks.submit(work, _ignore)

    def _on_colleagues(self, number: CaseNumber, colleagues: list[Presence]) -> None:
        if number == self._case:
            self._bar.show_colleagues(colleagues)

    def _on_timer_timeout(self) -> None:
        self._report()
        self.look()


def _ignore(_result: object) -> None:
    """Presence is best effort: a failed report is retried at the next refresh."""
