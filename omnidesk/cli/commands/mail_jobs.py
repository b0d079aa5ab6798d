"""``omnidesk mail fetch|status|send|password``: the mail accounts' jobs, run by hand."""

import argparse
import getpass
import sys
import time

from omnidesk.channels.email.accounts_runtime import deliver_outbox, fetch_once, reconcile
from omnidesk.cli.context import CliContext
from omnidesk.cli.output import print_json
from omnidesk.cli.registry import Noun
from omnidesk.config.mail_accounts import find_mail_account, smtp_account
from omnidesk.config.secrets import SecretStore
from omnidesk.core.errors import ConfigError, InvalidInput


def add_verbs(mail: Noun) -> None:
    fetch = mail.verb("fetch", _fetch, "import new mail from the configured IMAP accounts")
    fetch.add_argument("--once", action="store_true", help="one pass, then exit")
    fetch.add_argument("--account", help="only this account (default: all)")
    fetch.add_argument(
        "--interval",
        type=float,
        default=60.0,
        help="without --once: seconds between passes (default 60)",
    )
    fetch.add_argument("--json", action="store_true", help="machine-readable output")

    status = mail.verb(
        "status",
        _status,
        "compare each folder on the server with what was imported, and list anything missing",
    )
    status.add_argument("--account", help="only this account (default: all)")
    status.add_argument("--json", action="store_true", help="machine-readable output")

    send = mail.verb("send", _send, "deliver the replies waiting in the outbox")
    send.add_argument("--json", action="store_true", help="machine-readable output")

    password = mail.verb(
        "password",
        _password,
        "store a mail account's password in the system keyring ('smtp' for the outgoing server)",
    )
    password.add_argument("account", help="account name, or 'smtp'")
    password.add_argument(
        "--stdin",
        action="store_true",
        help="read the password from standard input instead of prompting",
    )


def _fetch(args: argparse.Namespace, ctx: CliContext) -> int:
    accounts = find_mail_account(ctx.settings, args.account)
    secrets = SecretStore()
    while True:
        reports = [fetch_once(ctx.db, ctx.settings, secrets, a) for a in accounts]
        if args.json:
            print_json(reports)
        else:
            for report in reports:
                for folder in report.folders:
                    outcome = (
                        ", ".join(
                            f"{n} {k.replace('_', ' ')}" for k, n in sorted(folder.outcomes.items())
                        )
                        or "nothing new"
                    )
                    print(
                        f"{report.account}/{folder.folder}: {folder.received} received; "
                        f"stored: {outcome}"
                    )
                    for warning in folder.warnings:
                        print(f"  warning: {warning}")
        held = [summary for r in reports if (summary := r.held_summary())]
        for summary in held:
            print(f"error: {summary}", file=sys.stderr)
        if args.once:
            return 1 if held else 0
        time.sleep(max(args.interval, 5.0))


def _status(args: argparse.Namespace, ctx: CliContext) -> int:
    secrets = SecretStore()
    result = {
        a.name: reconcile(ctx.db, secrets, a) for a in find_mail_account(ctx.settings, args.account)
    }
    if args.json:
        print_json(result)
    else:
        for name, folders in result.items():
            for f in folders:
                missing = ", ".join(map(str, f.missing[:20])) or "none"
                print(
                    f"{name}/{f.folder}: {f.on_server} on the server, {f.imported} imported, "
                    f"{len(f.waiting)} received and waiting to be stored, "
                    f"{f.pending} waiting for the next fetch; missing UIDs: {missing}"
                )
                for held in f.waiting:
                    if held.last_error:
                        print(
                            f"  UID {held.uid}: not stored after {held.attempts} attempt(s): "
                            f"{held.last_error}"
                        )
    gaps = any(f.missing for folders in result.values() for f in folders)
    return 1 if gaps else 0


def _send(args: argparse.Namespace, ctx: CliContext) -> int:
    smtp = smtp_account(ctx.settings)
    if smtp is None:
        raise ConfigError(
            "no outgoing mail server is configured: add a [mail.smtp] section to the settings file"
        )
    report = deliver_outbox(ctx.db, SecretStore(), smtp)
    if args.json:
        print_json(report)
    else:
        print(f"sent {report.sent}, retrying later {report.retrying}, failed {report.failed}")
        for error in report.errors:
            print(f"  {error}")
    return 0 if report.failed == 0 else 1


def _password(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.account == "smtp":
        smtp = smtp_account(ctx.settings)
        if smtp is None:
            raise ConfigError("no [mail.smtp] section in the settings file")
        key = smtp.secret_key
    else:
        (account,) = find_mail_account(ctx.settings, args.account)
        key = account.secret_key
    if args.stdin or not sys.stdin.isatty():
        secret = sys.stdin.readline().rstrip("\r\n")
    else:
        secret = getpass.getpass(f"password for {args.account}: ")
    if not secret:
        raise InvalidInput("the password is empty; nothing was stored")
    store = SecretStore()
    store.set(key, secret)
    print(f"stored the password for {args.account} in {store.backend_name()}")
    return 0
