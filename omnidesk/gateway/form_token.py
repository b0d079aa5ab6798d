"""Signed one-time form tokens: proof that a form came from us, when, and only once.

``<issued>.<nonce>.<mac>``: the time the form was shown, 128 random bits, and an
HMAC-SHA256 over both with the gateway key. The signature stops forged tokens, the
time stops stale and too-fast (bot) submissions, and the nonce is spent in the
database with the submission, so a replay stores nothing.
"""

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum

_SHAPE = re.compile(r"^(\d{1,12})\.([0-9a-f]{32})\.([0-9a-f]{64})$")


class TokenProblem(StrEnum):
    INVALID = "invalid"
    EXPIRED = "expired"
    TOO_FAST = "too_fast"


class FormTokenError(Exception):
    def __init__(self, problem: TokenProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


@dataclass(frozen=True, slots=True)
class FormToken:
    issued: int
    nonce: str


def _mac(key: bytes, payload: str) -> str:
    return hmac.new(key, payload.encode("ascii"), hashlib.sha256).hexdigest()


def issue(key: bytes, now: float) -> str:
    payload = f"{int(now)}.{secrets.token_hex(16)}"
    return f"{payload}.{_mac(key, payload)}"


def verify(key: bytes, token: str, *, now: float, max_age: float, min_age: float) -> FormToken:
    match = _SHAPE.match(token or "")
    if match is None:
        raise FormTokenError(TokenProblem.INVALID)
    issued_text, nonce, mac = match.groups()
    if not hmac.compare_digest(mac, _mac(key, f"{issued_text}.{nonce}")):
        raise FormTokenError(TokenProblem.INVALID)
    issued = int(issued_text)
    age = now - issued
    if age > max_age or age < -60:
        raise FormTokenError(TokenProblem.EXPIRED)
    if age < min_age:
        raise FormTokenError(TokenProblem.TOO_FAST)
    return FormToken(issued=issued, nonce=nonce)
