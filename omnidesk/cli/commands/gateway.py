"""``omnidesk gateway``: the web form, live chat and mail workers, headless (no Qt).

Logs are JSON lines on stderr; SIGTERM or Ctrl-C shut it down gracefully (open chats
are told to reconnect, running requests and database writes finish first).
"""

import argparse
import asyncio
import contextlib
import functools
import signal
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from omnidesk.cli.context import CliContext
from omnidesk.cli.registry import Commands

if TYPE_CHECKING:
    from omnidesk.gateway.server import Gateway


def register(commands: Commands) -> None:
    parser = commands.single(
        "gateway",
        _gateway,
        "run the web form, live chat and mail workers (headless; JSON logs on stderr)",
    )
    parser.add_argument(
        "--http",
        metavar="HOST:PORT",
        help="where the form and chat listen (default: [gateway] http, else 127.0.0.1:8780)",
    )


def _gateway(args: argparse.Namespace, ctx: CliContext) -> int:
    # Imported here: every command (and the desktop's start) builds this parser, and
    # aiohttp, the mail workers and keyring take a good part of a second to import.
    from omnidesk.channels.email.workers import MailWorkers, run_mail_workers
    from omnidesk.config.mail_accounts import mail_accounts, smtp_account
    from omnidesk.config.secrets import SecretStore
    from omnidesk.gateway.config import gateway_config
    from omnidesk.gateway.logs import log_json_to_stderr
    from omnidesk.gateway.server import Gateway, Worker

    log_json_to_stderr(verbose=bool(getattr(args, "verbose", False)))
    config = gateway_config(ctx.settings, http=args.http)
    db = ctx.db
    workers: list[Worker] = []
    statuses = MailWorkers()
    if mail_accounts(ctx.settings) or smtp_account(ctx.settings) is not None:
        workers.append(
            functools.partial(run_mail_workers, db, ctx.settings, SecretStore(), workers=statuses)
        )

    def mail_status() -> Mapping[str, Any]:
        return {
            name: {"state": s.state, "last_error": s.last_error, "passes": s.passes}
            for name, s in statuses.statuses.items()
        }

    gateway = Gateway(db, ctx.settings, config=config, workers=workers, mail_status=mail_status)
    return asyncio.run(_run(gateway))


async def _run(gateway: "Gateway") -> int:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows: Ctrl-C still works
            loop.add_signal_handler(sig, stop.set)
    await gateway.start()
    print(
        f"OmniDesk gateway on {gateway.url}: contact form {gateway.url}/form, "
        f"chat {gateway.url}/chat, health {gateway.url}/health",
        flush=True,
    )
    try:
        await stop.wait()
    finally:
        await gateway.stop()
    return 0
