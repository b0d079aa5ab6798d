"""Pytest plugin: a real SMTP server (aiosmtpd) that records what it receives.

Fixture:

* ``smtp_server`` (function): a running :class:`SmtpServer` on 127.0.0.1 and a free port. Every
  accepted message is kept as a :class:`ReceivedMessage` (envelope sender, recipients, raw
  bytes). ``stop()``/``start()`` take it away and bring it back on the same port ("mail server
  down for a while"); ``reject(...)`` makes it answer with a 4xx/5xx code on demand.

It is function-scoped because starting aiosmtpd takes milliseconds and a fresh server per test
means no test ever sees another test's mail or rejection settings.
"""

from __future__ import annotations

import email
import email.message
import email.policy
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

import pytest
from aiosmtpd.controller import Controller

from tests.servers.ports import LOCALHOST, free_port, wait_for_port_closed

Stage = Literal["MAIL", "RCPT", "DATA"]


@dataclass(frozen=True)
class ReceivedMessage:
    """One message as the SMTP server received it."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    data: bytes  # exactly the bytes after DATA (dot-unstuffed), headers included

    def parsed(self) -> email.message.EmailMessage:
        """The message parsed with the modern email policy."""
        message = email.message_from_bytes(self.data, policy=email.policy.default)
        assert isinstance(message, email.message.EmailMessage)
        return message


@dataclass
class _Rejection:
    reply: str  # full SMTP reply line, e.g. "451 4.3.0 Try again later"
    stage: Stage
    remaining: int | None  # None: until accept() is called


class _RecordingHandler:
    """aiosmtpd handler: stores messages, or rejects at a chosen stage while told to.

    It runs in aiosmtpd's thread while the test reads from the main thread, hence the lock and
    the condition that ``wait_for`` sleeps on.
    """

    def __init__(self) -> None:
        self.condition = threading.Condition()
        self.messages: list[ReceivedMessage] = []
        self.rejection: _Rejection | None = None
        self.rejected = 0

    def _reject_reply(self, stage: Stage) -> str | None:
        with self.condition:
            rule = self.rejection
            if rule is None or rule.stage != stage:
                return None
            if rule.remaining is not None:
                rule.remaining -= 1
                if rule.remaining <= 0:
                    self.rejection = None
            self.rejected += 1
            return rule.reply

    # aiosmtpd hooks: the signatures are aiosmtpd's; mail/rcpt hooks must update the envelope.
    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, mail_options: list[str]
    ) -> str:
        reply = self._reject_reply("MAIL")
        if reply is not None:
            return reply
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return "250 OK"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        reply = self._reject_reply("RCPT")
        if reply is not None:
            return reply
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        reply = self._reject_reply("DATA")
        if reply is not None:
            return reply
        # original_content: the bytes as sent, even for SMTPUTF8 mail (content may be decoded).
        raw = envelope.original_content or envelope.content
        data = raw if isinstance(raw, bytes) else str(raw).encode("utf-8")
        message = ReceivedMessage(
            mail_from=str(envelope.mail_from),
            rcpt_tos=tuple(str(r) for r in envelope.rcpt_tos),
            data=data,
        )
        with self.condition:
            self.messages.append(message)
            self.condition.notify_all()
        return "250 Message accepted for delivery"


class SmtpServer:
    """A real SMTP server (aiosmtpd in its own thread) that records or rejects mail."""

    host = LOCALHOST

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self._handler = _RecordingHandler()
        self._controller: Controller | None = None

    # -- lifecycle -----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._controller is not None

    def start(self) -> None:
        """Start listening on ``self.port`` (the same port after a ``stop()``)."""
        if self._controller is not None:
            return
        # A stopped aiosmtpd Controller has closed its event loop and cannot start again,
        # so every start gets a new one; the handler (and the received mail) stays.
        controller = Controller(
            self._handler,
            hostname=self.host,
            port=self.port,
            ready_timeout=10.0,
            enable_SMTPUTF8=True,
        )
        controller.start()
        self._controller = controller

    def stop(self) -> None:
        """Stop listening; clients now get "connection refused" until ``start()``."""
        controller, self._controller = self._controller, None
        if controller is not None:
            controller.stop()
            wait_for_port_closed(self.host, self.port, timeout=5.0, what="the SMTP port to close")

    def restart(self) -> None:
        self.stop()
        self.start()

    # -- behaviour -----------------------------------------------------------------------------

    def reject(self, reply: str, *, stage: Stage = "DATA", times: int | None = None) -> None:
        """Answer ``reply`` (e.g. ``"451 4.3.0 Try again later"``) at ``stage``.

        ``times=None`` keeps rejecting until :meth:`accept`; ``times=n`` rejects the next ``n``
        attempts and then accepts again, like a greylisting server.
        """
        code = reply[:3]
        if not (code.isdigit() and code[0] in "45"):
            raise ValueError(f"an SMTP rejection needs a 4xx or 5xx code: {reply!r}")
        if times is not None and times < 1:
            raise ValueError("times must be at least 1 (or None for 'until accept()')")
        with self._handler.condition:
            self._handler.rejection = _Rejection(reply=reply, stage=stage, remaining=times)

    def accept(self) -> None:
        """Stop rejecting; accept mail again."""
        with self._handler.condition:
            self._handler.rejection = None

    @property
    def rejected(self) -> int:
        """How many MAIL/RCPT/DATA commands were rejected on purpose so far."""
        with self._handler.condition:
            return self._handler.rejected

    # -- received mail -------------------------------------------------------------------------

    @property
    def messages(self) -> list[ReceivedMessage]:
        """A snapshot of the messages received so far, oldest first."""
        with self._handler.condition:
            return list(self._handler.messages)

    def clear(self) -> None:
        """Forget the messages received so far."""
        with self._handler.condition:
            self._handler.messages.clear()

    def wait_for(self, count: int = 1, timeout: float = 5.0) -> list[ReceivedMessage]:
        """Wait until at least ``count`` messages arrived; return all of them.

        Raises AssertionError (a test failure, not an error) on timeout, saying how many came.
        """
        deadline = time.monotonic() + timeout
        with self._handler.condition:
            while len(self._handler.messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    got = len(self._handler.messages)
                    raise AssertionError(
                        f"expected {count} message(s) on the test SMTP server within "
                        f"{timeout:.1f} s, got {got} (running={self.running}, "
                        f"rejected={self._handler.rejected})"
                    )
                self._handler.condition.wait(remaining)
            return list(self._handler.messages)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A running recording SMTP server on 127.0.0.1, fresh for each test."""
    server = SmtpServer()
    # The free port can be taken between picking and binding; retry with new ports.
    for attempt in range(3):
        try:
            server.start()
            break
        except OSError:
            if attempt == 2:
                raise
            server.port = free_port()
    try:
        yield server
    finally:
        server.stop()
