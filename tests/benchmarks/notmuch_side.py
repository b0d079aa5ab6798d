"""notmuch beside OmniDesk in the benchmarks: set-up, ``notmuch new``, timed searches.

Used by ``bench_import.py`` (indexing rate) and ``bench_search.py`` (indexing rate and
top-50 query latency). notmuch is the Debian package ``notmuch``; :func:`setup` returns
``None`` when the binary is missing, and the callers say so and run their own part.

Every run gets a private configuration file beside the Maildir (database inside the
Maildir, no excluded tags, no flag synchronisation) and a minimal environment, so the
user's own notmuch set-up is never read.

Latency is measured in two ways:

* in-process through the Python bindings ``notmuch2`` (Debian ``python3-notmuch2``,
  installed for the system Python, not the venv), run by that Python as a child that
  opens the database once and times each query inside itself — the same conditions as
  OmniDesk's in-process ``search_cases`` with an open database;
* by running ``notmuch search --format=json --output=threads --limit=50`` per query, with
  the bare cost of a process that starts, opens the database and finds nothing
  (``notmuch count id:...``) measured separately, so raw and start-subtracted figures
  can both be reported.
"""

from __future__ import annotations

import json
import mailbox
import shutil
import statistics
import subprocess
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from omnidesk.core.query import (
    AnyFilter,
    AnyTerm,
    CaseFilter,
    DateFilter,
    Field,
    HasFilter,
    HasValue,
    Node,
    Query,
    Term,
    TextFilter,
)
from tests.benchmarks.gen_mail import GenMessage, to_email

MISSING = "notmuch is not installed (apt-get install -y notmuch): the notmuch side is skipped"
LIMIT = 50
SYSTEM_PYTHONS = ("/usr/bin/python3",)
NO_MATCH = "id:no-such-message@omnidesk.invalid"


