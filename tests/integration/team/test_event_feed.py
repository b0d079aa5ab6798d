"""Every change to a case reaches every subscriber, whichever connection made it."""

import asyncio
import time
from datetime import UTC, datetime, timedelta

from omnidesk.core.enums import CaseStatus, CommitmentKind, EventKind
from omnidesk.services.cases import case_detail, change_status, claim_case
from omnidesk.services.commitments import add_commitment
from omnidesk.store.change_feed import EventChange, open_event_feed
from omnidesk.store.engine import Database


async def changes_until(subscription, kind: EventKind, within: float = 5.0) -> list[EventChange]:
    found: list[EventChange] = []
    while not any(c.event_kind is kind for c in found):
        batch = await asyncio.wait_for(subscription.get(), within)
        assert batch is not None
        found.extend(batch)
    return found


async def test_claims_and_status_changes_from_another_connection_arrive(db, anna, case_number):
    feed = open_event_feed(db, poll_interval=0.01)
    await feed.start()
    other = Database(db.url)
    try:
        subscription = feed.subscribe()
        case_id = case_detail(db, case_number).case.id
        started = time.perf_counter()
        await asyncio.to_thread(claim_case, other, case_number, anna)
        claimed = await changes_until(subscription, EventKind.CLAIMED)
        latency = time.perf_counter() - started
        assert {c.case_id for c in claimed} == {case_id}
        # The target is 100 ms; a loaded CI machine gets generous slack here
        # (the figure itself is measured by the benchmark, not asserted).
        assert latency < 2.0
        await asyncio.to_thread(
            change_status, other, case_number, agent=anna, status=CaseStatus.WAITING_ON_CUSTOMER
        )
        changed = await changes_until(subscription, EventKind.STATUS_CHANGED)
        assert all(c.case_id == case_id for c in changed)
    finally:
        other.dispose()
        await feed.close()


async def test_each_event_is_published_once_and_in_order(db, anna, case_number):
    feed = open_event_feed(db, poll_interval=0.01)
    await feed.start()
    try:
        subscription = feed.subscribe()
        await asyncio.to_thread(claim_case, db, case_number, anna)
        for hours in (10, 11, 12):
            await asyncio.to_thread(
                add_commitment,
                db,
                case_number,
                actor=anna,
                kind=CommitmentKind.CALLBACK,
                due_at=datetime.now(UTC) + timedelta(hours=hours),
            )
        seen: list[EventChange] = []
        while sum(c.event_kind is EventKind.COMMITMENT_ADDED for c in seen) < 3:
            batch = await asyncio.wait_for(subscription.get(), 5.0)
            assert batch is not None
            seen.extend(batch)
        ids = [c.event_id for c in seen]
        assert ids == sorted(set(ids))
    finally:
        await feed.close()


async def test_an_unknown_kind_from_a_newer_writer_does_not_break_the_feed(db, case_number):
    from sqlalchemy import text

    feed = open_event_feed(db, poll_interval=0.01)
    await feed.start()
    try:
        subscription = feed.subscribe()
        case_id = case_detail(db, case_number).case.id
        with db.write() as session:
            session.execute(
                text("INSERT INTO event (case_id, kind, at) VALUES (:c, 'from_the_future', :at)"),
                {"c": case_id, "at": "2026-11-25 10:00:00+00:00"},
            )
        batch = await asyncio.wait_for(subscription.get(), 5.0)
        assert batch is not None
        assert batch[0].kind == "from_the_future"
        assert batch[0].event_kind is None
    finally:
        await feed.close()
