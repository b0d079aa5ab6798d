"""An absent agent's cases and commitments are covered by their deputy; ownership stays."""

from datetime import timedelta

import pytest

from omnidesk.core.enums import CommitmentKind
from omnidesk.core.errors import RuleViolation
from omnidesk.core.views import View, filter_for_view
from omnidesk.services.agents import add_agent, come_back, covered_agents, go_away
from omnidesk.services.cases import case_detail, claim_case, count_cases, list_cases
from omnidesk.services.commitments import add_commitment, list_open_commitments
from omnidesk.store.types import utcnow


def mine(db, agent) -> list[int]:
    return [s.number for s in list_cases(db, filter_for_view(View.MINE, me=agent.id))]


def test_the_deputy_sees_the_cases_and_commitments_the_owner_keeps_them(db, anna, ben, case_number):
    claim_case(db, case_number, anna)
    add_commitment(
        db,
        case_number,
        actor=anna,
        kind=CommitmentKind.CALLBACK,
        due_at=utcnow() + timedelta(hours=2),
    )
    assert mine(db, ben) == []
    assert list_open_commitments(db, owner=ben) == []

    go_away(db, anna, deputy=ben, note="Urlaub bis Montag")

    assert mine(db, ben) == [case_number]
    assert count_cases(db, filter_for_view(View.MINE, me=ben.id)) == 1
    promises = list_open_commitments(db, owner=ben)
    assert [(p.case_number, p.owner) for p in promises] == [(case_number, "anna")]
    assert [a.name for a in covered_agents(db, ben)] == ["anna"]
    # Ownership stays with Anna.
    assert case_detail(db, case_number).case.owner_id == anna.id
    assert mine(db, anna) == [case_number]

    come_back(db, anna)
    assert mine(db, ben) == []
    assert list_open_commitments(db, owner=ben) == []


def test_a_chain_of_absences_ends_at_someone_here(db, anna, ben, case_number):
    chloe = add_agent(db, name="chloe", email="chloe@team.example")
    claim_case(db, case_number, anna)
    go_away(db, anna, deputy=ben)
    go_away(db, ben, deputy=chloe)
    assert mine(db, chloe) == [case_number]
    assert mine(db, ben) == [], "Ben is away: his list is not where the work is seen"
    with pytest.raises(RuleViolation, match="away too"):
        go_away(db, chloe, deputy=anna)  # anna -> ben -> chloe: nobody would be left


def test_an_agents_away_state_is_stored(db, anna, ben):
    away = go_away(db, anna, deputy=ben, note="Arzttermin")
    assert away.away_since is not None
    assert (away.deputy_id, away.away_note) == (ben.id, "Arzttermin")
    back = come_back(db, anna)
    assert (back.away_since, back.deputy_id, back.away_note) == (None, None, "")
