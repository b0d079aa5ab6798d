"""The contact form on each backend: cases, joining open cases like email, field errors,
and every kind of hostile submission refused with nothing stored."""

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import aiohttp
import pytest
from sqlalchemy import text

from omnidesk.core.enums import Channel, Direction, IdentityKind
from omnidesk.core.ids import CaseNumber
from omnidesk.services.cases import Incoming, case_detail, open_case
from tests.integration.gateway.conftest import counts

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.4\n" + b"0" * 64
SCRIPT = '<script>alert("x")</script>'


async def fresh_token(http: aiohttp.ClientSession, lang: str = "en") -> str:
    async with http.get(f"/form?lang={lang}") as response:
        page = await response.text()
    match = re.search(r'name="_token" value="([^"]+)"', page)
    assert match is not None
    return match.group(1)


def form_data(
    token: str, files: Sequence[tuple[str, bytes]] = (), **fields: str
) -> aiohttp.FormData:
    values = {
        "name": "Käthe Köhler",
        "email": "kaethe@example.de",
        "subject": "Lieferung fehlt",
        "message": "Meine Bestellung 4711 ist nicht angekommen.",
        "website": "",
        "_token": token,
        "lang": "",
        **fields,
    }
    data = aiohttp.FormData(default_to_multipart=True)  # as the page's enctype says
    for key, value in values.items():
        data.add_field(key, value)
    for name, content in files:
        data.add_field(
            "attachments", content, filename=name, content_type="application/octet-stream"
        )
    return data


async def post(http, gateway, data, *, headers=None, lang="en") -> tuple[int, str, Any]:
    async with http.post(
        f"/form?lang={lang}",
        data=data,
        headers={"Origin": gateway.url} if headers is None else headers,
    ) as response:
        return response.status, await response.text(), response.headers


def case_number_on(page: str) -> CaseNumber:
    match = re.search(r'data-case="(\d+)"', page)
    assert match is not None, page
    return CaseNumber(int(match.group(1)))


async def test_the_form_page_is_localized_signed_and_locked_down(gateway, http):
    async with http.get("/form", headers={"Accept-Language": "de-CH, en;q=0.5"}) as response:
        page = await response.text()
        policy = response.headers["Content-Security-Policy"]
    assert '<html lang="de"' in page
    assert "Ihre Nachricht" in page
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "form-action 'self'" in policy
    assert "frame-ancestors" in policy
    async with http.get("/form", headers={"Accept-Language": "fr, en-GB;q=0.8"}) as response:
        assert '<html lang="en"' in await response.text()


async def test_a_submission_opens_a_case_and_queues_an_acknowledgement(db, gateway, http):
    token = await fresh_token(http, "de")
    status, page, _ = await post(
        http, gateway, form_data(token, files=[("foto.png", PNG), ("rechnung.pdf", PDF)]), lang="de"
    )
    assert status == 200
    number = case_number_on(page)
    assert f"Fall #{number}" in page
    detail = case_detail(db, number)
    first = detail.messages[0]
    assert (first.channel, first.direction) == (Channel.FORM, Direction.IN)
    assert first.body_text == "Meine Bestellung 4711 ist nicht angekommen."
    assert sorted((a.filename, a.content_type) for a in first.attachments) == [
        ("foto.png", "image/png"),
        ("rechnung.pdf", "application/pdf"),
    ]
    ack = detail.messages[1]
    assert (ack.channel, ack.direction, ack.delivery_state) == (
        Channel.EMAIL,
        Direction.OUT,
        "queued",
    )
    assert ack.subject == f"Re: Lieferung fehlt [#{number}]"
    assert f"Fall #{number}" in ack.body_text
    # No history yet: the configured 24 hours, said honestly as a calendar day.
    assert "voraussichtlich bis morgen" in ack.body_text
    with db.read() as session:
        assert (
            session.execute(text("SELECT recipients FROM outbox")).scalar_one()
            == "kaethe@example.de"
        )


