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


# -- a Content-Type without a "/" ---------------------------------------------------------
_GZIP_PART = (
    b"From: a@b.example\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=x\n\n"
    b"--x\nContent-Type: text/plain\n\nSee the file.\n--x\n"
    b'Content-Type: application-x-gzip; name="document.xml.gz"\n%s'
    b"Content-Transfer-Encoding: base64\n\nH4sIAAAAAAAAAwMAAAAAAAAAAAA=\n--x--\n"
)


def test_named_part_with_an_invalid_content_type_is_a_file_not_text():
    # The stdlib reads "application-x-gzip" (no "/") as text/plain.
    parsed = parse_email(_GZIP_PART % b"")
    assert parsed.text == "See the file."
    assert [(a.filename, a.content_type, a.inline) for a in parsed.attachments] == [
        ("document.xml.gz", "application/octet-stream", False)
    ]
    assert parsed.attachments[0].data.startswith(b"\x1f\x8b")


def test_inline_named_part_with_an_invalid_content_type_stays_out_of_the_text():
    parsed = parse_email(_GZIP_PART % b'Content-Disposition: inline; filename="d.gz"\n')
    assert parsed.text == "See the file."
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("d.gz", "application/octet-stream")
    ]


def test_attached_part_with_an_invalid_content_type_and_no_name():
    raw = (
        b"From: a@b.example\nContent-Type: multipart/mixed; boundary=x\n\n"
        b"--x\nContent-Type: text/plain\n\nBody\n--x\n"
        b"Content-Type: bogus\nContent-Disposition: attachment\n\nDATA\n--x--\n"
    )
    parsed = parse_email(raw)
    assert parsed.text == "Body"
    assert [a.content_type for a in parsed.attachments] == ["application/octet-stream"]


def test_unnamed_part_with_an_invalid_content_type_is_still_text():
    raw = b"From: a@b.example\nContent-Type: textplain\n\nHello\n"
    parsed = parse_email(raw)
    assert parsed.text == "Hello"
    assert parsed.attachments == ()


# -- a nested multipart that reuses its parent's boundary, more than once ----------------
CORPUS = Path(__file__).parents[3] / "data" / "corpus" / "python-test_email" / "data"


def test_every_part_after_repeated_premature_closing_boundaries_is_found():
    # CPython's msg_39 (already in tests/data/corpus): three multipart/alternative parts
    # reuse the boundary of the multipart/mixed around them; each closes it early.
    parsed = parse_email((CORPUS / "msg_39.txt").read_bytes())
    assert [a.content_id for a in parsed.attachments] == [
        f"20592.1022586929.{n}@example.com" for n in (3, 4, 7, 8, 11, 12)
    ]
    assert parsed.text == "--\nIt's never too late to have a happy childhood."
    assert "mime-structure: 6 part(s) found after the closing boundary" in parsed.problems


def test_parts_after_a_third_reuse_of_the_boundary_are_kept():
    def inner(n: int) -> bytes:
        return (
            b"--b\nContent-Type: multipart/alternative; boundary=b\n\n"
            b"--b\nContent-Type: application/pdf; name=f%d.pdf\n\n%%PDF\n--b--\n" % n
        )

    raw = (
        b"From: a@b.example\nContent-Type: multipart/mixed; boundary=a\n\n"
        b"--a\nContent-Type: multipart/mixed; boundary=b\n\n"
        + inner(1)
        + inner(2)
        + inner(3)
        + b"--b--\n--a\nContent-Type: text/plain\n\nBye\n--a--\n"
    )
    parsed = parse_email(raw)
    assert [a.filename for a in parsed.attachments] == ["f1.pdf", "f2.pdf", "f3.pdf"]
    assert parsed.text == "Bye"


# -- raw UTF-8 names and headers cut off in the middle of a character --------------------
_CUT_NAME = "Картинка с очень, очень длинным именем таким чт".encode()[:-1]


def test_raw_utf8_file_name_cut_mid_character_is_not_read_as_windows_1252():
    # As Yahoo sent it (mailgun/flanker's russian-attachment-yahoo.eml): the UTF-8 name
    # was truncated inside its last character.
    raw = (
        b"From: Bob <bob@example.com>\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="XX"\n\n'
        b"--XX\nContent-Type: text/plain\n\nHello\n--XX\n"
        b'Content-Type: image/png; name="' + _CUT_NAME + b'"\n'
        b"Content-Transfer-Encoding: base64\n"
        b'Content-Disposition: attachment; filename="' + _CUT_NAME + b'"\n\n'
        b"iVBORw0KGgo=\n--XX--\n"
    )
    parsed = parse_email(raw)
    (attachment,) = parsed.attachments
    assert attachment.filename.startswith("Картинка с очень, очень длинным именем таким ч")
    assert attachment.content_type == "image/png"
    assert parsed.text == "Hello"


def test_raw_utf8_subject_cut_mid_character_keeps_the_rest():
    subject = "Привет, как дела".encode()[:-1]
    parsed = parse_email(b"From: a@b.example\nSubject: " + subject + b"\n\nbody\n")
    assert parsed.subject == "Привет, как дел"


def test_latin1_headers_are_still_read_as_windows_1252():
    # A lone Latin-1 letter at the end looks like a cut UTF-8 character; it is not.
    parsed = parse_email(b"From: Jos\xe9 <j@b.example>\nSubject: Gr\xfc\xdfe, Jos\xe9\n\nx\n")
    assert parsed.from_name == "José"
    assert parsed.subject == "Grüße, José"
