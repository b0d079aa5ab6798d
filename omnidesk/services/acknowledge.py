"""Mail the gateway sends on its own: acknowledgements (English and German) and chat
transcripts, each queued in the outbox inside the caller's transaction.

Every new case gets an acknowledgement with its case number and an honest expected
response time (rule 3), estimated from the team's recent first-response times, the
queue and who is online (``omnidesk.core.response_estimate``); the configured
``[gateway] expected_response_hours`` only stands in while there is no history. The
mail carries our Message-ID and the case token in the subject, so the customer's
answer threads into the same case.

Automatic mail to one address is limited per day (``AckSettings.daily_limit``): if
an auto-responder that sets none of the usual headers writes to us, and we to it, the
exchange dies out after a few mails instead of running forever.
"""

from dataclasses import dataclass
from datetime import UTC, timedelta, tzinfo

from sqlmodel import Session

from omnidesk.config.settings import Settings
from omnidesk.config.timezone import local_zone
from omnidesk.core.enums import Channel, DeliveryState, Direction, EventKind
from omnidesk.core.errors import ConfigError
from omnidesk.core.ids import CaseId, CaseNumber, CustomerId, MessageId
from omnidesk.core.mail_ids import DEFAULT_DOMAIN, domain_of, new_message_id, reply_subject
from omnidesk.core.response_estimate import ResponseEstimate, estimate_first_response, phrase
from omnidesk.store import events, messages, outbox, response_stats
from omnidesk.store.messages import NewMessage
from omnidesk.store.types import utcnow

LANGUAGES = ("en", "de")
LIMIT_WINDOW = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class AckSettings:
    team_name: str = "Support"
    """The sender name of automatic mail."""
    mail_domain: str = DEFAULT_DOMAIN
    response_hours: int = 24
    """The configured figure, used while there is too little history to estimate."""
    zone: tzinfo = UTC
    """The team's time zone: "by tomorrow" means tomorrow there."""
    daily_limit: int = 3
    """At most this many automatic mails to one address per 24 hours."""


@dataclass(frozen=True, slots=True)
class Thread:
    """Headers that put an automatic mail into the customer's conversation."""

    in_reply_to: str | None = None
    references: tuple[str, ...] = ()


def response_time(hours: int, language: str) -> str:
    """ "One working day", "4 hours": a configured response time in words."""
    if language == "de":
        if hours % 24 == 0 and hours >= 24:
            days = hours // 24
            return "einem Werktag" if days == 1 else f"{days} Werktagen"
        return "einer Stunde" if hours == 1 else f"{hours} Stunden"
    if hours % 24 == 0 and hours >= 24:
        days = hours // 24
        return "one working day" if days == 1 else f"{days} working days"
    return "one hour" if hours == 1 else f"{hours} hours"


def expected_response(
    session: Session, settings: AckSettings, *, case_id: CaseId | None = None
) -> ResponseEstimate:
    """The estimate for ``case_id`` (or a case created now), from what the database knows."""
    now = utcnow()
    return estimate_first_response(
        response_stats.response_history(session, now=now, ahead_of=case_id),
        now=now,
        fallback=timedelta(hours=settings.response_hours),
    )


def expected_response_words(
    session: Session, settings: AckSettings, language: str, *, case_id: CaseId | None = None
) -> str:
    """ "within about 3 hours" / "bis morgen": the estimate as the customer reads it."""
    estimate = expected_response(session, settings, case_id=case_id)
    return phrase(estimate, now=utcnow().astimezone(settings.zone), language=language)


