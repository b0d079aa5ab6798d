"""``parse_email`` on real-world shapes of mail, and on input built to break it."""

import random
import subprocess
import sys
import time
from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from omnidesk.channels.email import Limits, ParsedEmail, parse_email
from omnidesk.channels.email.filenames import safe_filename, unique_filenames

MAIL = Path(__file__).parents[3] / "data" / "mail"


def parse_file(name: str) -> ParsedEmail:
    return parse_email((MAIL / name).read_bytes())


def codes(parsed: ParsedEmail) -> set[str]:
    return {problem.partition(":")[0] for problem in parsed.problems}


# -- charsets ---------------------------------------------------------------------------
def test_iso_2022_jp_subject_sender_and_body():
    parsed = parse_file("iso-2022-jp.eml")
    assert parsed.subject == "お問い合わせの件"
    assert (parsed.from_name, parsed.from_address) == ("山田太郎", "taro@example.jp")
    assert parsed.text == "お世話になっております。\n請求書について質問があります。"
    assert parsed.problems == ()


def test_windows_1252_without_charset_is_read_and_noted():
    parsed = parse_file("cp1252-no-charset.eml")
    assert parsed.text == (
        "Sehr geehrte Damen und Herren,\n„Die Lieferung“ kostet 12 € – bitte prüfen."
    )
    assert parsed.subject == "Grüße – Frage"  # a raw 8-bit header, also windows-1252
    assert (parsed.from_name, parsed.from_address) == ("Jürgen", "j@example.de")
    assert codes(parsed) == {"charset", "header-8bit"}
    assert not parsed.needs_attention  # a guess, but a good one: no agent needed


def test_unknown_charset_name_falls_back_and_is_noted():
    parsed = parse_file("unknown-charset.eml")
    assert parsed.text == "Größe: 42 – passt."
    assert codes(parsed) == {"charset"}


# -- attachments --------------------------------------------------------------------------
def test_encoded_filenames_rfc2231_rfc2047_continuations_and_paths():
    parsed = parse_file("encoded-filenames.eml")
    assert [a.filename for a in parsed.attachments] == [
        "Rechnung März.pdf",
        "Übersicht Q1.xlsx",
        "Lange Liste der Bestellungen 2024.txt",
        "passwd",  # was "../../etc/passwd"
    ]
    pdf = parsed.attachments[0]
    assert pdf.content_type == "application/pdf"
    assert pdf.data.startswith(b"%PDF-1.4\n\x00\x01")
    assert pdf.size == 272
    assert len(pdf.sha256) == 64
    assert parsed.attachments[2].data == b"Bestellung 1\nBestellung 2"
    assert parsed.text == "Anbei die Dateien."


def test_raw_8bit_filename_is_decoded():
    raw = (
        b"From: a@b.example\nContent-Type: application/pdf\n"
        b'Content-Disposition: attachment; filename="Rechnung M\xc3\xa4rz.pdf"\n\n%PDF'
    )
    assert parse_email(raw).attachments[0].filename == "Rechnung März.pdf"


def test_uuencoded_file_inside_the_text():
    parsed = parse_file("uuencoded.eml")
    assert [(a.filename, a.data) for a in parsed.attachments] == [
        ("hello.txt", b"Hello from uuencode!\nSecond line.\n")
    ]
    assert "begin 644" not in parsed.text
    assert parsed.text.startswith("Here is the file.")
    assert parsed.text.endswith("Bye.")


def test_related_inline_image_is_resolvable_from_the_html():
    parsed = parse_file("related-cid.eml")
    (image,) = parsed.attachments
    assert (image.content_type, image.content_id, image.inline) == (
        "image/png",
        "logo@shop.example",
        True,
    )
    assert image.data.startswith(b"\x89PNG")
    assert parsed.html is not None
    assert f'src="cid:{image.content_id}"' in parsed.html
    assert parsed.text == "Thanks for your order."  # the plain alternative
    assert parsed.remote_images_blocked == 0


