"""A plain thank-you leaves a resolved case resolved; a real question reopens it."""

from datetime import UTC, datetime, timedelta

import pytest

from omnidesk.core.enums import CaseStatus
from omnidesk.core.gratitude import is_plain_thanks, new_text
from omnidesk.core.lifecycle import InboundDecision, ReopenPolicy, decide_inbound

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
POLICY = ReopenPolicy(window=timedelta(days=30))


@pytest.mark.parametrize(
    "text",
    [
        "Thanks!",
        "thank you so much :)",
        "Hi Anna,\n\nthanks a lot, that worked!\n\nBest regards\nKäthe Köhler",
        "Perfect, many thanks for the quick help.",
        "Danke!",
        "Vielen Dank, jetzt klappt alles.\n\nViele Grüße\nKäthe",
        "Super, herzlichen Dank für die schnelle Hilfe!\nLG Jonas",
        "Dankeschön 👍",
        "Thanks!\n\nOn Mon, 23 Nov 2026 Anna wrote:\n> Why did the invoice fail? Is it broken?",
        "Danke!\n-- \nKäthe Köhler\nMusterstraße 1, Was ist das? 12345 Berlin",
    ],
)
def test_thank_you_notes(text: str) -> None:
    assert is_plain_thanks(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "OK",
        "Thanks, but it still does not work.",
        "Thanks! One more question: can I change the delivery address?",
        "Thank you. When will the refund arrive",
        "Danke, aber das Problem ist leider noch da.",
        "Danke! Können Sie mir noch die Rechnung schicken?",
        "Vielen Dank. Bitte schicken Sie mir auch die Gutschrift für März als PDF.",
        "Thanks, please also cancel my second order from last week.",
        "The parcel arrived damaged",
    ],
)
def test_real_messages(text: str) -> None:
    assert not is_plain_thanks(text)


def test_new_text_drops_quotes_and_signature() -> None:
    text = "Danke!\n\nAm 23.11.2026 um 10:00 schrieb Support <s@x.de>:\n> Frage?"
    assert new_text(text) == "Danke!"
    assert new_text("Yes\n> quoted\nmine\n-- \nsig") == "Yes\nmine"


def test_a_thank_you_keeps_a_resolved_case_resolved() -> None:
    resolved = NOW - timedelta(days=1)
    decide = decide_inbound(
        CaseStatus.RESOLVED, resolved_at=resolved, now=NOW, policy=POLICY, text="Danke schön!"
    )
    assert decide is InboundDecision.KEEP


def test_a_real_question_reopens_a_resolved_case() -> None:
    resolved = NOW - timedelta(days=1)
    decide = decide_inbound(
        CaseStatus.RESOLVED,
        resolved_at=resolved,
        now=NOW,
        policy=POLICY,
        text="Thanks, but the invoice is still wrong. Can you check again?",
    )
    assert decide is InboundDecision.REOPEN


def test_a_confirmed_resolution_stays_resolved_for_good() -> None:
    resolved = NOW - timedelta(hours=2)
    question = "I have a different question about my contract?"
    assert (
        decide_inbound(
            CaseStatus.RESOLVED,
            resolved_at=resolved,
            now=NOW,
            policy=POLICY,
            text=question,
            confirmed=True,
        )
        is InboundDecision.NEW_LINKED_CASE
    )
    assert (
        decide_inbound(
            CaseStatus.RESOLVED,
            resolved_at=resolved,
            now=NOW,
            policy=POLICY,
            text="Thanks again!",
            confirmed=True,
        )
        is InboundDecision.KEEP
    )


def test_thanks_on_a_waiting_case_still_resumes_it() -> None:
    # Only resolved cases ignore a thank-you: on a waiting case it is the customer's turn.
    assert (
        decide_inbound(
            CaseStatus.WAITING_ON_CUSTOMER, resolved_at=None, now=NOW, policy=POLICY, text="Thanks!"
        )
        is InboundDecision.RESUME
    )
