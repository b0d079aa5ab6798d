"""Rule 4 in plain Python: promises block resolving until kept or cancelled with a reason."""

from datetime import UTC, datetime, timedelta

import pytest

from omnidesk.core.commitments import check_close, check_new_due, ensure_resolvable
from omnidesk.core.entities import Commitment
from omnidesk.core.enums import CommitmentKind, CommitmentState
from omnidesk.core.errors import InvalidInput, RuleViolation
from omnidesk.core.ids import AgentId, CaseId, CaseNumber, CommitmentId

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def commitment(state=CommitmentState.OPEN, due=NOW, kind=CommitmentKind.CALLBACK):
    return Commitment(
        id=CommitmentId(7),
        case_id=CaseId(1),
        owner_id=AgentId(1),
        kind=kind,
        due_at=due,
        state=state,
    )


def test_an_open_commitment_blocks_resolving_and_says_which():
    with pytest.raises(RuleViolation) as caught:
        ensure_resolvable(CaseNumber(1042), [commitment(due=NOW + timedelta(hours=2))])
    text = str(caught.value)
    assert "case #1042 has 1 open commitment" in text
    assert "callback due 2026-11-24 14:00" in text


def test_kept_and_cancelled_commitments_do_not_block():
    ensure_resolvable(
        CaseNumber(1042), [commitment(CommitmentState.DONE), commitment(CommitmentState.CANCELLED)]
    )


def test_cancelling_needs_a_reason_and_completing_does_not():
    with pytest.raises(InvalidInput, match="needs a reason"):
        check_close(commitment(), cancel_reason=" ")
    assert check_close(commitment(), cancel_reason="customer  called us") == "customer called us"
    assert check_close(commitment()) is None


def test_a_closed_commitment_cannot_be_closed_again():
    with pytest.raises(RuleViolation, match="already done"):
        check_close(commitment(CommitmentState.DONE))


def test_due_times_in_the_past_are_refused_with_some_tolerance():
    check_new_due(NOW - timedelta(minutes=2), now=NOW)
    with pytest.raises(InvalidInput, match="in the past"):
        check_new_due(NOW - timedelta(hours=1), now=NOW)
    with pytest.raises(InvalidInput, match="time zone"):
        check_new_due(datetime(2026, 12, 1, 10, 0), now=NOW)


def test_overdue_is_open_and_past_due():
    assert commitment(due=NOW - timedelta(minutes=1)).is_overdue(NOW)
    assert not commitment(due=NOW + timedelta(minutes=1)).is_overdue(NOW)
    assert not commitment(CommitmentState.DONE, due=NOW - timedelta(days=1)).is_overdue(NOW)
