"""Signed, stateless tokens for the "Did this solve your problem?" links.

``<case>.<question>.<issued>.<mac>``: the case number, the id of the question (the
``resolution_asked`` event of one particular resolution), when the link was made, and
an HMAC-SHA256 over all three with the gateway's resolution key. The signature stops
forged and edited links; the question id makes a link from an earlier resolution
unable to act on a later one; the time lets old links expire. Whether the question
was answered already is the database's business, not the token's.
"""

import hashlib
import hmac
import re
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from omnidesk.core.ids import CaseNumber

LIFETIME = timedelta(days=30)
_SHAPE = re.compile(r"^(\d{1,12})\.(\d{1,18})\.(\d{1,12})\.([0-9a-f]{32})$")
_MAC_CHARS = 32
"""128 bits of the MAC: unforgeable, and the link stays short enough for every mail client."""


class TokenProblem(StrEnum):
    INVALID = "invalid"
    EXPIRED = "expired"


class ResolutionTokenError(Exception):
    def __init__(self, problem: TokenProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class ResolutionToken:
    case: CaseNumber
    question: int
    issued: int


def _mac(key: bytes, payload: str) -> str:
    return hmac.new(key, b"resolution:" + payload.encode("ascii"), hashlib.sha256).hexdigest()[
        :_MAC_CHARS
    ]


def issue(key: bytes, *, case: CaseNumber, question: int, now: float) -> str:
    payload = f"{int(case)}.{int(question)}.{int(now)}"
    return f"{payload}.{_mac(key, payload)}"


def verify(
    key: bytes, token: str, *, now: float, lifetime: timedelta = LIFETIME
) -> ResolutionToken:
    """The token's content; ``ResolutionTokenError`` when forged, edited or too old."""
    match = _SHAPE.match(token or "")
    if match is None:
        raise ResolutionTokenError(TokenProblem.INVALID)
    case_text, question_text, issued_text, mac = match.groups()
    payload = f"{case_text}.{question_text}.{issued_text}"
    if not hmac.compare_digest(mac, _mac(key, payload)):
        raise ResolutionTokenError(TokenProblem.INVALID)
    issued = int(issued_text)
    age = now - issued
    if age > lifetime.total_seconds() or age < -300:
        raise ResolutionTokenError(TokenProblem.EXPIRED)
    return ResolutionToken(
        case=CaseNumber(int(case_text)), question=int(question_text), issued=issued
    )
