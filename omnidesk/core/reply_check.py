"""Rule 5, the pre-send check: "would I be satisfied with this answer?".

Before a reply leaves, :func:`check_reply` looks for what customers complain about
and explains each finding in English and German; the agent fixes it or sends anyway:

* a question in the customer's latest message(s) the reply does not seem to address;
* "attached" / "anbei" / "im Anhang" with nothing attached;
* a placeholder from a saved reply left unfilled (``{{name}}``, ``[NAME]``, ``<<...>>``);
* a promise ("I'll call you back tomorrow", "ich melde mich bis Freitag") with no
  commitment created; the finding carries the promise kind and a due-time hint so
  one click can create it;
* an empty reply, or a one-line reply to a long message;
* a reply to a case owned by someone else, not sent "on behalf".

These are heuristics over plain text, not language understanding. They are tuned to
rather miss a problem than nag about a good reply, and every finding can be overridden.
Quoted history in the reply and in the customer's messages (``>`` lines, "On ... wrote:",
"Am ... schrieb ...:", Outlook headers) is ignored: it is not what either side wrote now.
"""

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from omnidesk.core.due import find_due
from omnidesk.core.enums import CommitmentKind, ReplyMode
from omnidesk.core.ids import AgentId

LONG_MESSAGE_WORDS = 60
"""A customer text of at least this many words deserves more than one line."""
SHORT_REPLY_WORDS = 12
"""A single line with fewer words than this counts as a one-line reply."""
EXCERPT_LENGTH = 90


class FindingCode(StrEnum):
    UNANSWERED_QUESTION = "unanswered_question"
    MISSING_ATTACHMENT = "missing_attachment"
    PLACEHOLDER_LEFT = "placeholder_left"
    PROMISE_WITHOUT_COMMITMENT = "promise_without_commitment"
    EMPTY_REPLY = "empty_reply"
    SHORT_REPLY = "short_reply"
    NOT_OWNER = "not_owner"


class Severity(StrEnum):
    WARNING = "warning"
    """Almost certainly a mistake (nothing attached, a placeholder, someone else's case)."""
    NOTICE = "notice"
    """Worth a second look; the heuristic may be wrong."""


class SpanSource(StrEnum):
    REPLY = "reply"
    CUSTOMER = "customer"


@dataclass(frozen=True, slots=True)
class Span:
    """Where a finding points: character offsets into the reply or a customer message."""

    source: SpanSource
    start: int
    end: int
    message_index: int = 0
    """Index into ``ReplyDraft.customer_messages`` when ``source`` is ``CUSTOMER``."""


@dataclass(frozen=True, slots=True)
class PromiseHint:
    """What a detected promise needs to become a commitment."""

    kind: CommitmentKind
    due_at: datetime | None
    """Aware UTC when the text states when; ``None`` when it does not say."""
    due_text: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    code: FindingCode
    severity: Severity
    message_en: str
    message_de: str
    excerpt: str = ""
    span: Span | None = None
    promise: PromiseHint | None = None


@dataclass(frozen=True, slots=True)
class ReplyDraft:
    """A reply about to be sent, with what the check needs to know about its case."""

    text: str
    writer_id: AgentId
    case_owner_id: AgentId | None = None
    mode: ReplyMode = ReplyMode.REPLY
    attachment_names: tuple[str, ...] = ()
    customer_messages: tuple[str, ...] = ()
    """The customer's messages since the last reply, oldest first."""
    commitment_created: bool = False


def check_reply(draft: ReplyDraft, *, now: datetime, tz: ZoneInfo) -> tuple[Finding, ...]:
    """Run every pre-send check on ``draft``; ``now``/``tz`` resolve promised due times.

    Findings come in a fixed order (ownership, length, placeholders, attachment,
    promises, questions). An internal note is not seen by the customer, so only the
    placeholder and attachment checks apply to it.
    """
    own = mask_quoted_history(draft.text)
    findings = [*_check_placeholders(draft.text, own), *_check_attachment(draft, own)]
    if draft.mode is ReplyMode.NOTE:
        return tuple(findings)
    customer = [mask_quoted_history(m) for m in draft.customer_messages]
    return (
        *_check_owner(draft),
        *_check_length(own, customer),
        *findings,
        *_check_promises(draft, own, now=now, tz=tz),
        *_check_questions(draft, own, customer),
    )


