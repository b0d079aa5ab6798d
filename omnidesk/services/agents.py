"""Managing the team's agents."""

from omnidesk.core.entities import Agent
from omnidesk.store import agents as agent_store
from omnidesk.store.engine import Database


def add_agent(db: Database, *, name: str, email: str, display_name: str = "") -> Agent:
    with db.write() as session:
        return agent_store.add_agent(session, name=name, email=email, display_name=display_name)


def list_agents(db: Database) -> list[Agent]:
    with db.read() as session:
        return agent_store.list_agents(session)


def find_agent(db: Database, name_or_email: str) -> Agent:
    with db.read() as session:
        return agent_store.find_agent(session, name_or_email)
