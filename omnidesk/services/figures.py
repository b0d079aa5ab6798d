"""Figures use cases: the team report and one customer's waiting clocks.

The definitions live in :mod:`omnidesk.core.figures`; this module only reads the records.
"""

from datetime import UTC, datetime, tzinfo

from omnidesk.core import figures
from omnidesk.core.errors import InvalidInput
from omnidesk.core.figures import CustomerClocks, TeamReport
from omnidesk.core.ids import CustomerId
from omnidesk.store import figures as store
from omnidesk.store.engine import Database
from omnidesk.store.types import utcnow


def team_report(
    db: Database,
    since: datetime,
    until: datetime,
    *,
    tz: tzinfo = UTC,
    now: datetime | None = None,
) -> TeamReport:
    """Commitments kept, response and resolution times, contacts per resolution, for
    ``[since, until)``: for the team and per agent, in total and per week (weeks in ``tz``)."""
    if since.tzinfo is None or until.tzinfo is None:
        raise InvalidInput("a report range needs a time zone")
    if until <= since:
        raise InvalidInput("a report range must end after it starts")
    with db.read() as session:
        commitments = store.commitment_records(session, since=since, until=until)
        cases = store.case_records(session, since=since, until=until)
    return figures.team_report(
        commitments, cases, since=since, until=until, now=now or utcnow(), tz=tz
    )


def last_weeks_report(
    db: Database, weeks: int, *, tz: tzinfo = UTC, now: datetime | None = None
) -> TeamReport:
    """The report of the last ``weeks`` weeks, this one so far included."""
    if not 1 <= weeks <= 520:
        raise InvalidInput("a report covers 1 to 520 weeks")
    moment = now or utcnow()
    since, until = figures.last_weeks(weeks, now=moment, tz=tz)
    return team_report(db, since, until, tz=tz, now=moment)


def customer_clocks(
    db: Database, customer_id: CustomerId, *, now: datetime | None = None
) -> CustomerClocks:
    """How long the customer waited on us over all their cases, and their contacts per case."""
    with db.read() as session:
        cases = store.customer_turns(session, customer_id)
    return figures.customer_clocks(cases, now=now or utcnow())