# --- quoted history -----------------------------------------------------------------------

_ON_WROTE = re.compile(r"\s*(?:on|am)\s.{0,300}\b(?:wrote|schrieb\b.{0,200}):\s*", re.I | re.S)
_SEPARATOR = re.compile(
    r"\s*-{2,}\s*(?:original message|ursprüngliche nachricht|forwarded message"
    r"|weitergeleitete nachricht)\s*-{2,}\s*",
    re.I,
)
_HEADER_FROM = re.compile(r"\s*(?:from|von):\s\S.*", re.I)
_HEADER_NEXT = re.compile(r"\s*(?:sent|gesendet|date|datum|to|an|subject|betreff):\s", re.I)


def mask_quoted_history(text: str) -> str:
    """Return ``text`` with quoted history replaced by spaces (same length, same lines).

    Keeping offsets lets every check report spans into the original text. History
    under an attribution line that is not ``>``-prefixed (top-posting, Outlook) runs to
    the end of the text; ``>`` lines are masked wherever they are, so inline answers
    between quoted lines still count.
    """
    lines = text.splitlines(keepends=True)
    masked: list[str] = []
    index = 0
    while index < len(lines):
        header = _attribution_length(lines, index)
        if header:
            rest = lines[index + header :]
            if not _starts_with_prefixed_quote(rest):
                masked.extend(_blank(line) for line in lines[index:])
                break
            masked.extend(_blank(line) for line in lines[index : index + header])
            index += header
            continue
        line = lines[index]
        masked.append(_blank(line) if line.lstrip().startswith(">") else line)
        index += 1
    return "".join(masked)


def _blank(line: str) -> str:
    return re.sub(r"[^\r\n]", " ", line)


def _attribution_length(lines: Sequence[str], index: int) -> int:
    """How many lines an attribution starting at ``index`` spans (0: none)."""
    first = lines[index].rstrip("\r\n")
    if _SEPARATOR.fullmatch(first) or _ON_WROTE.fullmatch(first):
        return 1
    following = [line.rstrip("\r\n") for line in lines[index + 1 : index + 5]]
    # Mail clients wrap long "On <date>, <name> <address> wrote:" lines once.
    if following and _ON_WROTE.fullmatch(f"{first} {following[0]}"):
        return 2
    if _HEADER_FROM.fullmatch(first) and any(_HEADER_NEXT.match(f) for f in following):
        return 1
    return 0


def _starts_with_prefixed_quote(lines: Sequence[str]) -> bool:
    for line in lines:
        if line.strip():
            return line.lstrip().startswith(">")
    return False


# --- text helpers -------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?]+(?=\s|$)|\n")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    """Spans of sentences and lines, trimmed; the end includes ``?``/``!``/``.``."""
    start = 0
    for mark in _SENTENCE_END.finditer(text):
        end = mark.start() if mark.group() == "\n" else mark.end()
        yield from _trimmed(text, start, end)
        start = mark.end()
    yield from _trimmed(text, start, len(text))


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_LENGTH else flat[: EXCERPT_LENGTH - 1].rstrip() + "…"


def _word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


_SIGNATURE_LINE = re.compile(r"^--[ \t]?\r?$", re.M)


def _without_signature(own: str) -> str:
    """``own`` with everything from the ``-- `` signature line on blanked (same length)."""
    match = _SIGNATURE_LINE.search(own)
    return own if match is None else own[: match.start()] + _blank(own[match.start() :])


