"""The chat in a real Chromium: stored on arrival, agent replies live, reloads and network
drops lose nothing, transcripts download, no agent online, hostile text stays text."""

import asyncio
import re
from pathlib import Path

import pytest
from playwright.async_api import Page, expect
from sqlalchemy import text

from omnidesk.core.enums import ReplyMode
from omnidesk.core.ids import CaseNumber
from omnidesk.services.cases import case_detail, write_on_case
from tests.browser.netproxy import FlakyProxy

pytestmark = pytest.mark.browser


def chat_messages(db) -> list[tuple[str, str]]:
    with db.read() as session:
        rows = session.execute(
            text("SELECT direction, body_text FROM message WHERE channel IN ('chat') ORDER BY id")
        ).all()
    return [(direction, body) for direction, body in rows]


async def case_number(page: Page) -> CaseNumber:
    await expect(page.locator("#chat-case")).to_have_text(re.compile(r"#\d+"))
    label = await page.locator("#chat-case").text_content() or ""
    return CaseNumber(int(label.split("#")[1]))


async def start_chat(page: Page, message: str, *, name: str = "Käthe") -> CaseNumber:
    await expect(page.locator("#chat-status")).to_have_text("Connected")
    await page.fill("#start-name", name)
    await page.fill("#start-text", message)
    await page.press("#start-text", "Enter")
    await expect(page.get_by_role("log").locator("li.visitor:not(.pending)").last).to_contain_text(
        message
    )
    return await case_number(page)


async def reply(db, number: CaseNumber, agent, words: str) -> None:
    """The agent answers through the very service call the desktop makes."""
    await asyncio.to_thread(
        write_on_case, db, number, agent=agent, text=words, mode=ReplyMode.REPLY
    )


async def test_a_message_is_stored_and_the_agent_reply_appears_live(
    page, gateway, sqlite_db, anna, shots
):
    await page.goto(f"{gateway.url}/chat")
    await expect(page.locator("#presence")).to_have_text(re.compile("Our team is online"))
    await page.screenshot(path=shots / "chat-start.png")
    number = await start_chat(page, "Hello, my order 4711 has not arrived.")
    assert chat_messages(sqlite_db) == [("in", "Hello, my order 4711 has not arrived.")]
    await reply(sqlite_db, number, anna, "Hi Käthe, Anna here. Let me check the tracking.")
    agent = page.get_by_role("log").locator("li.agent")
    await expect(agent).to_contain_text("Let me check the tracking.")
    await expect(agent.locator(".meta")).to_contain_text("Anna Schmidt")
    await page.fill("#send-text", "Thank you!")
    await page.click("#send-button")
    await expect(page.get_by_role("log").locator("li.visitor").last).to_contain_text("Thank you!")
    await expect(page.get_by_role("log").locator("li.pending")).to_have_count(0)
    await page.screenshot(path=shots / "chat-conversation.png")
    # Shown on a visible page: the reply is marked delivered.
    for _ in range(100):
        if case_detail(sqlite_db, number).messages[1].delivery_state == "sent":
            break
        await asyncio.sleep(0.05)
    assert case_detail(sqlite_db, number).messages[1].delivery_state == "sent"


async def test_a_reload_shows_the_whole_conversation(page, gateway, sqlite_db, anna):
    await page.goto(f"{gateway.url}/chat")
    number = await start_chat(page, "First question")
    await reply(sqlite_db, number, anna, "First answer")
    await expect(page.get_by_role("log").locator("li.agent")).to_have_count(1)
    await page.fill("#send-text", "Second question")
    await page.press("#send-text", "Enter")
    await expect(page.get_by_role("log").locator("li")).to_have_count(3)
    await page.reload()
    items = page.get_by_role("log").locator("li")
    await expect(items).to_have_text(
        [re.compile("First question$"), re.compile("First answer$"), re.compile("Second question$")]
    )
    await expect(items).to_have_count(3)
    assert await case_number(page) == number


async def test_a_network_drop_loses_nothing_and_doubles_nothing(
    page, gateway, sqlite_db, anna, shots
):
    proxy = FlakyProxy(gateway.port)
    await proxy.start()
    try:
        await page.goto(f"http://127.0.0.1:{proxy.port}/chat")
        number = await start_chat(page, "Before the drop")
        proxy.drop()
        await expect(page.locator("#chat-status")).to_have_text(re.compile("Reconnecting"))
        # While the visitor is cut off: the agent answers, the visitor writes.
        await reply(sqlite_db, number, anna, "Answer during the outage")
        await page.fill("#send-text", "Written while offline")
        await page.press("#send-text", "Enter")
        await expect(page.get_by_role("log").locator("li.pending")).to_have_count(1)
        await page.screenshot(path=shots / "chat-reconnecting.png")
        await asyncio.sleep(1.0)
        proxy.up()
        await expect(page.locator("#chat-status")).to_have_text("Connected", timeout=15_000)
        items = page.get_by_role("log").locator("li")
        await expect(items).to_have_count(3)
        await expect(page.get_by_role("log").locator("li.pending")).to_have_count(0)
        texts = [t.split("\n")[-1] for t in await items.all_inner_texts()]
        assert sorted(texts) == sorted(
            ["Before the drop", "Answer during the outage", "Written while offline"]
        )
        assert [m for _, m in chat_messages(sqlite_db)].count("Written while offline") == 1
    finally:
        await proxy.close()


