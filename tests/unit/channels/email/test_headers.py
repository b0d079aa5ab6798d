"""Header decoding: RFC 2047 words, 8-bit bytes, addresses, dates, Message-IDs."""

import base64
from datetime import UTC, datetime

import pytest

from omnidesk.channels.email.charsets import codec_for, decode_text
from omnidesk.channels.email.headers import (
    decode_8bit,
    decode_header,
    decode_rfc2047,
    normalize_message_id,
    parse_addresses,
    parse_date,
    split_references,
    unfold,
)


def b_word(text: bytes, charset: str = "utf-8") -> str:
    return f"=?{charset}?B?{base64.b64encode(text).decode()}?="


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("=?ISO-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=", "Grüße aus Köln"),
        ("=?utf-8?q?M=C3=A4rz?= Rechnung", "März Rechnung"),
        # whitespace between two encoded words disappears (RFC 2047 6.2) ...
        ("=?utf-8?B?w6Q=?= =?utf-8?B?w7Y=?=", "äö"),
        # ... but not between a word and plain text
        ("Re: =?utf-8?B?w6Q=?= x", "Re: ä x"),
        # no space at all between words (a common sender bug)
        ("=?utf-8?Q?a?==?utf-8?Q?b?=", "ab"),
        # lower-case encoding letter, language suffix (RFC 2231)
        ("=?UTF-8*de?b?w5w=?=", "Ü"),
        # a word that does not decode stays as it is
        ("=?utf-8?B?***?= ok", "=?utf-8?B?***?= ok"),
        ("plain text", "plain text"),
    ],
)
def test_decode_rfc2047(raw, expected):
    assert decode_rfc2047(raw) == expected


def test_a_utf8_character_split_across_two_words_is_joined_before_decoding():
    data = "Rechnung März".encode()
    raw = f"{b_word(data[:10])} {b_word(data[10:])}"  # byte 10 is inside "ä"
    assert decode_rfc2047(raw) == "Rechnung März"


def test_iso_2022_jp_word():
    assert (
        decode_rfc2047(b_word("お問い合わせ".encode("iso2022_jp"), "ISO-2022-JP")) == "お問い合わせ"
    )


def test_unknown_charset_in_a_word_falls_back_to_utf8():
    assert decode_rfc2047(b_word("Größe".encode(), "x-nonsense")) == "Größe"


def test_decode_header_unfolds_and_strips_controls():
    assert decode_header("bug demonstration\n\t12345\n\tmore\x07 text") == (
        "bug demonstration 12345 more text",
        False,
    )
    assert decode_header(None) == ("", False)


def test_raw_utf8_header_is_fine_but_raw_windows_1252_is_a_guess():
    utf8 = "Grüße".encode().decode("ascii", "surrogateescape")
    cp1252 = "Grüße".encode("cp1252").decode("ascii", "surrogateescape")
    assert decode_8bit(utf8) == ("Grüße", False)
    assert decode_8bit(cp1252) == ("Grüße", True)
    assert decode_header(cp1252) == ("Grüße", True)


def test_unfold():
    assert unfold("a\r\n b\n\tc") == "a b\tc"


@pytest.mark.parametrize(
    ("label", "codec"),
    [
        ("iso-8859-1", "cp1252"),
        ('"UTF-8"', "utf-8"),
        ("shift_jis", "cp932"),
        ("gb2312", "gb18030"),
        ("ks_c_5601-1987", "cp949"),
        ("utf-8*en", "utf-8"),
        ("x-unknown", None),
        ("no-such-charset", None),
        (None, None),
    ],
)
def test_codec_for(label, codec):
    assert codec_for(label) == codec


def test_decode_text_fallbacks_say_what_they_guessed():
    assert decode_text(b"plain", "utf-8") == ("plain", None)
    text, note = decode_text("Grüße".encode("cp1252"), "utf-8")
    assert text == "Grüße"
    assert note is not None
    assert "windows-1252" in note
    text, note = decode_text("Grüße".encode(), "us-ascii")
    assert (text, "utf-8" in (note or "")) == ("Grüße", True)
    # a broken multi-byte text keeps its charset; only the bad bytes are replaced
    text, note = decode_text("日本".encode("cp932") + b"\x81", "shift_jis")
    assert text.startswith("日本")
    assert note is not None


def test_parse_addresses_decodes_names_after_splitting():
    quoted = b_word("Müller, Hans".encode())
    found = parse_addresses([f"{quoted} <hans@Example.DE>, Eva <eva@example.de>"])
    assert found == (("Müller, Hans", "hans@example.de"), ("Eva", "eva@example.de"))


def test_unquoted_comma_in_a_name_does_not_make_two_mailboxes():
    assert parse_addresses(["Müller, Hans <h@x.de>"]) == (("Müller, Hans", "h@x.de"),)


def test_parse_addresses_survives_garbage():
    assert parse_addresses(["undisclosed-recipients:;"]) == ()
    assert parse_addresses(["<<<>>>", "", ",,,"]) == ()
    assert parse_addresses(['"unterminated <a@b.c']) == (("unterminated", "a@b.c"),)
    assert parse_addresses(["bare@example.org (Comment Name)"]) == (
        ("Comment Name", "bare@example.org"),
    )


def test_parse_addresses_respects_the_limit():
    many = ", ".join(f"user{i}@example.org" for i in range(50))
    assert len(parse_addresses([many], limit=10)) == 10


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tue, 11 Sep 2001 00:05:05 -0400", datetime(2001, 9, 11, 4, 5, 5, tzinfo=UTC)),
        ("Tue, 5 Mar 2024 09:30:00 +0900", datetime(2024, 3, 5, 0, 30, tzinfo=UTC)),
        ("01 Jan 2001 00:01+0000", datetime(2001, 1, 1, 0, 1, tzinfo=UTC)),
        # no zone: read as UTC; a leap second is clamped
        ("Sat, 31 Dec 2016 23:59:60", datetime(2016, 12, 31, 23, 59, 59, tzinfo=UTC)),
        ("garbage", None),
        ("Mon, 32 Jan 2024 10:00:00 +0000", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(raw, expected):
    assert parse_date(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<abc@example.org>", "<abc@example.org>"),
        ("  <abc@example.org> (Anna's message)", "<abc@example.org>"),
        ("abc@example.org", "<abc@example.org>"),
        ("Your message of Monday", None),
        ("", None),
        (None, None),
    ],
)
def test_normalize_message_id(raw, expected):
    assert normalize_message_id(raw) == expected


def test_split_references_dedupes_and_keeps_root_and_newest():
    assert split_references("<a@x>\n <b@x> <a@x>") == ("<a@x>", "<b@x>")
    assert split_references("a@x b@x") == ("<a@x>", "<b@x>")
    many = " ".join(f"<m{i}@x>" for i in range(20))
    assert split_references(many, limit=5) == ("<m0@x>", "<m16@x>", "<m17@x>", "<m18@x>", "<m19@x>")
    assert split_references(None) == ()
