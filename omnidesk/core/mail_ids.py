"""Message-IDs and subjects of the mail OmniDesk sends."""

import re
import uuid

from omnidesk.core.case_numbers import subject_token
from omnidesk.core.ids import CaseNumber
from omnidesk.core.threading_rules import normalize_subject

_DOMAIN = re.compile(r"^[A-Za-z0-9.-]+$")
DEFAULT_DOMAIN = "omnidesk.invalid"


def new_message_id(number: CaseNumber, domain: str) -> str:
    """A globally unique Message-ID that also names the case (handy when reading raw mail)."""
    host = domain if _DOMAIN.match(domain or "") else DEFAULT_DOMAIN
    return f"<omnidesk.{number}.{uuid.uuid4().hex}@{host}>"


def domain_of(address: str) -> str:
    return address.rpartition("@")[2] if "@" in address else DEFAULT_DOMAIN


def reply_subject(subject: str, number: CaseNumber) -> str:
    """``Re: <subject> [#1042]`` with any earlier prefixes and tokens folded away."""
    base = normalize_subject(subject)
    # normalize_subject casefolds for comparison; keep the customer's spelling instead.
    original = " ".join(subject.split())
    if base and original.casefold().endswith(base):
        base = original[len(original) - len(base) :]
    return f"Re: {base or '(no subject)'} {subject_token(number)}"
