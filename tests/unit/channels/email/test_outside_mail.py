"""Mail from other projects' test suites (``tests/data/outside``) that exposed parser bugs.

Each file is a real-world message copied with its project's licence; see the README
there. The expectations are our own, written after reading each message.
"""

import re
from pathlib import Path

import pytest

from omnidesk.channels.email import ParsedEmail, parse_email
from omnidesk.channels.email.headers import parse_addresses

OUTSIDE = Path(__file__).parents[3] / "data" / "outside"
MESSAGES = sorted(
    path
    for path in OUTSIDE.rglob("*")
    if path.is_file() and path.name not in ("LICENSE", "NOTICE", "README.md")
)
_FROM_WITH_ADDRESS = re.compile(rb"^From:[^\r\n]*@", re.IGNORECASE | re.MULTILINE)


def parse(project: str, name: str) -> ParsedEmail:
    return parse_email((OUTSIDE / project / name).read_bytes())


def header_block(raw: bytes) -> bytes:
    return re.split(rb"\r?\n\r?\n", raw, maxsplit=1)[0]


def test_the_copied_mail_comes_with_its_licences():
    assert len(MESSAGES) >= 5
    for project in {path.parent for path in MESSAGES}:
        licence = (project / "LICENSE").read_text()
        assert "https://github.com/" in licence
        assert "Permission is hereby granted" in licence


@pytest.mark.parametrize("path", MESSAGES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_outside_message_parses_and_keeps_its_sender(path):
    raw = path.read_bytes()
    parsed = parse_email(raw)
    assert parsed.raw_size == len(raw)
    assert isinstance(parsed.text, str)
    assert "=?" not in parsed.subject
    if _FROM_WITH_ADDRESS.search(header_block(raw)):
        assert "@" in parsed.from_address


# -- a header line that lost its fold no longer ends the header block --------------------
def test_unfolded_exchange_header_keeps_the_headers_after_it():
    # An Exchange diagnostics header wrapped without the leading space: the stdlib ended
    # the headers there, so Content-Type was lost and the text was the header dump.
    parsed = parse("mimekit", "issue358.txt")
    assert parsed.subject == "R: R: R: I: FR-selca LA selcaE"
    assert parsed.text == "Test headers"
    assert parsed.html is not None
    assert "Test headers" in parsed.html
    assert parsed.problems == (
        "header-fold: 1 header line(s) without a leading space read as folded",
    )
    assert not parsed.needs_attention


def test_garbage_line_in_the_headers_keeps_from_subject_and_date():
    parsed = parse("mikel-mail", "raw_email_incorrect_header.eml")  # CRLF line endings
    assert (parsed.from_name, parsed.from_address) == ("xxx xxx", "xxx@xxx.xxx")
    assert parsed.subject == "Stop adware/spyware once and for all."
    assert parsed.message_id == "<4D6AA7EB.6490534@xxx.xxx>"
    assert parsed.date is not None
    assert parsed.text.startswith("You are infected with:")
    assert "Delivered-To" not in parsed.text


def test_a_body_that_starts_without_a_blank_line_stays_body():
    # No well-known field after the odd line: it is the body, not a broken fold.
    raw = b"From: a@b.example\nSubject: s\nHello there\nNote: call me\n\nBye\n"
    parsed = parse_email(raw)
    assert parsed.subject == "s"
    assert parsed.text.startswith("Hello there\nNote: call me")
    assert parsed.needs_attention  # the missing blank line is still reported


def test_repaired_headers_need_well_known_fields_after_the_broken_line():
    raw = (
        b"Received: by mx.example\nX-Spam: 1;2;\n3;4\nFrom: Ann <ann@example.org>\n"
        b"Subject: Hello\nContent-Type: text/html\n\n<p>Hi</p>\n"
    )
    parsed = parse_email(raw)
    assert (parsed.from_name, parsed.from_address) == ("Ann", "ann@example.org")
    assert parsed.text == "Hi"


# -- display names with an "@" ----------------------------------------------------------
def test_from_whose_display_name_is_an_address():
    parsed = parse("mimekit", "issue358.txt")
    assert (parsed.from_name, parsed.from_address) == (
        "jang.abcdef@xyzlinu",
        "jang.abcdef@xyzlinux12345678.it",
    )


def test_recipient_list_with_an_at_in_a_display_name():
    parsed = parse("mikel-mail", "raw_email_with_at_display_name.eml")
    assert parsed.to == (
        ("", "smith@gmail.com"),
        ("Mikel@Lindsaar", "raasdnil@gmail.com"),
        ("", "tom@gmail.com"),
    )
    assert (parsed.from_name, parsed.from_address) == ("Mikel Lindsaar", "test@lindsaar.net")


def test_at_in_names_does_not_disturb_quoted_names_and_groups():
    assert parse_addresses(['"Q, R" <q@r.example>, t@u.example <w@x.example>']) == (
        ("Q, R", "q@r.example"),
        ("t@u.example", "w@x.example"),
    )
    assert parse_addresses(['"Smith, a@b" <x@y.example>']) == (("Smith, a@b", "x@y.example"),)
    assert parse_addresses(["Team: a@b.example, D <d@e.example>;"]) == (
        ("", "a@b.example"),
        ("D", "d@e.example"),
    )


# -- a multipart without a text part: the preamble is the text ----------------------------
def test_bounce_whose_only_words_are_in_the_preamble():
    parsed = parse("mimekit", "delivery-status-no-blank-line.txt")
    assert parsed.text == (
        "Processing your mail message caused the following errors:\n\n"
        "error: err.nosuchuser: newsletter-request@imusic.com"
    )
    assert parsed.is_bounce
    assert parsed.bounced_message_id == "<31FC7EB4.41C6@netscape.com>"
    assert [a.content_type for a in parsed.attachments] == [
        "message/delivery-status",
        "message/rfc822",
    ]


def test_the_usual_mime_preamble_is_not_taken_as_text():
    raw = (
        b"From: a@b.example\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=x\n\n"
        b"This is a multi-part message in MIME format.\n--x\n"
        b"Content-Type: application/pdf\n\n%PDF\n--x--\n"
    )
    parsed = parse_email(raw)
    assert parsed.text == ""
    assert [a.content_type for a in parsed.attachments] == ["application/pdf"]


def test_preamble_is_ignored_when_the_message_has_a_text_part():
    raw = (
        b"From: a@b.example\nContent-Type: multipart/mixed; boundary=x\n\n"
        b"Some words before the parts.\n--x\nContent-Type: text/plain\n\nThe body\n--x--\n"
    )
    assert parse_email(raw).text == "The body"


# -- a boundary with 8-bit characters --------------------------------------------------
def test_boundary_with_a_non_ascii_character_is_still_found():
    parsed = parse("mikel-mail", "utf8_multipart_boundary.eml")
    assert parsed.text == "Hello, world!"
    assert parsed.html is not None
    assert "Hello, world!" in parsed.html
    assert parsed.problems[0] == (
        "mime-structure: parts recovered with the boundary found in the body: 'bad-char-??'"
    )
