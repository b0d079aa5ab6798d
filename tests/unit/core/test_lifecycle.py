"""The status lifecycle and what a customer's message does to a case."""

from datetime import UTC, datetime, timedelta

import pytest

from omnidesk.core.enums import CaseStatus
from omnidesk.core.errors import InvalidInput, RuleViolation
from omnidesk.core.lifecycle import (
    InboundDecision,
    ReopenPolicy,
    check_transition,
    decide_inbound,
    parse_status,
    status_after_agent_reply,
    status_after_claim,
)

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
POLICY = ReopenPolicy(window=timedelta(days=14))


@pytest.mark.parametrize(
    ("current", "target"),
    [
        (CaseStatus.NEW, CaseStatus.OPEN),
        (CaseStatus.OPEN, CaseStatus.WAITING_ON_CUSTOMER),
        (CaseStatus.WAITING_ON_CUSTOMER, CaseStatus.OPEN),
        (CaseStatus.OPEN, CaseStatus.RESOLVED),
        (CaseStatus.RESOLVED, CaseStatus.OPEN),
    ],
)
def test_allowed_transitions(current, target):
    check_transition(current, target)


@pytest.mark.parametrize(
    ("current", "target", "message"),
    [
        (CaseStatus.OPEN, CaseStatus.NEW, "cannot go back to new"),
        (CaseStatus.RESOLVED, CaseStatus.WAITING_ON_CUSTOMER, "cannot become"),
        (CaseStatus.OPEN, CaseStatus.OPEN, "already open"),
    ],
)
def test_refused_transitions(current, target, message):
    with pytest.raises(RuleViolation, match=message):
        check_transition(current, target)


def test_status_words_as_people_type_them():
    assert parse_status("Waiting") is CaseStatus.WAITING_ON_CUSTOMER
    assert parse_status("waiting-on-customer") is CaseStatus.WAITING_ON_CUSTOMER
    assert parse_status(" RESOLVED ") is CaseStatus.RESOLVED
    with pytest.raises(InvalidInput, match="unknown status 'closed'"):
        parse_status("closed")


def test_reply_and_claim_move_the_case_along():
    assert status_after_claim(CaseStatus.NEW) is CaseStatus.OPEN
    assert status_after_claim(CaseStatus.WAITING_ON_CUSTOMER) is CaseStatus.WAITING_ON_CUSTOMER
    assert status_after_agent_reply(CaseStatus.OPEN) is CaseStatus.WAITING_ON_CUSTOMER
    assert status_after_agent_reply(CaseStatus.RESOLVED) is CaseStatus.RESOLVED


def test_customer_answer_resumes_a_waiting_case():
    decision = decide_inbound(
        CaseStatus.WAITING_ON_CUSTOMER, resolved_at=None, now=NOW, policy=POLICY
    )
    assert decision is InboundDecision.RESUME


def test_recently_resolved_case_reopens_with_its_owner():
    resolved = NOW - timedelta(days=13, hours=23)
    assert (
        decide_inbound(CaseStatus.RESOLVED, resolved_at=resolved, now=NOW, policy=POLICY)
        is InboundDecision.REOPEN
    )


def test_long_resolved_case_gets_a_new_linked_case():
    resolved = NOW - timedelta(days=14, minutes=1)
    assert (
        decide_inbound(CaseStatus.RESOLVED, resolved_at=resolved, now=NOW, policy=POLICY)
        is InboundDecision.NEW_LINKED_CASE
    )


def test_open_case_is_kept():
    assert (
        decide_inbound(CaseStatus.OPEN, resolved_at=None, now=NOW, policy=POLICY)
        is InboundDecision.KEEP
    )
