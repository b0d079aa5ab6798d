"""Telling colleagues which case an agent is viewing or answering, and asking who else is."""

from omnidesk.core.entities import Agent
from omnidesk.core.ids import CaseId, CaseNumber
from omnidesk.core.presence import STALE_AFTER, Activity, Presence, colleagues_on_case
from omnidesk.store import cases, presence
from omnidesk.store.engine import Database
from omnidesk.store.types import utcnow


def report_presence(db: Database, agent: Agent, number: CaseNumber, activity: Activity) -> None:
    """``agent`` is now viewing (or replying to) case ``number``; call again to stay fresh."""
    with db.write() as session:
        case_id = CaseId(cases.case_row_by_number(session, number).id or 0)
        presence.report(session, agent.id, case_id, activity, utcnow())


def withdraw_presence(db: Database, agent: Agent) -> None:
    """``agent`` left every case (closed the app, or no case is open)."""
    with db.write() as session:
        presence.withdraw(session, agent.id)


def colleagues_on(db: Database, number: CaseNumber, me: Agent | None) -> list[Presence]:
    """Other agents who are on case ``number`` now, those replying first."""
    now = utcnow()
    with db.read() as session:
        case_id = CaseId(cases.case_row_by_number(session, number).id or 0)
        reports = presence.on_case(session, case_id, since=now - STALE_AFTER)
    return colleagues_on_case(reports, me=me.id if me else None, now=now)
