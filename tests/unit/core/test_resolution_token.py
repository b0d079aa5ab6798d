"""Signed resolution links: forged, edited and old links are told apart."""

from datetime import timedelta

import pytest

from omnidesk.core.ids import CaseNumber
from omnidesk.core.resolution_token import (
    LIFETIME,
    ResolutionToken,
    ResolutionTokenError,
    TokenProblem,
    issue,
    verify,
)

KEY = b"k" * 64
NOW = 1_800_000_000.0


def problem(token: str, *, key: bytes = KEY, now: float = NOW) -> TokenProblem:
    with pytest.raises(ResolutionTokenError) as caught:
        verify(key, token, now=now)
    return caught.value.problem


def test_a_token_names_case_and_question() -> None:
    token = issue(KEY, case=CaseNumber(1042), question=77, now=NOW)
    assert verify(KEY, token, now=NOW + 60) == ResolutionToken(CaseNumber(1042), 77, int(NOW))


def test_forged_and_edited_tokens_are_invalid() -> None:
    token = issue(KEY, case=CaseNumber(1042), question=77, now=NOW)
    case, question, issued, mac = token.split(".")
    assert problem(f"{case}.78.{issued}.{mac}") is TokenProblem.INVALID
    assert problem(f"1043.{question}.{issued}.{mac}") is TokenProblem.INVALID
    assert problem(token, key=b"x" * 64) is TokenProblem.INVALID
    assert problem("") is TokenProblem.INVALID
    assert problem("1042.77.1800000000.zz") is TokenProblem.INVALID


def test_old_tokens_expire() -> None:
    token = issue(KEY, case=CaseNumber(1), question=1, now=NOW)
    verify(KEY, token, now=NOW + LIFETIME.total_seconds())
    later = NOW + (LIFETIME + timedelta(seconds=1)).total_seconds()
    assert problem(token, now=later) is TokenProblem.EXPIRED