@dataclass(frozen=True)
class Notmuch:
    """A notmuch database over one Maildir, with its own configuration file."""

    binary: str
    maildir: Path
    config: Path
    env: dict[str, str]

    def command(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [self.binary, *args], env=self.env, check=True, capture_output=True, text=True
        )

    def new(self) -> float:
        """Run ``notmuch new`` (index whatever is new in the Maildir); returns seconds."""
        started = time.perf_counter()
        self.command("new", "--quiet")
        return time.perf_counter() - started

    def bindings_python(self) -> str | None:
        """A Python that can import ``notmuch2`` (the venv usually cannot), or ``None``."""
        for python in SYSTEM_PYTHONS:
            if shutil.which(python) is None:
                continue
            probe = subprocess.run(
                [python, "-c", "import notmuch2"], env=self.env, capture_output=True, check=False
            )
            if probe.returncode == 0:
                return python
        return None

    def time_bindings(self, python: str, queries: list[str], *, repeat: int) -> dict[str, Any]:
        """Per query ``{"hits": n, "times": [ms, ...]}``, timed inside a bindings process."""
        job = {
            "path": str(self.maildir),
            "config": str(self.config),
            "queries": queries,
            "repeat": repeat,
            "limit": LIMIT,
        }
        done = subprocess.run(
            [python, "-c", _BINDINGS_SCRIPT],
            input=json.dumps(job),
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        result: dict[str, Any] = json.loads(done.stdout)
        return result

    def time_cli(self, queries: list[str], *, repeat: int) -> dict[str, Any]:
        """Per query ``{"hits": n, "times": [ms, ...]}`` for ``notmuch search`` processes."""
        result: dict[str, Any] = {}
        for query in queries:
            args = ("search", "--format=json", "--output=threads", f"--limit={LIMIT}", "--")
            hits = len(json.loads(self.command(*args, query).stdout))  # warm-up, hit count
            times = []
            for _ in range(repeat):
                started = time.perf_counter()
                self.command(*args, query)
                times.append((time.perf_counter() - started) * 1000)
            result[query] = {"hits": hits, "times": times}
        return result

    def start_costs(self, *, repeat: int) -> dict[str, float]:
        """Median ms of ``notmuch --version`` and of a process that opens the database
        and finds nothing (``notmuch count id:...``): what every CLI search pays first."""
        figures = {}
        for name, args in (("version_ms", ("--version",)), ("open_ms", ("count", NO_MATCH))):
            self.command(*args)
            times = []
            for _ in range(max(repeat, 20)):
                started = time.perf_counter()
                self.command(*args)
                times.append((time.perf_counter() - started) * 1000)
            figures[name] = round(statistics.median(times), 2)
        return figures


_BINDINGS_SCRIPT = """
import itertools, json, sys, time
import notmuch2
job = json.load(sys.stdin)
db = notmuch2.Database(path=job["path"], config=job["config"])
order = notmuch2.Database.SORT.NEWEST_FIRST
def top(query):
    found = db.threads(query, sort=order, exclude_tags=[])
    return [str(t.threadid) for t in itertools.islice(found, job["limit"])]
result = {}
for query in job["queries"]:
    hits = len(top(query))
    times = []
    for _ in range(job["repeat"]):
        started = time.perf_counter()
        top(query)
        times.append((time.perf_counter() - started) * 1000)
    result[query] = {"hits": hits, "times": times}
db.close()
json.dump(result, sys.stdout)
"""


def setup(maildir: Path) -> Notmuch | None:
    """A notmuch database for ``maildir`` (configured, not yet indexed); ``None`` if the
    ``notmuch`` binary is missing. The configuration file goes beside the Maildir."""
    binary = shutil.which("notmuch")
    if binary is None:
        return None
    config = maildir.parent / "notmuch-config"
    config.write_text(
        f"[database]\npath={maildir}\n[new]\ntags=inbox;\n[search]\n"
        "exclude_tags=\n[maildir]\nsynchronize_flags=false\n",
        encoding="utf-8",
    )
    env = {"NOTMUCH_CONFIG": str(config), "HOME": str(maildir.parent), "PATH": "/usr/bin:/bin"}
    return Notmuch(binary=binary, maildir=maildir, config=config, env=env)


def write_maildir(path: Path, messages: Iterable[GenMessage]) -> int:
    """Add the messages (except internal notes, which are not mail) to a Maildir's
    ``cur/``; returns how many were written."""
    box = mailbox.Maildir(path, create=True)
    written = 0
    for message in messages:
        if message.direction == "internal":
            continue
        entry = mailbox.MaildirMessage(to_email(message).as_bytes())
        entry.set_subdir("cur")
        entry.set_flags("S")
        box.add(entry)
        written += 1
    return written


# --- translating OmniDesk queries -----------------------------------------------------------


class Untranslatable(Exception):
    """An OmniDesk query part that notmuch has no equivalent for (owner:, status:, ...)."""


def translate(query: Query) -> tuple[str, bool]:
    """The nearest notmuch query and whether it is only approximate.

    Words, phrases, prefixes, exclusions, OR, ``from:``, ``to:``, ``subject:`` and dates
    map one to one (``before:``/``after:`` become ``date:@epoch..@epoch`` with the same
    instants); ``has:attachment`` becomes notmuch's automatic ``tag:attachment``.
    Approximate: ``customer:X`` (``from:X OR to:X``) and ``#N`` (``subject:N``: replies
    carry ``[#N]`` in the subject, the first message does not). Raises
    :class:`Untranslatable` for case fields that are not in the mail: ``owner:``,
    ``status:``, ``channel:``, ``tag:`` (OmniDesk tags), ``is:``.
    """
    approximate = False
    parts: list[str] = []
    after: int | None = None
    before: int | None = None
    for item in query.items:
        if isinstance(item, DateFilter) and not item.negated:
            epoch = int(item.at.timestamp())
            if item.field is Field.AFTER:
                after = epoch if after is None else max(after, epoch)
            else:
                before = epoch - 1 if before is None else min(before, epoch - 1)
            continue
        text, rough = _node(item)
        approximate = approximate or rough
        parts.append(text)
    if after is not None or before is not None:
        low = "" if after is None else f"@{after}"
        high = "" if before is None else f"@{before}"
        parts.append(f"date:{low}..{high}")
    return " AND ".join(parts) or "*", approximate


def _node(item: Node) -> tuple[str, bool]:
    if isinstance(item, Term):
        return _term(item), False
    if isinstance(item, AnyTerm):
        return "(" + " OR ".join(_term(t) for t in item.terms) + ")", False
    if isinstance(item, AnyFilter):
        translated = [_filter(f) for f in item.filters]
        joined = " OR ".join(text for text, _ in translated)
        return f"({joined})", any(rough for _, rough in translated)
    return _filter(item)


def _term(term: Term) -> str:
    word = term.text
    if term.phrase or not word.replace("_", "").isalnum():
        # Xapian reads "RE-2024-00001" as a phrase of its parts; quote it explicitly.
        word = '"' + word.replace('"', " ") + '"'
    text = f"{word}*" if term.prefix else word
    return f"(NOT {text})" if term.negated else text


def _filter(item: Node) -> tuple[str, bool]:
    approximate = False
    if isinstance(item, TextFilter) and item.field in (Field.FROM, Field.TO, Field.SUBJECT):
        text = f"{item.field.value}:{_quoted(item.value)}"
    elif isinstance(item, TextFilter) and item.field is Field.CUSTOMER:
        value = _quoted(item.value)
        text, approximate = f"(from:{value} OR to:{value})", True
    elif isinstance(item, HasFilter) and item.what is HasValue.ATTACHMENT:
        text = "tag:attachment"
    elif isinstance(item, CaseFilter):
        text, approximate = f"subject:{item.number}", True
    elif isinstance(item, DateFilter):
        epoch = int(item.at.timestamp())
        text = f"date:@{epoch}.." if item.field is Field.AFTER else f"date:..@{epoch - 1}"
        # A negated date is the complement; fall through to the negation below.
    else:
        raise Untranslatable(f"notmuch has no {item.describe().lstrip('-').split(':')[0]}:")
    negated = getattr(item, "negated", False)
    return (f"(NOT {text})" if negated else text), approximate


def _quoted(value: str) -> str:
    return f'"{value}"' if any(c.isspace() or c in '()"' for c in value) else value