async def test_transcripts_download_and_print(
    page, gateway, sqlite_db, anna, shots, tmp_path: Path
):
    await page.goto(f"{gateway.url}/chat")
    number = await start_chat(page, "Can I get a transcript?")
    await reply(sqlite_db, number, anna, "Of course: use the buttons below.")
    await expect(page.get_by_role("log").locator("li.agent")).to_have_count(1)
    async with page.expect_download() as waiting:
        await page.get_by_role("button", name="Download (text)").click()
    download = await waiting.value
    assert download.suggested_filename == f"chat-{number}.txt"
    saved = tmp_path / download.suggested_filename
    await download.save_as(saved)
    content = saved.read_text(encoding="utf-8")
    assert f"Chat transcript, case #{number}" in content
    assert "Team members: Anna Schmidt" in content
    assert "Käthe (you):" in content
    assert "Anna Schmidt (team):" in content
    assert content.index("Can I get a transcript?") < content.index("Of course")
    async with page.expect_download() as waiting:
        await page.get_by_role("button", name="Download (HTML)").click()
    html_file = tmp_path / "t.html"
    await (await waiting.value).save_as(html_file)
    assert f"case #{number}" in html_file.read_text(encoding="utf-8")
    await page.emulate_media(media="print")
    await expect(page.locator("#send-form")).to_be_hidden()
    await expect(page.locator("#tools")).to_be_hidden()
    await page.screenshot(path=shots / "chat-print.png", full_page=True)


async def test_without_agents_the_widget_offers_leave_a_message(page, gateway, sqlite_db, shots):
    await page.goto(f"{gateway.url}/chat")
    await expect(page.locator("#presence")).to_have_text(
        re.compile("Nobody from our team is online")
    )
    await expect(page.locator("#start-email-label")).to_have_text("Your email address (required)")
    await expect(page.locator("#start-button")).to_have_text("Send message")
    await page.fill("#start-text", "Please call me back.")
    await page.click("#start-button")
    await expect(page.locator("#error")).to_have_text(re.compile("email address"))
    await page.screenshot(path=shots / "chat-offline-error.png")
    await page.fill("#start-email", "kaethe@example.de")
    await page.click("#start-button")
    number = await case_number(page)
    await page.screenshot(path=shots / "chat-offline-sent.png")
    detail = case_detail(sqlite_db, number)
    assert detail.messages[0].body_text == "Please call me back."
    assert detail.messages[-1].channel.value == "email"  # the acknowledgement


async def test_hostile_text_is_shown_as_text(page, gateway, sqlite_db, anna):
    await page.goto(f"{gateway.url}/chat")
    payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    number = await start_chat(page, payload, name='<b onmouseover="alert(3)">K</b>')
    await reply(sqlite_db, number, anna, '<svg onload="alert(4)">')
    log = page.get_by_role("log")
    await expect(log.locator("li.agent")).to_contain_text('<svg onload="alert(4)">')
    await expect(log.locator("li.visitor").first).to_contain_text(payload)
    assert await log.locator("img, script, svg, b").count() == 0


async def test_the_keyboard_reaches_everything_in_order(page, gateway, anna):
    await page.goto(f"{gateway.url}/chat")
    await expect(page.locator("#chat-status")).to_have_text("Connected")
    await page.focus("#start-name")
    order = []
    for _ in range(3):
        await page.keyboard.press("Tab")
        order.append(await page.evaluate("document.activeElement.id"))
    assert order == ["start-email", "start-text", "start-button"]
    assert await page.get_by_role("log").get_attribute("aria-live") == "polite"
    assert await page.locator("#chat-status").get_attribute("role") == "status"


async def test_the_chat_follows_a_german_browser(browser, gateway, anna, shots):
    context = await browser.new_context(locale="de-DE")
    page = await context.new_page()
    await page.goto(f"{gateway.url}/chat")
    await expect(page.locator("h1")).to_have_text("Chat mit uns")
    await expect(page.locator("#chat-status")).to_have_text("Verbunden")
    await expect(page.locator("#start-button")).to_have_text("Chat beginnen")
    await page.screenshot(path=shots / "chat-start-de.png")
    await context.close()
