"""Live chat use cases, shared by the gateway and (for presence) the desktop.

A visitor's first message opens a case and a conversation and hands out the visitor's
token; every later message is stored, with its sequence number, the moment it arrives.
The company never ends a chat: only the visitor can, and the case stays as it is.
Agent replies are written by ``omnidesk.services.cases.write_on_case`` like any other;
the gateway notices them through the change feed and delivers them
(``omnidesk.gateway.delivery``).
"""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from omnidesk.core import lifecycle
from omnidesk.core.enums import CaseStatus, Channel, Direction, EventKind, IdentityKind
from omnidesk.core.errors import NotFound, RuleViolation
from omnidesk.core.ids import AgentId, CaseId, CaseNumber, CustomerId
from omnidesk.services.acknowledge import (
    AckSettings,
    queue_acknowledgement_in,
    queue_transcript_in,
)
from omnidesk.services.web_form import customer_spoke
from omnidesk.store import cases, customers, events, messages
from omnidesk.store import chat as store
from omnidesk.store.chat import EntryView
from omnidesk.store.engine import Database
from omnidesk.store.messages import NewMessage
from omnidesk.store.tables import CaseRow
from omnidesk.store.tables_chat import ChatConversationRow
from omnidesk.store.types import utcnow

_CHAT_REOPEN = lifecycle.ReopenPolicy(window=timedelta(days=36500))
"""A visitor writing in their own chat always continues its case (reopened, same owner)."""


class UnknownConversation(NotFound):
    """The token matches no conversation: forged, mistyped, or from another database."""


class ChatEnded(RuleViolation):
    """The visitor ended this chat; it takes no more messages."""


@dataclass(frozen=True, slots=True)
class ConversationView:
    id: int
    case_id: CaseId
    number: CaseNumber
    subject: str
    state: str
    visitor_name: str
    email: str | None
    language: str
    last_seq: int


@dataclass(frozen=True, slots=True)
class StartChat:
    token: str
    """Made by the visitor's browser; only its hash is stored."""
    name: str
    email: str | None
    text: str
    client_id: str
    language: str
    acknowledge: AckSettings | None = None
    """Set when nobody is online: the visitor then gets the case number by email too."""


@dataclass(frozen=True, slots=True)
class StartedChat:
    token: str
    conversation: ConversationView
    entry: EntryView


def _view(session: Session, row: ChatConversationRow) -> ConversationView:
    case = session.get(CaseRow, row.case_id)
    assert case is not None
    assert row.id is not None
    return ConversationView(
        id=row.id,
        case_id=CaseId(row.case_id),
        number=CaseNumber(case.number),
        subject=case.subject,
        state=row.state,
        visitor_name=row.visitor_name,
        email=row.email,
        language=row.language,
        last_seq=row.last_seq,
    )


def _chat_subject(text: str) -> str:
    first = " ".join(text.split())
    return "Chat: " + (first if len(first) <= 70 else first[:69].rstrip() + "…")


def start_chat(db: Database, start: StartChat) -> StartedChat:
    """Open a case and a conversation with the visitor's first message.

    Idempotent: the same token again (a resend after a lost connection) returns the
    conversation it opened the first time.
    """
    try:
        return _start(db, start)
    except IntegrityError:
        return _start(db, start)  # the same start arrived twice at once: use the first