def test_html_only_mail_gets_a_text_version_and_safe_html():
    parsed = parse_file("html-only-remote.eml")
    assert parsed.text.startswith("Hallo Support-Team,\n\nwann kommt meine Bestellung?")
    assert "Bestellung 42 <https://shop.example/order/42>" in parsed.text
    assert "alert" not in parsed.text
    assert parsed.new_text.endswith(
        "Max\n\n[Banner] klick Bestellung 42 <https://shop.example/order/42>"
    )
    assert "Ihre Bestellung ist unterwegs" in parsed.text
    assert "Ihre Bestellung ist unterwegs" not in parsed.new_text
    html = parsed.html or ""
    for gone in ("<script", "onload", "onclick", "<form", "<iframe", "tracker.example", "url("):
        assert gone not in html
    assert "images.example" not in html
    assert parsed.remote_images_blocked == 2
    assert parsed.attachments == ()


def test_tnef_winmail_dat_is_kept_as_an_attachment():
    parsed = parse_file("winmail.eml")
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("winmail.dat", "application/ms-tnef")
    ]
    assert parsed.attachments[0].data.startswith(b"\x78\x9f\x3e\x22")
    assert parsed.text == "See attached."


def test_smime_signed_keeps_the_signature_as_an_attachment():
    parsed = parse_file("smime-signed.eml")
    assert parsed.text == "Signed hello."
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("smime.p7s", "application/pkcs7-signature")
    ]
    assert parsed.problems == ()


def test_smime_encrypted_is_kept_and_noted():
    parsed = parse_file("smime-encrypted.eml")
    assert parsed.text == ""
    assert [(a.filename, a.content_type) for a in parsed.attachments] == [
        ("smime.p7m", "application/pkcs7-mime")
    ]
    assert codes(parsed) == {"encrypted"}
    assert not parsed.needs_attention


def test_pgp_mime_encrypted_parts_are_kept():
    parsed = parse_file("pgp-encrypted.eml")
    assert [a.content_type for a in parsed.attachments] == [
        "application/pgp-encrypted",
        "application/octet-stream",
    ]
    assert parsed.attachments[1].filename == "encrypted.asc"
    assert parsed.attachments[1].data.startswith(b"-----BEGIN PGP MESSAGE-----")
    assert codes(parsed) == {"encrypted"}


# -- replies ----------------------------------------------------------------------------
def test_outlook_german_reply_separates_the_new_part():
    parsed = parse_file("outlook-reply-de.eml")
    assert parsed.new_text == (
        "Hallo Frau Schmidt,\n\ndanke, das hat funktioniert.\n\nMit freundlichen Grüßen\n"
        "Max Mustermann"
    )
    assert "Gesendet: Montag, 4. März 2024 10:15" in parsed.text  # the full text is kept
    assert parsed.in_reply_to == "<case-1042@example.com>"
    assert parsed.references == ("<case-1041@example.com>", "<case-1042@example.com>")


def test_flowed_english_reply_with_addresses_and_signature():
    parsed = parse_file("english-reply-flowed.eml")
    assert (parsed.from_name, parsed.from_address) == ("Doe, Jane", "jane@example.com")
    assert parsed.cc == (("Bob", "bob@example.com"), ("", "carol@example.com"))
    assert parsed.reply_to == (("Jane Private", "jane.private@example.net"),)
    assert parsed.date is not None
    assert parsed.date.isoformat() == "2024-03-05T13:00:00+00:00"
    # format=flowed: the soft line break is joined
    assert parsed.new_text == "Thanks, that solved it. I will confirm once the money has arrived."
    assert "> We have issued the refund. It takes 3 days." in parsed.text
    assert parsed.text.endswith("-- \nJane Doe\nACME Inc.")


# -- broken input -----------------------------------------------------------------------
def test_header_only_message():
    parsed = parse_file("header-only.eml")
    assert (parsed.subject, parsed.text, parsed.attachments) == ("nothing below", "", ())
    assert parsed.from_address == "only@example.com"
    assert not parsed.needs_attention


@pytest.mark.parametrize("raw", [b"", b"   \r\n\r\n", b"\x00"])
def test_empty_input_is_flagged(raw):
    parsed = parse_email(raw)
    assert parsed.needs_attention
    assert codes(parsed) & {"empty", "no-headers"}
    assert parsed.raw_size == len(raw)


