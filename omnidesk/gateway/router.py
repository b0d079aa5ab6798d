"""The gateway's background work: follow the change feed and deliver to chats, and a few
periodic sweeps that keep delivery correct when the feed alone cannot.

* Every feed batch: sequence new messages of chat cases, take email replies into the
  chat while the visitor is there, publish to the connected browsers.
* Every few seconds: email the replies that visitors with an address have not seen;
  record which visitors are present (a visible, connected page).
* Every half minute: a full sequencing sweep, so nothing written while this gateway was
  down or while the feed was reconnecting is ever left out of a chat.
"""

import asyncio
import contextlib
import logging
import time

from omnidesk.core.enums import Channel, Direction
from omnidesk.gateway import delivery
from omnidesk.gateway.logs import event
from omnidesk.gateway.state import GatewayState
from omnidesk.services import chat
from omnidesk.services.web_form import forget_old_nonces
from omnidesk.store.change_feed import MessageChange, Subscription

log = logging.getLogger(__name__)

FALLBACK_EVERY = 5.0
SWEEP_EVERY = 30.0
NONCES_EVERY = 3600.0


class DeliveryRouter:
    def __init__(self, state: GatewayState) -> None:
        self.state = state
        self.delivered = 0

    async def follow(self, subscription: Subscription[MessageChange]) -> None:
        """Handle feed batches until the subscription ends; one bad batch stops nothing."""
        async for batch in subscription:
            try:
                await self.handle(batch)
            except Exception:
                log.exception("chat delivery: a change-feed batch failed; the sweep retries it")

    async def handle(self, changes: list[MessageChange]) -> None:
        # A visitor's chat message is sequenced in the transaction that stores it (by
        # whichever gateway took it); notes never reach the chat.
        wanted = [
            int(c.message_id)
            for c in changes
            if c.direction is Direction.OUT
            or (c.direction is Direction.IN and c.channel is not Channel.CHAT)
        ]
        if wanted:
            await self.deliver(
                await self.state.run_db(delivery.sequence_messages, self.state.db, wanted)
            )

    async def deliver(self, sequenced: list[delivery.Sequenced]) -> None:
        state = self.state
        latest: dict[int, int] = {}
        for item in sequenced:
            latest[item.conversation_id] = max(latest.get(item.conversation_id, 0), item.seq)
            if (
                item.direction is Direction.OUT
                and item.channel is Channel.EMAIL
                and state.hub.connected(item.conversation_id)
            ):
                moved = await state.run_db(
                    delivery.deliver_in_chat_instead, state.db, item.message_id
                )
                event(
                    log,
                    "chat.email_reply_in_chat" if moved else "chat.email_reply_also_in_chat",
                    conversation=item.conversation_id,
                    message=int(item.message_id),
                )
        for conversation_id, seq in latest.items():
            await state.hub.publish(conversation_id, seq)
            self.delivered += 1

    async def sweep(self) -> None:
        await self.deliver(await self.state.run_db(delivery.sequence_messages, self.state.db))

    async def fallback(self) -> None:
        state = self.state
        present = [c for c in state.hub.conversations if state.hub.visible(c)]
        if present:
            await state.run_db(chat.touch_visitors, state.db, present)
        sent = await state.run_db(
            delivery.email_unseen_replies,
            state.db,
            grace=state.config.email_fallback,
            ack=state.config.ack,
        )
        if sent:
            event(log, "chat.replies_sent_by_email", count=sent)

    async def run_periodic(self, stop: asyncio.Event) -> None:
        """The sweeps, until ``stop``; each failure is logged and retried next round."""
        last_sweep = last_nonces = time.monotonic()
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), FALLBACK_EVERY)
            if stop.is_set():
                return
            now = time.monotonic()
            try:
                await self.fallback()
                if now - last_sweep >= SWEEP_EVERY:
                    last_sweep = now
                    await self.sweep()
                if now - last_nonces >= NONCES_EVERY:
                    last_nonces = now
                    await self.state.run_db(
                        forget_old_nonces, self.state.db, self.state.config.form_max_age
                    )
            except Exception:
                log.exception("chat delivery: a periodic sweep failed; retrying later")
