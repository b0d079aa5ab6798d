"""Threading inbound email into cases: which case a message belongs to, and why.

In order: a Message-ID we know in ``In-Reply-To``/``References``; a case token in
the subject (``[#1042]``), which counts only when the sender already took part in
that case (a stranger quoting a case number must not land in someone else's
case); optionally the same customer with the same normalised subject on a case
that is still open and recent. Otherwise a new case.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from omnidesk.core.case_numbers import SUBJECT_TOKEN
from omnidesk.core.enums import CaseStatus
from omnidesk.core.ids import CaseId, CaseNumber, CustomerId

# Reply and forward prefixes in the languages our customers write in, as mail
# clients really produce them ("AW:", "WG:", "Antw:", "Fwd:", "RE[2]:").
_PREFIX = re.compile(
    r"^\s*(?:(?:re|aw|antw|antwort|wg|fw|fwd|tr|sv|vs|rif|r)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+",
    re.IGNORECASE,
)
_TAGS = re.compile(r"\[(?:#\d+|extern(?:al)?|ext|spam|\*\*\*\s*spam\s*\*\*\*)\]", re.IGNORECASE)


class ThreadReason(StrEnum):
    HEADER_REFERENCE = "header_reference"
    SUBJECT_TOKEN = "subject_token"  # noqa: S105  (a case token, not a password)
    SUBJECT_MATCH = "subject_match"
    NEW_CASE = "new_case"


@dataclass(frozen=True, slots=True)
class CaseCandidate:
    id: CaseId
    number: CaseNumber
    status: CaseStatus
    customer_id: CustomerId
    subject: str
    updated_at: datetime
    resolved_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ThreadDecision:
    case: CaseCandidate | None
    reason: ThreadReason
    explanation: str
    """Shown to agents: why this message was put where it is."""


@dataclass(frozen=True, slots=True)
class SubjectPolicy:
    enabled: bool = False
    window: timedelta = timedelta(days=5)


def normalize_subject(subject: str) -> str:
    """The subject without reply prefixes, case tokens and tags, for comparison."""
    text = subject or ""
    previous = None
    while previous != text:
        previous = text
        text = _TAGS.sub(" ", text)
        text = _PREFIX.sub("", text)
    return " ".join(text.split()).casefold()


def subject_case_numbers(subject: str) -> list[CaseNumber]:
    return [CaseNumber(int(n)) for n in SUBJECT_TOKEN.findall(subject or "")]


def decide_thread(
    *,
    by_reference: CaseCandidate | None,
    by_token: CaseCandidate | None,
    sender_is_participant: bool,
    subject_matches: list[CaseCandidate],
    customer_id: CustomerId | None,
    subject: str,
    now: datetime,
    policy: SubjectPolicy,
) -> ThreadDecision:
    """Pick the case for an inbound message from what the store found."""
    if by_reference is not None:
        return ThreadDecision(
            by_reference,
            ThreadReason.HEADER_REFERENCE,
            f"replies to a message of case #{by_reference.number} (In-Reply-To/References)",
        )
    if by_token is not None and sender_is_participant:
        return ThreadDecision(
            by_token,
            ThreadReason.SUBJECT_TOKEN,
            f"the subject names case #{by_token.number} and the sender takes part in it",
        )
    match = _subject_match(subject_matches, customer_id, subject, now, policy)
    if match is not None:
        return ThreadDecision(
            match,
            ThreadReason.SUBJECT_MATCH,
            f"same customer and same subject as open case #{match.number}",
        )
    why = "new case: no earlier message of ours is referenced"
    if by_token is not None:
        why = (
            f"new case: the subject names case #{by_token.number}, "
            "but the sender has not taken part in it"
        )
    return ThreadDecision(None, ThreadReason.NEW_CASE, why)


def _subject_match(
    candidates: list[CaseCandidate],
    customer_id: CustomerId | None,
    subject: str,
    now: datetime,
    policy: SubjectPolicy,
) -> CaseCandidate | None:
    if not policy.enabled or customer_id is None:
        return None
    wanted = normalize_subject(subject)
    if not wanted:
        return None
    fitting = [
        c
        for c in candidates
        if c.customer_id == customer_id
        and c.status is not CaseStatus.RESOLVED
        and now - c.updated_at <= policy.window
        and normalize_subject(c.subject) == wanted
    ]
    return max(fitting, key=lambda c: c.updated_at, default=None)
