"""Figures for the team and for one customer: promises kept, answers and resolutions in
time, and how long customers wait on us. Pure computations over plain records.

The definitions, as the report and the customer tab show them:

* A **commitment** counts for its owner in the week of its *due time*. It was *kept on
  time* when done no later than ``ON_TIME_GRACE`` after it was due, *kept late* when
  done after that, *broken* while still open past due and grace (OmniDesk has no
  "broken" state: an open promise past due is broken until someone keeps it late or
  cancels it), *cancelled* when withdrawn with a reason. Open promises not yet due
  count nowhere yet (``pending``).
* **First-response time** is first response minus creation, counted in the week of the
  first response; **time to resolution** is resolution minus creation, counted in the
  week of the (last) resolution. Both count for the case's owner.
* **Contacts per resolution**: inbound customer messages up to the resolution, per case
  resolved in the week (1.0 means every case was solved on the customer's first try).
* Median and 80th percentile are nearest-rank, real observed values, like the
  acknowledgement's response estimate.
* Weeks are ISO weeks (Monday to Sunday) in the time zone given.
* **Waiting on us** for a case is the sum of the periods from a customer message (the
  first of a row of them) until the next reply an agent wrote; automatic mail and
  internal notes are no reply. An unanswered wait runs until now, or until the case
  was resolved when that came first (a "thanks!" after the resolution is no wait).
  A customer's total is the sum over all their cases and channels.
* **Contacts per case**: how many messages the customer sent on that case.
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from omnidesk.core.enums import CommitmentState
from omnidesk.core.response_estimate import percentile

ON_TIME_GRACE = timedelta(minutes=15)
"""A call-back promised for 10:00 and ticked off at 10:10 was made on time."""
_ZERO = timedelta(0)


class Outcome(StrEnum):
    ON_TIME = "on_time"
    LATE = "late"
    BROKEN = "broken"
    CANCELLED = "cancelled"
    PENDING = "pending"


@dataclass(frozen=True, slots=True)
class CommitmentRecord:
    owner: str
    due_at: datetime
    state: CommitmentState
    closed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class CaseRecord:
    owner: str | None
    created_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    contacts: int = 0
    """Inbound customer messages up to the resolution."""


@dataclass(frozen=True, slots=True)
class CommitmentCounts:
    on_time: int = 0
    late: int = 0
    broken: int = 0
    cancelled: int = 0
    pending: int = 0

    @property
    def kept(self) -> int:
        return self.on_time + self.late

    @property
    def judged(self) -> int:
        """Every commitment with a verdict (all but those not due yet)."""
        return self.on_time + self.late + self.broken + self.cancelled


@dataclass(frozen=True, slots=True)
class Durations:
    count: int = 0
    median: timedelta | None = None
    p80: timedelta | None = None

    @classmethod
    def of(cls, values: Sequence[timedelta]) -> "Durations":
        if not values:
            return cls()
        return cls(len(values), percentile(values, 0.5), percentile(values, 0.8))


@dataclass(frozen=True, slots=True)
class Figures:
    commitments: CommitmentCounts = field(default_factory=CommitmentCounts)
    first_response: Durations = field(default_factory=Durations)
    resolution: Durations = field(default_factory=Durations)
    resolved: int = 0
    contacts: int = 0
    """Customer messages on the resolved cases, up to their resolution."""
    contacts_per_resolution: float | None = None


@dataclass(frozen=True, slots=True)
class WeekFigures:
    week: str
    """The ISO week, ``2026-W07``."""
    figures: Figures


@dataclass(frozen=True, slots=True)
class AgentFigures:
    agent: str
    figures: Figures
    weeks: tuple[WeekFigures, ...]
    """Every week of the report, empty ones included."""


@dataclass(frozen=True, slots=True)
class TeamReport:
    since: datetime
    until: datetime
    team: Figures
    weeks: tuple[WeekFigures, ...]
    agents: tuple[AgentFigures, ...]

    def agent(self, name: str) -> AgentFigures | None:
        return next((a for a in self.agents if a.agent == name), None)


def judge_commitment(
    commitment: CommitmentRecord, *, now: datetime, grace: timedelta = ON_TIME_GRACE
) -> Outcome:
    if commitment.state is CommitmentState.CANCELLED:
        return Outcome.CANCELLED
    if commitment.state is CommitmentState.DONE:
        closed = commitment.closed_at or commitment.due_at
        return Outcome.ON_TIME if closed <= commitment.due_at + grace else Outcome.LATE
    return Outcome.BROKEN if commitment.due_at + grace < now else Outcome.PENDING


def iso_week(when: datetime, tz: tzinfo = UTC) -> str:
    year, week, _ = when.astimezone(tz).isocalendar()
    return f"{year}-W{week:02d}"


def week_start(when: datetime, tz: tzinfo = UTC) -> datetime:
    """Monday 00:00 (in ``tz``) of the week ``when`` falls in."""
    local = when.astimezone(tz).date()
    monday = local - timedelta(days=local.weekday())
    return datetime.combine(monday, time(0), tzinfo=tz)


def last_weeks(weeks: int, *, now: datetime, tz: tzinfo = UTC) -> tuple[datetime, datetime]:
    """The range of the last ``weeks`` weeks, this one (so far) included."""
    if weeks < 1:
        raise ValueError("a report covers at least one week")
    start = week_start(now, tz)
    first: date = start.date() - timedelta(weeks=weeks - 1)
    return datetime.combine(first, time(0), tzinfo=tz), now


def weeks_between(since: datetime, until: datetime, tz: tzinfo = UTC) -> list[str]:
    """The ISO weeks from the one of ``since`` to the one just before ``until``."""
    labels: list[str] = []
    current = week_start(since, tz)
    while current < until:
        labels.append(iso_week(current, tz))
        current = datetime.combine(current.date() + timedelta(weeks=1), time(0), tzinfo=tz)
    return labels


@dataclass
class _Tally:
    outcomes: Counter[Outcome] = field(default_factory=Counter)
    first: list[timedelta] = field(default_factory=list)
    resolution: list[timedelta] = field(default_factory=list)
    contacts: int = 0

    def figures(self) -> Figures:
        resolved = len(self.resolution)
        return Figures(
            commitments=CommitmentCounts(
                on_time=self.outcomes[Outcome.ON_TIME],
                late=self.outcomes[Outcome.LATE],
                broken=self.outcomes[Outcome.BROKEN],
                cancelled=self.outcomes[Outcome.CANCELLED],
                pending=self.outcomes[Outcome.PENDING],
            ),
            first_response=Durations.of(self.first),
            resolution=Durations.of(self.resolution),
            resolved=resolved,
            contacts=self.contacts,
            contacts_per_resolution=self.contacts / resolved if resolved else None,
        )


def team_report(
    commitments: Iterable[CommitmentRecord],
    cases: Iterable[CaseRecord],
    *,
    since: datetime,
    until: datetime,
    now: datetime,
    tz: tzinfo = UTC,
    grace: timedelta = ON_TIME_GRACE,
) -> TeamReport:
    """The figures of ``[since, until)`` for the team and per agent, in total and per week.

    Records whose moment (due time, first response, resolution) lies outside the range
    are left out, so callers may hand over a little more than the range.
    """
    tallies: dict[tuple[str | None, str | None], _Tally] = {}
    agents: set[str] = set()

    def tallies_for(agent: str | None, when: datetime) -> list[_Tally]:
        week = iso_week(when, tz)
        keys: list[tuple[str | None, str | None]] = [(None, None), (None, week)]
        if agent is not None:
            agents.add(agent)
            keys += [(agent, None), (agent, week)]
        return [tallies.setdefault(key, _Tally()) for key in keys]

    def inside(when: datetime | None) -> bool:
        return when is not None and since <= when < until

    for commitment in commitments:
        if inside(commitment.due_at):
            outcome = judge_commitment(commitment, now=now, grace=grace)
            for tally in tallies_for(commitment.owner, commitment.due_at):
                tally.outcomes[outcome] += 1
    for case in cases:
        if case.first_response_at is not None and inside(case.first_response_at):
            took = max(case.first_response_at - case.created_at, _ZERO)
            for tally in tallies_for(case.owner, case.first_response_at):
                tally.first.append(took)
        if case.resolved_at is not None and inside(case.resolved_at):
            took = max(case.resolved_at - case.created_at, _ZERO)
            for tally in tallies_for(case.owner, case.resolved_at):
                tally.resolution.append(took)
                tally.contacts += case.contacts

    labels = weeks_between(since, until, tz)

    def figures(agent: str | None, week: str | None) -> Figures:
        tally = tallies.get((agent, week))
        return tally.figures() if tally is not None else Figures()

    def per_week(agent: str | None) -> tuple[WeekFigures, ...]:
        return tuple(WeekFigures(label, figures(agent, label)) for label in labels)

    return TeamReport(
        since=since,
        until=until,
        team=figures(None, None),
        weeks=per_week(None),
        agents=tuple(
            AgentFigures(name, figures(name, None), per_week(name)) for name in sorted(agents)
        ),
    )


@dataclass(frozen=True, slots=True)
class Turn:
    """One message that passes the turn: from the customer, or a reply an agent wrote."""

    at: datetime
    from_customer: bool


@dataclass(frozen=True, slots=True)
class CaseTurns:
    number: int
    subject: str
    created_at: datetime
    first_response_at: datetime | None
    resolved_at: datetime | None
    turns: Sequence[Turn]


@dataclass(frozen=True, slots=True)
class CaseClock:
    number: int
    subject: str
    contacts: int
    waited: timedelta
    waiting_since: datetime | None
    """Start of the wait still running (None when the turn is not ours)."""
    first_response: timedelta | None
    resolution: timedelta | None


@dataclass(frozen=True, slots=True)
class CustomerClocks:
    waited: timedelta
    """Total time waiting on us, over every case and channel."""
    waiting_now: bool
    contacts: int
    contacts_per_case: float | None
    cases: tuple[CaseClock, ...]
    """Newest case first."""


def waited(
    turns: Iterable[Turn], *, resolved_at: datetime | None, now: datetime
) -> tuple[timedelta, datetime | None]:
    """The time a case waited on us (see the module docstring) and the running wait's start."""
    total = _ZERO
    started: datetime | None = None
    # A reply stored at the same instant as the message it answers comes after it.
    for turn in sorted(turns, key=lambda t: (t.at, not t.from_customer)):
        if turn.from_customer:
            started = started or turn.at
        elif started is not None:
            total += max(turn.at - started, _ZERO)
            started = None
    if started is None:
        return total, None
    if resolved_at is not None:
        return total + max(min(resolved_at, now) - started, _ZERO), None
    return total + max(now - started, _ZERO), started


def case_clock(case: CaseTurns, *, now: datetime) -> CaseClock:
    total, since = waited(case.turns, resolved_at=case.resolved_at, now=now)
    return CaseClock(
        number=case.number,
        subject=case.subject,
        contacts=sum(1 for t in case.turns if t.from_customer),
        waited=total,
        waiting_since=since,
        first_response=_span(case.created_at, case.first_response_at),
        resolution=_span(case.created_at, case.resolved_at),
    )


def customer_clocks(cases: Iterable[CaseTurns], *, now: datetime) -> CustomerClocks:
    clocks = sorted((case_clock(c, now=now) for c in cases), key=lambda c: -c.number)
    contacts = sum(c.contacts for c in clocks)
    return CustomerClocks(
        waited=sum((c.waited for c in clocks), _ZERO),
        waiting_now=any(c.waiting_since is not None for c in clocks),
        contacts=contacts,
        contacts_per_case=contacts / len(clocks) if clocks else None,
        cases=tuple(clocks),
    )


def _span(start: datetime, end: datetime | None) -> timedelta | None:
    return None if end is None else max(end - start, _ZERO)
