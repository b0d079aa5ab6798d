"""Identity normalization and case-number parsing."""

import pytest

from omnidesk.core.case_numbers import parse_case_ref, subject_token
from omnidesk.core.enums import IdentityKind
from omnidesk.core.errors import InvalidInput
from omnidesk.core.identities import normalize_identity


def test_email_addresses_compare_case_insensitively():
    assert normalize_identity(IdentityKind.EMAIL, " Jürgen.Müller@Example.DE ") == (
        "jürgen.müller@example.de"
    )


@pytest.mark.parametrize("bad", ["", "no-at-sign", "two@@example.com", "a b@example.com"])
def test_malformed_addresses_are_refused(bad):
    with pytest.raises(InvalidInput):
        normalize_identity(IdentityKind.EMAIL, bad)


def test_phone_numbers_keep_digits_and_international_prefix():
    assert normalize_identity(IdentityKind.PHONE, "0049 (30) 555-12 34") == "+49305551234"
    assert normalize_identity(IdentityKind.PHONE, "+44 131 496 0000") == "+441314960000"
    with pytest.raises(InvalidInput):
        normalize_identity(IdentityKind.PHONE, "12")


def test_case_references():
    assert parse_case_ref("#1042") == 1042
    assert parse_case_ref(" 1042 ") == 1042
    assert subject_token(parse_case_ref("1042")) == "[#1042]"
    for bad in ("", "#", "10a", "-5", "#1042#"):
        with pytest.raises(InvalidInput, match="not a case number"):
            parse_case_ref(bad)
