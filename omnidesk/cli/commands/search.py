"""``omnidesk search QUERY...`` and ``omnidesk search --reindex``."""

import argparse
import os
import re
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from omnidesk.cli.context import CliContext
from omnidesk.cli.output import ago, print_json, print_table, shorten
from omnidesk.cli.registry import Commands
from omnidesk.core.ids import AgentId
from omnidesk.services import search

_HELP = """\
Words must all occur in one message; "quoted words" are a phrase; rout* is a prefix;
-word excludes; a OR b. Fields: from: to: customer: subject: owner:me|none|NAME
status: channel: tag: has:attachment is:unassigned is:overdue before: after: #1042.
muller finds Müller, strasse finds Straße. Put -- before a query that starts with '-'.
In --json output, matched words in "snippet" are between \\u0002 and \\u0003."""

_OWNER_ME = re.compile(r"(?<![\w-])owner:me\b", re.IGNORECASE)


def register(commands: Commands) -> None:
    parser = commands.single("search", _search, "find cases by what was written in them")
    parser.epilog = _HELP
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    parser.add_argument("query", nargs="*", metavar="QUERY", help="what to look for")
    parser.add_argument("--limit", type=int, default=20, help="how many cases (default 20)")
    parser.add_argument("--offset", type=int, default=0, help="skip this many cases first")
    parser.add_argument("--agent", help="who owner:me means (default: 'agent' in settings)")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument(
        "--reindex", action="store_true", help="rebuild the search index from the stored mail"
    )


def _search(args: argparse.Namespace, ctx: CliContext) -> int:
    text = " ".join(args.query)
    if args.reindex:
        if text.strip():
            print("omnidesk: give either a query or --reindex, not both", file=sys.stderr)
            return 2
        report = search.reindex(ctx.db)
        print(f"search index rebuilt: {report.messages} messages in {report.seconds:.1f} s")
        return 0
    if not text.strip():
        print("omnidesk: say what to search for, e.g. omnidesk search refund", file=sys.stderr)
        return 2
    me: AgentId | None = None
    if args.agent or _OWNER_ME.search(text):
        me = ctx.acting_agent(args.agent).id
    hits = search.search_cases(
        ctx.db, text, me=me, limit=args.limit, offset=args.offset, tz=local_zone()
    )
    if not search.folds_accents(ctx.db):
        print(
            "omnidesk: note: this PostgreSQL has no 'unaccent' extension; "
            "accents are not folded (muller does not find Müller)",
            file=sys.stderr,
        )
    if args.json:
        print_json(hits)
        return 0
    marks = ("\x1b[1m", "\x1b[0m") if sys.stdout.isatty() else ("«", "»")
    print_table(
        ("CASE", "STATUS", "OWNER", "CUSTOMER", "WHEN", "SUBJECT"),
        [
            (
                f"#{h.case_number}",
                h.status.value,
                h.owner or "-",
                shorten(h.customer, 24),
                ago(h.matched_at),
                shorten(h.subject, 50),
            )
            for h in hits
        ],
    )
    if hits:
        print()
        for h in hits:
            snippet = h.snippet.replace(search.HIGHLIGHT_START, marks[0])
            print(f"#{h.case_number}  {snippet.replace(search.HIGHLIGHT_END, marks[1])}")
    return 0


def local_zone() -> ZoneInfo:
    """The zone ``before:``/``after:`` days are read in: $TZ, the system's, else UTC."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        target = Path("/etc/localtime").resolve()
        candidates.append(str(target).partition("zoneinfo/")[2])
    except OSError:
        pass
    for name in candidates:
        if name:
            try:
                return ZoneInfo(name)
            except (ZoneInfoNotFoundError, ValueError):
                continue
    return ZoneInfo("UTC")
