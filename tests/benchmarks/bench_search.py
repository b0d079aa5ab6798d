"""Search speed on SQLite FTS5 and PostgreSQL beside notmuch: one JSON line per engine.

Usage::

    .venv/bin/python tests/benchmarks/bench_search.py [--messages 100000]
        [--backends sqlite,postgresql] [--pg-url postgresql://...] [--repeat 10]
        [--no-notmuch]

For each backend it creates a fresh database at schema 0002, loads ``--messages``
generated support mails (:mod:`tests.benchmarks.gen_mail`: German and English threads,
customers, attachment names, tags, commitments) straight into the tables, then upgrades
to head, which builds the search index (timed: ``index_build_s``), and measures the first
page (50 cases) of a fixed set of queries through ``omnidesk.services.search`` (the full
path: parse, match, rank, group by case, snippets). It also times messages added after
the index exists (the triggers index them). PostgreSQL is a throwaway cluster started
with ``tests/servers/postgres.py`` unless ``--pg-url`` names an empty database.

notmuch runs by default whenever the ``notmuch`` binary is installed (``--no-notmuch``
skips it; when it is missing the benchmark says so on stderr and in the notmuch line, and
OmniDesk's part runs all the same). The same generated mail is written as a Maildir
(internal notes are not mail, so notmuch gets about 6 % fewer messages) and indexed with
``notmuch new`` (timed: messages/s), then the ``--extra`` messages are added and indexed
again (incremental rate). Each query is translated into the nearest notmuch query
(:func:`tests.benchmarks.notmuch_side.translate`); queries with case fields notmuch lacks
(``owner:``, ``status:``, ``channel:``, ``tag:``, ``is:``) are skipped and listed, and
the translation of ``customer:`` and ``#N`` is marked approximate. The translated queries
are timed top-50 (threads, newest first) through the Python bindings (``notmuch2``, in a
system-Python child process that keeps the database open, like OmniDesk) and through
``notmuch search`` processes (raw, and minus the cost of a process that opens the database
and finds nothing). The last JSON line (``"engine": "notmuch"``) has notmuch's figures
and a ``"ratio"`` object per backend: OmniDesk / notmuch for the indexing rate (above 1:
OmniDesk indexes faster) and for median and p95 latency over the compared queries only
(below 1: OmniDesk answers faster), using the bindings figures when available and the
start-subtracted CLI figures otherwise (``"latency_source"`` says which).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import func, insert, select, text

from omnidesk.core.ids import AgentId
from omnidesk.core.query import parse_query
from omnidesk.services.search import search_cases
from omnidesk.store.engine import Database
from omnidesk.store.migrate import upgrade
from omnidesk.store.tables import (
    AgentRow,
    AttachmentRow,
    Blob,
    CaseRow,
    CaseTagRow,
    CommitmentRow,
    CustomerRow,
    IdentityRow,
    MessageRow,
)
from tests.benchmarks import notmuch_side
from tests.benchmarks.gen_mail import AGENTS, START, GenMessage, generate

SEED = 1042
BATCH = 5000
BLOB = b"generated attachment\n"


# --- loading --------------------------------------------------------------------------------


@dataclass
class Loaded:
    """What earlier loads inserted already (a later load continues the same mail)."""

    cases: set[int] = field(default_factory=set)
    customers: set[int] = field(default_factory=set)
    attachments: int = 0


def _batches(
    messages: Iterable[GenMessage], seen: Loaded
) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """Rows for every table, a few thousand messages at a time, in foreign-key order."""
    cases, customers = seen.cases, seen.customers
    rows: dict[str, list[dict[str, Any]]] = _empty()
    for m in messages:
        case = m.case
        if case.customer.id not in customers:
            customers.add(case.customer.id)
            customer = case.customer
            rows["customer"].append(
                {"id": customer.id, "name": customer.name, "created_at": m.created_at}
            )
            rows["identity"].append(
                {
                    "id": customer.id,
                    "customer_id": customer.id,
                    "kind": "email",
                    "value": customer.address,
                    "display_name": customer.name,
                    "created_at": m.created_at,
                }
            )
        if case.number not in cases:
            cases.add(case.number)
            rows["case"].append(_case_row(m))
            rows["tag"].extend({"case_id": case.number, "tag": t} for t in case.tags)
            if case.commitment_due is not None and case.owner is not None:
                rows["commitment"].append(
                    {
                        "case_id": case.number,
                        "owner_id": case.owner + 1,
                        "kind": "callback",
                        "due_at": case.commitment_due,
                        "state": "open",
                        "note": "",
                        "created_at": m.created_at,
                    }
                )
        rows["message"].append(_message_row(m))
        for name in m.attachments:
            seen.attachments += 1
            rows["attachment"].append(
                {
                    "id": seen.attachments,
                    "message_id": m.seq,
                    "filename": name,
                    "content_type": "application/octet-stream",
                    "size": len(BLOB),
                    "sha256": _BLOB_HASH,
                    "inline": False,
                }
            )
        if len(rows["message"]) >= BATCH:
            yield rows
            rows = _empty()
    yield rows


def _empty() -> dict[str, list[dict[str, Any]]]:
    keys = ("customer", "identity", "case", "tag", "commitment", "message", "attachment")
    return {key: [] for key in keys}


def _case_row(m: GenMessage) -> dict[str, Any]:
    case = m.case
    return {
        "id": case.number,
        "number": case.number,
        "subject": case.subject,
        "status": case.status,
        "priority": "normal",
        "owner_id": None if case.owner is None else case.owner + 1,
        "customer_id": case.customer.id,
        "linked_case_id": None,
        "created_at": m.created_at,
        "updated_at": m.created_at,
        "first_response_at": None,
        "resolved_at": None,
        "waiting_since": None,
        "version": 1,
    }


def _message_row(m: GenMessage) -> dict[str, Any]:
    agent = m.direction != "in"
    return {
        "id": m.seq,
        "case_id": m.case.number,
        "channel": m.channel,
        "direction": m.direction,
        "author_agent_id": (m.case.owner or 0) + 1 if agent else None,
        "on_behalf_of_id": None,
        "author_identity_id": None if agent else m.case.customer.id,
        "author_name": m.author_name,
        "subject": m.subject,
        "body_text": m.body,
        "body_html": None,
        "message_id_header": m.message_id,
        "in_reply_to": m.in_reply_to,
        "references": m.in_reply_to,
        "raw_sha256": None,
        "delivery_state": "sent" if m.direction == "out" else None,
        "dedupe_key": None,
        "needs_attention": False,
        "thread_reason": None,
        "sent_at": m.created_at,
        "created_at": m.created_at,
    }


_BLOB_HASH = hashlib.sha256(BLOB).hexdigest()
_TABLES = {
    "customer": CustomerRow,
    "identity": IdentityRow,
    "case": CaseRow,
    "tag": CaseTagRow,
    "commitment": CommitmentRow,
    "message": MessageRow,
    "attachment": AttachmentRow,
}


def load(db: Database, messages: Iterable[GenMessage], seen: Loaded) -> int:
    """Insert the generated mail directly; returns how many messages went in.

    The first load (nothing ``seen`` yet) also inserts the agents and the attachment blob.
    """
    count = 0
    with db.engine.begin() as connection:
        if not seen.cases:
            _load_team(connection)
        for rows in _batches(messages, seen):
            for key, model in _TABLES.items():
                if rows[key]:
                    connection.execute(insert(model), rows[key])
            count += len(rows["message"])
        connection.execute(
            text("UPDATE counter SET value = (SELECT max(number) FROM support_case)")
        )
        if db.backend == "postgresql":
            for table in _SERIAL_TABLES:
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                        f"(SELECT coalesce(max(id), 1) FROM {table}))"
                    )
                )
    return count


_SERIAL_TABLES = (
    "agent",
    "customer",
    "customer_identity",
    "support_case",
    "message",
    "attachment",
    "commitment",
)


def _load_team(connection: Any) -> None:
    connection.execute(
        insert(AgentRow),
        [
            {"id": i + 1, "name": n, "display_name": d, "email": e, "active": True}
            | {"created_at": START}
            for i, (n, d, e) in enumerate(AGENTS)
        ],
    )
    connection.execute(
        insert(Blob),
        [{"sha256": _BLOB_HASH, "size": len(BLOB), "data": BLOB, "created_at": START}],
    )


# --- queries --------------------------------------------------------------------------------


def queries(sample: list[GenMessage]) -> list[str]:
    """At least 20 queries: rare and common words, phrases, prefixes, filters, combinations."""
    text_of = " ".join(m.body for m in sample)
    order = re.search(r"\b\d{7}\b", text_of)
    tracking = re.search(r"\bJJD\d{14}\b", text_of)
    invoice = re.search(r"\bRE-\d{4}-\d{5}\b", text_of)
    middle = sample[len(sample) // 2]
    day = middle.created_at.date()
    month = day.replace(day=1)
    next_month = (month + timedelta(days=32)).replace(day=1)
    customer = middle.case.customer
    last_name = customer.name.split()[-1]
    return [
        order.group(0) if order else "4711",
        tracking.group(0) if tracking else "JJD1",
        invoice.group(0) if invoice else "RE-2024-00001",
        "rechnung",
        "order",
        "the",
        '"vielen dank"',
        '"call you back"',
        '"zweimal von meinem konto"',
        "liefer*",
        "refu*",
        "gu*",
        "muller",
        "hauptstrasse",
        f"from:{customer.address}",
        f"customer:{last_name}",
        "subject:lieferung",
        "to:gmail",
        "status:waiting_on_customer owner:anna",
        "tag:vip",
        "has:attachment",
        "channel:chat",
        "is:overdue",
        "is:unassigned",
        f"after:{month.isoformat()} before:{next_month.isoformat()}",
        f"#{middle.case.number}",
        "rechnung status:open",
        "refund -invoice",
        "paket OR parcel",
        "kaffeevollautomat has:attachment",
        "defekt owner:ben",
        "muller rechnung*",
        '"call you back" status:resolved',
        "rechnung* tag:rechnung",
        f"{last_name} after:{day.isoformat()}",
    ]


def measure(
    db: Database, query_list: list[str], *, repeat: int, me: AgentId, now: datetime
) -> dict[str, Any]:
    """Median and p95 over every timed run of every query, and per query; ``"runs"``
    keeps every timed run (ms) per query, for the comparison with notmuch."""
    per_query: dict[str, Any] = {}
    runs: dict[str, list[float]] = {}
    everything: list[float] = []
    for query in query_list:
        hits = search_cases(db, query, me=me, limit=50, now=now)  # warm-up, and the hit count
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            search_cases(db, query, me=me, limit=50, now=now)
            times.append((time.perf_counter() - started) * 1000)
        everything.extend(times)
        runs[query] = times
        per_query[query] = {
            "hits": len(hits),
            "median_ms": round(statistics.median(times), 2),
            "max_ms": round(max(times), 2),
        }
    return {
        "median_ms": round(statistics.median(everything), 2),
        "p95_ms": round(_p95(everything), 2),
        "queries": per_query,
        "runs": runs,
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# --- backends -------------------------------------------------------------------------------


@contextmanager
def sqlite_database(folder: Path) -> Iterator[Database]:
    db = Database(f"sqlite:///{folder / 'bench.db'}")
    try:
        yield db
    finally:
        db.dispose()


@contextmanager
def postgres_database(url: str | None) -> Iterator[Database]:
    if url:
        db = Database(url)
        try:
            yield db
        finally:
            db.dispose()
        return
    from tests.servers.ports import service_user
    from tests.servers.postgres import PostgresServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL binaries not found: apt-get install -y postgresql")
    server = PostgresServer(bindir, service_user())
    try:
        server.init()
        server.start()
        db = Database(server.url(server.create_database("bench")))
        try:
            yield db
        finally:
            db.dispose()
    finally:
        server.close()


def index_bytes(db: Database) -> int:
    with db.engine.connect() as connection:
        if db.backend == "postgresql":
            sql = "SELECT pg_total_relation_size('message_search')"
            return int(connection.execute(text(sql)).scalar_one())
        try:
            sql = "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'message_fts%'"
            return int(connection.execute(text(sql)).scalar_one() or 0)
        except Exception:  # dbstat is an optional SQLite feature
            return -1


def run(db: Database, args: argparse.Namespace) -> tuple[dict[str, Any], dict[str, list[float]]]:
    """The backend's JSON line, and every timed run (ms) per query."""
    upgrade(db, "0002")
    started = time.perf_counter()
    seen = Loaded()
    loaded = load(db, generate(args.messages, seed=SEED), seen)
    load_s = time.perf_counter() - started
    if db.backend == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("VACUUM ANALYZE"))
    started = time.perf_counter()
    upgrade(db, "0003")  # the search index: view, index tables, triggers, first build
    build_s = time.perf_counter() - started
    upgrade(db, "head")
    size = index_bytes(db)
    extra = list(
        itertools.islice(generate(args.messages + args.extra, seed=SEED), args.messages, None)
    )
    started = time.perf_counter()
    load(db, extra, seen)
    incremental_s = time.perf_counter() - started
    sample = list(generate(min(args.messages, 20000), seed=SEED))
    with db.engine.connect() as connection:
        cases = connection.execute(text("SELECT count(*) FROM support_case")).scalar_one()
        # "Now" is the end of the generated mail, not the wall clock: is:overdue and
        # relative dates then mean the same whenever the benchmark runs.
        now = connection.execute(select(func.max(MessageRow.created_at))).scalar_one()
    measured = measure(db, queries(sample), repeat=args.repeat, me=AgentId(1), now=now)
    result = {
        "benchmark": "search",
        "backend": db.backend,
        "messages": loaded,
        "cases": cases,
        "load_msgs_per_s": round(loaded / load_s),
        "index_build_s": round(build_s, 2),
        "index_mb": round(size / 2**20, 1) if size >= 0 else None,
        "indexed_insert_msgs_per_s": round(len(extra) / incremental_s) if extra else None,
        "median_ms": measured["median_ms"],
        "p95_ms": measured["p95_ms"],
        "queries": measured["queries"],
    }
    return result, measured["runs"]