def _reply_span(start: int, end: int) -> Span:
    return Span(source=SpanSource.REPLY, start=start, end=end)


# --- ownership and length -----------------------------------------------------------------


def _check_owner(draft: ReplyDraft) -> list[Finding]:
    owner = draft.case_owner_id
    if draft.mode is not ReplyMode.REPLY or owner is None or owner == draft.writer_id:
        return []
    return [
        Finding(
            code=FindingCode.NOT_OWNER,
            severity=Severity.WARNING,
            message_en="This case belongs to another agent: send the reply on behalf of "
            "the owner, or write an internal note.",
            message_de="Dieser Fall gehört einer anderen Person: Antwort im Auftrag der "
            "zuständigen Person senden oder eine interne Notiz schreiben.",
        )
    ]


_GREETING = re.compile(
    r"(?:hi|hello|hey|dear|good\s+(?:morning|afternoon|evening)|hallo|liebe[rs]?|"
    r"sehr\s+geehrte[rs]?|guten\s+(?:tag|morgen|abend)|moin|servus|grüß\s+gott)\b",
    re.I,
)
_SIGN_OFF = re.compile(
    r"(?:best|regards|kind\s+regards|best\s+regards|cheers|sincerely|yours|thanks|"
    r"thank\s+you|many\s+thanks|viele\s+grüße|beste\s+grüße|liebe\s+grüße|"
    r"freundliche\s+grüße|mit\s+freundlichen\s+grüßen|herzliche\s+grüße|grüße|gruß|"
    r"mfg|lg|vg|danke|vielen\s+dank)\b",
    re.I,
)
_SALUTATION_MAX_WORDS = 6


def _body_lines(own: str) -> list[str]:
    """The reply's lines that carry content: no greeting, sign-off, name or signature."""
    lines = [line.strip() for line in _without_signature(own).split("\n")]
    lines = [line for line in lines if line]
    if lines and _is_greeting(lines[0]):
        lines = lines[1:]
    # A sign-off near the end cuts it and the name below; one earlier is a sentence.
    for position in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
        if _is_sign_off(lines[position]):
            return lines[:position]
    return lines


def _is_greeting(line: str) -> bool:
    return bool(_GREETING.match(line)) and _word_count(line) <= _SALUTATION_MAX_WORDS


def _is_sign_off(line: str) -> bool:
    # "Thanks!" or "Danke." is a sentence of its own; "Thanks," and "Viele Grüße" sign off.
    return (
        bool(_SIGN_OFF.match(line))
        and _word_count(line) <= _SALUTATION_MAX_WORDS
        and not line.endswith(("!", ".", "?"))
    )


def _check_length(own: str, customer: Sequence[str]) -> list[Finding]:
    body = _body_lines(own)
    if not body:
        return [
            Finding(
                code=FindingCode.EMPTY_REPLY,
                severity=Severity.WARNING,
                message_en="The reply has no content besides a greeting or signature.",
                message_de="Die Antwort enthält außer Anrede oder Signatur keinen Inhalt.",
            )
        ]
    asked = sum(_word_count(m) for m in customer)
    if asked < LONG_MESSAGE_WORDS or len(body) > 1 or _word_count(body[0]) >= SHORT_REPLY_WORDS:
        return []
    return [
        Finding(
            code=FindingCode.SHORT_REPLY,
            severity=Severity.NOTICE,
            message_en=f"A one-line reply to a long message ({asked} words): "
            "is everything answered?",
            message_de=f"Eine einzeilige Antwort auf eine lange Nachricht ({asked} Wörter): "
            "ist alles beantwortet?",
            excerpt=_excerpt(body[0]),
        )
    ]


# --- placeholders and attachments ---------------------------------------------------------