async def test_a_submission_naming_its_case_joins_it_like_email(db, gateway, http):
    number = open_case(
        db,
        Incoming(
            channel=Channel.EMAIL,
            identity_kind=IdentityKind.EMAIL,
            identity_value="kaethe@example.de",
            customer_name="Käthe",
            subject="Lieferung",
            text="Wo bleibt mein Paket?",
        ),
    )
    status, page, _ = await post(
        http, gateway, form_data(await fresh_token(http), subject=f"Nachtrag [#{number}]")
    )
    assert status == 200
    assert case_number_on(page) == number
    assert "We added your message to your case" in page
    assert [m.channel for m in case_detail(db, number).messages[:2]] == [
        Channel.EMAIL,
        Channel.FORM,
    ]
    # A stranger quoting the case number gets a case of their own (same rule as email).
    status, page, _ = await post(
        http,
        gateway,
        form_data(await fresh_token(http), email="fremd@example.org", subject=f"Re [#{number}]"),
    )
    assert case_number_on(page) != number


async def test_subject_threading_joins_the_open_case_when_enabled(db, settings, config):
    from omnidesk.gateway.server import Gateway

    gateway = Gateway(db, replace(settings, subject_threading=True), config=config)
    await gateway.start()
    try:
        async with aiohttp.ClientSession(base_url=gateway.url) as http:
            _, first, _ = await post(http, gateway, form_data(await fresh_token(http)))
            _, second, _ = await post(
                http, gateway, form_data(await fresh_token(http), subject="AW: Lieferung fehlt")
            )
        assert case_number_on(first) == case_number_on(second)
    finally:
        await gateway.stop()


@pytest.mark.parametrize(
    ("fields", "problems"),
    [
        ({"name": "", "email": "kaethe(at)example.de"}, {"name", "email"}),
        ({"subject": "  ", "message": ""}, {"subject", "message"}),
        ({"message": "x" * 20_001}, {"message"}),
        ({"email": "a@b.de\r\nBcc: all@example.com"}, {"email"}),
    ],
)
async def test_bad_fields_are_shown_field_by_field(db, gateway, http, fields, problems):
    before = counts(db)
    status, page, _ = await post(http, gateway, form_data(await fresh_token(http), **fields))
    assert status == 422
    marked = set(re.findall(r'id="(\w+)-error"', page))
    assert marked == problems
    for key in problems:
        assert f'aria-describedby="{key}-error"' in page
    assert 'role="alert"' in page
    assert counts(db) == before


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024), "larger than 5 MB"),
        ("tool.exe", b"MZ\x90\x00" + b"\x00" * 100, "not a file type we accept"),
        ("invoice.html", PNG, "not a file type we accept"),
        ("page.png", b"<html><script>alert(1)</script></html>", "not a file type we accept"),
    ],
)
async def test_bad_attachments_are_field_errors(db, gateway, http, name, content, problem):
    before = counts(db)
    status, page, _ = await post(
        http, gateway, form_data(await fresh_token(http), files=[(name, content)])
    )
    assert status == 422
    assert 'id="attachments-error"' in page
    assert problem in page
    assert "choose them again" in page
    assert counts(db) == before


async def test_too_many_attachments(db, gateway, http):
    files = [(f"f{i}.png", PNG) for i in range(4)]
    status, page, _ = await post(http, gateway, form_data(await fresh_token(http), files=files))
    assert status == 422
    assert "at most 3 files" in page


async def test_an_oversized_request_is_refused_413(db, gateway, http, config):
    before = counts(db)
    files = [(f"f{i}.pdf", b"%PDF-" + b"0" * (6 * 1024 * 1024)) for i in range(3)]
    status, page, _ = await post(http, gateway, form_data(await fresh_token(http), files=files))
    assert status == 413
    assert "too large" in page
    assert counts(db) == before


