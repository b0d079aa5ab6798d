"""The chat WebSocket: one per visitor tab, speaking omnidesk.gateway.chat_protocol.

Everything a visitor sends is checked before anything is stored; each accepted message
is stored (with its sequence number) in one transaction before it is acknowledged, so
a refused or failed frame leaves nothing behind and an acknowledged one is never lost.
"""

import logging
from typing import Any

from aiohttp import WSMsgType, web
from aiohttp.http_websocket import WebSocketError

from omnidesk.core.errors import KnownError
from omnidesk.gateway import chat_protocol as proto
from omnidesk.gateway.chat_hub import entry_payload
from omnidesk.gateway.i18n import negotiate, text
from omnidesk.gateway.logs import event
from omnidesk.gateway.ratelimit import RateLimit
from omnidesk.gateway.security import client_ip, origin_allowed
from omnidesk.gateway.state import STATE, GatewayState
from omnidesk.services import chat
from omnidesk.services.chat import ChatEnded, ConversationView, StartChat, UnknownConversation

log = logging.getLogger(__name__)

HELLO_TIMEOUT = 10.0
HEARTBEAT = 20.0
_STRIKES = 3
"""Floods past this many warnings close the socket (1008)."""


async def chat_socket(request: web.Request) -> web.StreamResponse:
    state = request.app[STATE]
    config = state.config
    ip = client_ip(request, config)
    language = negotiate(request.headers.get("Accept-Language"), request.query.get("lang"))
    if state.shutting_down:
        raise web.HTTPServiceUnavailable(text="the chat is restarting; try again in a moment")
    if not origin_allowed(request, config):
        event(log, "chat.rejected", reason="origin", ip=ip, origin=request.headers.get("Origin"))
        raise web.HTTPForbidden(text="chat connections are accepted only from our own pages")
    if state.sockets_per_ip[ip] >= config.limits.sockets_per_ip:
        event(log, "chat.rejected", reason="too_many_sockets", ip=ip)
        raise web.HTTPTooManyRequests(text="too many open chats from your address")
    socket = web.WebSocketResponse(max_msg_size=config.limits.chat_frame_bytes, heartbeat=HEARTBEAT)
    await socket.prepare(request)
    state.sockets_per_ip[ip] += 1
    visitor = VisitorSocket(state, socket, ip=ip, language=language)
    try:
        await visitor.run()
    finally:
        state.sockets_per_ip[ip] -= 1
        if state.sockets_per_ip[ip] <= 0:
            del state.sockets_per_ip[ip]
        state.hub.leave(visitor)
    return socket