_PLACEHOLDER = re.compile(
    r"""
    \{\{[^{}\n]{0,60}\}\}                                  # {{name}}, {{ customer.name }}
    |\[\[[^\[\]\n]{1,60}\]\]                               # [[name]]
    |<<[^<>\n]{1,60}>>                                     # <<Kundenname>>
    |\[[A-ZÄÖÜ][A-ZÄÖÜ0-9_]+(?:[\ _-][A-ZÄÖÜ0-9_]+)*\]     # [NAME], [ORDER NUMBER]
    |\[[A-ZÄÖÜ][a-zäöüß]+(?:[\ -][A-ZÄÖÜa-zäöüß]+){0,3}\](?!\()  # [Name]; not a [link](url)
    |%[A-Z][A-Z0-9_]+%                                     # %FIRSTNAME%
    |\*\|[A-Z0-9_]+\|\*                                    # *|FNAME|*
    |\b(?:XXX+|xxx+|TODO)\b                                # fill-in markers
    """,
    re.VERBOSE,
)


def _check_placeholders(text: str, own: str) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[str] = set()
    for match in _PLACEHOLDER.finditer(own):
        token = match.group()
        if token in seen:
            continue
        seen.add(token)
        findings.append(
            Finding(
                code=FindingCode.PLACEHOLDER_LEFT,
                severity=Severity.WARNING,
                message_en=f"Unfilled placeholder {token}: replace it before sending.",
                message_de=f"Nicht ausgefüllter Platzhalter {token}: vor dem Senden ersetzen.",
                excerpt=_excerpt(_sentence_around(text, match.start())),
                span=_reply_span(match.start(), match.end()),
            )
        )
    return findings


_ATTACHMENT_WORD = re.compile(
    r"\b(?:attached|attaching|enclosed|in\s+the\s+attachment|see\s+attachment|"
    r"as\s+an\s+attachment|anbei|im\s+anhang|als\s+anhang|in\s+der\s+anlage|als\s+anlage|"
    r"angehängt|beigefügt|anhängend|beiliegend)\b",
    re.I,
)
# "the file you attached", "die Datei, die Sie angehängt haben": the customer's attachment.
# ("your attachment" and "Ihr Anhang" never match the phrases above in the first place.)
_THEIR_ATTACHMENT_BEFORE = re.compile(r"\byou(?:['’]ve|['’]d|\s+have|\s+had)?\s+$", re.I)
_THEIR_ATTACHMENT_AFTER = re.compile(r"\s+(?:haben|hatten|hast)\b", re.I)


def _check_attachment(draft: ReplyDraft, own: str) -> list[Finding]:
    if draft.attachment_names:
        return []
    for match in _ATTACHMENT_WORD.finditer(own):
        before = own[max(0, match.start() - 20) : match.start()]
        if _THEIR_ATTACHMENT_BEFORE.search(before) or _THEIR_ATTACHMENT_AFTER.match(
            own, match.end()
        ):
            continue
        word = match.group()
        return [
            Finding(
                code=FindingCode.MISSING_ATTACHMENT,
                severity=Severity.WARNING,
                message_en=f"The reply says “{word}” but nothing is attached.",
                message_de=f"Die Antwort sagt „{word}“, aber es ist nichts angehängt.",
                excerpt=_excerpt(_sentence_around(draft.text, match.start())),
                span=_reply_span(match.start(), match.end()),
            )
        ]
    return []


def _sentence_around(text: str, offset: int) -> str:
    for start, end in _sentences(text):
        if start <= offset < end:
            return text[start:end]
    return text[offset : offset + EXCERPT_LENGTH]


# --- promises -----------------------------------------------------------------------------

_EN_WILL = (
    r"\b(?:i|we)(?:['’]ll|\s+will|\s+shall|['’]m\s+going\s+to|\s+am\s+going\s+to|"
    r"['’]re\s+going\s+to|\s+are\s+going\s+to)\s+(?:\w+\s+){0,2}?"
)
_DE_WILL = r"\b(?:ich|wir)\s+(?:werde|werden)\s+(?:\w+\s+){0,5}?"
_DE_SUBJECT = r"(?:\b(?:ich|wir)\s+{verb}\b|\b{verb}\s+(?:ich|wir)\b)"

