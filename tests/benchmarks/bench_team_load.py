"""Team load benchmark: agents, chat visitors and inbound mail on one PostgreSQL at once.

    .venv/bin/python -m tests.benchmarks.bench_team_load [--seconds 60] [--agents 20]
        [--visitors 50] [--mails-per-minute 1000] [--seed 1042] [--think 1.0] [--drain 120]

One process starts a throwaway PostgreSQL, a private Dovecot and an aiosmtpd sink, migrates
a fresh database, adds the agents and runs the gateway (web chat, the IMAP worker for one
account and the SMTP outbox, short pacing) in its own asyncio loop. For ``--seconds`` then:

* an appender APPENDs ``--mails-per-minute`` generated customer mails (``gen_mail``, the
  same for a seed, unique Message-IDs) into the account's INBOX;
* ``--visitors`` chat visitors write every 2-4 s over the gateway's WebSocket;
* ``--agents`` agents, each with its own ``Database`` and database thread like separate
  desktops, repeat after a pause of ``--think`` s on average: search, claim one of the ten
  longest-waiting unassigned cases (``OwnedByOther`` is a collision, counted apart), reply
  on it (or, with none left, on one of their own cases; chats first now and then). Email
  replies go into the outbox, chat replies to the visitor's socket.

Afterwards it waits (at most ``--drain`` s) for ingestion and the outbox, then audits:
every appended Message-ID stored exactly once, every outbox row sent and received by the
SMTP sink exactly once (by Message-ID, nothing else received), every agent email reply in
the outbox, every visitor line stored once and every chat reply delivered once. One JSON
line on stdout; the exit status is 1 when the audit fails.

Latencies (ms, p50/p95): ``claim``, ``reply`` (``write_on_case``), ``search``, ``list``
(the unassigned view), ``chat_visitor_to_agent`` (visitor's send until one desktop's change
feed reports the stored message), ``chat_agent_to_visitor`` (agent starts writing until the
visitor's socket has it), ``chat_visitor_ack``, ``mail_append_to_agent`` (Dovecot confirmed
the APPEND until the desktop's feed reports the stored mail). Everything — servers, gateway,
load and measuring — shares this machine's cores and one Python process (one GIL), so the
figures are upper bounds of what a dedicated gateway would see.
"""

import argparse
import asyncio
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.team_load import LoadOptions, Servers, run_load
from tests.servers.dovecot import start_dovecot
from tests.servers.postgres import start_postgres
from tests.servers.smtp import SmtpServer


def parse(argv: list[str] | None = None) -> LoadOptions:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--agents", type=int, default=20)
    parser.add_argument("--visitors", type=int, default=50)
    parser.add_argument("--mails-per-minute", type=float, default=1000.0)
    parser.add_argument("--seed", type=int, default=1042)
    parser.add_argument("--think", type=float, default=1.0, help="mean agent pause, seconds")
    parser.add_argument("--drain", type=float, default=120.0, help="longest wait afterwards")
    args = parser.parse_args(argv)
    return LoadOptions(
        seconds=args.seconds,
        agents=args.agents,
        visitors=args.visitors,
        mails_per_minute=args.mails_per_minute,
        seed=args.seed,
        think_seconds=args.think,
        drain_seconds=args.drain,
    )


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    postgres = start_postgres()
    dovecot = None
    smtp = SmtpServer()
    try:
        dovecot = start_dovecot()
        smtp.start()
        servers = Servers(
            db_url=postgres.url(postgres.create_database("team_load")),
            imap=dovecot.new_account("load"),
            smtp=smtp,
        )
        result = asyncio.run(run_load(servers, options))
    finally:
        smtp.stop()
        if dovecot is not None:
            dovecot.close()
        postgres.close()
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["audit"]["passed"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