class VisitorSocket:
    """One connected tab; a member of its conversation's room once it has one."""

    def __init__(
        self, state: GatewayState, socket: web.WebSocketResponse, *, ip: str, language: str
    ) -> None:
        self.state = state
        self.socket = socket
        self.ip = ip
        self.language = language
        self.conversation: ConversationView | None = None
        self.conversation_id = 0
        self.sent_seq = 0
        self.seen_seq = 0
        self.visible = True
        self._frames = RateLimit(state.config.limits.chat_frames_per_10s, 10)
        self._strikes = 0

    # -- Member ---------------------------------------------------------------------------

    async def send(self, payload: dict[str, Any]) -> None:
        await self.socket.send_json(payload)

    async def drop(self) -> None:
        await self.socket.close(code=proto.CLOSE_RESTART, message=b"reconnect")

    # -- the conversation -----------------------------------------------------------------

    async def run(self) -> None:
        first = await self.socket.receive(timeout=HELLO_TIMEOUT)
        if first.type is not WSMsgType.TEXT:
            await self._failed_frame(first.type, first.data)
            return
        try:
            hello = proto.parse_frame(first.data, self.state.config.limits)
            if not isinstance(hello, proto.Hello):
                raise proto.ProtocolError("hello_first", close=proto.CLOSE_NO_HELLO)
            await self._greet(hello)
        except proto.ProtocolError as exc:
            await self._refuse(exc)
            if exc.close is not None:
                return
        async for message in self.socket:
            if message.type is WSMsgType.TEXT:
                if not await self._on_text(message.data):
                    return
            else:
                await self._failed_frame(message.type, message.data)
                return

    async def _failed_frame(self, kind: WSMsgType, data: object) -> None:
        if kind is WSMsgType.BINARY:
            await self._refuse(proto.ProtocolError("binary", close=proto.CLOSE_UNSUPPORTED))
        elif kind is WSMsgType.ERROR:
            # aiohttp closed the socket already: 1009 (frame too large), 1007 (not UTF-8).
            code = data.code if isinstance(data, WebSocketError) else None
            reason = {1009: "frame_too_large", 1007: "invalid_utf8"}.get(code or 0, "broken")
            self._log_refusal(reason, close=code)

    async def _on_text(self, data: str) -> bool:
        """Handle one frame; False when the socket was closed because of it."""
        if self._frames.hit("frames") is not None:
            self._strikes += 1
            flood = self._strikes > _STRIKES
            await self._refuse(
                proto.ProtocolError(
                    "flood" if flood else "slow_down", close=proto.CLOSE_POLICY if flood else None
                )
            )
            return not flood
        try:
            await self._dispatch(proto.parse_frame(data, self.state.config.limits))
        except proto.ProtocolError as exc:
            await self._refuse(exc)
            return exc.close is None
        except ChatEnded:
            await self._refuse(proto.ProtocolError("ended"))
        except KnownError as exc:
            event(
                log, "chat.refused", reason=str(exc), ip=self.ip, conversation=self.conversation_id
            )
            await self.send({"type": "error", "code": "refused", "message": str(exc)})
        return True

    async def _greet(self, hello: proto.Hello) -> None:
        state = self.state
        if hello.token is not None:
            try:
                self._adopt(await state.run_db(chat.find_conversation, state.db, hello.token))
            except UnknownConversation:
                raise proto.ProtocolError(
                    "unknown_conversation", close=proto.CLOSE_UNKNOWN_CONVERSATION
                ) from None
        await self.send(
            {
                "type": "welcome",
                "agents_online": await state.agents_online(),
                "conversation": self._describe(),
                "limits": {"chars": state.config.limits.chat_chars},
            }
        )
        if self.conversation is not None:
            await state.hub.join(self, hello.after)

    def _adopt(self, view: ConversationView) -> None:
        self.conversation = view
        self.conversation_id = view.id

    def _describe(self) -> dict[str, Any] | None:
        view = self.conversation
        if view is None:
            return None
        return {
            "case": view.number,
            "state": view.state,
            "email": view.email,
            "name": view.visitor_name,
        }

    async def _dispatch(self, frame: proto.Frame) -> None:
        state = self.state
        match frame:
            case proto.Start():
                await self._start(frame)
            case proto.Send():
                view = self._require()
                wait = state.limiters.chat_messages.hit(str(view.id))
                if wait is not None:
                    raise proto.ProtocolError(
                        "slow_down", client_id=frame.client_id, retry_after=round(wait, 1)
                    )
                entry = await state.run_db(
                    chat.post_message, state.db, view.id, client_id=frame.client_id, text=frame.text
                )
                already = entry.seq <= self.sent_seq
                await state.hub.publish(view.id, entry.seq, known=entry)
                if already:
                    # A resend of a stored message: acknowledge it again, store nothing.
                    await self.send(entry_payload(entry))
                if state.feed is not None:
                    state.feed.poke()
            case proto.Seen() if self.conversation is not None and frame.seq > self.seen_seq:
                self.seen_seq = frame.seq
                await state.run_db(chat.mark_seen, state.db, self.conversation_id, frame.seq)
            case proto.Visible():
                self.visible = frame.visible
            case proto.Typing() if self.conversation is not None:
                state.visitor_typing(self.conversation_id, frame.active)
            case proto.SetEmail():
                self._adopt(
                    await state.run_db(chat.set_email, state.db, self._require().id, frame.email)
                )
                event(log, "chat.email_given", conversation=self.conversation_id)
                await state.hub.broadcast(
                    self.conversation_id, {"type": "email_set", "email": frame.email}
                )
            case proto.End():
                self._adopt(await state.run_db(chat.end_chat, state.db, self._require().id))
                event(log, "chat.ended_by_visitor", conversation=self.conversation_id)
                await state.hub.broadcast(self.conversation_id, {"type": "ended"})
            case proto.Ping():
                await self.send({"type": "pong"})
            case proto.Hello():
                raise proto.ProtocolError("already_greeted")

    async def _start(self, frame: proto.Start) -> None:
        state = self.state
        if self.conversation is not None:
            raise proto.ProtocolError("already_started", client_id=frame.client_id)
        online = await state.agents_online()
        existing = await state.run_db(chat.conversation_for_token, state.db, frame.token)
        if existing is None:
            if not online and frame.email is None:
                raise proto.ProtocolError("email_required", client_id=frame.client_id)
            if state.limiters.chats_per_ip.hit(self.ip) is not None:
                raise proto.ProtocolError("too_many_chats", client_id=frame.client_id)
        started = await state.run_db(
            chat.start_chat,
            state.db,
            StartChat(
                token=frame.token,
                name=frame.name,
                email=frame.email,
                text=frame.text,
                client_id=frame.client_id,
                language=self.language,
                acknowledge=None if online else state.config.ack,
            ),
        )
        self._adopt(started.conversation)
        event(
            log,
            "chat.resumed" if existing else "chat.started",
            conversation=self.conversation_id,
            case=started.conversation.number,
            agents_online=online,
        )
        await self.send({"type": "started", "conversation": self._describe()})
        await state.hub.join(self, 0)
        if state.feed is not None:
            state.feed.poke()

    def _require(self) -> ConversationView:
        if self.conversation is None:
            raise proto.ProtocolError("no_conversation")
        return self.conversation

    async def _refuse(self, exc: proto.ProtocolError) -> None:
        """Tell the page what was refused and why, log it, and close if the error says so."""
        self._log_refusal(exc.code, close=exc.close)
        payload: dict[str, Any] = {
            "type": "error",
            "code": exc.code,
            "message": text(self.language, f"chat.error.{exc.code}", **exc.values),
        }
        if exc.client_id:
            payload["client_id"] = exc.client_id
        if "retry_after" in exc.values:
            payload["retry_after"] = exc.values["retry_after"]
        if not self.socket.closed:
            try:
                await self.send(payload)
                if exc.close is not None:
                    await self.socket.close(code=exc.close, message=exc.code.encode("ascii"))
            except ConnectionError:
                pass

    def _log_refusal(self, reason: str, *, close: int | None) -> None:
        event(
            log,
            "chat.rejected",
            level=logging.WARNING,
            reason=reason,
            close=close,
            ip=self.ip,
            conversation=self.conversation_id or None,
        )
