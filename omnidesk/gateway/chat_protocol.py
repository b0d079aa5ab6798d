"""The chat's WebSocket protocol: JSON text frames, checked field by field.

Visitor -> gateway (``type``):

* ``hello`` ``{token?, after}`` — first frame; ``after`` is the last sequence number the
  page shows (0 after a reload), so the answer is exactly what is missing.
* ``start`` ``{token, client_id, text, name?, email?}`` — the first message opens the case.
  The browser makes the token (256 random bits) and keeps it; the gateway stores only
  its SHA-256. Sending the same start again (after a lost connection) opens nothing new.
* ``send`` ``{client_id, text}`` — a message; a resend with the same id is no copy.
* ``seen`` ``{seq}`` — the page showed everything up to ``seq`` while visible.
* ``visible`` ``{visible}`` — the tab was hidden or shown again.
* ``typing`` ``{active}``, ``email`` ``{email}``, ``end``, ``ping``.

Gateway -> visitor: ``welcome``, ``started``, ``entry``, ``agents``, ``typing``,
``email_set``, ``ended``, ``error`` ``{code, message}``, ``reconnect``, ``pong``.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from omnidesk.gateway.config import Limits
from omnidesk.gateway.validation import clean_email, clean_line, clean_text

CLOSE_INVALID_DATA = 1007
CLOSE_POLICY = 1008
CLOSE_UNSUPPORTED = 1003
CLOSE_RESTART = 1012
CLOSE_UNKNOWN_CONVERSATION = 4401
CLOSE_NO_HELLO = 4408

_CLIENT_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{43,100}$")
"""At least 256 bits in base64url: the browser makes it with crypto.getRandomValues."""
_MAX_SEQ = 2**31 - 1


class ProtocolError(Exception):
    """A frame we refuse: ``code`` names the problem for the visitor's page."""

    def __init__(
        self,
        code: str,
        *,
        close: int | None = None,
        client_id: str | None = None,
        **values: object,
    ) -> None:
        super().__init__(code)
        self.code = code
        self.close = close
        self.client_id = client_id
        self.values = values


@dataclass(frozen=True, slots=True)
class Hello:
    token: str | None
    after: int


@dataclass(frozen=True, slots=True)
class Start:
    token: str
    client_id: str
    text: str
    name: str
    email: str | None


@dataclass(frozen=True, slots=True)
class Send:
    client_id: str
    text: str


@dataclass(frozen=True, slots=True)
class Seen:
    seq: int


@dataclass(frozen=True, slots=True)
class Visible:
    visible: bool


@dataclass(frozen=True, slots=True)
class Typing:
    active: bool


@dataclass(frozen=True, slots=True)
class SetEmail:
    email: str


@dataclass(frozen=True, slots=True)
class End:
    pass


@dataclass(frozen=True, slots=True)
class Ping:
    pass


Frame = Hello | Start | Send | Seen | Visible | Typing | SetEmail | End | Ping


def parse_frame(data: str, limits: Limits) -> Frame:
    try:
        obj = json.loads(data)
    except ValueError:
        raise ProtocolError("malformed", close=CLOSE_INVALID_DATA) from None
    if not isinstance(obj, dict) or not isinstance(obj.get("type"), str):
        raise ProtocolError("malformed", close=CLOSE_INVALID_DATA)
    parser = _PARSERS.get(obj["type"])
    if parser is None:
        raise ProtocolError("unknown_type")
    return parser(obj, limits)


def _hello(obj: dict[str, Any], _limits: Limits) -> Frame:
    token = obj.get("token")
    if token is not None and not (isinstance(token, str) and _TOKEN.match(token)):
        raise ProtocolError("unknown_conversation", close=CLOSE_UNKNOWN_CONVERSATION)
    return Hello(token=token, after=_seq(obj, "after"))


def _start(obj: dict[str, Any], limits: Limits) -> Frame:
    token = obj.get("token")
    if not (isinstance(token, str) and _TOKEN.match(token)):
        raise ProtocolError("malformed", close=CLOSE_INVALID_DATA)
    client_id = _client_id(obj)
    text = _message_text(obj, limits, client_id)
    name = clean_line(_string(obj, "name", limits.field_chars * 4, optional=True))
    if len(name) > limits.field_chars:
        raise ProtocolError("name_too_long", client_id=client_id, max=limits.field_chars)
    email = _email(obj, client_id)
    return Start(token=token, client_id=client_id, text=text, name=name, email=email)


def _send(obj: dict[str, Any], limits: Limits) -> Frame:
    client_id = _client_id(obj)
    return Send(client_id=client_id, text=_message_text(obj, limits, client_id))


def _flag(obj: dict[str, Any], key: str) -> bool:
    flag = obj.get(key)
    if not isinstance(flag, bool):
        raise ProtocolError("malformed", close=CLOSE_INVALID_DATA)
    return flag


def _set_email(obj: dict[str, Any], _limits: Limits) -> Frame:
    email = _email(obj, None)
    if email is None:
        raise ProtocolError("email_invalid")
    return SetEmail(email)


_PARSERS: dict[str, Callable[[dict[str, Any], Limits], Frame]] = {
    "hello": _hello,
    "start": _start,
    "send": _send,
    "seen": lambda obj, _limits: Seen(seq=_seq(obj, "seq")),
    "visible": lambda obj, _limits: Visible(_flag(obj, "visible")),
    "typing": lambda obj, _limits: Typing(_flag(obj, "active")),
    "email": _set_email,
    "end": lambda _obj, _limits: End(),
    "ping": lambda _obj, _limits: Ping(),
}


def _string(obj: dict[str, Any], key: str, max_chars: int, *, optional: bool = False) -> str:
    value = obj.get(key)
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise ProtocolError("malformed", close=CLOSE_INVALID_DATA)
    if len(value) > max_chars:
        raise ProtocolError("too_long", max=max_chars)
    return value


def _client_id(obj: dict[str, Any]) -> str:
    value = obj.get("client_id")
    if not isinstance(value, str) or not _CLIENT_ID.match(value):
        raise ProtocolError("malformed", close=CLOSE_INVALID_DATA)
    return value


def _message_text(obj: dict[str, Any], limits: Limits, client_id: str) -> str:
    value = obj.get("text")
    if not isinstance(value, str):
        raise ProtocolError("malformed", close=CLOSE_INVALID_DATA)
    text = clean_text(value)
    if not text:
        raise ProtocolError("empty", client_id=client_id)
    if len(text) > limits.chat_chars:
        raise ProtocolError("too_long", client_id=client_id, max=limits.chat_chars)
    return text


def _email(obj: dict[str, Any], client_id: str | None) -> str | None:
    value = obj.get("email")
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ProtocolError("malformed", close=CLOSE_INVALID_DATA)
    email = clean_email(value)
    if email is None:
        raise ProtocolError("email_invalid", client_id=client_id)
    return email


def _seq(obj: dict[str, Any], key: str) -> int:
    value = obj.get(key, 0)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= _MAX_SEQ:
        raise ProtocolError("malformed", close=CLOSE_INVALID_DATA)
    return value
