"""Is a customer's message only a thank-you? (English and German)

A plain "thanks!" after a resolution must not reopen the case (the agent would have
to resolve it again for nothing); a real question must. The rule is deliberately
cautious: anything it is unsure about counts as a real message, because reopening
once too often costs a click, while missing a question loses a customer.
"""

import re

_QUOTE_HEADER = re.compile(
    r"^\s*(?:on\b.*\bwrote:|am\b.*\bschrieb\b.*:|-{2,}\s*(?:original message|"
    r"ursprüngliche nachricht)\s*-{2,}|from:\s|von:\s)",
    re.I,
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


def _words(text: str) -> list[str]:
    return text.split()


_THANKS = frozenset(
    {"thanks", "thank", "thx", "ty", "danke", "dank", "dankeschön", "merci", "cheers", "tnx"}
)
"""At least one of these must be there: "ok" alone is no thank-you."""

_FILLER = frozenset(
    _words(
        """
    a again all alright also and awesome best brilliant cheers dear doing excellent fine for
    from good great greetings have hello help helping hey hi it kind lot lovely many much
    nice now ok okay perfect quick quickly regards really sincerely so solved sorted super
    support team that that's the this to very wonderful works worked working yes you your
    yours wishes day weekend nice
    alles allen bestens beste besten dank danke dankeschön das der die ein einen eine euch
    euer eure für ganz gelöst geht grüße gruß gut hallo herzlich herzliche herzlichen hilfe
    ihnen ihre ja jetzt klappt lg liebe lieben mfg moin nochmal nochmals passt perfekt prima
    schnelle schön schönen sehr servus super tag team tausend toll top und vg viele vielen
    wieder wochenende funktioniert freundliche freundlichen mit
    """
    )
)
"""Words a thank-you is made of; anything else is content (the rule stays cautious)."""

_CONTENT_SIGNALS = frozenset(
    _words(
        """
    but however still not no don't doesn't didn't can't cannot won't isn't wasn't
    problem issue error question wrong broken another
    aber jedoch noch nicht kein keine keinen leider problem fehler frage falsch trotzdem
    """
    )
)
"""Words that mean the customer is not done, even in a short message."""

MAX_EXTRA_WORDS = 3
"""Room for a name under the thanks ("Thanks! Anna Berger")."""


def new_text(text: str) -> str:
    """The customer's own words: without quoted history (``>`` lines, "On ... wrote:") or
    a signature below ``-- ``."""
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.rstrip() == "--" or _QUOTE_HEADER.match(line):
            break
        if line.lstrip().startswith(">"):
            continue
        kept.append(line)
    return "\n".join(kept).strip()


def is_plain_thanks(text: str) -> bool:
    """True when the message only says thank you (greeting, thanks, sign-off, a name)."""
    own = new_text(text)
    if not own or "?" in own:
        return False
    words = [w.lower().replace("’", "'") for w in _WORD.findall(own)]
    if not any(w in _THANKS or w.startswith("dank") for w in words):
        return False
    if any(w in _CONTENT_SIGNALS for w in words):
        return False
    extra = [w for w in words if w not in _FILLER and w not in _THANKS]
    return len(extra) <= MAX_EXTRA_WORDS
