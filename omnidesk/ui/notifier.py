"""Desktop notifications and unread markers, from a periodic look at what is new for me.

Every ``interval`` the notifier asks :func:`omnidesk.ui.news.collect_news` (on the
database thread, replacing a look still queued) and turns the answer into:

* a notification per new customer message on my cases, and the case marked unread
  until I open it (the marks survive a restart: ``unread.json`` in the data folder);
* one notification per commitment of mine coming due (and again once it is overdue).

The window shows notifications through the tray when there is one, else in the
status bar; the notifier itself only emits ``sig_notification``.
"""

import functools
import json
import logging
import os
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from omnidesk.core.entities import Agent
from omnidesk.core.ids import CaseNumber, CommitmentId
from omnidesk.store.engine import Database
from omnidesk.ui.labels import commitment_label
from omnidesk.ui.news import CaseMark, News, collect_news
from omnidesk.ui.tasks import TaskRunner
from omnidesk.ui.timefmt import due_text

log = logging.getLogger(__name__)

POLL_INTERVAL_MS = 30_000
DUE_LEAD = timedelta(minutes=15)
"""How long before a commitment is due its owner hears about it."""


class Notifier(QObject):
    """Watches my cases and commitments; keeps the set of cases with unread messages."""

    sig_notification = Signal(str, str, int)
    """(title, text, case number) of something the agent should know now."""
    sig_unread_changed = Signal(object)
    """The new ``frozenset`` of case numbers with unread customer messages."""
    sig_arrivals = Signal()
    """New customer messages arrived on my cases: lists and counts are stale."""

    def __init__(
        self,
        db: Database,
        tasks: TaskRunner,
        *,
        me: Callable[[], Agent | None],
        unread_file: Path | None,
        notify_messages: bool = True,
        notify_commitments: bool = True,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        interval_ms: int = POLL_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._tasks = tasks
        self._me = me
        self._now = now
        self._file = unread_file
        self.notify_messages = notify_messages
        self.notify_commitments = notify_commitments
        self._marks: dict[CaseNumber, CaseMark] = {}
        self._told_due: set[tuple[CommitmentId, bool]] = set()
        self._unread: frozenset[CaseNumber] = _load(unread_file)
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self.look)

    def start(self) -> None:
        self._timer.start()
        self.look()

    def stop(self) -> None:
        self._timer.stop()

    def unread(self) -> frozenset[CaseNumber]:
        return self._unread

    def look(self) -> None:
        """Ask what is new (in the background)."""
        me = self._me()
        if me is None:
            return
        self._tasks.submit(
            functools.partial(
                collect_news, self._db, me, dict(self._marks), now=self._now(), lead=DUE_LEAD
            ),
            self._on_news,
            key="notifier",
        )

    def mark_read(self, number: CaseNumber) -> None:
        """The agent opened the case: its messages are read."""
        if number in self._unread:
            self._set_unread(self._unread - {number})

    def _on_news(self, news: News) -> None:
        self._marks = news.marks
        # A case that is no longer mine (handed over, resolved) is not my unread case.
        still_mine = self._unread & set(news.marks)
        arrived = {a.number for a in news.arrivals}
        if still_mine | arrived != self._unread:
            self._set_unread(frozenset(still_mine | arrived))
        if news.arrivals:
            self.sig_arrivals.emit()
        if self.notify_messages:
            for arrival in news.arrivals:
                self.sig_notification.emit(
                    self.tr("New message on #{number}: {subject}").format(
                        number=arrival.number, subject=arrival.subject
                    ),
                    f"{arrival.author}: {arrival.excerpt}",
                    int(arrival.number),
                )
        if self.notify_commitments:
            self._tell_due(news)

    def _tell_due(self, news: News) -> None:
        now = self._now()
        for due in news.due:
            key = (due.commitment, due.overdue)
            if key in self._told_due:
                continue
            self._told_due.add(key)
            if due.owner is not None:
                title = self.tr("{owner}'s promise on #{number} is overdue: {kind}")
            elif due.overdue:
                title = self.tr("Overdue on #{number}: {kind}")
            else:
                title = self.tr("Due soon on #{number}: {kind}")
            self.sig_notification.emit(
                title.format(
                    number=due.number, kind=commitment_label(due.kind), owner=due.owner or ""
                ),
                self.tr("{subject} — due {due}").format(
                    subject=due.subject, due=due_text(due.due_at, now)
                ),
                int(due.number),
            )

    def _set_unread(self, unread: frozenset[CaseNumber]) -> None:
        self._unread = unread
        _save(self._file, unread)
        self.sig_unread_changed.emit(unread)


def _load(path: Path | None) -> frozenset[CaseNumber]:
    if path is None:
        return frozenset()
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return frozenset(CaseNumber(int(n)) for n in raw.get("unread", []))
    except FileNotFoundError:
        return frozenset()
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        log.warning("cannot read the unread marks %s (%s); starting without", path, exc)
        return frozenset()


def _save(path: Path | None, unread: frozenset[CaseNumber]) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"unread": sorted(unread)}), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        # Markers are a convenience; losing them must not interrupt the agent.
        log.warning("cannot save the unread marks %s: %s", path, exc)
