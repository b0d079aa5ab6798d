"""The contact form in Chromium (field errors, a case, the confirmation), and both widgets
embedded with one script tag on a page of another origin."""

import asyncio
import re
from pathlib import Path

import pytest
from aiohttp import web
from playwright.async_api import expect
from sqlalchemy import text

from omnidesk.core.ids import CaseNumber
from omnidesk.services.cases import case_detail

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


pytestmark = pytest.mark.browser


async def test_the_form_shows_field_errors_then_files_a_case(
    page, gateway, sqlite_db, shots, tmp_path: Path
):
    await page.goto(f"{gateway.url}/form")
    await page.screenshot(path=shots / "form.png", full_page=True)
    await page.fill("#email", "not-an-address")
    await page.fill("#message", "<script>alert(1)</script> My invoice is wrong.")
    await page.get_by_role("button", name="Send message").click()
    summary = page.locator("#summary")
    await expect(summary).to_be_focused()
    await expect(page.locator("#name-error")).to_have_text(re.compile("tell us your name"))
    await expect(page.locator("#email-error")).to_have_text(re.compile("not an email address"))
    await expect(page.locator("#subject-error")).to_have_text(re.compile("enter a subject"))
    await expect(page.locator("#message")).to_have_value(
        "<script>alert(1)</script> My invoice is wrong."
    )
    assert await page.locator("#email").get_attribute("aria-invalid") == "true"
    await page.screenshot(path=shots / "form-errors.png", full_page=True)
    with sqlite_db.read() as session:
        assert session.execute(text("SELECT count(*) FROM support_case")).scalar_one() == 0

    screenshot = tmp_path / "screenshot.png"
    screenshot.write_bytes(PNG)
    await page.fill("#name", "Käthe Köhler")
    await page.fill("#email", "kaethe@example.de")
    await page.fill("#subject", "Invoice 2024-17")
    await page.set_input_files("#attachments", str(screenshot))
    await page.get_by_role("button", name="Send message").click()
    await expect(page.locator("h1")).to_have_text("Thank you!")
    number = CaseNumber(int(await page.locator(".case-number").get_attribute("data-case") or 0))
    await expect(page.locator(".case-line")).to_have_text(
        f"Your message is filed as case #{number}."
    )
    await page.screenshot(path=shots / "form-done.png", full_page=True)
    detail = case_detail(sqlite_db, number)
    assert detail.case.subject == "Invoice 2024-17"
    assert detail.messages[0].body_text == "<script>alert(1)</script> My invoice is wrong."
    assert [a.filename for a in detail.messages[0].attachments] == ["screenshot.png"]
    assert f"#{number}" in detail.messages[1].subject  # the acknowledgement


async def host_site(gateway_url: str) -> tuple[web.AppRunner, str]:
    """A company's web page on another origin, embedding form and chat with one tag each."""

    async def index(_request: web.Request) -> web.Response:
        return web.Response(
            text=(
                "<!DOCTYPE html><html lang='en'><head><title>Example Shop</title></head><body>"
                "<h1>Example Shop</h1><p>Questions? We are here.</p>"
                f"<script src='{gateway_url}/widget/form.js' async></script>"
                f"<script src='{gateway_url}/widget/chat.js' async></script>"
                "</body></html>"
            ),
            content_type="text/html",
        )

    app = web.Application()
    app.router.add_get("/", index)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, f"http://127.0.0.1:{runner.addresses[0][1]}/"


async def test_one_script_tag_embeds_the_chat_on_another_site(
    page, gateway, sqlite_db, anna, shots
):
    runner, url = await host_site(gateway.url)
    try:
        await page.goto(url)
        launcher = page.get_by_role("button", name="Chat with us")
        await expect(launcher).to_have_attribute("aria-expanded", "false")
        form_frame = page.frame_locator(f"iframe[src^='{gateway.url}/form']")
        await expect(form_frame.locator("h1")).to_have_text("Contact us")
        await launcher.click()
        await expect(launcher).to_have_attribute("aria-expanded", "true")
        chat = page.frame_locator("#omnidesk-chat-frame")
        await expect(chat.locator("#chat-status")).to_have_text("Connected")
        await chat.locator("#start-text").fill("Hello from the shop page")
        await chat.locator("#start-text").press("Enter")
        # The bubble shows at once as pending; without "pending" the gateway has stored it.
        await expect(chat.locator("li.visitor:not(.pending)")).to_contain_text(
            "Hello from the shop page"
        )
        await page.screenshot(path=shots / "embedded.png")
        with sqlite_db.read() as session:
            stored = session.execute(
                text("SELECT body_text FROM message WHERE channel='chat'")
            ).scalar_one()
        assert stored == "Hello from the shop page"
        # Escape closes the panel and gives the focus back to the launcher.
        await chat.locator("#send-text").press("Escape")
        await expect(launcher).to_have_attribute("aria-expanded", "false")
        await expect(launcher).to_be_focused()
        await asyncio.sleep(0)
    finally:
        await runner.cleanup()


async def test_a_german_browser_gets_the_german_form(browser, gateway, shots):
    context = await browser.new_context(locale="de-DE")
    page = await context.new_page()
    await page.goto(f"{gateway.url}/form")
    await expect(page.locator("h1")).to_have_text("Kontakt")
    await page.get_by_role("button", name="Nachricht senden").click()
    await expect(page.locator("#name-error")).to_have_text(
        "⚠ Bitte nennen Sie uns Ihren Namen.".removeprefix("⚠ ")
    )
    await page.screenshot(path=shots / "form-errors-de.png", full_page=True)
    await context.close()
