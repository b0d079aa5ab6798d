"""Hostile chat input: each is refused with a clear code, logged, and stores nothing."""

import json
import logging

import aiohttp
import pytest

from omnidesk.core.enums import ReplyMode
from omnidesk.core.ids import CaseNumber
from omnidesk.gateway.config import Limits
from omnidesk.services.cases import case_detail, write_on_case
from tests.integration.gateway.conftest import Visitor, counts, new_client_id, new_token


def refused(caplog: pytest.LogCaptureFixture, reason: str) -> bool:
    return any(f"reason={reason!r}" in r.getMessage() for r in caplog.records)


@pytest.fixture
def watch(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    caplog.set_level(logging.INFO, logger="omnidesk.gateway")
    return caplog


async def test_an_oversized_frame_closes_the_socket_1009(db, gateway, visitor, online, watch):
    await visitor.connect()
    await visitor.start("hello")
    before = counts(db)
    huge = "x" * (Limits().chat_frame_bytes + 10)
    await visitor.send({"type": "send", "client_id": new_client_id(), "text": huge})
    assert await visitor.closed() == 1009
    assert counts(db) == before
    assert refused(watch, "frame_too_large")


async def test_an_overlong_message_is_refused_and_the_chat_goes_on(
    db, gateway, visitor, online, watch
):
    await visitor.connect()
    await visitor.start("hello")
    before = counts(db)
    client_id = new_client_id()
    await visitor.send({"type": "send", "client_id": client_id, "text": "y" * 4001})
    error = await visitor.expect("error")
    assert (error["code"], error["client_id"]) == ("too_long", client_id)
    assert "4000" in error["message"]
    assert counts(db) == before
    assert refused(watch, "too_long")
    assert (await visitor.say("short again"))["text"] == "short again"


async def test_empty_and_blank_messages_are_refused(db, gateway, visitor, online):
    await visitor.connect()
    await visitor.start("hello")
    before = counts(db)
    await visitor.send({"type": "send", "client_id": new_client_id(), "text": " \n\t "})
    assert (await visitor.expect("error"))["code"] == "empty"
    assert counts(db) == before


@pytest.mark.parametrize(
    ("frame", "code", "close"),
    [
        ("{not json", "malformed", 1007),
        ("[1, 2, 3]", "malformed", 1007),
        ('{"type": "send", "client_id": "x", "text": "hi"}', "malformed", 1007),
        ('{"type": "send", "client_id": "abcdefgh12", "text": 42}', "malformed", 1007),
        ('{"type": "seen", "seq": -1}', "malformed", 1007),
    ],
)
async def test_malformed_frames_close_the_socket(
    db, gateway, visitor, online, watch, frame, code, close
):
    await visitor.connect()
    await visitor.start("hello")
    before = counts(db)
    assert visitor.ws is not None
    await visitor.ws.send_str(frame)
    error = await visitor.expect("error")
    assert error["code"] == code
    assert await visitor.closed() == close
    assert counts(db) == before
    assert refused(watch, code)


async def test_an_unknown_frame_type_is_refused_without_closing(gateway, visitor, online):
    await visitor.connect()
    await visitor.send({"type": "delete_everything"})
    assert (await visitor.expect("error"))["code"] == "unknown_type"
    await visitor.send({"type": "ping"})
    assert (await visitor.expect("pong"))["type"] == "pong"


async def test_binary_frames_are_refused_1003(gateway, visitor, online, watch):
    await visitor.connect()
    assert visitor.ws is not None
    await visitor.ws.send_bytes(b"\x00\x01binary")
    assert (await visitor.expect("error"))["code"] == "binary"
    assert await visitor.closed() == 1003


async def test_the_first_frame_must_be_hello(gateway, http):
    ws = await http.ws_connect("/chat/ws", headers={"Origin": gateway.url})
    await ws.send_str(json.dumps({"type": "send", "client_id": new_client_id(), "text": "hi"}))
    frame = json.loads((await ws.receive(timeout=5)).data)
    assert frame["code"] == "hello_first"
    await ws.receive(timeout=5)
    assert ws.close_code == 4408


@pytest.mark.parametrize("token", [new_token(), "short", "<script>alert(1)</script>" * 3])
async def test_forged_tokens_are_refused_4401(db, gateway, http, online, watch, token):
    owner = Visitor(http, gateway)
    await owner.connect()
    await owner.start("my secret question")
    intruder = Visitor(http, gateway)
    intruder.ws = await http.ws_connect("/chat/ws", headers={"Origin": gateway.url})
    await intruder.send({"type": "hello", "token": token, "after": 0})
    error = await intruder.expect("error")
    assert error["code"] == "unknown_conversation"
    assert await intruder.closed() == 4401
    assert not any(f.get("type") == "entry" for f in intruder.frames)
    assert refused(watch, "unknown_conversation")
    await owner.close()


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {},
        {"Origin": "null"},
        {"Referer": "https://evil.example/x"},
    ],
)
async def test_cross_origin_sockets_are_refused_403(gateway, http, watch, headers):
    with pytest.raises(aiohttp.WSServerHandshakeError) as refusal:
        await http.ws_connect("/chat/ws", headers=headers)
    assert refusal.value.status == 403
    assert refused(watch, "origin")


