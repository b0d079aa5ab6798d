"""The case status lifecycle: which status follows which, and why.

``new -> open -> waiting_on_customer -> resolved``, and back to ``open`` when the
customer writes again. Status changes made by hand are checked here too.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from omnidesk.core.enums import CaseStatus
from omnidesk.core.errors import InvalidInput, RuleViolation
from omnidesk.core.gratitude import is_plain_thanks

_ALLOWED: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.NEW: frozenset(
        {CaseStatus.OPEN, CaseStatus.WAITING_ON_CUSTOMER, CaseStatus.RESOLVED}
    ),
    CaseStatus.OPEN: frozenset({CaseStatus.WAITING_ON_CUSTOMER, CaseStatus.RESOLVED}),
    CaseStatus.WAITING_ON_CUSTOMER: frozenset({CaseStatus.OPEN, CaseStatus.RESOLVED}),
    CaseStatus.RESOLVED: frozenset({CaseStatus.OPEN}),
}


def parse_status(text: str) -> CaseStatus:
    """Read a status as a user types it (``waiting``, ``Waiting-on-customer``, ``resolved``)."""
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    if key == "waiting":
        key = CaseStatus.WAITING_ON_CUSTOMER.value
    try:
        return CaseStatus(key)
    except ValueError:
        choices = ", ".join(s.value for s in CaseStatus)
        raise InvalidInput(f"unknown status {text!r}; choose one of: {choices}") from None


def check_transition(current: CaseStatus, target: CaseStatus) -> None:
    """Raise ``RuleViolation`` unless ``current -> target`` is a legal change."""
    if target is current:
        raise RuleViolation(f"the case is already {current.value}")
    if target is CaseStatus.NEW:
        raise RuleViolation("a case cannot go back to new once an agent has acted on it")
    if target not in _ALLOWED[current]:
        raise RuleViolation(f"a {current.value} case cannot become {target.value}")


def status_after_agent_reply(current: CaseStatus) -> CaseStatus:
    """A reply to the customer hands the turn to them, unless the case is resolved."""
    if current is CaseStatus.RESOLVED:
        return current
    return CaseStatus.WAITING_ON_CUSTOMER


def status_after_claim(current: CaseStatus) -> CaseStatus:
    return CaseStatus.OPEN if current is CaseStatus.NEW else current


class InboundDecision(StrEnum):
    """What a new customer message does to the case it belongs to."""

    KEEP = "keep"
    """The case is new or open (or resolved, and this is only a thank-you): it stays."""
    RESUME = "resume"
    """The case was waiting on the customer: it is open again."""
    REOPEN = "reopen"
    """The case was resolved recently: it is reopened with the same owner."""
    NEW_LINKED_CASE = "new_linked_case"
    """The case was resolved long ago: a new case, linked to the old one."""


@dataclass(frozen=True, slots=True)
class ReopenPolicy:
    window: timedelta = timedelta(days=30)


def decide_inbound(
    status: CaseStatus,
    *,
    resolved_at: datetime | None,
    now: datetime,
    policy: ReopenPolicy,
    text: str = "",
    confirmed: bool = False,
) -> InboundDecision:
    """Decide what a customer message arriving at ``now`` does to a case in ``status``.

    ``text`` is the message: a plain thank-you leaves a resolved case resolved.
    ``confirmed`` means the customer said the resolution solved their problem: the case
    stays resolved for good, and anything new they write starts a linked case.
    """
    if status is CaseStatus.WAITING_ON_CUSTOMER:
        return InboundDecision.RESUME
    if status is not CaseStatus.RESOLVED:
        return InboundDecision.KEEP
    if is_plain_thanks(text):
        return InboundDecision.KEEP
    if confirmed:
        return InboundDecision.NEW_LINKED_CASE
    if resolved_at is None or now - resolved_at <= policy.window:
        return InboundDecision.REOPEN
    return InboundDecision.NEW_LINKED_CASE
