"""Absence: who covers an absent agent's work, down a chain of deputies."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from omnidesk.core.absence import acting_for, check_going_away, covered_by
from omnidesk.core.entities import Agent
from omnidesk.core.errors import InvalidInput, RuleViolation
from omnidesk.core.ids import AgentId

SINCE = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)


def team(**away: int | None) -> dict[AgentId, Agent]:
    """Agents 1..4 named a..d; ``b=3`` means b is away with deputy 3; ``b=None``: no deputy."""
    agents = {
        AgentId(i): Agent(AgentId(i), name, name.upper(), f"{name}@t.example")
        for i, name in enumerate("abcd", start=1)
    }
    for name, deputy in away.items():
        i = AgentId("abcd".index(name) + 1)
        agents[i] = replace(
            agents[i], away_since=SINCE, deputy_id=AgentId(deputy) if deputy else None
        )
    return agents


def test_a_present_owner_acts_for_themselves():
    assert acting_for(AgentId(1), team()) == 1


def test_the_deputy_acts_and_a_chain_of_absences_ends_at_someone_here():
    agents = team(a=2, b=3)
    assert acting_for(AgentId(1), agents) == 3
    assert acting_for(AgentId(2), agents) == 3
    assert covered_by(AgentId(3), agents) == {1, 2}
    assert covered_by(AgentId(2), agents) == frozenset()


def test_a_loop_or_no_deputy_names_nobody_and_the_team_catches_it():
    assert acting_for(AgentId(1), team(a=2, b=1)) is None
    assert acting_for(AgentId(1), team(a=None)) is None
    assert covered_by(AgentId(4), team(a=2, b=1)) == frozenset()


def test_an_inactive_deputy_does_not_cover():
    agents = team(a=2)
    agents[AgentId(2)] = replace(agents[AgentId(2)], active=False)
    assert acting_for(AgentId(1), agents) is None


def test_choosing_a_deputy():
    agents = team(c=4)
    a, b, c = agents[AgentId(1)], agents[AgentId(2)], agents[AgentId(3)]
    check_going_away(a, b, agents)
    check_going_away(a, None, agents)
    check_going_away(a, c, agents)  # c is away, but d covers for c
    with pytest.raises(InvalidInput, match="your own deputy"):
        check_going_away(a, a, agents)
    lonely = team(c=None)
    with pytest.raises(RuleViolation, match="c is away too"):
        check_going_away(lonely[AgentId(1)], lonely[AgentId(3)], lonely)
    # b covering for a, and a now naming b, while b is away with a as deputy: a loop.
    looped = team(b=1)
    with pytest.raises(RuleViolation, match="away too"):
        check_going_away(looped[AgentId(1)], looped[AgentId(2)], looped)
