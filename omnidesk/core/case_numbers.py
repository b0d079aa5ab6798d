"""Human case numbers: ``#1042``."""

import re

from omnidesk.core.errors import InvalidInput
from omnidesk.core.ids import CaseNumber

FIRST_CASE_NUMBER = 1001
_REF = re.compile(r"^\s*#?\s*(\d{1,12})\s*$")
SUBJECT_TOKEN = re.compile(r"\[#(\d{1,12})\]")


def parse_case_ref(text: str) -> CaseNumber:
    """Read ``1042`` or ``#1042`` as a case number."""
    match = _REF.match(text)
    if not match:
        raise InvalidInput(f"{text!r} is not a case number (expected something like #1042)")
    return CaseNumber(int(match.group(1)))


def subject_token(number: CaseNumber) -> str:
    return f"[#{number}]"
