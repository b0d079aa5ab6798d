"""A real Chromium (Debian's, driven by Playwright) against a running gateway on SQLite.

Screenshots of what visitors see go to ``$OMNIDESK_SCREENSHOTS`` when it is set.
"""

import os
import shutil
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright

from omnidesk.config.settings import Settings
from omnidesk.core.entities import Agent
from omnidesk.gateway.config import GatewayConfig
from omnidesk.gateway.server import Gateway
from omnidesk.services.agents import add_agent
from omnidesk.services.chat import agent_heartbeat
from omnidesk.store.engine import Database

CHROMIUM = os.environ.get("OMNIDESK_CHROMIUM", "/usr/bin/chromium")
INSTALL_HINT = (
    "Chromium was not found at /usr/bin/chromium. Install it with:\n"
    "    apt-get install -y --no-install-recommends chromium\n"
    "(or point OMNIDESK_CHROMIUM at a Chromium binary)"
)


def _chromium_installed() -> bool:
    return Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is not None


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    if not _chromium_installed():
        pytest.fail(INSTALL_HINT, pytrace=False)
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
async def context(browser: Browser) -> AsyncIterator[BrowserContext]:
    made = await browser.new_context(
        locale="en-US", accept_downloads=True, viewport={"width": 900, "height": 760}
    )
    made.set_default_timeout(10_000)
    try:
        yield made
    finally:
        await made.close()


@pytest.fixture
async def page(context: BrowserContext) -> AsyncIterator[Page]:
    opened = await context.new_page()
    problems: list[str] = []
    # A CSP violation or a script error is a bug of the widget: fail the test on it.
    opened.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    opened.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    opened.on("dialog", lambda dialog: problems.append(f"dialog: {dialog.message}"))
    yield opened
    assert problems == []


@pytest.fixture
def settings() -> Settings:
    return replace(Settings(), team_address="support@team.example")


@pytest.fixture
def config() -> GatewayConfig:
    return GatewayConfig(
        port=0,
        team_address="support@team.example",
        team_name="Example Support",
        form_min_seconds=0,
        email_fallback=timedelta(minutes=5),
        poll_interval=0.02,
        shutdown_timeout=5,
    )


@pytest.fixture
async def gateway(
    sqlite_db: Database, settings: Settings, config: GatewayConfig
) -> AsyncIterator[Gateway]:
    running = Gateway(sqlite_db, settings, config=config)
    await running.start()
    try:
        yield running
    finally:
        await running.stop()


@pytest.fixture
def anna(sqlite_db: Database) -> Agent:
    agent = add_agent(
        sqlite_db, name="anna", email="anna@team.example", display_name="Anna Schmidt"
    )
    agent_heartbeat(sqlite_db, agent.id)
    return agent


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where screenshots go: $OMNIDESK_SCREENSHOTS if set (to look at), else a temp folder."""
    folder = Path(os.environ.get("OMNIDESK_SCREENSHOTS") or tmp_path / "shots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder
