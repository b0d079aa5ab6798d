"""Deterministic, realistic support mail for benchmarks: German and English case threads.

``generate(messages, seed=...)`` yields :class:`GenMessage` objects in the order they
arrive (a simulation interleaves many open threads, as a real shared inbox does), each
carrying its :class:`GenCase` and :class:`GenCustomer`. The same seed always gives the
same mail: customers with umlauts and ``ß`` in their names (``Jürgen Groß``, written
``juergen.gross@...``), threads of 1-25 messages with quoted history, agent replies and
internal notes, order, invoice and tracking numbers (the rare words of a mailbox),
attachment names, tags, statuses and commitments. Texts average about 1.8 KB.

``write_maildir(path, messages=N)`` writes the same messages as RFC 5322 files into a
Maildir (``cur/``), so other tools (notmuch) can index exactly the same mail.
"""

from __future__ import annotations

import hashlib
import heapq
import mailbox
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path

START = datetime(2024, 1, 1, 8, 0, tzinfo=UTC)
TEAM_ADDRESS = "support@omnidesk.example"

AGENTS = (
    ("anna", "Anna Schmidt", "anna@omnidesk.example"),
    ("ben", "Ben Carter", "ben@omnidesk.example"),
    ("chloe", "Chloé Martin", "chloe@omnidesk.example"),
    ("dieter", "Dieter Weißmann", "dieter@omnidesk.example"),
    ("emma", "Emma Jäger", "emma@omnidesk.example"),
)
TAGS = ("vip", "rechnung", "versand", "garantie", "refund", "bug", "b2b", "beschwerde")
STATUSES = ("new", "open", "waiting_on_customer", "resolved")
QUOTE_LINES = 60
CASE_INTERVAL_MINUTES = 15.0

# fmt: off
_FIRST_DE = (
    "Jürgen", "Sabine", "Björn", "Käthe", "Uwe", "Monika", "Günter", "Lea", "Fatma", "Jörg",
    "Thomas", "Petra", "Klaus", "Birgit", "Stefan", "Ursula", "Matthias", "Renate", "Jens",
    "Dörte", "Sören", "Hannelore", "Maximilian", "Zoë", "Ömer", "Ayşe", "Henrik", "Gisela",
)
_LAST_DE = (
    "Müller", "Schäfer", "Weiß", "Groß", "Köhler", "Öztürk", "Hoffmann", "Krüger", "Strauß",
    "Meißner", "Jäger", "Bäcker", "Böhm", "Süß", "Schröder", "Wagner", "Becker", "Neumann",
    "Schwarz", "Zimmermann", "Krämer", "Häußler", "Großmann", "Fuchs", "Lange", "Vogt",
    "Dreßler", "Kößler", "Würth", "Schmitz", "Yılmaz", "Nowak",
)
_FIRST_EN = (
    "Emily", "James", "Priya", "Oliver", "Grace", "Liam", "Amara", "Noah", "Sofia", "Ethan",
    "Chloe", "Harry", "Isla", "Jack", "Mia", "Ravi", "Siobhan", "Connor", "Aisha", "Lucas",
)
_LAST_EN = (
    "Walker", "O'Brien", "Patel", "Nguyen", "Hughes", "Okafor", "Fitzgerald", "Brooks",
    "Thompson", "Robinson", "Clarke", "Murphy", "Kowalski", "Chen", "Ahmed", "Sullivan",
)
_MAIL_DOMAINS = (
    "web.de", "gmx.de", "t-online.de", "gmail.com", "outlook.com", "posteo.de", "yahoo.co.uk",
    "icloud.com", "mailbox.org", "firma-beispiel.de", "example.com",
)
_STREETS = (
    "Hauptstraße", "Bahnhofstraße", "Schloßallee", "Gartenstraße", "Lindenweg", "Am Mühlbach",
    "Königsallee", "Süderstraße", "Goethestraße", "Weißdornweg", "Kirchgasse", "Rosenstraße",
)
_CITIES = (
    "München", "Köln", "Düsseldorf", "Nürnberg", "Lübeck", "Göttingen", "Saarbrücken", "Berlin",
    "Hamburg", "Würzburg", "Straßburg", "Zürich", "Wien", "Gießen", "Fürth", "Osnabrück",
)
_PRODUCTS_DE = (
    "Waschmaschine WM-3000", "Kaffeevollautomat Barista Pro", "Staubsaugerroboter Kehrfix 7",
    "Gefrierschrank Eiszeit 200", "Geschirrspüler SpülMax", "Bluetooth-Kopfhörer Klangwolke",
    "Fahrradanhänger Kinderglück", "Gartenschlauch-Set Regenbogen", "Akkuschrauber BohrHeld",
    "Winterjacke Nordwind", "Kinderwagen Wolke 3", "Rasenmäher GrünSchnitt 46",
)
_PRODUCTS_EN = (
    "ZenBook 14 laptop", "SmartThermo thermostat", "AquaPure water filter", "TrailRunner shoes",
    "SoundWave speaker", "PixelFrame photo frame", "CloudSync router", "ErgoDesk standing desk",
    "FlexiFit yoga mat", "BrewMaster kettle", "GlowLite desk lamp", "PowerCore charger",
)
_SUBJECTS_DE = (
    "Lieferung verspätet", "Rechnung doppelt abgebucht", "Frage zur Bestellung {order}",
    "Rückerstattung für {product}", "{product} defekt", "Adresse ändern",
    "Garantiefall {product}", "Paket nicht angekommen", "Falscher Artikel geliefert",
    "Kündigung meines Kontos", "Mahnung erhalten, obwohl bezahlt", "Umtausch {product}",
    "Lieferschein fehlt", "Gutschein funktioniert nicht", "Ratenzahlung möglich?",
    "Beschwerde über den Kundendienst",
)
_SUBJECTS_EN = (
    "Order {order} not delivered", "Refund request", "{product} stopped working",
    "Wrong item received", "Invoice question", "Password reset does not work",
    "Change of delivery address", "Warranty claim for {product}", "Charged twice",
    "Cancel my subscription", "Damaged package", "Discount code not accepted",
    "Where is my parcel?", "Complaint about delivery driver",
)
_PROBLEMS_DE = (
    "meine Bestellung {order} ist leider immer noch nicht angekommen, obwohl die "
    "Sendungsverfolgung {tracking} seit Montag „zugestellt“ anzeigt.",
    "die {product} macht seit gestern ein lautes Geräusch und schaltet sich nach zehn Minuten ab.",
    "mir wurde die Rechnung {invoice} über {amount} € zweimal von meinem Konto abgebucht.",
    "ich habe statt der bestellten {product} einen ganz anderen Artikel bekommen.",
    "bitte ändern Sie die Lieferadresse auf {street} {house}, {zip} {city}.",
    "der Gutscheincode {code} wird an der Kasse als ungültig angezeigt.",
    "ich möchte die {product} zurückgeben und bitte um Erstattung des Kaufpreises von {amount} €.",
    "das Paket kam beschädigt an, der Karton war nass und die {product} hat einen Riss.",
    "trotz Zahlung am {date} habe ich heute eine Mahnung mit Mahngebühr erhalten.",
    "kann ich die {product} auch in Raten bezahlen? Im Shop finde ich dazu nichts.",
    "der Kundendienst hat mir am Telefon einen Rückruf versprochen, der nie kam.",
    "seit dem Update lässt sich die {product} nicht mehr mit der App verbinden.",
)
_PROBLEMS_EN = (
    "my order {order} still has not arrived, although tracking {tracking} says it was "
    "delivered on Monday.",
    "the {product} started making a loud noise yesterday and switches itself off.",
    "I was charged twice for invoice {invoice}, {amount} EUR each time.",
    "I received a completely different item instead of the {product} I ordered.",
    "please change my delivery address to {house} {street}, {city}.",
    "the discount code {code} is rejected at checkout as invalid.",
    "I would like to return the {product} and get a refund of {amount} EUR.",
    "the parcel arrived damaged, the box was wet and the {product} is cracked.",
    "I paid on {date} but today I got a reminder with a late fee.",
    "can I pay for the {product} in instalments? I could not find it in the shop.",
    "your support promised to call me back and nobody ever did.",
    "since the last update the {product} no longer connects to the app.",
)
_FOLLOWUPS_DE = (
    "Ich warte jetzt schon über eine Woche und bin langsam wirklich verärgert.",
    "Anbei finden Sie ein Foto und die Rechnung als PDF.",
    "Können Sie mir bitte bis Freitag Bescheid geben?",
    "Ich habe bereits zweimal angerufen, aber niemand konnte mir helfen.",
    "Vielen Dank für die schnelle Antwort, das hat leider nicht funktioniert.",
    "Meine Kundennummer ist {customer_no}.", "Das Gerät habe ich erst vor drei Monaten gekauft.",
    "Ich bin seit Jahren zufriedener Kunde, aber so etwas ist mir noch nie passiert.",
)
_FOLLOWUPS_EN = (
    "I have been waiting for over a week now and I am getting really frustrated.",
    "Please find a photo and the invoice attached.", "Could you let me know by Friday?",
    "I already called twice but nobody could help me.",
    "Thanks for the quick reply, unfortunately that did not work.",
    "My customer number is {customer_no}.", "I only bought it three months ago.",
    "I have been a happy customer for years but this has never happened before.",
)
_ANSWERS_DE = (
    "vielen Dank für Ihre Nachricht und entschuldigen Sie bitte die Unannehmlichkeiten.",
    "ich habe Ihre Bestellung {order} geprüft: Das Paket liegt noch im Verteilzentrum {city}.",
    "die doppelte Abbuchung der Rechnung {invoice} erstatten wir Ihnen innerhalb von 3–5 "
    "Werktagen.",
    "bitte senden Sie die {product} mit dem beiliegenden Retourenschein kostenlos an uns zurück.",
    "ich rufe Sie morgen um 10 Uhr zurück, um alles Weitere zu besprechen.",
    "wir haben Ihnen einen neuen Gutscheincode erstellt: {code}.",
    "der Techniker meldet sich bei Ihnen, um einen Termin zu vereinbaren.",
    "die Mahngebühr haben wir storniert, die Zahlung vom {date} ist eingegangen.",
)
_ANSWERS_EN = (
    "thank you for your message and sorry for the trouble.",
    "I checked order {order}: the parcel is still at our depot in {city}.",
    "we will refund the double charge for invoice {invoice} within 3-5 business days.",
    "please send the {product} back to us free of charge with the enclosed return label.",
    "I will call you back tomorrow at 10 am to sort this out.",
    "we created a new discount code for you: {code}.",
    "a technician will contact you to arrange an appointment.",
    "we cancelled the late fee, your payment from {date} has arrived.",
)
_NOTES = (
    "Kunde ist VIP, bitte bevorzugt behandeln.",
    "Laut Lager wurde die Sendung {tracking} falsch etikettiert.",
    "Customer called again, very upset. Escalated to team lead.",
    "Refund of {amount} EUR approved by finance (ticket FIN-{n}).",
    "Rückruf vereinbart, siehe Kommentar im CRM.",
    "Possible duplicate of an older case, checked: not related.",
)
_ATTACHMENTS = (
    "Rechnung_{year}-{n:05d}.pdf", "Foto_{n}.jpg", "IMG_{n:04d}.HEIC",
    "screenshot-{year}-{month:02d}-{day:02d}.png", "Lieferschein_{n}.pdf", "error_log_{n}.txt",
    "Kaufbeleg {product_word}.pdf", "Garantieschein_{n}.pdf", "invoice_{n}.pdf",
    "Retourenschein-{n}.pdf",
)
# fmt: on


