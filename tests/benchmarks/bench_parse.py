"""Parse speed: N generated, realistic messages through ``parse_email`` on one core.

Usage: .venv/bin/python tests/benchmarks/bench_parse.py [--messages 20000]
Prints one JSON line: {"benchmark": "parse", "messages": N, "seconds": ..., ...}.
The messages are built in memory first (not timed), the same every run (fixed seed):
German and English replies with quoted history, multipart/alternative, attachments,
HTML-only mail with remote images, and a few auto-replies and bounces.
"""

import argparse
import base64
import json
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from omnidesk.channels.email import parse_email

_NAMES = ["Anna Schmidt", "Jürgen Müller", "Grace Hopper", "Ole Hansen", "Zoë Martin", "Li Wei"]
_SUBJECTS_DE = ["Rechnung März", "Lieferung verspätet", "Frage zur Bestellung", "Rückerstattung"]
_SUBJECTS_EN = ["Invoice question", "Order not delivered", "Password reset", "Refund request"]
_BODY_DE = (
    "Hallo zusammen,\n\nvielen Dank für die schnelle Antwort. Leider ist die Lieferung "
    "immer noch nicht angekommen. Können Sie bitte nachsehen, wo das Paket ist?\n\n"
    "Mit freundlichen Grüßen\n{name}\n"
)
_BODY_EN = (
    "Hi,\n\nthanks for getting back to me. The order still has not arrived and the "
    "tracking page shows no update since Monday. Could you check what happened?\n\n"
    "Best regards,\n{name}\n"
)
_QUOTE_DE = "\nAm {date} schrieb Support <support@example.com>:\n> Guten Tag,\n> wir prüfen das.\n"
_QUOTE_EN = "\nOn {date}, Support <support@example.com> wrote:\n> Hello,\n> we are on it.\n"


def _encoded_word(text: str) -> str:
    return "=?utf-8?B?" + base64.b64encode(text.encode()).decode() + "?="


def _headers(rng: random.Random, number: int, *, german: bool) -> tuple[list[str], str]:
    name = rng.choice(_NAMES)
    address = f"{name.split()[0].lower()}.{number}@example.org"
    subject = rng.choice(_SUBJECTS_DE if german else _SUBJECTS_EN)
    sent = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=number * 7)
    lines = [
        f"Received: from mx{number % 7}.example.org (mx.example.org [192.0.2.{number % 250}])"
        f"\n\tby mail.example.com with ESMTPS id {number:08x}; {format_datetime(sent)}",
        f"Received: from client (unknown [198.51.100.{number % 250}])\n\tby mx.example.org",
        f"From: {_encoded_word(name)} <{address}>",
        "To: Support <support@example.com>",
        f"Subject: Re: {_encoded_word(subject) if german else subject} [#{1000 + number}]",
        f"Date: {format_datetime(sent)}",
        f"Message-ID: <{number}.{rng.randrange(10**9)}@example.org>",
        f"In-Reply-To: <reply-{number}@example.com>",
        f"References: <case-{number}@example.com> <reply-{number}@example.com>",
        "MIME-Version: 1.0",
        "X-Mailer: BenchMail 1.0",
    ]
    return lines, name


def _text(rng: random.Random, name: str, *, german: bool) -> str:
    body = (_BODY_DE if german else _BODY_EN).format(name=name)
    quote = (_QUOTE_DE if german else _QUOTE_EN).format(date="Mon, 4 Mar 2024 10:00")
    return body + quote * rng.randint(1, 3)


def _html(text: str, *, remote: bool) -> str:
    paragraphs = "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in text.split("\n\n"))
    image = '<img src="https://tracker.example.net/p.gif" width="1">' if remote else ""
    return (
        "<html><head><style>p{margin:0}</style></head><body>"
        f'<div style="font-family:Arial">{paragraphs}</div>{image}</body></html>'
    )


def _base64(text: str) -> str:
    return base64.encodebytes(text.encode()).decode()


def message(rng: random.Random, number: int) -> bytes:
    """One deterministic message; the kind depends on the number."""
    german = number % 2 == 0
    headers, name = _headers(rng, number, german=german)
    text = _text(rng, name, german=german)
    kind = number % 20
    if kind < 8:  # plain text reply
        headers += ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64"]
        body = _base64(text)
    elif kind < 13:  # multipart/alternative
        headers.append('Content-Type: multipart/alternative; boundary="alt"')
        body = (
            "--alt\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
            f"{_base64(text)}\n--alt\nContent-Type: text/html; charset=utf-8\n"
            f"Content-Transfer-Encoding: base64\n\n{_base64(_html(text, remote=False))}\n--alt--\n"
        )
    elif kind < 16:  # with an attachment
        payload = base64.encodebytes(rng.randbytes(rng.choice((8_000, 30_000)))).decode()
        filename = "Rechnung März.pdf" if german else "invoice.pdf"
        headers.append('Content-Type: multipart/mixed; boundary="mix"')
        body = (
            "--mix\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n"
            f"{_base64(text)}\n--mix\nContent-Type: application/pdf\n"
            f"Content-Disposition: attachment; filename*=UTF-8''{_percent(filename)}\n"
            f"Content-Transfer-Encoding: base64\n\n{payload}--mix--\n"
        )
    elif kind < 19:  # HTML only, with a remote tracking image
        headers += ["Content-Type: text/html; charset=utf-8", "Content-Transfer-Encoding: base64"]
        body = _base64(_html(text, remote=True))
    else:  # out-of-office
        headers += ["Auto-Submitted: auto-replied", "Content-Type: text/plain; charset=utf-8"]
        body = "Ich bin bis Montag nicht im Büro.\n" if german else "I am out of office.\n"
    return ("\n".join(headers) + "\n\n" + body).encode("utf-8")


def _percent(text: str) -> str:
    return "".join(
        chr(b) if b < 128 and (chr(b).isalnum() or chr(b) in ".-_") else f"%{b:02X}"
        for b in text.encode()
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000, help="how many (default 20000)")
    parser.add_argument("--seed", type=int, default=1042)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    messages = [message(rng, number) for number in range(args.messages)]
    started = time.perf_counter()
    for raw in messages:
        parse_email(raw)
    seconds = time.perf_counter() - started
    result = {
        "benchmark": "parse",
        "messages": args.messages,
        "seconds": round(seconds, 3),
        "messages_per_second": round(args.messages / seconds, 1) if seconds else None,
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
