"""Resolving that asks the customer: "Did this solve your problem?" (rule 5).

Resolving with a question does three things in one transaction: the case becomes
resolved, a ``resolution_asked`` event is logged, and a mail with a yes and a no link
is queued in the outbox, threaded on the case. The links carry a signed token (see
``omnidesk.core.resolution_token``) that names the case and that question.

The gateway records the answer (:func:`record_answer`): "yes" is an event, and the
case stays resolved for good; "no" reopens the case with the same owner. A link that
is forged, too old, already answered, or belongs to an earlier resolution changes
nothing and says why.
"""

import time
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import quote

from sqlmodel import Session

from omnidesk.config.settings import Settings
from omnidesk.core.entities import Agent
from omnidesk.core.enums import CaseStatus, EventKind
from omnidesk.core.errors import ConfigError, InvalidInput, NotFound
from omnidesk.core.ids import AgentId, CaseId, CaseNumber, CustomerId
from omnidesk.core.language_guess import guess_language
from omnidesk.core.mail_ids import reply_subject
from omnidesk.core.resolution_token import ResolutionToken, issue
from omnidesk.services.acknowledge import AckSettings, Thread, ack_settings, queue_automatic_in
from omnidesk.services.cases import change_status_in
from omnidesk.store import cases, events, messages, resolutions
from omnidesk.store.chat import signing_key
from omnidesk.store.engine import Database
from omnidesk.store.tables import CaseRow
from omnidesk.store.types import utcnow

KEY_NAME = "resolution"
"""Its own key, apart from the web form's: one leaking cannot forge the other."""
_MAX_REFERENCES = 20


class Answer(StrEnum):
    YES = "yes"
    NO = "no"


class Outcome(StrEnum):
    ANSWERABLE = "answerable"
    """The question waits for its answer (what the page shows before the button)."""
    RECORDED = "recorded"
    ALREADY_ANSWERED = "already_answered"
    SUPERSEDED = "superseded"
    """The case was reopened or resolved again since the question was asked."""
    UNKNOWN = "unknown"
    """No such case or question: a link that was never ours."""


@dataclass(frozen=True, slots=True)
class AskSettings:
    public_url: str
    """Where customers reach the gateway (``[gateway] public_url``)."""
    ack: AckSettings


@dataclass(frozen=True, slots=True)
class Asked:
    number: CaseNumber
    question: int
    recipient: str


@dataclass(frozen=True, slots=True)
class AnswerResult:
    outcome: Outcome
    number: CaseNumber
    answer: Answer | None = None
    """For ``ALREADY_ANSWERED``: the answer given earlier."""


def ask_settings(settings: Settings) -> AskSettings:
    """What asking needs from the settings file: ``[gateway] public_url`` and the sender."""
    raw = settings.extra.get("gateway", {})
    public_url = raw.get("public_url", "") if isinstance(raw, dict) else ""
    if not isinstance(public_url, str):
        raise ConfigError("settings [gateway]: 'public_url' must be text")
    return AskSettings(public_url=public_url.strip(), ack=ack_settings(settings))


def resolution_key(db: Database) -> bytes:
    """The key that signs resolution links, shared by every desktop and gateway."""
    with db.write() as session:
        return signing_key(session, KEY_NAME).encode("ascii")


def resolve_and_ask(
    db: Database, number: CaseNumber, *, agent: Agent, settings: AskSettings
) -> Asked:
    """Resolve the case and ask the customer by email whether that solved it.

    Refused (and nothing changes) when the customer has no email address or the
    gateway's public address is not configured.
    """
    base = settings.public_url.strip().rstrip("/")
    if not base.startswith(("https://", "http://")):
        raise ConfigError(
            "to ask the customer, set the gateway's public address: public_url under "
            "[gateway] in the settings file (for example https://support.example.com)"
        )
    with db.write() as session:
        change_status_in(session, number, agent=agent, status=CaseStatus.RESOLVED)
        return _ask_in(session, number, agent=agent.id, base=base, ack=settings.ack)


def _ask_in(
    session: Session, number: CaseNumber, *, agent: AgentId, base: str, ack: AckSettings
) -> Asked:
    row = cases.case_row_by_number(session, number)
    case_id = CaseId(_id(row))
    recipient = messages.reply_address(session, case_id, CustomerId(row.customer_id))
    if recipient is None:
        raise InvalidInput(
            f"the customer of case #{number} has no email address to ask: "
            "resolve the case without asking"
        )
    question = resolutions.record_question(session, case_id, actor=agent, recipient=recipient)
    token = issue(
        signing_key(session, KEY_NAME).encode("ascii"),
        case=number,
        question=question,
        now=time.time(),
    )
    last = messages.latest_inbound(session, case_id)
    language = guess_language(f"{row.subject}\n{last.body_text if last else ''}")
    thread = Thread()
    if last is not None and last.message_id_header:
        earlier = tuple((last.references or "").split())
        thread = Thread(
            in_reply_to=last.message_id_header,
            references=(*earlier, last.message_id_header)[-_MAX_REFERENCES:],
        )
    link = f"{base}/resolution/{quote(token)}"
    queue_automatic_in(
        session,
        case_id=case_id,
        number=number,
        subject=reply_subject(row.subject, number),
        body=question_text(language=language, number=number, link=link, ack=ack),
        recipient=recipient,
        settings=ack,
        why="resolution question",
        thread=thread,
    )
    return Asked(number=number, question=question, recipient=recipient)


