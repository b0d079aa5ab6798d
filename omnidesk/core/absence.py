"""Absence: an agent away names a deputy, who covers their cases until they are back.

Ownership does not move (rule 1: the first contact owns the customer); the deputy
sees the absent agent's cases among their own, gets their notifications and their
commitments. A deputy who is away too passes the cover on to their own deputy, so
a chain of absences still ends at someone who is here. If it ends at nobody (the
whole chain is away, or it loops), nobody is named and the team's views — overdue
commitments past their grace period, unassigned and open cases — catch the work.
"""

from collections.abc import Mapping

from omnidesk.core.entities import Agent
from omnidesk.core.errors import InvalidInput, RuleViolation
from omnidesk.core.ids import AgentId


def is_away(agent: Agent) -> bool:
    return agent.away_since is not None


def acting_for(owner: AgentId, agents: Mapping[AgentId, Agent]) -> AgentId | None:
    """Who handles ``owner``'s work now: the owner when here, else the first deputy who is."""
    seen: set[AgentId] = set()
    current: AgentId | None = owner
    while current is not None and current not in seen:
        agent = agents.get(current)
        if agent is None:
            return None
        if not is_away(agent) and agent.active:
            return current
        seen.add(current)
        current = agent.deputy_id
    return None


def covered_by(me: AgentId, agents: Mapping[AgentId, Agent]) -> frozenset[AgentId]:
    """The absent agents whose work ``me`` covers now."""
    return frozenset(
        agent.id
        for agent in agents.values()
        if agent.id != me and is_away(agent) and acting_for(agent.id, agents) == me
    )


def check_going_away(agent: Agent, deputy: Agent | None, agents: Mapping[AgentId, Agent]) -> None:
    """Refuse a deputy who cannot cover: oneself, someone inactive, or someone away."""
    if deputy is None:
        return
    if deputy.id == agent.id:
        raise InvalidInput("you cannot be your own deputy; choose a colleague who is here")
    if not deputy.active:
        raise RuleViolation(f"{deputy.name} is no longer active; choose a colleague who is here")
    if is_away(deputy) and acting_for(deputy.id, agents) in (None, agent.id):
        raise RuleViolation(
            f"{deputy.name} is away too and nobody covers for them; choose a colleague who is here"
        )
