"""The CPython ``test_email`` corpus: every message parses; expectations are our own.

The counts below come from reading each file by hand; see the corpus README for the
files' origin. Attachments follow OmniDesk's rules (``mime.py``): an inline text part
with a file name is shown in the text *and* listed as an attachment.
"""

import hashlib
from pathlib import Path

import pytest

from omnidesk.channels.email import ParsedEmail, parse_email

CORPUS = Path(__file__).parents[3] / "data" / "corpus" / "python-test_email"
FILES = sorted((CORPUS / "data").glob("msg_*.txt"))

# The stdlib lists defects for these (README table); 42's defect is inside the
# forwarded message it carries, so it is noted without needing an agent.
DEFECTIVE = {"15", "17", "19", "25", "31", "35", "38", "39", "41", "42", "47"}
NO_SENDER = {"11", "18", "37", "40"}  # well-formed, but no From (nor Sender)


def parse(number: str) -> ParsedEmail:
    return parse_email((CORPUS / "data" / f"msg_{number}.txt").read_bytes())


def number_of(path: Path) -> str:
    return path.stem.removeprefix("msg_")


def test_the_copy_is_complete_and_byte_exact():
    assert len(FILES) == 48
    assert (CORPUS / "LICENSE-CPython.txt").is_file()
    assert (CORPUS / "README.md").is_file()
    digest = hashlib.sha256()
    for path in FILES:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    # Taken from ../shared/corpus when copied; a changed line ending changes it.
    assert digest.hexdigest() == "f6446163a9644b3ff0093df992965479fe3ab556c9f253330ba41cc1486076c5"
    assert b"\r\n" in (CORPUS / "data" / "msg_26.txt").read_bytes()


@pytest.mark.parametrize("path", FILES, ids=number_of)
def test_every_message_parses_into_something_usable(path):
    parsed = parse_email(path.read_bytes())
    assert isinstance(parsed.subject, str)
    assert isinstance(parsed.text, str)
    assert isinstance(parsed.new_text, str)
    assert parsed.raw_size == path.stat().st_size
    # a sender, or an explicit "no sender" problem (the null sender of a bounce counts)
    assert parsed.from_address or {"no-sender", "null-sender"} & {
        p.partition(":")[0] for p in parsed.problems
    }


@pytest.mark.parametrize("path", FILES, ids=number_of)
def test_defects_are_flagged_and_clean_mail_is_not(path):
    number = number_of(path)
    parsed = parse_email(path.read_bytes())
    if number in DEFECTIVE:
        assert parsed.problems
        assert parsed.needs_attention == (number != "42")
    elif number in NO_SENDER:
        assert parsed.problems == ("no-sender: no sender address (From, Sender and Return-Path)",)
    elif number == "43":
        assert parsed.problems == ("null-sender: a bounce from the null sender <>",)
        assert not parsed.needs_attention
    else:
        assert parsed.problems == ()
        assert not parsed.needs_attention


@pytest.mark.parametrize(
    ("number", "attachments"),
    [
        ("04", [("msg.txt", "text/plain", 48, True), ("msg.txt", "text/plain", 48, True)]),
        ("07", [("dingusfish.gif", "image/gif", 3512, False)]),
        ("10", []),
        ("12", []),
        ("13", [("dingusfish.gif", "image/gif", 3512, False)]),
        ("21", []),
        ("26", [("clock.bmp", "application/riscos", 630, False)]),
        ("36", []),  # message/external-body parts point elsewhere and carry no data
    ],
)
def test_attachments_of_the_well_formed_multiparts(number, attachments):
    parsed = parse(number)
    found = [(a.filename, a.content_type, a.size, a.inline) for a in parsed.attachments]
    assert found == attachments


@pytest.mark.parametrize(
    ("number", "text"),
    [
        ("04", "a simple kind of mirror\nto reflect upon our own\n\na simple kind of mirror"),
        ("07", "Hi there,\n\nThis is the dingus fish."),
        ("10", "This is a 7bit encoded message.\n\n¡This is a Quoted Printable encoded message!"),
        ("12", ""),
        ("13", "A text/plain part\n\nHi there,\n\nThis is the dingus fish."),
        ("21", "One\n\nTwo"),
        ("26", "Simple email with attachment."),
        ("36", "Blah blah blah"),
    ],
)
def test_text_of_the_well_formed_multiparts(number, text):
    assert parse(number).text.startswith(text)


def test_images_in_the_corpus_decode_to_real_gifs():
    (gif,) = parse("07").attachments
    assert gif.data.startswith(b"GIF8")


@pytest.mark.parametrize(
    ("number", "failed"),
    [
        ("05", None),  # its attached original has no Message-ID
        ("16", "<002001c144a6$8752e060$56104586@oxy.edu>"),
        ("25", "<01040616033903.00962@server>"),  # boundary truncated: parts recovered
        ("43", "<edab.7804f5cb8070@python.org>"),
    ],
)
def test_bounces(number, failed):
    parsed = parse(number)
    assert parsed.is_bounce
    assert parsed.bounced_message_id == failed


def test_no_other_corpus_message_is_a_bounce():
    bounces = {number_of(p) for p in FILES if parse_email(p.read_bytes()).is_bounce}
    assert bounces == {"05", "16", "25", "43"}


@pytest.mark.parametrize(
    ("number", "inner"),
    [
        ("06", "Subject: testing"),
        ("11", "Here is the body of the message."),
        ("46", "Testing email forwarding with Groupwise 1.2.2010"),
    ],
)
def test_a_whole_forwarded_message_is_read_as_the_body(number, inner):
    parsed = parse(number)
    assert parsed.text.startswith("---------- Forwarded message ----------")
    assert inner in parsed.text


@pytest.mark.parametrize(("number", "count"), [("02", 5), ("28", 2), ("30", 2), ("34", 1)])
def test_digest_messages_become_eml_attachments(number, count):
    attachments = parse(number).attachments
    assert len(attachments) == count
    assert {a.content_type for a in attachments} == {"message/rfc822"}
    assert all(a.filename.endswith(".eml") for a in attachments)


def test_recovered_structures():
    # msg_15 reuses its boundary for a nested part; the GIF after it is still found.
    assert [a.filename for a in parse("15").attachments] == ["xx.gif"]
    # msg_31 declares "BOUNDARY_" but uses "BOUNDARY".
    assert parse("31").text == "message 1\n\nmessage 2"
    # msg_41 has no boundary at all: the body is read as text.
    assert parse("41").text == "Blah blah blah"


def test_signed_messages_keep_the_signature():
    parsed = parse("45")
    assert parsed.text == "This is the signed contents."
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("signature.asc", "application/pgp-signature")
    ]
