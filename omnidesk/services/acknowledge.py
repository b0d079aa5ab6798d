"""Mail the gateway sends on its own: acknowledgements (English and German) and chat
transcripts, each queued in the outbox inside the caller's transaction.

Every new case gets an acknowledgement with its case number and an expected response
time (rule 3). The time is, for now, one configured figure (``[gateway]
expected_response_hours``, default 24): a placeholder until it can be computed from the
team's real first-response times. The mail carries our Message-ID and the case token in
the subject, so the customer's answer threads into the same case.
"""

from dataclasses import dataclass

from sqlmodel import Session

from omnidesk.core.enums import Channel, DeliveryState, Direction, EventKind
from omnidesk.core.ids import CaseId, CaseNumber, MessageId
from omnidesk.core.mail_ids import DEFAULT_DOMAIN, new_message_id, reply_subject
from omnidesk.store import events, messages, outbox
from omnidesk.store.messages import NewMessage

LANGUAGES = ("en", "de")


@dataclass(frozen=True, slots=True)
class AckSettings:
    team_name: str = "Support"
    """The sender name of automatic mail."""
    mail_domain: str = DEFAULT_DOMAIN
    response_hours: int = 24
    """A placeholder figure; see the module docstring."""


def response_time(hours: int, language: str) -> str:
    """ "One working day", "4 hours": the expected response time in words."""
    if language == "de":
        if hours % 24 == 0 and hours >= 24:
            days = hours // 24
            return "einem Werktag" if days == 1 else f"{days} Werktagen"
        return "einer Stunde" if hours == 1 else f"{hours} Stunden"
    if hours % 24 == 0 and hours >= 24:
        days = hours // 24
        return "one working day" if days == 1 else f"{days} working days"
    return "one hour" if hours == 1 else f"{hours} hours"


def acknowledgement_text(
    *,
    language: str,
    number: CaseNumber,
    name: str,
    settings: AckSettings,
    appended: bool,
) -> str:
    """The body of an acknowledgement: the case number, what happens next, and when."""
    when = response_time(settings.response_hours, language)
    if language == "de":
        greeting = f"Hallo {name}," if name else "Hallo,"
        what = (
            f"wir haben Ihre Nachricht zu Fall #{number} hinzugefügt."
            if appended
            else f"vielen Dank für Ihre Nachricht. Wir haben sie unter Fall #{number} erfasst."
        )
        return (
            f"{greeting}\n\n{what}\n\n"
            f"Eine Person aus unserem Team antwortet Ihnen in der Regel innerhalb von {when}. "
            "Wenn Sie etwas ergänzen möchten, antworten Sie einfach auf diese E-Mail; "
            f"die Fallnummer #{number} im Betreff sorgt dafür, dass alles beisammen bleibt.\n\n"
            f"Viele Grüße\n{settings.team_name}\n"
        )
    greeting = f"Hello {name}," if name else "Hello,"
    what = (
        f"we have added your message to case #{number}."
        if appended
        else f"thank you for your message. We have filed it as case #{number}."
    )
    return (
        f"{greeting}\n\n{what}\n\n"
        f"Someone from our team will usually answer within {when}. "
        "If you want to add anything, simply reply to this email; the case number "
        f"#{number} in the subject keeps everything together.\n\n"
        f"Kind regards\n{settings.team_name}\n"
    )


def queue_acknowledgement_in(
    session: Session,
    *,
    case_id: CaseId,
    number: CaseNumber,
    subject: str,
    recipient: str,
    name: str,
    language: str,
    settings: AckSettings,
    appended: bool = False,
) -> MessageId:
    """Queue the acknowledgement of a new (or continued) case in the outbox."""
    body = acknowledgement_text(
        language=language, number=number, name=name, settings=settings, appended=appended
    )
    return _queue(
        session,
        case_id=case_id,
        number=number,
        subject=reply_subject(subject, number),
        body=body,
        recipient=recipient,
        settings=settings,
        why="acknowledgement",
    )


def queue_transcript_in(
    session: Session,
    *,
    case_id: CaseId,
    number: CaseNumber,
    recipient: str,
    language: str,
    transcript: str,
    settings: AckSettings,
) -> MessageId:
    """Queue a chat transcript that the visitor asked for."""
    subject = (
        f"Ihr Chat-Verlauf [#{number}]" if language == "de" else f"Your chat transcript [#{number}]"
    )
    return _queue(
        session,
        case_id=case_id,
        number=number,
        subject=subject,
        body=transcript,
        recipient=recipient,
        settings=settings,
        why="chat transcript requested by the visitor",
    )


def _queue(
    session: Session,
    *,
    case_id: CaseId,
    number: CaseNumber,
    subject: str,
    body: str,
    recipient: str,
    settings: AckSettings,
    why: str,
) -> MessageId:
    # No author agent: automatic mail is no first response, claims nothing and stays
    # out of the chat (see omnidesk.store.chat).
    message_id = messages.insert_message(
        session,
        case_id,
        NewMessage(
            channel=Channel.EMAIL,
            direction=Direction.OUT,
            author_name=settings.team_name,
            subject=subject,
            body_text=body,
            message_id_header=new_message_id(number, settings.mail_domain),
            delivery_state=DeliveryState.QUEUED,
        ),
    )
    outbox.enqueue(session, message_id, [recipient])
    events.log_event(
        session,
        case_id=case_id,
        kind=EventKind.REPLY_QUEUED,
        actor=None,
        to_value=Channel.EMAIL.value,
        reason=f"{why} to {recipient}",
    )
    return message_id