_PROMISES: tuple[tuple[re.Pattern[str], CommitmentKind], ...] = tuple(
    (re.compile(pattern, re.I), kind)
    for pattern, kind in (
        (
            _EN_WILL + r"(?:call|ring|phone|give\s+you\s+a\s+(?:call|ring))\b",
            CommitmentKind.CALLBACK,
        ),
        (_EN_WILL + r"(?:send|forward|e-?mail\s+you|mail\s+you)\b", CommitmentKind.SEND),
        (_EN_WILL + r"(?:reply|answer|respond|write\s+(?:to\s+)?you)\b", CommitmentKind.REPLY),
        (
            _EN_WILL + r"(?:get\s+back|follow\s+up|let\s+you\s+know|update\s+you|keep\s+you|"
            r"check|look\s+into|contact\s+you|reach\s+out|be\s+in\s+touch|get\s+in\s+touch|"
            r"come\s+back\s+to\s+you|find\s+out|investigate)\b",
            CommitmentKind.FOLLOW_UP,
        ),
        (r"\byou(?:['’]ll|\s+will)\s+hear\s+from\s+(?:me|us)\b", CommitmentKind.FOLLOW_UP),
        (_DE_SUBJECT.format(verb=r"(?:rufe|rufen)"), CommitmentKind.CALLBACK),
        (_DE_WILL + r"(?:anrufen|zurückrufen)\b", CommitmentKind.CALLBACK),
        (r"\b(?:erhalten|bekommen)\s+(?:\w+\s+){0,3}?Rückruf\b", CommitmentKind.CALLBACK),
        (_DE_SUBJECT.format(verb=r"(?:schicke|schicken|sende|senden)"), CommitmentKind.SEND),
        (_DE_WILL + r"(?:schicken|senden|zusenden|zuschicken)\b", CommitmentKind.SEND),
        (_DE_SUBJECT.format(verb=r"(?:antworte|antworten)"), CommitmentKind.REPLY),
        (_DE_WILL + r"(?:antworten|schreiben)\b", CommitmentKind.REPLY),
        (_DE_SUBJECT.format(verb=r"(?:melde|melden|kümmere|kümmern)"), CommitmentKind.FOLLOW_UP),
        (
            _DE_SUBJECT.format(verb=r"(?:gebe|geben)") + r".{0,60}\bbescheid\b",
            CommitmentKind.FOLLOW_UP,
        ),
        (
            _DE_WILL + r"(?:melden|prüfen|kümmern|bescheid\s+geben|nachhaken)\b",
            CommitmentKind.FOLLOW_UP,
        ),
        (r"\bSie\s+hören\s+von\s+(?:mir|uns)\b", CommitmentKind.FOLLOW_UP),
    )
)
_NEGATION = re.compile(r"\b(?:not|never|nicht|nie|niemals)\b", re.I)
_GERMAN_NEGATION = re.compile(r"\b(?:nicht|nie|niemals)\b", re.I)
# "Ich sende Ihnen anbei ...", "herewith": sent now, not promised for later.
_SENT_NOW = re.compile(r"\b(?:anbei|hiermit|herewith|im\s+anhang|attached|enclosed)\b", re.I)


def _check_promises(draft: ReplyDraft, own: str, *, now: datetime, tz: ZoneInfo) -> list[Finding]:
    if draft.commitment_created:
        return []
    findings: list[Finding] = []
    # A standard footer ("we answer within one business day") is not this reply's promise.
    body = _without_signature(own)
    for start, end in _sentences(body):
        kind = _promise_kind(body[start:end])
        if kind is None:
            continue
        mention = find_due(body[start:end], now=now, tz=tz)
        hint = PromiseHint(
            kind=kind,
            due_at=mention.due_at if mention else None,
            due_text=mention.text if mention else "",
        )
        findings.append(_promise_finding(draft.text[start:end], hint, start, end, tz=tz))
    return findings