def _start(db: Database, start: StartChat) -> StartedChat:
    token = start.token
    visitor_id = "visitor-" + secrets.token_hex(12)
    name = start.name.strip()
    with db.write() as session:
        existing = store.conversation_by_token(session, token)
        if existing is not None:
            assert existing.id is not None
            seq = store.entry_by_client_id(session, existing.id, start.client_id) or 1
            entry = store.entries_after(session, existing.id, seq - 1, limit=1)[0]
            return StartedChat(token=token, conversation=_view(session, existing), entry=entry)
        if start.email:
            customer_id, _ = customers.find_or_create_customer(
                session, kind=IdentityKind.EMAIL, value=start.email, name=name
            )
            identity_id = store.add_identity(
                session, customer_id, IdentityKind.CHAT, visitor_id, name
            )
        else:
            customer_id, identity_id = customers.find_or_create_customer(
                session, kind=IdentityKind.CHAT, value=visitor_id, name=name
            )
        case = cases.insert_case(
            session, subject=_chat_subject(start.text), customer_id=customer_id
        )
        reason = "new case: a visitor started a chat"
        message_id = messages.insert_message(
            session,
            case.id,
            NewMessage(
                channel=Channel.CHAT,
                direction=Direction.IN,
                author_name=name or "Chat visitor",
                author_identity_id=identity_id,
                subject=case.subject,
                body_text=start.text,
                thread_reason=reason,
            ),
        )
        events.log_event(
            session,
            case_id=case.id,
            kind=EventKind.CASE_CREATED,
            actor=None,
            to_value=Channel.CHAT.value,
            reason=reason,
        )
        row = store.insert_conversation(
            session,
            ChatConversationRow(
                case_id=case.id,
                token_hash=store.token_hash(token),
                visitor_id=visitor_id,
                identity_id=identity_id,
                visitor_name=name,
                email=start.email.strip().lower() if start.email else None,
                language=start.language,
            ),
        )
        assert row.id is not None
        seq = store.add_entry(session, row.id, message_id, start.client_id)
        if start.email and start.acknowledge is not None:
            queue_acknowledgement_in(
                session,
                case_id=case.id,
                number=case.number,
                subject=case.subject,
                recipient=start.email,
                name=name,
                language=start.language,
                settings=start.acknowledge,
            )
        session.refresh(row)
        view = _view(session, row)
        entry = store.entries_after(session, row.id, seq - 1, limit=1)[0]
    return StartedChat(token=token, conversation=view, entry=entry)


def find_conversation(db: Database, token: str) -> ConversationView:
    """The conversation this token opens; ``UnknownConversation`` for any other token."""
    with db.read() as session:
        row = store.conversation_by_token(session, token)
        if row is None:
            raise UnknownConversation("this chat link is unknown or has expired")
        return _view(session, row)


def post_message(db: Database, conversation_id: int, *, client_id: str, text: str) -> EntryView:
    """Store a visitor's message; the same ``client_id`` twice is stored once."""
    try:
        return _post(db, conversation_id, client_id, text)
    except IntegrityError:
        # Another connection stored the same message at the same moment: use its copy.
        return _post(db, conversation_id, client_id, text)


def _post(db: Database, conversation_id: int, client_id: str, text: str) -> EntryView:
    with db.write() as session:
        row = store.get_conversation(session, conversation_id)
        if row.state != "open":
            raise ChatEnded("this chat was ended by the visitor")
        known = store.entry_by_client_id(session, conversation_id, client_id)
        if known is not None:
            return store.entries_after(session, conversation_id, known - 1, limit=1)[0]
        case = session.get(CaseRow, row.case_id)
        assert case is not None
        now = utcnow()
        message_id = messages.insert_message(
            session,
            CaseId(row.case_id),
            NewMessage(
                channel=Channel.CHAT,
                direction=Direction.IN,
                author_name=row.visitor_name or "Chat visitor",
                author_identity_id=row.identity_id,  # type: ignore[arg-type]
                subject=case.subject,
                body_text=text,
                created_at=now,
            ),
        )
        seq = store.add_entry(session, conversation_id, message_id, client_id)
        row.last_seen_at = now
        session.add(row)
        events.log_event(
            session,
            case_id=CaseId(row.case_id),
            kind=EventKind.MESSAGE_RECEIVED,
            actor=None,
            to_value=Channel.CHAT.value,
        )
        verdict = lifecycle.decide_inbound(
            CaseStatus(case.status),
            resolved_at=case.resolved_at,
            now=now,
            policy=_CHAT_REOPEN,
            text=text,
        )
        customer_spoke(session, CaseId(row.case_id), verdict, now)
        return EntryView(
            seq=seq,
            message_id=message_id,
            direction=Direction.IN,
            channel=Channel.CHAT,
            author=row.visitor_name or "Chat visitor",
            text=text,
            created_at=now,
            client_id=client_id,
        )