@dataclass(frozen=True, slots=True)
class GenCustomer:
    id: int
    name: str
    address: str
    german: bool


@dataclass(slots=True)
class GenCase:
    number: int
    customer: GenCustomer
    subject: str
    german: bool
    status: str
    owner: int | None
    """Index into ``AGENTS``; None while unassigned."""
    tags: tuple[str, ...]
    created_at: datetime
    commitment_due: datetime | None
    length: int
    """How many messages the thread will have."""
    sent: int = 0
    last_text: str = ""
    """The previous message with its quotes: a reply quotes it (up to ``QUOTE_LINES``)."""
    last_author: str = ""
    last_at: datetime | None = None
    last_message_id: str = ""


@dataclass(frozen=True, slots=True)
class GenMessage:
    seq: int
    """1-based position in arrival order."""
    case: GenCase
    direction: str
    """``in``, ``out`` or ``internal``."""
    channel: str
    author_name: str
    from_address: str
    to_address: str
    subject: str
    body: str
    created_at: datetime
    message_id: str
    in_reply_to: str | None
    attachments: tuple[str, ...] = field(default=())


class _Words:
    """The variable parts of a text: numbers and names drawn from one random source."""

    def __init__(self, rng: random.Random, case: GenCase) -> None:
        self.rng = rng
        self.case = case

    def fill(self, template: str) -> str:
        rng = self.rng
        products = _PRODUCTS_DE if self.case.german else _PRODUCTS_EN
        values = {
            "order": f"{rng.randrange(10**6, 10**7)}",
            "tracking": f"JJD{rng.randrange(10**13, 10**14)}",
            "invoice": f"RE-{2024 + rng.randrange(2)}-{rng.randrange(10**5):05d}",
            "amount": f"{rng.randrange(5, 2000)},{rng.randrange(100):02d}",
            "product": rng.choice(products),
            "street": rng.choice(_STREETS),
            "house": str(rng.randrange(1, 180)),
            "zip": f"{rng.randrange(10000, 99999)}",
            "city": rng.choice(_CITIES),
            "code": "".join(rng.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(8)),
            "date": f"{rng.randrange(1, 28)}.{rng.randrange(1, 13)}.{2024 + rng.randrange(2)}",
            "customer_no": f"K{rng.randrange(10**7, 10**8)}",
            "n": str(rng.randrange(1000, 99999)),
        }
        return template.format(**values)


