"""Deterministic, realistic demo data: a small team and its cases in German and English.

The same ``seed`` and ``cases`` always give the same customers, subjects, texts,
owners and commitments; times are placed relative to now so that some
commitments are due soon and a few are already overdue.
"""

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from omnidesk.core.enums import (
    Channel,
    CommitmentKind,
    Direction,
    EventKind,
    IdentityKind,
    Priority,
)
from omnidesk.core.ids import AgentId, CaseId
from omnidesk.services.cases import Incoming, open_case_in
from omnidesk.store import agents as agent_store
from omnidesk.store import cases, commitments, events, messages
from omnidesk.store.engine import Database
from omnidesk.store.messages import NewMessage

DEMO_AGENTS = (
    ("anna", "Anna Schmidt", "anna@omnidesk.example"),
    ("ben", "Ben Carter", "ben@omnidesk.example"),
    ("chloe", "Chloé Martin", "chloe@omnidesk.example"),
)

_FIRST_DE = (
    "Jürgen",
    "Sabine",
    "Björn",
    "Käthe",
    "Uwe",
    "Monika",
    "Günter",
    "Lea",
    "Fatma",
    "Jörg",
)
_LAST_DE = ("Müller", "Schäfer", "Weiß", "Groß", "Köhler", "Öztürk", "Hoffmann", "Krüger")
_FIRST_EN = (
    "Emily",
    "James",
    "Priya",
    "Oliver",
    "Grace",
    "Liam",
    "Amara",
    "Noah",
    "Sofia",
    "Ethan",
)
_LAST_EN = ("Walker", "O'Brien", "Patel", "Nguyen", "Hughes", "Okafor", "Fitzgerald", "Brooks")

_TOPICS_DE = (
    (
        "Rechnung doppelt abgebucht",
        "Hallo, mir wurde die Rechnung {n} zweimal abgebucht. "
        "Können Sie mir den Betrag bitte zurückerstatten? "
        "Wann kann ich mit der Gutschrift rechnen?",
    ),
    (
        "Lieferung nicht angekommen",
        "Guten Tag, meine Bestellung {n} ist laut Sendungsverfolgung "
        "zugestellt, aber bei mir ist nichts angekommen. Was kann ich tun?",
    ),
    (
        "Passwort zurücksetzen funktioniert nicht",
        "Ich bekomme keine E-Mail zum Zurücksetzen "
        "meines Passworts. Der Spam-Ordner ist leer. Bitte um Rückruf unter 0171 2345678.",
    ),
    (
        "Router verliert ständig die Verbindung",
        "Seit dem Update am Montag fällt das WLAN "
        "mehrmals täglich aus. Modell FritzBox 7590, Firmware aktuell. Haben Sie eine Idee?",
    ),
    (
        "Kündigung meines Vertrags",
        "Hiermit möchte ich meinen Vertrag {n} zum nächstmöglichen "
        "Zeitpunkt kündigen. Bitte bestätigen Sie mir die Kündigung schriftlich.",
    ),
)
_TOPICS_EN = (
    (
        "Charged twice for my subscription",
        "Hi, I was charged twice for invoice {n} this month. "
        "Could you refund the duplicate payment? How long will it take?",
    ),
    (
        "Order arrived damaged",
        "Hello, order {n} arrived today with a cracked screen. "
        "I have photos of the box. Can you send a replacement?",
    ),
    (
        "Cannot log in after password reset",
        "I reset my password but the app still says "
        "'invalid credentials'. I need access before my meeting on Friday. Please call me back.",
    ),
    (
        "Question about the API rate limits",
        "We are hitting HTTP 429 on the export endpoint "
        "at about 50 requests per minute. Is that the documented limit? Can it be raised?",
    ),
    (
        "Invoice address change",
        "Please change the billing address on account {n} to "
        "14 Harbour Street, Leith, Edinburgh EH6 6LN. Does this apply to the current invoice?",
    ),
)
_REPLIES_DE = (
    "Vielen Dank für Ihre Nachricht. Ich habe mir das angesehen und kümmere mich darum.",
    "Danke für die Geduld – ich habe die Gutschrift veranlasst, sie ist in 3–5 Werktagen da.",
)
_REPLIES_EN = (
    "Thanks for getting in touch. I have looked into this and I am on it.",
    "Thank you for your patience. The refund is on its way and should arrive in 3-5 days.",
)
_CHANNELS = (Channel.EMAIL, Channel.EMAIL, Channel.EMAIL, Channel.FORM, Channel.CHAT, Channel.PHONE)


@dataclass(frozen=True, slots=True)
class DemoSummary:
    agents: int
    cases: int
    messages: int
    commitments: int
    overdue: int