async def test_a_message_flood_is_slowed_down_then_cut_off(
    db, gateway, config, visitor, online, watch
):
    await visitor.connect()
    await visitor.start("hello")
    limit = config.limits.chat_messages_per_minute
    for number in range(limit):
        await visitor.say(f"message {number}")
    stored = counts(db)
    await visitor.send({"type": "send", "client_id": new_client_id(), "text": "one too many"})
    error = await visitor.expect("error")
    assert error["code"] == "slow_down"
    assert error["retry_after"] > 0
    assert counts(db) == stored
    # Frames of any kind past the frame limit: warnings first, then the socket is closed.
    for _ in range(config.limits.chat_frames_per_10s + 10):
        if visitor.ws is None or visitor.ws.closed:
            break
        await visitor.send({"type": "typing", "active": True})
    assert await visitor.closed() == 1008
    assert refused(watch, "flood")
    assert counts(db) == stored


async def test_too_many_new_chats_from_one_address(db, gateway, config, http, online, watch):
    for _ in range(config.limits.chats_per_ip_hour):
        guest = Visitor(http, gateway)
        await guest.connect()
        await guest.start("spam?")
        await guest.close()
    before = counts(db)
    guest = Visitor(http, gateway)
    await guest.connect()
    await guest.send(
        {"type": "start", "token": guest.token, "client_id": new_client_id(), "text": "one more"}
    )
    assert (await guest.expect("error"))["code"] == "too_many_chats"
    assert counts(db) == before
    await guest.close()


async def test_too_many_sockets_from_one_address_429(gateway, config, http, watch):
    sockets = [
        await http.ws_connect("/chat/ws", headers={"Origin": gateway.url})
        for _ in range(config.limits.sockets_per_ip)
    ]
    with pytest.raises(aiohttp.WSServerHandshakeError) as refusal:
        await http.ws_connect("/chat/ws", headers={"Origin": gateway.url})
    assert refusal.value.status == 429
    for ws in sockets:
        await ws.close()


async def test_script_in_every_field_is_kept_as_text(db, gateway, visitor, online):
    script = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    await visitor.connect()
    await visitor.send(
        {
            "type": "start",
            "token": visitor.token,
            "client_id": new_client_id(),
            "text": script,
            "name": script[:60],
        }
    )
    started = await visitor.expect("started")
    entry = await visitor.expect("entry")
    # Stored and sent as the text it is: the page shows it with textContent.
    assert entry["text"] == script
    number = CaseNumber(started["conversation"]["case"])
    assert case_detail(db, number).messages[0].body_text == script
    assert case_detail(db, number).messages[0].body_html is None
    await visitor.send({"type": "email", "email": "<script>@x.de"})
    assert (await visitor.expect("error"))["code"] == "email_invalid"
    write_on_case(db, number, agent=online, text=script, mode=ReplyMode.REPLY)
    assert (await visitor.expect("entry"))["text"] == script


async def test_an_invalid_address_at_the_start_stores_nothing(db, gateway, visitor, anna):
    await visitor.connect()
    before = counts(db)
    await visitor.send(
        {
            "type": "start",
            "token": visitor.token,
            "client_id": new_client_id(),
            "text": "hello",
            "email": "not an address\r\nBcc: everyone@example.com",
        }
    )
    assert (await visitor.expect("error"))["code"] == "email_invalid"
    assert counts(db) == before