def entries_after(db: Database, conversation_id: int, after: int) -> list[EntryView]:
    with db.read() as session:
        return store.entries_after(session, conversation_id, after)


def set_email(db: Database, conversation_id: int, email: str) -> ConversationView:
    """Record the visitor's address. An address of a known customer links the chat (its
    case and identity) to that customer, with a note that the address is unverified."""
    with db.write() as session:
        row = store.get_conversation(session, conversation_id)
        case = session.get(CaseRow, row.case_id)
        assert case is not None
        known = store.identity_owner(session, IdentityKind.EMAIL, email)
        if known is None:
            store.add_identity(
                session, CustomerId(case.customer_id), IdentityKind.EMAIL, email, row.visitor_name
            )
        elif known != case.customer_id:
            store.move_case_to_customer(session, row, known)
            _note(
                session,
                CaseId(row.case_id),
                f"The chat visitor gave the address {email}, which belongs to a known "
                "customer; the chat is now linked to them. The address was typed into the "
                "chat and is not verified: check who you are talking to before sharing "
                "account details.",
            )
        row.email = email.strip().lower()
        session.add(row)
        return _view(session, row)


def _note(session: Session, case_id: CaseId, text: str) -> None:
    messages.insert_message(
        session,
        case_id,
        NewMessage(
            channel=Channel.NOTE,
            direction=Direction.INTERNAL,
            author_name="OmniDesk",
            body_text=text,
        ),
    )


def end_chat(db: Database, conversation_id: int) -> ConversationView:
    """The visitor ends the chat. The case stays open; agents can still answer by email."""
    with db.write() as session:
        row = store.get_conversation(session, conversation_id)
        if row.state != "ended":
            row.state, row.ended_at = "ended", utcnow()
            session.add(row)
            events.log_event(
                session,
                case_id=CaseId(row.case_id),
                kind=EventKind.STATUS_CHANGED,
                actor=None,
                from_value="chat open",
                to_value="chat ended",
                reason="the visitor ended the chat",
            )
        return _view(session, row)


def mark_seen(db: Database, conversation_id: int, seq: int) -> None:
    with db.write() as session:
        store.mark_seen(session, conversation_id, seq)


def touch_visitors(db: Database, conversation_ids: list[int]) -> None:
    with db.write() as session:
        store.touch_visitors(session, conversation_ids, utcnow())


def agent_heartbeat(db: Database, agent_id: AgentId) -> None:
    """An agent's desktop says it is there (call every minute while the app runs)."""
    with db.write() as session:
        store.heartbeat(session, agent_id)


def agents_online(db: Database, *, within: timedelta = timedelta(minutes=3)) -> bool:
    with db.read() as session:
        return store.agents_seen_since(session, utcnow() - within) > 0


@dataclass(frozen=True, slots=True)
class TranscriptData:
    conversation: ConversationView
    entries: list[EntryView]
    agents: list[str]


def transcript(db: Database, conversation_id: int) -> TranscriptData:
    with db.read() as session:
        view = _view(session, store.get_conversation(session, conversation_id))
        entries = store.entries_after(session, conversation_id, 0, limit=100_000)
    agents = sorted({e.author for e in entries if e.agent_id is not None})
    return TranscriptData(conversation=view, entries=entries, agents=agents)


def email_transcript(db: Database, conversation_id: int, *, text: str, ack: AckSettings) -> str:
    """Queue the transcript to the visitor's address; returns the address."""
    with db.write() as session:
        row = store.get_conversation(session, conversation_id)
        if not row.email:
            raise RuleViolation("leave an email address first")
        case = session.get(CaseRow, row.case_id)
        assert case is not None
        queue_transcript_in(
            session,
            case_id=CaseId(row.case_id),
            number=CaseNumber(case.number),
            recipient=row.email,
            language=row.language,
            transcript=text,
            settings=ack,
        )
        return row.email


def conversation_for_token(db: Database, token: str) -> ConversationView | None:
    with db.read() as session:
        row = store.conversation_by_token(session, token)
        return None if row is None else _view(session, row)
