"""Mailbox import throughput: a generated mbox into SQLite and PostgreSQL, beside notmuch.

Generates N realistic support messages in threads (``gen_mail``, deterministic), writes
them once as an mbox (what ``omnidesk import`` reads) and once as a Maildir (what
``notmuch new`` reads), then measures ``import_paths`` — parse, deduplicate, thread,
store, index — into a fresh SQLite file and a fresh PostgreSQL database, and ``notmuch
new`` over the same messages when notmuch is installed. Prints one JSON line.

    .venv/bin/python tests/benchmarks/bench_import.py --messages 100000
"""

import argparse
import json
import mailbox
import os
import resource
import shutil
import sys
import tempfile
import time
from multiprocessing import forkserver
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from omnidesk.channels.email.history_import import import_paths
from omnidesk.services.ingest_email import IngestPolicy
from omnidesk.store.engine import Database
from omnidesk.store.migrate import upgrade
from tests.benchmarks import notmuch_side
from tests.benchmarks.gen_mail import generate, to_email

POLICY = IngestPolicy(keep_sent_time=True)


def write_mailboxes(folder: Path, messages: int, seed: int) -> tuple[Path, Path, int]:
    mbox_path, maildir_path = folder / "history.mbox", folder / "Maildir"
    box = mailbox.mbox(mbox_path)
    maildir = mailbox.Maildir(maildir_path, create=True)
    written = 0
    box.lock()
    try:
        for message in generate(messages, seed=seed):
            if message.direction == "internal":
                continue
            raw = to_email(message).as_bytes()
            box.add(raw)
            entry = mailbox.MaildirMessage(raw)
            entry.set_subdir("cur")
            maildir.add(entry)
            written += 1
    finally:
        box.flush()
        box.unlock()
        box.close()
    return mbox_path, maildir_path, written


def measure_import(url: str, mbox_path: Path) -> dict[str, object]:
    db = Database(url)
    upgrade(db)
    cpu, parsers_cpu = time.process_time(), _children_cpu()
    started = time.perf_counter()
    report = import_paths(db, [mbox_path], policy=POLICY)
    seconds = time.perf_counter() - started
    db.dispose()
    return {
        "messages": report.messages,
        "seconds": round(seconds, 2),
        "messages_per_second": round(report.messages / seconds, 1),
        "outcomes": dict(report.outcomes),
        # The machines are shared: CPU seconds say what the import costs whatever else runs.
        "cpu_seconds": {
            "importer": round(time.process_time() - cpu, 2),
            "parsers": round(_children_cpu() - parsers_cpu, 2),
        },
    }


def _children_cpu() -> float:
    """CPU time of the finished parser processes, once the import shut its pool down.

    The pool starts them from a fork server (``parse_pool``), so they are its children,
    not ours: their time is the fork server's "children" time in ``/proc``.
    """
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = usage.ru_utime + usage.ru_stime
    pid = getattr(getattr(forkserver, "_forkserver", None), "_forkserver_pid", None)
    stat = Path(f"/proc/{pid}/stat")
    if pid is None or not stat.exists():
        return own
    # Fields after the command name start at field 3; cutime and cstime are 16 and 17.
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return own + (int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")


def measure_notmuch(maildir: Path, written: int) -> dict[str, object] | None:
    side = notmuch_side.setup(maildir)
    if side is None:
        print(f"bench_import: {notmuch_side.MISSING}", file=sys.stderr)
        return None
    seconds = side.new()
    return {
        "messages": written,
        "seconds": round(seconds, 2),
        "messages_per_second": round(written / seconds, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1042)
    parser.add_argument("--pg-url", help="an empty PostgreSQL database (default: start one)")
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="omnidesk-bench-import-"))
    result: dict[str, object] = {"benchmark": "import", "requested": args.messages}
    try:
        mbox_path, maildir, written = write_mailboxes(folder, args.messages, args.seed)
        result["messages"] = written
        result["sqlite"] = measure_import(f"sqlite:///{folder / 'import.db'}", mbox_path)
        if not args.no_postgres:
            result["postgresql"] = _with_postgres(args.pg_url, mbox_path)
        notmuch = measure_notmuch(maildir, written)
        result["notmuch"] = notmuch
        if notmuch:
            for backend in ("sqlite", "postgresql"):
                figures = result.get(backend)
                if isinstance(figures, dict):
                    figures["ratio_to_notmuch"] = round(
                        float(figures["messages_per_second"])
                        / float(notmuch["messages_per_second"]),  # type: ignore[arg-type]
                        2,
                    )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(result))
    return 0


def _with_postgres(url: str | None, mbox_path: Path) -> dict[str, object]:
    if url:
        return measure_import(url, mbox_path)
    from tests.servers.postgres import start_postgres

    server = start_postgres()
    try:
        return measure_import(server.url(server.create_database("bench_import")), mbox_path)
    finally:
        server.close()


if __name__ == "__main__":
    raise SystemExit(main())
