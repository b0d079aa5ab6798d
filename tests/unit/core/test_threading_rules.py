"""Threading decisions, in plain Python."""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from omnidesk.core.enums import CaseStatus
from omnidesk.core.ids import CaseId, CaseNumber, CustomerId
from omnidesk.core.threading_rules import (
    CaseCandidate,
    SubjectPolicy,
    ThreadDecision,
    ThreadReason,
    decide_thread,
    normalize_subject,
    subject_case_numbers,
)

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
KATHE = CustomerId(7)


def candidate(
    number=1042, status=CaseStatus.OPEN, subject="Rechnung doppelt", age_days=1, customer=KATHE
):
    return CaseCandidate(
        id=CaseId(number - 1000),
        number=CaseNumber(number),
        status=status,
        customer_id=customer,
        subject=subject,
        updated_at=NOW - timedelta(days=age_days),
    )


def decide(**overrides: Any) -> ThreadDecision:
    arguments: dict[str, Any] = {
        "by_reference": None,
        "by_token": None,
        "sender_is_participant": False,
        "subject_matches": [],
        "customer_id": KATHE,
        "subject": "Rechnung doppelt",
        "now": NOW,
        "policy": SubjectPolicy(enabled=True),
    }
    arguments.update(overrides)
    return decide_thread(**arguments)


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("Re: AW: WG: Rechnung doppelt", "rechnung doppelt"),
        ("RE[2]: [#1042] Rechnung   doppelt", "rechnung doppelt"),
        ("Fwd: [EXTERNAL] Order arrived damaged", "order arrived damaged"),
        ("Antw: Re:Lieferung", "lieferung"),
        ("Regarding the invoice", "regarding the invoice"),
        ("", ""),
    ],
)
def test_normalize_subject(raw, normalized):
    assert normalize_subject(raw) == normalized


def test_case_tokens_in_subjects():
    assert subject_case_numbers("Re: [#1042] Rechnung [#7]") == [1042, 7]
    assert subject_case_numbers("Order #1042") == []


def test_header_reference_wins_over_everything():
    referenced = candidate(1001)
    decision = decide(by_reference=referenced, by_token=candidate(1042), sender_is_participant=True)
    assert decision.case == referenced
    assert decision.reason is ThreadReason.HEADER_REFERENCE
    assert "#1001" in decision.explanation


def test_subject_token_counts_only_for_participants():
    token_case = candidate(1042)
    joined = decide(by_token=token_case, sender_is_participant=True)
    assert (joined.case, joined.reason) == (token_case, ThreadReason.SUBJECT_TOKEN)
    stranger = decide(
        by_token=token_case, sender_is_participant=False, policy=SubjectPolicy(enabled=False)
    )
    assert stranger.case is None
    assert stranger.reason is ThreadReason.NEW_CASE
    assert "has not taken part" in stranger.explanation


def test_subject_matching_is_off_by_default():
    decision = decide(subject_matches=[candidate()], policy=SubjectPolicy())
    assert decision.case is None


def test_subject_matching_takes_the_latest_open_recent_case_of_the_same_customer():
    old = candidate(1001, age_days=4)
    newer = candidate(1002, age_days=1)
    too_old = candidate(1003, age_days=9)
    resolved = candidate(1004, status=CaseStatus.RESOLVED, age_days=0)
    other_customer = candidate(1005, customer=CustomerId(8), age_days=0)
    other_subject = candidate(1006, subject="Lieferung", age_days=0)
    decision = decide(
        subject="AW: Rechnung doppelt",
        subject_matches=[old, newer, too_old, resolved, other_customer, other_subject],
    )
    assert decision.case == newer
    assert decision.reason is ThreadReason.SUBJECT_MATCH


def test_nothing_found_is_a_new_case():
    decision = decide()
    assert (decision.case, decision.reason) == (None, ThreadReason.NEW_CASE)
