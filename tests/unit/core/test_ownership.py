"""Rule 1 in plain Python: claim outcomes, who may write how, handovers."""

import pytest

from omnidesk.core.enums import ReplyMode
from omnidesk.core.errors import InvalidInput, OwnedByOther, RuleViolation
from omnidesk.core.ids import AgentId, CaseNumber
from omnidesk.core.ownership import OwnerRef, check_handover, judge_claim, plan_write

ANNA = OwnerRef(AgentId(1), "anna")
BEN = OwnerRef(AgentId(2), "ben")
CASE = CaseNumber(1042)


def test_the_claim_that_changed_the_row_wins():
    outcome = judge_claim(CASE, claimant=ANNA.id, updated=True, owner=ANNA)
    assert outcome.won
    assert not outcome.already_owner


def test_claiming_your_own_case_again_is_not_a_new_claim():
    outcome = judge_claim(CASE, claimant=ANNA.id, updated=False, owner=ANNA)
    assert not outcome.won
    assert outcome.already_owner


def test_a_lost_claim_names_the_owner():
    with pytest.raises(OwnedByOther) as caught:
        judge_claim(CASE, claimant=BEN.id, updated=False, owner=ANNA)
    assert str(caught.value) == "case #1042 is owned by anna"
    assert caught.value.exit_code == 3


def test_an_unchanged_unowned_row_is_reported_not_silently_accepted():
    with pytest.raises(RuleViolation):
        judge_claim(CASE, claimant=BEN.id, updated=False, owner=None)


def test_the_first_reply_makes_the_writer_owner():
    plan = plan_write(CASE, owner=None, writer=BEN.id, mode=ReplyMode.REPLY)
    assert plan.becomes_owner
    assert plan.visible_to_customer


def test_the_owner_replies_without_changing_anything():
    plan = plan_write(CASE, owner=ANNA, writer=ANNA.id, mode=ReplyMode.REPLY)
    assert not plan.becomes_owner
    assert plan.on_behalf_of is None


def test_a_non_owner_cannot_simply_reply():
    with pytest.raises(OwnedByOther) as caught:
        plan_write(CASE, owner=ANNA, writer=BEN.id, mode=ReplyMode.REPLY)
    assert "owned by anna" in str(caught.value)
    assert "on behalf" in str(caught.value)


def test_reply_on_behalf_keeps_the_owner():
    plan = plan_write(CASE, owner=ANNA, writer=BEN.id, mode=ReplyMode.ON_BEHALF)
    assert plan.visible_to_customer
    assert not plan.becomes_owner
    assert plan.on_behalf_of == ANNA.id


def test_a_note_never_reaches_the_customer_nor_claims():
    plan = plan_write(CASE, owner=None, writer=BEN.id, mode=ReplyMode.NOTE)
    assert not plan.visible_to_customer
    assert not plan.becomes_owner


def test_handover_needs_a_real_reason():
    with pytest.raises(InvalidInput, match="needs a reason"):
        check_handover(CASE, owner=ANNA, new_owner=BEN, reason="  ")
    assert check_handover(CASE, owner=ANNA, new_owner=BEN, reason=" on  holiday ") == "on holiday"


def test_handover_to_the_current_owner_is_refused():
    with pytest.raises(RuleViolation, match="already owned by anna"):
        check_handover(CASE, owner=ANNA, new_owner=ANNA, reason="because")
