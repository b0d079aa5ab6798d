"""``omnidesk db upgrade|status``: the database schema."""

import argparse

from omnidesk.cli.context import CliContext
from omnidesk.cli.registry import Commands
from omnidesk.store.migrate import current_revision, head_revision, upgrade


def register(commands: Commands) -> None:
    db = commands.noun("db", "the database schema")
    db.verb("upgrade", _upgrade, "apply pending migrations (also done at every start)")
    db.verb("status", _status, "show the schema revision of the database")


def _upgrade(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.migrate = False
    before = current_revision(ctx.db)
    upgrade(ctx.db)
    after = current_revision(ctx.db)
    if before == after:
        print(f"{ctx.db.display_url}: schema is current ({after})")
    else:
        print(f"{ctx.db.display_url}: upgraded {before or 'empty'} -> {after}")
    return 0


def _status(args: argparse.Namespace, ctx: CliContext) -> int:
    ctx.migrate = False
    current = current_revision(ctx.db)
    head = head_revision()
    state = "current" if current == head else f"behind (head is {head}; run 'omnidesk db upgrade')"
    print(f"{ctx.db.display_url}: revision {current or 'none'}, {state}")
    return 0