@pytest.mark.parametrize("seed", range(30))
def test_random_bytes_never_raise(seed):
    rng = random.Random(seed)
    raw = rng.randbytes(rng.randrange(1, 5000))
    parsed = parse_email(raw)
    assert isinstance(parsed.text, str)
    assert isinstance(parsed.subject, str)
    assert parsed.needs_attention
    assert "\x00" not in parsed.text


def test_mangled_copies_of_real_mail_never_raise():
    rng = random.Random(7)
    sources = sorted(MAIL.glob("*.eml"))
    for _ in range(200):
        raw = bytearray(rng.choice(sources).read_bytes())
        for _ in range(rng.randrange(1, 20)):
            raw[rng.randrange(len(raw))] = rng.choice(b"\x00\n-=?<>\"';:\\\xff\xc3 ")
        parsed = parse_email(bytes(raw[: rng.randrange(1, len(raw) + 1)]))
        assert isinstance(parsed.text, str)


def bomb(parts: int) -> bytes:
    body = b"".join(b"--B\nContent-Type: text/plain\n\nx\n" for _ in range(parts))
    return b"From: a@b.example\nContent-Type: multipart/mixed; boundary=B\n\n" + body + b"--B--\n"


def test_a_50000_part_bomb_is_cut_quickly_and_flagged():
    started = time.perf_counter()
    parsed = parse_email(bomb(50_000))
    assert time.perf_counter() - started < 2.0
    assert parsed.needs_attention
    assert any(p.startswith("limit: more than 5000 boundary lines") for p in parsed.problems)
    assert any(p.startswith("limit: more than 500 MIME parts") for p in parsed.problems)
    assert parsed.text.startswith("x\n\nx")


def nested(levels: int) -> bytes:
    opening = b"".join(
        b'Content-Type: multipart/mixed; boundary="b%d"\n\n--b%d\n' % (i, i) for i in range(levels)
    )
    closing = b"".join(b"\n--b%d--\n" % i for i in reversed(range(levels)))
    return (
        b"From: a@b.example\nSubject: deep\n"
        + opening
        + b"Content-Type: text/plain\n\ndeep"
        + closing
    )


def test_nesting_deeper_than_the_limit_is_flagged():
    parsed = parse_email(nested(40))
    assert "limit: MIME parts nested deeper than 30" in parsed.problems
    assert parsed.needs_attention


def test_nesting_too_deep_for_the_stdlib_salvages_headers_and_text():
    parsed = parse_email(nested(2000))
    assert parsed.needs_attention
    assert parsed.subject == "deep"
    assert parsed.from_address == "a@b.example"
    assert "deep" in parsed.text  # the raw body, as text


@pytest.mark.parametrize(
    "body",
    [
        b"> On x wrote:\n> > q\nanswer\n" * 80_000,  # quote splitting once was quadratic
        b"<p><b>x</b> <a href='http://x'>y</a></p>" * 60_000,  # HTML-to-text, pure Python
        b"begin 644 x\nM\n" * 150_000,  # unfinished uuencode blocks
    ],
    ids=["quotes", "html", "uuencode"],
)
def test_megabytes_of_hostile_text_stay_fast(body):
    kind = b"text/html" if body.startswith(b"<p>") else b"text/plain"
    started = time.perf_counter()
    parsed = parse_email(b"From: a@b.example\nContent-Type: " + kind + b"\n\n" + body)
    assert time.perf_counter() - started < 3.0
    assert parsed.text


def test_attachment_budget_is_enforced():
    raw = (MAIL / "encoded-filenames.eml").read_bytes()
    parsed = parse_email(raw, limits=Limits(max_decoded_bytes=300))
    # The PDF (272 bytes) fits, the spreadsheet (44) does not, the list (25) does, and
    # what is left (3) is too little for the last file (10): skipped, never truncated.
    assert [(a.filename, a.size) for a in parsed.attachments] == [
        ("Rechnung März.pdf", 272),
        ("Lange Liste der Bestellungen 2024.txt", 25),
    ]
    assert len([p for p in parsed.problems if p.startswith("limit")]) == 2
    assert parsed.needs_attention