def _promise_kind(sentence: str) -> CommitmentKind | None:
    for pattern, kind in _PROMISES:
        match = pattern.search(sentence)
        if match is None or _NEGATION.search(match.group()):
            continue
        clause_rest = re.split(r"[,;]", sentence[match.end() :], maxsplit=1)[0]
        if _GERMAN_NEGATION.search(clause_rest):
            continue  # German puts the negation after the verb: "ich melde mich nicht"
        if kind is CommitmentKind.SEND and _SENT_NOW.search(match.group() + clause_rest):
            continue
        return kind
    return None


def _promise_finding(
    sentence: str, hint: PromiseHint, start: int, end: int, *, tz: ZoneInfo
) -> Finding:
    quoted = _excerpt(sentence)
    if hint.due_at is None:
        tail_en = "no due time is stated, so choose one."
        tail_de = "es ist kein Termin genannt, bitte einen festlegen."
    else:
        shown = f"{hint.due_at.astimezone(tz):%Y-%m-%d %H:%M}"
        tail_en = f"suggested due time {shown}."
        tail_de = f"vorgeschlagene Fälligkeit {shown}."
    return Finding(
        code=FindingCode.PROMISE_WITHOUT_COMMITMENT,
        severity=Severity.WARNING,
        message_en=f"The reply promises “{quoted}” but no commitment was created; {tail_en}",
        message_de=f"Die Antwort verspricht „{quoted}“, aber es wurde keine Zusage "
        f"angelegt; {tail_de}",
        excerpt=quoted,
        span=_reply_span(start, end),
        promise=hint,
    )


# --- unanswered questions -----------------------------------------------------------------

_REQUEST_START = re.compile(
    r"(?:please\s+(?:let\s+me\s+know|tell\s+me|confirm|advise|explain)|can\s+you|"
    r"could\s+you|would\s+you|i\s+would\s+like\s+to\s+know|i['’]d\s+like\s+to\s+know|"
    r"i\s+wonder|bitte\s+(?:teilen|sagen|bestätigen|erklären)|können\s+sie|könnten\s+sie|"
    r"würden\s+sie|ich\s+möchte\s+(?:gerne\s+)?wissen|ich\s+hätte\s+gerne?\s+gewusst)\b",
    re.I,
)

_STOPWORDS_EN = """
a about above after again all also am an and any are as at be because been before being
below between both but by can could did do does doing done down during each few for from
further get got had has have having he her here hers him his how i if in into is it its
just let like me more most my no nor not now of off on once only or other our out over own
please same she should so some such than thank thanks that the their them then there these
they this those through to too under until up very was we were what when where which while
who whom why will with would you your yours hello hi dear regards best kind question
questions know tell ask asking wonder still already yet maybe also get want need yes okay ok
would could really
"""
_STOPWORDS_DE = """
aber alle allem allen aller alles als also am an andere anderen auch auf aus bei beim bin
bis bitte bist da damit dann das dass dein deine dem den denn der des dich die dies diese
diesem diesen dieser dir doch dort du durch ein eine einem einen einer eines er es etwas
euch euer für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn
ihnen ihr ihre ihrem ihren ihrer im in ist ja jede jedem jeden jeder jetzt kann kannst kein
keine können könnte könnten man mein meine meinem meinen mich mir mit muss müssen nach
nein nicht nichts noch nun nur ob oder ohne schon sehr sein seine sich sie sind so soll
sollte sollten über um und uns unser unter viel vom von vor war waren warum was weil welche
welcher wenn wer werde werden wie wieder wir wird wo wohl würde würden zu zum zur zwischen
hallo danke vielen dank grüße gruß frage fragen wissen gerne gern mal eigentlich leider
bereits immer wann weshalb wieso woher wohin geht gehts läuft
"""