def acknowledgement_text(
    *,
    language: str,
    number: CaseNumber,
    name: str,
    settings: AckSettings,
    appended: bool,
    when: str,
) -> str:
    """The body of an acknowledgement: the case number, what happens next, and when.

    ``when`` is a phrase from :func:`expected_response_words` ("within about 3 hours").
    """
    if language == "de":
        greeting = f"Hallo {name}," if name else "Hallo,"
        what = (
            f"wir haben Ihre Nachricht zu Fall #{number} hinzugefügt."
            if appended
            else f"vielen Dank für Ihre Nachricht. Wir haben sie unter Fall #{number} erfasst."
        )
        return (
            f"{greeting}\n\n{what}\n\n"
            f"Eine Person aus unserem Team antwortet Ihnen voraussichtlich {when}. "
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
        f"Someone from our team will probably answer {when}. "
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
    thread: Thread | None = None,
) -> MessageId:
    """Queue the acknowledgement of a new (or continued) case in the outbox."""
    body = acknowledgement_text(
        language=language,
        number=number,
        name=name,
        settings=settings,
        appended=appended,
        when=expected_response_words(session, settings, language, case_id=case_id),
    )
    return queue_automatic_in(
        session,
        case_id=case_id,
        number=number,
        subject=reply_subject(subject, number),
        body=body,
        recipient=recipient,
        settings=settings,
        why="acknowledgement",
        thread=thread,
    )


def owner_notice_text(
    *, language: str, number: CaseNumber, name: str, owner: str, settings: AckSettings
) -> str:
    """Tells the customer who handles their case from now on (rule 1: one person)."""
    if language == "de":
        greeting = f"Hallo {name}," if name else "Hallo,"
        return (
            f"{greeting}\n\n{owner} kümmert sich ab jetzt um Ihr Anliegen (Fall #{number}) "
            "und bleibt Ihre Ansprechperson, bis es gelöst ist. Antworten Sie einfach auf "
            f"diese E-Mail, wenn Sie etwas ergänzen möchten.\n\nViele Grüße\n"
            f"{settings.team_name}\n"
        )
    greeting = f"Hello {name}," if name else "Hello,"
    return (
        f"{greeting}\n\n{owner} is now taking care of your request (case #{number}) and "
        "stays your contact until it is solved. Simply reply to this email if you want "
        f"to add anything.\n\nKind regards\n{settings.team_name}\n"
    )


def within_daily_limit(
    session: Session, *, customer_id: CustomerId, address: str, settings: AckSettings
) -> bool:
    """Whether one more automatic mail to ``address`` stays within the daily limit."""
    sent = response_stats.automatic_mails_to(
        session, customer_id=customer_id, address=address, since=utcnow() - LIMIT_WINDOW
    )
    return sent < settings.daily_limit


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
    return queue_automatic_in(
        session,
        case_id=case_id,
        number=number,
        subject=subject,
        body=transcript,
        recipient=recipient,
        settings=settings,
        why="chat transcript requested by the visitor",
    )


def queue_automatic_in(
    session: Session,
    *,
    case_id: CaseId,
    number: CaseNumber,
    subject: str,
    body: str,
    recipient: str,
    settings: AckSettings,
    why: str,
    thread: Thread | None = None,
) -> MessageId:
    """Queue a mail no agent wrote, logged with ``why`` on the case."""
    thread = thread or Thread()
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
            in_reply_to=thread.in_reply_to,
            references=thread.references,
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


def ack_settings(settings: Settings) -> AckSettings:
    """Automatic-mail settings for mail workers that run without the gateway.

    The sender name and the configured response time live in ``[gateway]``; the mail
    channel may not import the gateway's parser, so the two values are read here.
    """
    raw = settings.extra.get("gateway", {})
    raw = raw if isinstance(raw, dict) else {}
    team_name = raw.get("team_name", "Support")
    hours = raw.get("expected_response_hours", 24)
    if not isinstance(team_name, str) or not team_name.strip():
        raise ConfigError("settings [gateway]: 'team_name' must be text")
    if not isinstance(hours, int) or isinstance(hours, bool) or not 1 <= hours <= 24 * 30:
        raise ConfigError(
            "settings [gateway]: 'expected_response_hours' must be a whole number from 1 to 720"
        )
    return AckSettings(
        team_name=team_name.strip(),
        mail_domain=domain_of(settings.team_address),
        response_hours=hours,
        zone=local_zone(settings),
        daily_limit=settings.automatic_mails_per_day,
    )
