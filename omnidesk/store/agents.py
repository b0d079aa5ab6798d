"""Agents: the people who own and answer cases."""

from datetime import datetime

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from omnidesk.core.absence import covered_by
from omnidesk.core.entities import Agent
from omnidesk.core.enums import IdentityKind
from omnidesk.core.errors import InvalidInput, NotFound
from omnidesk.core.identities import normalize_identity
from omnidesk.core.ids import AgentId
from omnidesk.store.mapping import agent_from_row
from omnidesk.store.tables import AgentRow


def add_agent(session: Session, *, name: str, email: str, display_name: str = "") -> Agent:
    handle = name.strip()
    if not handle or any(ch.isspace() for ch in handle):
        raise InvalidInput(f"{name!r} is not a usable agent name (one word, like 'anna')")
    address = normalize_identity(IdentityKind.EMAIL, email)
    clash = session.execute(
        select(AgentRow).where(
            (func.lower(col(AgentRow.name)) == handle.lower()) | (col(AgentRow.email) == address)
        )
    ).scalar_one_or_none()
    if clash is not None:
        what = "name" if clash.name.lower() == handle.lower() else "email address"
        raise InvalidInput(
            f"an agent with this {what} exists already: {clash.name} <{clash.email}>"
        )
    row = AgentRow(name=handle, email=address, display_name=display_name.strip() or handle)
    session.add(row)
    session.flush()
    return agent_from_row(row)


def list_agents(session: Session) -> list[Agent]:
    rows = session.execute(select(AgentRow).order_by(col(AgentRow.name))).scalars()
    return [agent_from_row(r) for r in rows]


def find_agent(session: Session, name_or_email: str) -> Agent:
    """The agent named (case-insensitively) or with this email address."""
    key = name_or_email.strip().lower()
    row = session.execute(
        select(AgentRow).where(
            (func.lower(col(AgentRow.name)) == key) | (col(AgentRow.email) == key)
        )
    ).scalar_one_or_none()
    if row is None:
        raise NotFound(f"no agent named {name_or_email!r} (see 'omnidesk agent list')")
    return agent_from_row(row)


def agent_names(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(
        select(col(AgentRow.id), col(AgentRow.name)).where(col(AgentRow.id).in_(ids))
    )
    return {agent_id: name for agent_id, name in rows}  # noqa: C416  (Result has keys())


def get_agent(session: Session, agent_id: AgentId) -> Agent:
    row = session.get(AgentRow, agent_id)
    if row is None:
        raise NotFound(f"no agent with id {agent_id}")
    return agent_from_row(row)


def agents_by_id(session: Session) -> dict[AgentId, Agent]:
    """The whole team (a few dozen rows): absence rules walk deputy chains over it."""
    return {a.id: a for a in list_agents(session)}


def covered_owners(session: Session, me: AgentId) -> frozenset[AgentId]:
    """Absent agents whose cases ``me`` covers now (cheap when nobody is away)."""
    anyone_away = session.execute(
        select(func.count()).select_from(AgentRow).where(col(AgentRow.away_since).is_not(None))
    ).scalar_one()
    if not anyone_away:
        return frozenset()
    return covered_by(me, agents_by_id(session))


def set_away(
    session: Session, agent_id: AgentId, *, deputy_id: AgentId | None, note: str, now: datetime
) -> None:
    session.execute(
        update(AgentRow)
        .where(col(AgentRow.id) == agent_id)
        .values(away_since=now, deputy_id=deputy_id, away_note=note or None)
    )


def set_back(session: Session, agent_id: AgentId) -> None:
    session.execute(
        update(AgentRow)
        .where(col(AgentRow.id) == agent_id)
        .values(away_since=None, deputy_id=None, away_note=None)
    )