def question_text(*, language: str, number: CaseNumber, link: str, ack: AckSettings) -> str:
    """The mail that asks; each link opens a page with a button (scanners click nothing)."""
    if language == "de":
        return (
            "Hallo,\n\n"
            f"wir haben Ihren Fall #{number} als gelöst markiert. Hat das Ihr Problem gelöst?\n\n"
            f"Ja, gelöst:\n{link}/yes\n\n"
            f"Nein, noch nicht gelöst:\n{link}/no\n\n"
            "Bei „Nein“ öffnen wir den Fall wieder, und dieselbe Person kümmert sich weiter "
            "darum. Sie können auch einfach auf diese E-Mail antworten.\n\n"
            f"Viele Grüße\n{ack.team_name}\n"
        )
    return (
        "Hello,\n\n"
        f"we have marked your case #{number} as solved. Did this solve your problem?\n\n"
        f"Yes, solved:\n{link}/yes\n\n"
        f"No, not solved yet:\n{link}/no\n\n"
        "If you say no, we reopen the case and the same person keeps looking after it. "
        "You can also simply reply to this email.\n\n"
        f"Kind regards\n{ack.team_name}\n"
    )


def check_answer(db: Database, token: ResolutionToken) -> AnswerResult:
    """Whether ``token`` can still be answered (for the page the link opens; changes nothing)."""
    with db.read() as session:
        return _state(session, token)


def record_answer(db: Database, token: ResolutionToken, answer: Answer) -> AnswerResult:
    """Record the customer's answer to the question ``token`` names."""
    with db.write() as session:
        row = _case(session, token.case)
        if row is not None:
            # Take the case row's lock first: of two answers at once, the second one
            # sees the first and is told the question was answered already.
            cases.touch(session, CaseId(_id(row)))
        state = _state(session, token)
        if state.outcome is not Outcome.ANSWERABLE or row is None:
            return state
        case_id = CaseId(_id(row))
        if answer is Answer.YES:
            events.log_event(
                session,
                case_id=case_id,
                kind=EventKind.RESOLUTION_CONFIRMED,
                actor=None,
                to_value=str(token.question),
                reason="the customer confirmed that the problem is solved",
            )
            return AnswerResult(Outcome.RECORDED, token.case, Answer.YES)
        now = utcnow()
        if not cases.set_status(
            session,
            case_id,
            expected=CaseStatus.RESOLVED,
            new=CaseStatus.OPEN,
            waiting_since=now,
            resolved_at=None,
        ):
            return AnswerResult(Outcome.SUPERSEDED, token.case)
        events.log_event(
            session,
            case_id=case_id,
            kind=EventKind.RESOLUTION_REJECTED,
            actor=None,
            to_value=str(token.question),
            reason="the customer says the problem is not solved",
        )
        events.log_event(
            session,
            case_id=case_id,
            kind=EventKind.REOPENED,
            actor=None,
            from_value=CaseStatus.RESOLVED.value,
            to_value=CaseStatus.OPEN.value,
            reason="the customer says the problem is not solved",
        )
        return AnswerResult(Outcome.RECORDED, token.case, Answer.NO)


def _state(session: Session, token: ResolutionToken) -> AnswerResult:
    row = _case(session, token.case)
    asked = resolutions.question(session, token.question)
    if row is None or asked is None or asked.case_id != row.id:
        return AnswerResult(Outcome.UNKNOWN, token.case)
    case_id = CaseId(_id(row))
    given = resolutions.answer_to(session, case_id, token.question)
    if given is not None:
        answer = Answer.YES if given is EventKind.RESOLUTION_CONFIRMED else Answer.NO
        return AnswerResult(Outcome.ALREADY_ANSWERED, token.case, answer)
    # The question belongs to the resolution in force only if nothing reopened or
    # resolved the case again after it was asked.
    current = row.status == CaseStatus.RESOLVED.value
    if not current or row.resolved_at is None or row.resolved_at > asked.at:
        return AnswerResult(Outcome.SUPERSEDED, token.case)
    return AnswerResult(Outcome.ANSWERABLE, token.case)


def _case(session: Session, number: CaseNumber) -> CaseRow | None:
    try:
        return cases.case_row_by_number(session, number)
    except NotFound:
        return None


def _id(row: CaseRow) -> int:
    assert row.id is not None
    return row.id
