"""Transcripts (HTML, text, by email) and the pages and files the gateway serves."""

import pytest
from sqlalchemy import text

from omnidesk.core.enums import ReplyMode
from omnidesk.core.ids import CaseNumber
from omnidesk.services.cases import write_on_case
from tests.integration.gateway.conftest import counts

SCRIPT = "<script>alert(1)</script>"


async def conversation(db, visitor, agent) -> int:
    await visitor.connect()
    number = await visitor.start(f"Frage {SCRIPT}", name="Käthe", email="kaethe@example.de")
    write_on_case(
        db, CaseNumber(number), agent=agent, text="Antwort von Anna", mode=ReplyMode.REPLY
    )
    await visitor.expect("entry")
    return int(number)


async def transcript(http, gateway, token: str, fmt: str, **extra):
    body = {"token": token, "format": fmt, "zone": "Europe/Berlin", "lang": "de", **extra}
    async with http.post(
        "/chat/transcript", json=body, headers={"Origin": gateway.url}
    ) as response:
        return response.status, await response.text(), response.headers


async def test_the_text_transcript_has_case_times_and_names(db, gateway, http, visitor, online):
    number = await conversation(db, visitor, online)
    status, body, headers = await transcript(http, gateway, visitor.token, "text")
    assert status == 200
    assert headers["Content-Disposition"] == f'attachment; filename="chat-{number}.txt"'
    assert headers["Content-Type"].startswith("text/plain")
    assert f"Chat-Verlauf, Fall #{number}" in body
    assert "Teammitglieder: Anna Schmidt" in body
    assert "Zeiten: Europe/Berlin" in body
    assert "Käthe (Sie):" in body
    assert "Anna Schmidt (Team):" in body
    assert f"Frage {SCRIPT}" in body  # plain text stays as written
    assert body.index("Frage") < body.index("Antwort von Anna")


async def test_the_html_transcript_escapes_and_runs_no_script(db, gateway, http, visitor, online):
    number = await conversation(db, visitor, online)
    status, body, headers = await transcript(http, gateway, visitor.token, "html")
    assert status == 200
    assert headers["Content-Disposition"] == f'attachment; filename="chat-{number}.html"'
    assert "script-src" not in headers["Content-Security-Policy"]
    assert SCRIPT not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert f"#{number}" in body
    assert "Anna Schmidt" in body
    assert "<time datetime=" in body


@pytest.mark.parametrize("headers", [{"Origin": "https://evil.example"}, {}])
async def test_transcripts_refuse_other_origins(db, gateway, http, visitor, online, headers):
    await conversation(db, visitor, online)
    async with http.post(
        "/chat/transcript", json={"token": visitor.token, "format": "text"}, headers=headers
    ) as response:
        assert response.status == 403


@pytest.mark.parametrize("token", ["A" * 43, "", SCRIPT])
async def test_transcripts_refuse_unknown_tokens(db, gateway, http, visitor, online, token):
    await conversation(db, visitor, online)
    status, body, _ = await transcript(http, gateway, token, "text")
    assert status == 404
    assert "Anna" not in body


async def test_transcript_requests_are_small_json(gateway, http):
    async with http.post(
        "/chat/transcript", data="x" * 10_000, headers={"Origin": gateway.url}
    ) as response:
        assert response.status == 413
    async with http.post(
        "/chat/transcript", data="{broken", headers={"Origin": gateway.url}
    ) as response:
        assert response.status == 400


async def test_the_transcript_by_email_goes_through_the_outbox(db, gateway, http, visitor, online):
    number = await conversation(db, visitor, online)
    body = {"token": visitor.token, "lang": "en", "zone": "UTC"}
    async with http.post(
        "/chat/transcript/email", json=body, headers={"Origin": gateway.url}
    ) as response:
        assert response.status == 202
        assert (await response.json())["sent_to"] == "kaethe@example.de"
    with db.read() as session:
        subject, body_text, recipients = session.execute(
            text(
                "SELECT m.subject, m.body_text, o.recipients FROM outbox o "
                "JOIN message m ON m.id = o.message_id ORDER BY o.id DESC"
            )
        ).first()
    assert subject == f"Your chat transcript [#{number}]"
    assert "Antwort von Anna" in body_text
    assert recipients == "kaethe@example.de"
    # The transcript mail is automatic: it never shows up in the chat itself.
    await visitor.say("still here")
    assert not any(
        "transcript" in f.get("text", "") for f in visitor.frames if f["type"] == "entry"
    )
    for _ in range(3):
        async with http.post(
            "/chat/transcript/email", json=body, headers={"Origin": gateway.url}
        ) as response:
            last = response.status
    assert last == 429


async def test_the_chat_page_is_localized_and_locked_down(gateway, http):
    async with http.get("/chat?embed=1", headers={"Accept-Language": "de"}) as response:
        page = await response.text()
        policy = response.headers["Content-Security-Policy"]
    assert '<html lang="de" class="embedded"' in page
    assert '"chat.send": "Senden"' in page
    assert "script-src 'self'" in policy
    assert "connect-src 'self'" in policy
    assert "frame-ancestors *" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", ["chat.js", "chat.css", "form.js", "form.css"])
async def test_widget_files_are_served(gateway, http, name):
    async with http.get(f"/widget/{name}") as response:
        assert response.status == 200
        assert "max-age" in response.headers["Cache-Control"]


@pytest.mark.parametrize("name", ["../../pyproject.toml", "strings%2Fen.json", "templates", "x.js"])
async def test_nothing_else_is_served(gateway, http, name):
    async with http.get(f"/widget/{name}") as response:
        assert response.status == 404


async def test_frame_ancestors_come_from_the_settings(db, settings, config):
    from dataclasses import replace

    import aiohttp

    from omnidesk.gateway.server import Gateway

    gateway = Gateway(
        db,
        settings,
        config=replace(config, frame_ancestors=("https://www.example.com", "evil; script-src *")),
    )
    await gateway.start()
    try:
        async with (
            aiohttp.ClientSession(base_url=gateway.url) as http,
            http.get("/form") as response,
        ):
            policy = response.headers["Content-Security-Policy"]
        assert policy.endswith("frame-ancestors https://www.example.com")
        assert counts(db)["support_case"] == 0
    finally:
        await gateway.stop()
