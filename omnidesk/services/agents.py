"""Managing the team's agents."""

from omnidesk.core.absence import check_going_away
from omnidesk.core.entities import Agent
from omnidesk.store import agents as agent_store
from omnidesk.store.engine import Database
from omnidesk.store.types import utcnow


def add_agent(db: Database, *, name: str, email: str, display_name: str = "") -> Agent:
    with db.write() as session:
        return agent_store.add_agent(session, name=name, email=email, display_name=display_name)


def list_agents(db: Database) -> list[Agent]:
    with db.read() as session:
        return agent_store.list_agents(session)


def find_agent(db: Database, name_or_email: str) -> Agent:
    with db.read() as session:
        return agent_store.find_agent(session, name_or_email)


def go_away(db: Database, agent: Agent, *, deputy: Agent | None, note: str = "") -> Agent:
    """Mark ``agent`` away; ``deputy`` covers their cases and commitments meanwhile.

    Without a deputy the team's views catch the work (see :mod:`omnidesk.core.absence`).
    """
    with db.write() as session:
        team = agent_store.agents_by_id(session)
        check_going_away(team[agent.id], team[deputy.id] if deputy else None, team)
        agent_store.set_away(
            session, agent.id, deputy_id=deputy.id if deputy else None, note=note, now=utcnow()
        )
        return agent_store.get_agent(session, agent.id)


def come_back(db: Database, agent: Agent) -> Agent:
    with db.write() as session:
        agent_store.set_back(session, agent.id)
        return agent_store.get_agent(session, agent.id)


def covered_agents(db: Database, me: Agent) -> list[Agent]:
    """The absent colleagues whose work ``me`` covers now."""
    with db.read() as session:
        team = agent_store.agents_by_id(session)
        return sorted(
            (team[i] for i in agent_store.covered_owners(session, me.id)), key=lambda a: a.name
        )
