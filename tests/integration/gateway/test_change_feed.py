"""The change feed sees every message, whoever writes it: NOTIFY on PostgreSQL, a poll on
SQLite; it survives a database restart."""

import asyncio

import pytest

from omnidesk.core.enums import Channel, Direction, ReplyMode
from omnidesk.core.ids import CaseNumber
from omnidesk.services.cases import case_detail, open_case, write_on_case
from omnidesk.store.change_feed import (
    MessageChange,
    PostgresNotifyFeed,
    SqlitePollFeed,
    open_change_feed,
)
from omnidesk.store.engine import Database
from tests.integration.services.conftest import incoming


async def next_changes(subscription, count: int, within: float = 5.0) -> list[MessageChange]:
    found: list[MessageChange] = []
    while len(found) < count:
        batch = await asyncio.wait_for(subscription.get(), within)
        assert batch is not None
        found.extend(batch)
    return found


async def test_subscribers_see_messages_written_by_anyone(db, anna):
    feed = open_change_feed(db, poll_interval=0.01)
    assert isinstance(feed, PostgresNotifyFeed if db.backend == "postgresql" else SqlitePollFeed)
    await feed.start()
    try:
        first, second = feed.subscribe(), feed.subscribe()
        # A separate Database object: the writer shares nothing with the feed but the file/server.
        other = Database(db.url)
        number = await asyncio.to_thread(open_case, other, incoming())
        await asyncio.to_thread(
            write_on_case, other, number, agent=anna, text="On it.", mode=ReplyMode.REPLY
        )
        for subscription in (first, second):
            changes = await next_changes(subscription, 2)
            detail = case_detail(db, number)
            assert [c.message_id for c in changes] == [m.id for m in detail.messages]
            assert [(c.channel, c.direction) for c in changes] == [
                (Channel.EMAIL, Direction.IN),
                (Channel.EMAIL, Direction.OUT),
            ]
            assert {c.case_id for c in changes} == {detail.case.id}
        other.dispose()
    finally:
        await feed.close()


async def test_old_messages_are_not_replayed_at_start(db):
    open_case(db, incoming())
    feed = open_change_feed(db, poll_interval=0.01)
    await feed.start()
    try:
        subscription = feed.subscribe()
        second = open_case(db, incoming(subject="Neu"))
        changes = await next_changes(subscription, 1)
        assert changes[0].message_id == case_detail(db, second).messages[0].id
    finally:
        await feed.close()


async def test_a_closed_subscription_ends_its_iteration(db):
    feed = open_change_feed(db, poll_interval=0.01)
    await feed.start()
    subscription = feed.subscribe()
    subscription.close()
    assert [batch async for batch in subscription] == []
    await feed.close()


@pytest.mark.postgres
async def test_the_postgres_feed_reconnects_and_catches_up(pg_server, pg_url):
    from omnidesk.store.migrate import upgrade

    db = Database(pg_url)
    upgrade(db)
    feed = open_change_feed(db)
    feed.reconnect_pause = 0.1  # type: ignore[attr-defined]
    await feed.start()
    try:
        subscription = feed.subscribe()
        await asyncio.to_thread(open_case, db, incoming())
        await next_changes(subscription, 1)
        await asyncio.to_thread(pg_server.restart)
        db.engine.dispose()
        # Written before the feed is listening again: found by the catch-up read.
        number = await asyncio.to_thread(open_case, db, incoming(subject="after restart"))
        changes = await next_changes(subscription, 1, within=15)
        assert changes[-1].message_id == case_detail(db, CaseNumber(number)).messages[0].id
        assert feed.healthy
    finally:
        await feed.close()
        db.dispose()