# --- notmuch beside it ----------------------------------------------------------------------


def run_notmuch(
    side: notmuch_side.Notmuch, args: argparse.Namespace, omnidesk: dict[str, Any]
) -> dict[str, Any]:
    """notmuch over the same mail and the same queries; ``omnidesk`` maps each backend to
    its JSON line and timed runs, for the ratios."""
    latest = START

    def tracked(messages: Iterable[GenMessage]) -> Iterator[GenMessage]:
        nonlocal latest
        for m in messages:
            latest = max(latest, m.created_at)
            yield m

    mail = tracked(generate(args.messages + args.extra, seed=SEED))
    written = notmuch_side.write_maildir(side.maildir, itertools.islice(mail, args.messages))
    index_s = side.new()
    extra = notmuch_side.write_maildir(side.maildir, mail)
    extra_s = side.new() if extra else 0.0

    sample = list(generate(min(args.messages, 20000), seed=SEED))
    compared: dict[str, tuple[str, bool]] = {}
    skipped: dict[str, str] = {}
    for query in queries(sample):
        try:
            parsed = parse_query(query, now=latest, tz=ZoneInfo("UTC"))
            compared[query] = notmuch_side.translate(parsed)
        except notmuch_side.Untranslatable as exc:
            skipped[query] = str(exc)
    translated = [nm for nm, _ in compared.values()]

    python = side.bindings_python()
    bindings = side.time_bindings(python, translated, repeat=args.repeat) if python else None
    cli = side.time_cli(translated, repeat=args.repeat)
    start = side.start_costs(repeat=args.repeat)
    subtract = start["open_ms"]
    cli_net = {
        q: {"hits": f["hits"], "times": [max(0.0, t - subtract) for t in f["times"]]}
        for q, f in cli.items()
    }
    used = bindings if bindings is not None else cli_net
    source = "bindings" if bindings is not None else "cli_minus_open"

    per_query: dict[str, Any] = {}
    for query, (nm, approximate) in compared.items():
        figures: dict[str, Any] = {"notmuch_query": nm}
        if approximate:
            figures["approximate"] = True
        for backend, (line, _runs) in omnidesk.items():
            figures[f"{backend}_hits"] = line["queries"][query]["hits"]
        if bindings is not None:
            figures["hits"] = bindings[nm]["hits"]
            figures["median_ms"] = round(statistics.median(bindings[nm]["times"]), 2)
        else:
            figures["hits"] = cli[nm]["hits"]
        figures["cli_median_ms"] = round(statistics.median(cli[nm]["times"]), 2)
        per_query[query] = figures

    latency = _summary(used, translated)
    index_rate = written / index_s
    ratio: dict[str, Any] = {}
    for backend, (line, runs) in omnidesk.items():
        mine = _summary({q: {"times": runs[q]} for q in compared}, list(compared))
        ratio[backend] = {
            "index_rate": round(line["messages"] / line["index_build_s"] / index_rate, 2),
            "indexed_insert_rate": (
                round(line["indexed_insert_msgs_per_s"] / (extra / extra_s), 2)
                if extra and line["indexed_insert_msgs_per_s"]
                else None
            ),
            "omnidesk_median_ms": mine["median_ms"],
            "omnidesk_p95_ms": mine["p95_ms"],
            "median_latency": _ratio(mine["median_ms"], latency["median_ms"]),
            "p95_latency": _ratio(mine["p95_ms"], latency["p95_ms"]),
        }
    return {
        "benchmark": "search",
        "engine": "notmuch",
        "version": side.command("--version").stdout.strip(),
        "messages": written,
        "index_s": round(index_s, 2),
        "index_msgs_per_s": round(index_rate),
        "indexed_insert_msgs_per_s": round(extra / extra_s) if extra else None,
        "latency_source": source,
        "median_ms": latency["median_ms"],
        "p95_ms": latency["p95_ms"],
        "bindings": _summary(bindings, translated) if bindings is not None else None,
        "cli_raw": _summary(cli, translated),
        "cli_minus_open": _summary(cli_net, translated),
        "cli_start": start,
        "compared": len(compared),
        "skipped": skipped,
        # Words OmniDesk finds by folding diacritics and ß (muller, hauptstrasse): notmuch
        # answers these at once with nothing, which flatters its latency a little.
        "notmuch_finds_nothing": [
            q
            for q, f in per_query.items()
            if f["hits"] == 0 and any(f.get(f"{b}_hits") for b in omnidesk)
        ],
        "ratio": ratio,
        "queries": per_query,
    }