async def test_the_honeypot_catches_bots(db, gateway, http, caplog):
    before = counts(db)
    status, page, _ = await post(
        http, gateway, form_data(await fresh_token(http), website="http://spam")
    )
    assert status == 422
    assert "automated" in page
    assert "support@team.example" in page
    assert counts(db) == before
    assert any("reason='honeypot'" in r.getMessage() for r in caplog.records)


async def test_forged_and_replayed_tokens(db, gateway, http):
    before = counts(db)
    forged = "1700000000." + "a" * 32 + "." + "b" * 64
    status, page, _ = await post(http, gateway, form_data(forged))
    assert status == 403
    assert "did not come from our website" in page
    assert counts(db) == before
    token = await fresh_token(http)
    assert (await post(http, gateway, form_data(token)))[0] == 200
    after_first = counts(db)
    status, page, _ = await post(http, gateway, form_data(token))
    assert status == 409
    assert "sent already" in page
    assert counts(db) == after_first


async def test_a_form_sent_too_quickly_is_shown_again(db, settings, config):
    from omnidesk.gateway.server import Gateway

    gateway = Gateway(db, settings, config=replace(config, form_min_seconds=30))
    await gateway.start()
    try:
        async with aiohttp.ClientSession(base_url=gateway.url) as http:
            before = counts(db)
            status, page, _ = await post(http, gateway, form_data(await fresh_token(http)))
        assert status == 422
        assert "very quick" in page
        assert "Käthe Köhler" in page
        assert counts(db) == before
    finally:
        await gateway.stop()


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Referer": "https://evil.example/contact"},
        {},
        {"Origin": "null"},
    ],
)
async def test_cross_origin_posts_are_refused_403(db, gateway, http, headers):
    before = counts(db)
    status, page, _ = await post(http, gateway, form_data(await fresh_token(http)), headers=headers)
    assert status == 403
    assert "only be sent from our own website" in page
    assert counts(db) == before


async def test_rate_limits_per_address_and_per_ip(db, gateway, http, config):
    for _ in range(config.limits.forms_per_address_hour):
        assert (await post(http, gateway, form_data(await fresh_token(http))))[0] == 200
    status, page, headers = await post(http, gateway, form_data(await fresh_token(http)))
    assert status == 429
    assert "from this address" in page
    assert int(headers["Retry-After"]) > 0
    remaining = config.limits.forms_per_ip_hour - config.limits.forms_per_address_hour - 1
    for number in range(remaining):
        data = form_data(await fresh_token(http), email=f"other{number}@example.org")
        assert (await post(http, gateway, data))[0] == 200
    status, page, headers = await post(
        http, gateway, form_data(await fresh_token(http), email="new@example.org")
    )
    assert status == 429
    assert "from your network" in page


async def test_script_in_every_field_is_escaped(db, gateway, http):
    fields = {"name": SCRIPT, "subject": SCRIPT, "message": SCRIPT, "email": "bad" + SCRIPT}
    token = await fresh_token(http)
    status, page, _ = await post(http, gateway, form_data(token, (), **fields))
    assert status == 422
    assert "<script>" not in page.replace('<script src="/widget/form.js" defer></script>', "")
    assert "&lt;script&gt;" in page
    fields["email"] = "kaethe@example.de"
    status, page, _ = await post(http, gateway, form_data(await fresh_token(http), (), **fields))
    assert status == 200
    number = case_number_on(page)
    assert case_detail(db, number).messages[0].body_text == SCRIPT


async def test_a_broken_request_is_refused_400(db, gateway, http):
    before = counts(db)
    async with http.post(
        "/form",
        data=b"name=x&email=y",
        headers={"Origin": gateway.url, "Content-Type": "text/plain"},
    ) as response:
        assert response.status == 400
    async with http.post(
        "/form",
        data=b'--zz\r\nContent-Disposition: form-data; name="name"\r\n\r\n\xff\xfe\r\n--zz--\r\n',
        headers={"Origin": gateway.url, "Content-Type": "multipart/form-data; boundary=zz"},
    ) as response:
        assert response.status == 400
    assert counts(db) == before