def _customer(rng: random.Random, customer_id: int, *, taken: set[str]) -> GenCustomer:
    german = rng.random() < 0.6
    first = rng.choice(_FIRST_DE if german else _FIRST_EN)
    last = rng.choice(_LAST_DE if german else _LAST_EN)
    local = f"{_ascii(first)}.{_ascii(last)}".lower()
    if rng.random() < 0.5:
        local += str(rng.randrange(1, 999))
    domain = rng.choice(_MAIL_DOMAINS)
    address = f"{local}@{domain}"
    if address in taken:  # addresses are unique, names are not
        address = f"{local}.{customer_id}@{domain}"
    taken.add(address)
    return GenCustomer(customer_id, f"{first} {last}", address, german)


def _ascii(name: str) -> str:
    """How people write their name in an address: ä → ae, ß → ss, no apostrophes."""
    table = str.maketrans(
        {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss", "'": ""}
    )
    text = name.translate(table)
    return text.encode("ascii", "ignore").decode()


def _new_case(rng: random.Random, number: int, customer: GenCustomer, at: datetime) -> GenCase:
    german = customer.german if rng.random() < 0.9 else not customer.german
    words = _Words(rng, GenCase(number, customer, "", german, "", None, (), at, None, 0))
    subject = words.fill(rng.choice(_SUBJECTS_DE if german else _SUBJECTS_EN))
    status = rng.choices(STATUSES, weights=(8, 12, 10, 70))[0]
    owner = None if status == "new" or rng.random() < 0.03 else rng.randrange(len(AGENTS))
    tags = tuple(sorted(set(rng.sample(TAGS, rng.choice((0, 0, 0, 1, 1, 2))))))
    due = None
    if status in ("open", "waiting_on_customer") and owner is not None and rng.random() < 0.3:
        due = at + timedelta(hours=rng.randrange(-24 * 30, 24 * 400))
    length = 1 if status == "new" else min(25, max(1, int(rng.expovariate(1 / 10)) + 1))
    return GenCase(number, customer, subject, german, status, owner, tags, at, due, length)


def _greeting(rng: random.Random, case: GenCase, *, to_customer: bool) -> str:
    if case.german:
        if to_customer:
            last = case.customer.name.split()[-1]
            return rng.choice((f"Sehr geehrte/r Frau/Herr {last},", f"Hallo {last},", "Guten Tag,"))
        return rng.choice(
            ("Hallo,", "Guten Tag,", "Sehr geehrte Damen und Herren,", "Hallo zusammen,")
        )
    if to_customer:
        return f"Dear {case.customer.name.split()[0]},"
    return rng.choice(("Hi,", "Hello,", "Dear support team,", "Hi there,"))


def _body(rng: random.Random, case: GenCase, direction: str, author: str) -> str:
    words = _Words(rng, case)
    german = case.german
    if direction == "internal":
        return words.fill(rng.choice(_NOTES))
    lines = [_greeting(rng, case, to_customer=direction == "out"), ""]
    if direction == "in":
        lines.append(_sentence(words.fill(rng.choice(_PROBLEMS_DE if german else _PROBLEMS_EN))))
        follow = _FOLLOWUPS_DE if german else _FOLLOWUPS_EN
        lines.extend(words.fill(s) for s in rng.sample(follow, rng.randrange(1, 5)))
        closing = "Mit freundlichen Grüßen" if german else "Best regards,"
        lines += ["", closing, author]
    else:
        answers = rng.sample(_ANSWERS_DE if german else _ANSWERS_EN, rng.randrange(1, 4))
        lines.extend(_sentence(words.fill(s)) for s in answers)
        closing = "Viele Grüße" if german else "Kind regards,"
        lines += ["", closing, author, "OmniDesk Kundenservice · Telefon 089 1234567"]
    text = "\n".join(lines)
    if case.last_text and case.last_at is not None:
        when = "Am {d} schrieb {w}:" if german else "On {d}, {w} wrote:"
        quoted = "\n".join("> " + line for line in case.last_text.splitlines()[:QUOTE_LINES])
        header = when.format(d=format_datetime(case.last_at), w=case.last_author)
        text += f"\n\n{header}\n{quoted}"
    return text


def _sentence(text: str) -> str:
    return text[0].upper() + text[1:]


def _attachments(rng: random.Random, case: GenCase, at: datetime) -> tuple[str, ...]:
    if rng.random() >= 0.12:
        return ()
    product_word = rng.choice(_PRODUCTS_DE if case.german else _PRODUCTS_EN).split()[0]
    return tuple(
        rng.choice(_ATTACHMENTS).format(
            year=at.year,
            month=at.month,
            day=at.day,
            n=rng.randrange(1, 99999),
            product_word=product_word,
        )
        for _ in range(rng.choice((1, 1, 1, 2)))
    )


def generate(messages: int, *, seed: int = 1042) -> Iterator[GenMessage]:
    """``messages`` messages in arrival order; the same seed gives the same mail.

    New cases arrive every ``CASE_INTERVAL_MINUTES`` on average; each thread's messages
    follow hours to days apart, so about a thousand threads run at once.
    """
    rng = random.Random(seed)
    customers: list[GenCustomer] = []
    addresses: set[str] = set()
    active: list[tuple[datetime, int, GenCase]] = []
    next_number = 1001
    arrival = START
    seq = 0
    while seq < messages:
        if active and active[0][0] <= arrival:
            at, _number, case = heapq.heappop(active)
            seq += 1
            yield _message(rng, seq, case, at)
            case.sent += 1
            if case.sent < case.length:
                gap = timedelta(minutes=rng.randrange(10, 60 * 24 * 3))
                heapq.heappush(active, (at + gap, case.number, case))
            continue
        if customers and rng.random() < 0.35:
            customer = rng.choice(customers)
        else:
            customer = _customer(rng, len(customers) + 1, taken=addresses)
            customers.append(customer)
        case = _new_case(rng, next_number, customer, arrival)
        next_number += 1
        heapq.heappush(active, (arrival, case.number, case))
        arrival += timedelta(minutes=rng.expovariate(1 / CASE_INTERVAL_MINUTES))


def _message(rng: random.Random, seq: int, case: GenCase, at: datetime) -> GenMessage:
    if case.sent == 0:
        direction = "in"
    elif rng.random() < 0.06:
        direction = "internal"
    else:
        direction = "out" if case.sent % 2 == 1 else "in"
    if direction == "in":
        author, sender, recipient = case.customer.name, case.customer.address, TEAM_ADDRESS
        channel = rng.choices(("email", "form", "chat"), weights=(82, 10, 8))[0]
    else:
        _login, author, sender = AGENTS[case.owner if case.owner is not None else 0]
        recipient = case.customer.address if direction == "out" else ""
        channel = "note" if direction == "internal" else "email"
    body = _body(rng, case, direction, author)
    prefix = "" if case.sent == 0 else ("AW: " if case.german else "Re: ")
    subject = f"{prefix}{case.subject}" + (f" [#{case.number}]" if case.sent else "")
    digest = hashlib.sha1(f"{seq}:{case.number}".encode()).hexdigest()[:16]
    message_id = f"<{digest}.{seq}@{sender.split('@')[-1] or 'omnidesk.example'}>"
    message = GenMessage(
        seq=seq,
        case=case,
        direction=direction,
        channel=channel,
        author_name=author,
        from_address=sender,
        to_address=recipient,
        subject=subject,
        body=body,
        created_at=at,
        message_id=message_id,
        in_reply_to=case.last_message_id or None,
        attachments=_attachments(rng, case, at) if direction != "internal" else (),
    )
    if direction != "internal":
        case.last_text, case.last_author, case.last_at = body, author, at
        case.last_message_id = message_id
    return message


def to_email(message: GenMessage) -> EmailMessage:
    """The message as an RFC 5322 email (attachments get a few bytes of content)."""
    mail = EmailMessage()
    mail["From"] = formataddr((message.author_name, message.from_address))
    mail["To"] = message.to_address or TEAM_ADDRESS
    mail["Subject"] = message.subject
    mail["Date"] = format_datetime(message.created_at)
    mail["Message-ID"] = message.message_id
    if message.in_reply_to:
        mail["In-Reply-To"] = message.in_reply_to
        mail["References"] = message.in_reply_to
    mail.set_content(message.body)
    for name in message.attachments:
        mail.add_attachment(
            f"generated attachment {name}\n".encode(),
            maintype="application",
            subtype="octet-stream",
            filename=name,
        )
    return mail


def write_maildir(path: Path, *, messages: int, seed: int = 1042) -> int:
    """Write the generated messages (except internal notes) into a Maildir; returns how many."""
    box = mailbox.Maildir(path, create=True)
    written = 0
    for message in generate(messages, seed=seed):
        if message.direction == "internal":
            continue
        entry = mailbox.MaildirMessage(to_email(message).as_bytes())
        entry.set_subdir("cur")
        entry.set_flags("S")
        box.add(entry)
        written += 1
    return written