def _summary(figures: dict[str, Any], keys: list[str]) -> dict[str, float]:
    everything = [t for key in keys for t in figures[key]["times"]]
    return {
        "median_ms": round(statistics.median(everything), 2),
        "p95_ms": round(_p95(everything), 2),
    }


def _ratio(mine: float, theirs: float) -> float | None:
    return round(mine / theirs, 2) if theirs > 0 else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--extra", type=int, default=2000, help="messages added after indexing")
    parser.add_argument("--repeat", type=int, default=10, help="timed runs per query")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--pg-url", help="an empty PostgreSQL database to use")
    parser.add_argument(
        "--no-notmuch", action="store_true", help="skip notmuch (default: run it if installed)"
    )
    args = parser.parse_args()
    backends = [b for b in args.backends.split(",") if b]
    for backend in backends:
        if backend not in ("sqlite", "postgresql"):
            parser.error(f"unknown backend {backend!r}")
    with tempfile.TemporaryDirectory(prefix="omnidesk-bench-search-") as folder:
        side = None
        if not args.no_notmuch:
            side = notmuch_side.setup(Path(folder) / "Maildir")
            if side is None:
                print(f"bench_search: {notmuch_side.MISSING}", file=sys.stderr, flush=True)
        omnidesk: dict[str, tuple[dict[str, Any], dict[str, list[float]]]] = {}
        for backend in backends:
            if backend == "sqlite":
                with tempfile.TemporaryDirectory() as sub, sqlite_database(Path(sub)) as db:
                    omnidesk[backend] = run(db, args)
            else:
                with postgres_database(args.pg_url) as db:
                    omnidesk[backend] = run(db, args)
            print(json.dumps(omnidesk[backend][0], ensure_ascii=False), flush=True)
        if side is not None:
            line = run_notmuch(side, args, omnidesk)
            print(json.dumps(line, ensure_ascii=False), flush=True)
        elif not args.no_notmuch:
            line = {"benchmark": "search", "engine": "notmuch", "skipped": notmuch_side.MISSING}
            print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