def fill_demo(db: Database, *, cases_wanted: int = 60, seed: int = 1042) -> DemoSummary:
    """Add the demo team (if missing) and ``cases_wanted`` cases."""
    rng = random.Random(seed)  # noqa: S311  (reproducible demo content, not security)
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    with db.write() as session:
        team = _ensure_agents(session)
    totals = {"messages": 0, "commitments": 0, "overdue": 0}
    batch = 200
    for start in range(0, cases_wanted, batch):
        with db.write() as session:
            for index in range(start, min(start + batch, cases_wanted)):
                _one_case(session, rng, index, team=team, now=now, totals=totals)
    return DemoSummary(
        agents=len(team),
        cases=cases_wanted,
        messages=totals["messages"],
        commitments=totals["commitments"],
        overdue=totals["overdue"],
    )


def _ensure_agents(session: Session) -> list[tuple[AgentId, str, str]]:
    existing = {a.name: a for a in agent_store.list_agents(session)}
    team: list[tuple[AgentId, str, str]] = []
    for name, display, email in DEMO_AGENTS:
        agent = existing.get(name) or agent_store.add_agent(
            session, name=name, email=email, display_name=display
        )
        team.append((agent.id, agent.name, agent.display_name))
    return team


def _one_case(
    session: Session,
    rng: random.Random,
    index: int,
    *,
    team: list[tuple[AgentId, str, str]],
    now: datetime,
    totals: dict[str, int],
) -> None:
    german = rng.random() < 0.5
    first = rng.choice(_FIRST_DE if german else _FIRST_EN)
    last = rng.choice(_LAST_DE if german else _LAST_EN)
    subject, body = rng.choice(_TOPICS_DE if german else _TOPICS_EN)
    channel = rng.choice(_CHANNELS)
    received = now - timedelta(minutes=rng.randint(5, 60 * 24 * 20))
    kind, value = _identity(channel, first, last, index)
    number = open_case_in(
        session,
        Incoming(
            channel=channel,
            identity_kind=kind,
            identity_value=value,
            customer_name=f"{first} {last}",
            subject=subject,
            text=body.format(n=f"{rng.randint(10000, 99999)}"),
            received_at=received,
            priority=rng.choice((Priority.NORMAL, Priority.NORMAL, Priority.HIGH, Priority.LOW)),
        ),
    )
    totals["messages"] += 1
    row = cases.case_row_by_number(session, number)
    assert row.id is not None
    case_id = CaseId(row.id)
    roll = rng.random()
    if roll < 0.3:
        return  # still unassigned: waiting for the first agent action
    agent_id, agent_name, display_name = rng.choice(team)
    claimed_at = min(received + timedelta(minutes=rng.randint(1, 30)), now)
    cases.try_claim(session, case_id, agent_id)
    events.log_event(
        session,
        case_id=case_id,
        kind=EventKind.CLAIMED,
        actor=agent_id,
        to_value=agent_name,
        at=claimed_at,
    )
    if roll < 0.55:
        return  # claimed, not yet answered
    replied = received + timedelta(minutes=rng.randint(3, 240))
    messages.insert_message(
        session,
        case_id,
        NewMessage(
            channel=Channel.EMAIL if channel is Channel.FORM else channel,
            direction=Direction.OUT,
            author_name=display_name,
            author_agent_id=agent_id,
            subject=f"Re: {subject}",
            body_text=rng.choice(_REPLIES_DE if german else _REPLIES_EN),
            created_at=min(replied, now),
        ),
    )
    totals["messages"] += 1
    settled = "waiting_on_customer" if roll < 0.85 else "resolved"
    cases.touch(
        session,
        case_id,
        status=settled,
        first_response_at=min(replied, now),
        waiting_since=None,
        resolved_at=now if settled == "resolved" else None,
    )
    if settled == "waiting_on_customer" and roll < 0.75:
        overdue = rng.random() < 0.3
        due = (
            now - timedelta(hours=rng.randint(1, 30))
            if overdue
            else now + timedelta(hours=rng.randint(1, 72))
        )
        kind_choice = rng.choice((CommitmentKind.CALLBACK, CommitmentKind.FOLLOW_UP))
        commitments.insert_commitment(
            session,
            case_id=case_id,
            owner_id=agent_id,
            kind=kind_choice,
            due_at=due,
            note="Rückruf zugesagt" if german else "Promised to call back",
        )
        totals["commitments"] += 1
        totals["overdue"] += int(overdue)


def _identity(channel: Channel, first: str, last: str, index: int) -> tuple[IdentityKind, str]:
    if channel is Channel.CHAT:
        return IdentityKind.CHAT, f"visitor-{index:05d}"
    if channel is Channel.PHONE:
        return IdentityKind.PHONE, f"+49 30 {5550000 + index}"
    local = f"{first}.{last}".lower().replace("'", "")
    for plain, ascii_form in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss"), ("é", "e")):
        local = local.replace(plain, ascii_form)
    return IdentityKind.EMAIL, f"{local}.{index}@example.net"
