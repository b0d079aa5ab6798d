"""The small parts on their own: rate limits, form tokens, language, addresses, files."""

import pytest

from omnidesk.config.settings import Settings
from omnidesk.core.errors import ConfigError
from omnidesk.gateway.config import Limits, gateway_config, parse_http
from omnidesk.gateway.form_parse import safe_filename, sniff
from omnidesk.gateway.form_token import FormTokenError, TokenProblem, issue, verify
from omnidesk.gateway.i18n import negotiate
from omnidesk.gateway.ratelimit import RateLimit
from omnidesk.gateway.templates import escape, json_for_script
from omnidesk.gateway.validation import clean_email, clean_text


def test_a_rate_limit_counts_in_a_sliding_window():
    now = [0.0]
    limit = RateLimit(2, 60, clock=lambda: now[0])
    assert limit.hit("a") is None
    assert limit.hit("a") is None
    assert limit.hit("a") == pytest.approx(60)
    assert limit.hit("b") is None
    now[0] = 61
    assert limit.hit("a") is None


def test_a_flood_of_new_keys_cannot_grow_memory():
    limit = RateLimit(1, 60, max_keys=100)
    for number in range(1000):
        limit.hit(str(number))
    assert len(limit._hits) == 100


def test_form_tokens_are_signed_timed_and_unique():
    key = b"k" * 32
    token = issue(key, 1000.0)
    assert verify(key, token, now=1005.0, max_age=3600, min_age=2).issued == 1000
    assert issue(key, 1000.0) != token
    for bad, problem, now in [
        (token, TokenProblem.INVALID, 1005.0),
        (token.replace(token[-1], "0" if token[-1] != "0" else "1"), TokenProblem.INVALID, 1005.0),
        ("1000." + "a" * 32 + "." + "0" * 64, TokenProblem.INVALID, 1005.0),
        (token, TokenProblem.EXPIRED, 9000.0),
        (token, TokenProblem.TOO_FAST, 1001.0),
    ]:
        used_key = b"other key" if bad == token and problem is TokenProblem.INVALID else key
        with pytest.raises(FormTokenError) as error:
            verify(used_key, bad, now=now, max_age=3600, min_age=2)
        assert error.value.problem is problem


@pytest.mark.parametrize(
    ("header", "override", "expected"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", None, "de"),
        ("en-US,en;q=0.9,de;q=0.8", None, "en"),
        ("fr-FR, de;q=0.5", None, "de"),
        ("fr", None, "en"),
        ("", None, "en"),
        ("de", "en", "en"),
        ("en", "xx", "en"),
        ("de;q=abc, en;q=0.1", None, "en"),
    ],
)
def test_the_language_follows_the_browser(header, override, expected):
    assert negotiate(header, override) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kaethe@Example.DE", "kaethe@example.de"),
        (" a.b+c@sub.example.org ", "a.b+c@sub.example.org"),
        ("no-at-sign", None),
        ("a@b", None),
        ("a@b.de, c@d.de", None),
        ("a@b.de\r\nBcc: x@y.de", None),
        ("Name <a@b.de>", None),
        ("a..b@c.de", None),
        ("x" * 250 + "@b.de", None),
    ],
)
def test_only_plain_addresses_are_accepted(text, expected):
    assert clean_email(text) == expected


def test_text_is_cleaned_of_control_characters():
    assert clean_text(" a\r\nb\x00c\x1b[31m\td ") == "a\nbc[31m\td"


@pytest.mark.parametrize(
    ("data", "name", "kind"),
    [
        (b"%PDF-1.7", "a.pdf", "application/pdf"),
        (b"\x89PNG\r\n\x1a\n", "a.PNG", "image/png"),
        (b"\xff\xd8\xff\xe0", "a.jpeg", "image/jpeg"),
        (b"GIF89a", "a.gif", "image/gif"),
        (b"RIFF\x00\x00\x00\x00WEBP", "a.webp", "image/webp"),
        ("Grüße".encode(), "notes.txt", "text/plain"),
        (b"\x89PNG\r\n\x1a\n", "a.html", None),
        (b"<svg onload=alert(1)>", "a.svg", None),
        (b"MZ\x90\x00", "setup.exe", None),
        (b"\x00\x01\x02", "a.txt", None),
        (b"PK\x03\x04", "a.docx", None),
    ],
)
def test_files_are_judged_by_content_and_name(data, name, kind):
    assert sniff(data, name) == kind


def test_file_names_lose_paths_and_control_characters():
    assert safe_filename("..\\..\\windows\\evil.pdf") == "evil.pdf"
    assert safe_filename("/etc/passwd") == "passwd"
    assert safe_filename('a"b<c>\x00.pdf') == "abc.pdf"
    assert safe_filename("...") == "attachment"


def test_html_and_json_are_escaped_for_their_place():
    assert escape('<a href="x">&') == "&lt;a href=&quot;x&quot;&gt;&amp;"
    assert "</script>" not in json_for_script({"x": "</script><script>alert(1)</script>"})


def test_gateway_settings_are_checked():
    assert parse_http("0.0.0.0:8080") == ("0.0.0.0", 8080)
    assert parse_http("[::1]:9") == ("::1", 9)
    assert parse_http(":7000") == ("127.0.0.1", 7000)
    for bad in ("localhost", "host:http", "h:70000"):
        with pytest.raises(ConfigError):
            parse_http(bad)
    settings = Settings(
        extra={
            "gateway": {
                "http": "0.0.0.0:9000",
                "frame_ancestors": ["https://www.example.com"],
                "email_fallback_seconds": 30,
                "limits": {"chat_chars": 2000},
            }
        }
    )
    config = gateway_config(settings)
    assert (config.host, config.port, config.limits.chat_chars) == ("0.0.0.0", 9000, 2000)
    assert config.email_fallback.total_seconds() == 30
    assert gateway_config(settings, http="127.0.0.1:1").port == 1
    for broken in (
        {"limits": {"nonsense": 1}},
        {"trusted_proxies": ["proxy.local"]},
        {"poll_interval_ms": 0},
    ):
        with pytest.raises(ConfigError):
            gateway_config(Settings(extra={"gateway": broken}))
    assert Limits().form_bytes > 3 * Limits().attachment_bytes
