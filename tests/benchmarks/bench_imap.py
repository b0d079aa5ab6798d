"""IMAP ingestion throughput from a local Dovecot, beside a bare imapclient loop.

Starts a private Dovecot, appends N generated support messages (``gen_mail``,
deterministic) to one mailbox, then measures (1) a bare imapclient loop fetching the
same messages in batches — the practical limit — and (2) OmniDesk's ingestion pass
into a fresh SQLite file, in its two steps: *receive* (fetch, store raw in the intake
with the folder position, mark processed on the server: from here the mail is safe and
the server is done) and *store* (parse in worker processes, thread, store as cases,
index). Target: receiving at least half the bare rate. The end-to-end rate (both steps)
is printed too: it is bounded by parsing and storing, like ``bench_import``. Prints one
JSON line.

    .venv/bin/python tests/benchmarks/bench_imap.py --messages 10000
"""

import argparse
import json
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from omnidesk.channels.email import imap_fetch
from omnidesk.channels.email.imap_connection import imap_session
from omnidesk.channels.email.imap_fetch import FetchReport, receive_account, store_received
from omnidesk.config.mail_accounts import MailAccount, Security
from omnidesk.services.ingest_email import IngestPolicy
from omnidesk.store.engine import Database
from omnidesk.store.migrate import upgrade
from tests.benchmarks.gen_mail import generate, to_email
from tests.servers.dovecot import start_dovecot

# The bare loop fetches in the batches OmniDesk fetches in, so the ratio compares like with like.
_BATCH = imap_fetch._BATCH


def fill(account: MailAccount, password: str, messages: int, seed: int) -> int:
    written = 0
    with imap_session(account, password) as client:
        for message in generate(messages, seed=seed):
            if message.direction == "internal":
                continue
            client.append("INBOX", to_email(message).as_bytes())
            written += 1
    return written


def bare_rate(account: MailAccount, password: str) -> tuple[int, float]:
    with imap_session(account, password) as client:
        client.select_folder("INBOX", readonly=True)
        uids = sorted(client.search(["ALL"]))
        started = time.perf_counter()
        fetched = 0
        for start in range(0, len(uids), _BATCH):
            batch = uids[start : start + _BATCH]
            fetched += len(client.fetch(batch, ["BODY.PEEK[]"]))
        return fetched, time.perf_counter() - started


@dataclass(frozen=True)
class Ours:
    received: int
    receive_seconds: float
    stored: int
    store_seconds: float


def omnidesk_rate(account: MailAccount, password: str, url: str) -> Ours:
    db = Database(url)
    upgrade(db)
    with imap_session(account, password) as client:
        started = time.perf_counter()
        report: FetchReport = receive_account(db, client, account)
        received = time.perf_counter()
    store_received(db, account.name, policy=IngestPolicy(), report=report)
    stored = time.perf_counter()
    db.dispose()
    folder = report.folders[0]
    return Ours(folder.received, received - started, folder.fetched, stored - received)


def _rate(messages: int, seconds: float) -> dict[str, float]:
    return {
        "messages": messages,
        "seconds": round(seconds, 2),
        "messages_per_second": round(messages / seconds, 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1042)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="omnidesk-bench-imap-"))
    server = start_dovecot()
    try:
        imap = server.new_account("bench")
        account = MailAccount(
            name="bench",
            host=imap.host,
            port=imap.port,
            user=imap.user,
            security=Security.PLAIN,
            timeout_seconds=120,
        )
        written = fill(account, imap.password, args.messages, args.seed)
        bare_count, bare_seconds = bare_rate(account, imap.password)
        ours = omnidesk_rate(replace(account), imap.password, f"sqlite:///{folder / 'imap.db'}")
    finally:
        server.close()
        shutil.rmtree(folder, ignore_errors=True)
    bare = bare_count / bare_seconds
    receive = ours.received / ours.receive_seconds
    end_to_end = ours.stored / (ours.receive_seconds + ours.store_seconds)
    print(
        json.dumps(
            {
                "benchmark": "imap_ingest",
                "messages": written,
                "bare_imapclient": _rate(bare_count, bare_seconds),
                "omnidesk_sqlite_receive": _rate(ours.received, ours.receive_seconds),
                "omnidesk_sqlite_store": _rate(ours.stored, ours.store_seconds),
                "omnidesk_sqlite_end_to_end": _rate(
                    ours.stored, ours.receive_seconds + ours.store_seconds
                ),
                "ratio_to_bare_receive": round(receive / bare, 3),
                "ratio_to_bare_end_to_end": round(end_to_end / bare, 3),
                "target_ratio": 0.5,
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
