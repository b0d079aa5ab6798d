"""What is new for me: customer messages on my cases and my commitments coming due.

:func:`collect_news` runs on the database thread and gets only plain data: the
marks of what the agent already knew (per case: last change and newest message id).
The first call has no marks and only takes stock, so starting OmniDesk does not
announce every message ever received. Message ids only grow, so "newer than the
newest I knew" never misses a message whose ``Date`` header lies in the past.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from omnidesk.core.commitments import TEAM_GRACE
from omnidesk.core.entities import Agent
from omnidesk.core.enums import CommitmentKind, Direction
from omnidesk.core.ids import CaseNumber, CommitmentId, MessageId
from omnidesk.core.views import View, filter_for_view
from omnidesk.services.cases import case_detail, list_cases
from omnidesk.services.commitments import list_open_commitments
from omnidesk.store.engine import Database

MAX_WATCHED_CASES = 500
"""More open cases than this for one agent is a backlog, not something to watch live."""
EXCERPT_CHARS = 120


@dataclass(frozen=True, slots=True)
class CaseMark:
    updated_at: datetime
    newest_message: MessageId


@dataclass(frozen=True, slots=True)
class Arrival:
    number: CaseNumber
    subject: str
    author: str
    excerpt: str


@dataclass(frozen=True, slots=True)
class DueSoon:
    commitment: CommitmentId
    number: CaseNumber
    subject: str
    kind: CommitmentKind
    due_at: datetime
    overdue: bool
    owner: str | None = None
    """Set for a colleague's promise the team is told about (overdue past the grace)."""


@dataclass(frozen=True, slots=True)
class News:
    marks: dict[CaseNumber, CaseMark]
    arrivals: tuple[Arrival, ...]
    due: tuple[DueSoon, ...]


def collect_news(
    db: Database,
    me: Agent,
    known: Mapping[CaseNumber, CaseMark],
    *,
    now: datetime,
    lead: timedelta,
) -> News:
    """New customer messages on my open cases since ``known``; commitments due within ``lead``."""
    first_look = not known
    marks: dict[CaseNumber, CaseMark] = {}
    arrivals: list[Arrival] = []
    mine = list_cases(db, filter_for_view(View.MINE, me=me.id), limit=MAX_WATCHED_CASES)
    for summary in mine:
        mark = known.get(summary.number)
        if mark is not None and summary.updated_at <= mark.updated_at:
            marks[summary.number] = mark
            continue
        detail = case_detail(db, summary.number)
        newest = max((m.id for m in detail.messages), default=MessageId(0))
        marks[summary.number] = CaseMark(summary.updated_at, newest)
        if first_look or mark is None:
            continue  # taking stock, or a case that just became mine: nothing "arrived"
        arrivals.extend(
            Arrival(
                number=summary.number,
                subject=summary.subject,
                author=message.author,
                excerpt=_excerpt(message.body_text),
            )
            for message in detail.messages
            if message.direction is Direction.IN and message.id > mark.newest_message
        )
    promises = list_open_commitments(db, owner=me)  # with those of agents I cover
    due = tuple(
        DueSoon(
            commitment=view.commitment.id,
            number=view.case_number,
            subject=view.subject,
            kind=view.commitment.kind,
            due_at=view.commitment.due_at,
            overdue=view.overdue,
        )
        for view in promises
        if view.commitment.due_at <= now + lead
    )
    theirs = _team_overdue(db, {v.commitment.id for v in promises}, now)
    return News(marks=marks, arrivals=tuple(arrivals), due=due + theirs)


def _team_overdue(db: Database, mine: set[CommitmentId], now: datetime) -> tuple[DueSoon, ...]:
    """Colleagues' promises overdue by more than the grace: the whole team should know."""
    return tuple(
        DueSoon(
            commitment=view.commitment.id,
            number=view.case_number,
            subject=view.subject,
            kind=view.commitment.kind,
            due_at=view.commitment.due_at,
            overdue=True,
            owner=view.owner,
        )
        for view in list_open_commitments(db, overdue_only=True)
        if view.commitment.id not in mine and view.commitment.due_at <= now - TEAM_GRACE
    )


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1] + "…"
