"""``omnidesk customer show|merge|unmerge``: one person, however many records."""

import argparse

from omnidesk.cli.context import CliContext
from omnidesk.cli.output import print_json
from omnidesk.cli.registry import Commands
from omnidesk.core.entities import Agent, Customer
from omnidesk.services.agents import find_agent
from omnidesk.services.customers import find_customer, merge_customers, merges_of, undo_merge
from omnidesk.store.customers import display_name


def register(commands: Commands) -> None:
    customer = commands.noun("customer", "customers and their identities")
    show = customer.verb("show", _show, "a customer's identities and merges")
    show.add_argument("customer", help="an address of theirs, or the customer number")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    merge = customer.verb(
        "merge", _merge, "merge OTHER into KEEP: one person, one record (undoable)"
    )
    merge.add_argument("keep", help="the record that stays (address or number)")
    merge.add_argument("other", help="the record merged into it (address or number)")
    merge.add_argument("--agent", help="who merges (default: the agent of the settings file)")
    unmerge = customer.verb("unmerge", _unmerge, "undo a merge (its number: see customer show)")
    unmerge.add_argument("merge_id", type=int)
    unmerge.add_argument("--agent", help="who undoes it")


def _describe(customer: Customer) -> str:
    addresses = ", ".join(i.value for i in customer.identities) or "no identities"
    return f"customer {customer.id} {display_name(customer)} ({addresses})"


def _show(args: argparse.Namespace, ctx: CliContext) -> int:
    customer = find_customer(ctx.db, args.customer)
    merges = merges_of(ctx.db, customer)
    if args.json:
        print_json({"customer": customer, "merges": merges})
        return 0
    print(_describe(customer))
    for m in merges:
        state = "undone" if m.undone else "active"
        print(f"  merge {m.id}: customer {m.merged} into {m.kept} ({state})")
    return 0


def _merge(args: argparse.Namespace, ctx: CliContext) -> int:
    keep, other = find_customer(ctx.db, args.keep), find_customer(ctx.db, args.other)
    outcome = merge_customers(ctx.db, keep, other, actor=_actor(args, ctx))
    print(f"merged into {_describe(outcome.kept)}")
    print(f"undo with: omnidesk customer unmerge {outcome.merge_id}")
    return 0


def _actor(args: argparse.Namespace, ctx: CliContext) -> Agent | None:
    name = args.agent or ctx.settings.agent
    return find_agent(ctx.db, name) if name else None


def _unmerge(args: argparse.Namespace, ctx: CliContext) -> int:
    record = undo_merge(ctx.db, args.merge_id, actor=_actor(args, ctx))
    print(
        f"merge {record.id} undone: customer {record.merged} is separate from {record.kept} again"
    )
    return 0