def _fold(word: str) -> str:
    """Case- and accent-insensitive form: "Rückerstattung" and "ruckerstattung" agree."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_STOPWORDS = frozenset(_fold(w) for w in (_STOPWORDS_EN + _STOPWORDS_DE).split())
# Longest first. A crude stemmer for two languages: it only has to make "refund" meet
# "refunded" and "Rechnung" meet "Rechnungen"; prefix matching does the rest.
_SUFFIXES = ("ungen", "ings", "ing", "ung", "ern", "ed", "es", "en", "er", "em", "e", "s", "n")
_MIN_STEM = 4
_MIN_PARTICIPLE = 7
_MIN_PREFIX_MATCH = 4
_MIN_INFIX_MATCH = 5


def _stem(word: str) -> str:
    if word.startswith("ge") and word.endswith("t") and len(word) >= _MIN_PARTICIPLE:
        word = word[2:-1]  # German participle: "geändert" meets "ändern", "geliefert" "Lieferung"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def _keywords(text: str) -> frozenset[str]:
    """Meaningful words of ``text``: folded, without stopwords, crudely stemmed."""
    found: set[str] = set()
    for match in _WORD.finditer(text):
        word = _fold(match.group())
        if word in _STOPWORDS or (len(word) < 3 and not (word.isdigit() and len(word) >= 2)):
            continue
        found.add(word if word.isdigit() else _stem(word))
    return frozenset(found)


def _related(a: str, b: str) -> bool:
    """Whether two stems plausibly name the same thing (also German compounds)."""
    if a == b:
        return True
    if a.isdigit() or b.isdigit():
        return False  # order numbers match exactly or not at all
    short, long = sorted((a, b), key=len)
    if len(short) >= _MIN_PREFIX_MATCH and long.startswith(short):
        return True
    # "Lieferadresse" contains "adresse", "geliefert" contains "liefer".
    return len(short) >= _MIN_INFIX_MATCH and short in long


@dataclass(frozen=True, slots=True)
class _Question:
    message_index: int
    start: int
    end: int
    keywords: frozenset[str]


def _questions(customer: Sequence[str]) -> list[_Question]:
    found: list[_Question] = []
    for index, text in enumerate(customer):
        for start, end in _sentences(text):
            sentence = text[start:end]
            if not (sentence.rstrip().endswith("?") or _REQUEST_START.match(sentence)):
                continue
            keywords = _keywords(sentence)
            if keywords:  # "How are you?" has nothing to check against
                found.append(_Question(index, start, end, keywords))
    return found


def _check_questions(draft: ReplyDraft, own: str, customer: Sequence[str]) -> list[Finding]:
    """Flag questions whose distinctive keywords the reply never mentions.

    A keyword shared by several questions ("order" in "when will my order arrive?" and
    "can I change the order's address?") says little about which one was answered, so
    each question is judged by the keywords it does not share with the others.
    """
    questions = _questions(customer)
    answer = _keywords(own)
    findings: list[Finding] = []
    for question in questions:
        others = [k for q in questions if q is not question for k in q.keywords]
        distinctive = {k for k in question.keywords if not any(_related(k, o) for o in others)}
        if any(_related(k, a) for k in distinctive or question.keywords for a in answer):
            continue
        sentence = draft.customer_messages[question.message_index][question.start : question.end]
        findings.append(_question_finding(sentence, question))
    return findings


def _question_finding(sentence: str, question: _Question) -> Finding:
    quoted = _excerpt(sentence)
    return Finding(
        code=FindingCode.UNANSWERED_QUESTION,
        severity=Severity.NOTICE,
        message_en=f"The customer asked “{quoted}”; the reply does not seem to address it.",
        message_de=f"Die Frage „{quoted}“ scheint in der Antwort nicht beantwortet zu werden.",
        excerpt=quoted,
        span=Span(
            source=SpanSource.CUSTOMER,
            start=question.start,
            end=question.end,
            message_index=question.message_index,
        ),
    )