def test_text_and_header_limits():
    raw = b"From: a@b.example\nSubject: " + b"S" * 500 + b"\n\n" + b"word " * 1000
    parsed = parse_email(raw, limits=Limits(max_text_chars=100, max_header_chars=50))
    assert len(parsed.text) == 100
    assert len(parsed.subject) == 50
    assert {p.split(" ")[1] for p in parsed.problems if p.startswith("limit")} >= {
        "subject",
        "text",
    }


def test_parsed_email_is_frozen():
    parsed = parse_file("header-only.eml")
    with pytest.raises(FrozenInstanceError):
        parsed.subject = "changed"  # type: ignore[misc]


# -- file names -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\x\\evil.exe", "evil.exe"),
        ("a\x00b\x1fc.txt", "a b c.txt"),
        ('what?<>:"|*.pdf', "what_______.pdf"),
        ("CON.txt", "_CON.txt"),
        ("...", "attachment-3.pdf"),
        ("", "attachment-3.pdf"),
        (None, "attachment-3.pdf"),
        (" .hidden. ", "hidden"),
    ],
)
def test_safe_filename(name, expected):
    assert safe_filename(name, content_type="application/pdf", index=3) == expected


def test_long_filenames_keep_their_extension_and_fit_any_file_system():
    name = safe_filename("ä" * 400 + ".pdf", content_type="application/pdf", index=1)
    assert name.endswith(".pdf")
    assert len(name) <= 120
    assert len(name.encode()) <= 240


@pytest.mark.parametrize(
    ("content_type", "expected"),
    [
        ("message/rfc822", "attachment-1.eml"),
        ("image/png", "attachment-1.png"),
        ("text/x-weird", "attachment-1.txt"),
        ("application/x-unknown-thing", "attachment-1.bin"),
        ("application/ms-tnef", "attachment-1.dat"),
    ],
)
def test_fallback_names_follow_the_content_type(content_type, expected):
    assert safe_filename(None, content_type=content_type, index=1) == expected


def test_unique_filenames():
    assert unique_filenames(["a.txt", "A.txt", "b", "b"], taken=["a.txt"]) == [
        "a-2.txt",
        "A-3.txt",
        "b",
        "b-2",
    ]


# -- the benchmark's messages are realistic, so they parse cleanly ------------------------
def test_benchmark_messages_parse_without_problems():
    from tests.benchmarks.bench_parse import message

    rng = random.Random(3)
    for number in range(40):
        parsed = parse_email(message(rng, number))
        assert parsed.problems == (), number
        assert parsed.from_address.endswith("@example.org")
        assert parsed.new_text
        assert "schrieb" not in parsed.new_text
        assert "wrote" not in parsed.new_text


def test_the_parser_needs_no_qt_no_database_and_no_network_library():
    probe = (
        "import sys, omnidesk.channels.email.parse, omnidesk.channels.email.inspect\n"
        "heavy = {'PySide6', 'qasync', 'sqlalchemy', 'sqlmodel', 'imapclient', 'aiohttp'}\n"
        "print(sorted(heavy & {name.split('.')[0] for name in sys.modules}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_a_bug_inside_the_parser_still_gives_a_flagged_result(monkeypatch):
    from omnidesk.channels.email import parse as module

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("simulated bug")

    raw = (MAIL / "outlook-reply-de.eml").read_bytes()
    monkeypatch.setattr(module, "MimeWalker", broken)
    parsed = parse_email(raw)
    assert parsed.problems[0] == "unparseable: RuntimeError: simulated bug"
    assert parsed.needs_attention
    assert parsed.subject == "AW: Passwort [#1042]"  # salvaged from the headers
    assert "Hallo Frau Schmidt" in parsed.text  # the raw body, undecoded QP included

    monkeypatch.setattr(module, "_salvage", broken)
    parsed = parse_email(raw)
    assert parsed.needs_attention
    assert parsed.raw_size == len(raw)
