"""``omnidesk import PATH...``: bring an existing support mailbox into OmniDesk."""

import argparse
import sys
import time
from pathlib import Path

from omnidesk.channels.email.accounts_runtime import ingest_policy
from omnidesk.channels.email.history_import import import_paths
from omnidesk.cli.context import CliContext
from omnidesk.cli.output import print_json
from omnidesk.cli.registry import Commands


def register(commands: Commands) -> None:
    parser = commands.single(
        "import",
        _import,
        "import mbox files, Maildir folders and .eml "
        "files (threaded like live mail; no acknowledgements are sent)",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--json", action="store_true", help="machine-readable summary")


def _import(args: argparse.Namespace, ctx: CliContext) -> int:
    started = time.perf_counter()

    def progress(done: int) -> None:
        if not args.json and sys.stderr.isatty():
            print(f"\r{done} messages…", end="", file=sys.stderr, flush=True)

    report = import_paths(
        ctx.db,
        args.paths,
        policy=ingest_policy(ctx.settings, keep_sent_time=True),
        progress=progress,
    )
    seconds = time.perf_counter() - started
    if args.json:
        print_json(
            {
                "messages": report.messages,
                "outcomes": dict(report.outcomes),
                "needs_attention": report.needs_attention,
                "seconds": round(seconds, 3),
            }
        )
        return 0
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for source in report.sources:
        print(f"read {source}")
    o = report.outcomes
    print(
        f"{report.messages} messages in {seconds:.1f} s: {o['new_case']} new cases, "
        f"{o['appended']} added to existing cases, {o['duplicate']} already there; "
        f"{report.needs_attention} need attention"
    )
    return 0
