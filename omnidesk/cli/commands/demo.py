"""``omnidesk demo``: fill a database with deterministic demo data."""

import argparse

from omnidesk.cli.context import CliContext
from omnidesk.cli.registry import Commands
from omnidesk.services.demo import fill_demo


def register(commands: Commands) -> None:
    demo = commands.single(
        "demo", _demo, "add a demo team and realistic cases (German and English, every channel)"
    )
    demo.add_argument("--cases", type=int, default=60, help="how many cases (default 60)")
    demo.add_argument("--seed", type=int, default=1042, help="another seed, other data")


def _demo(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.cases < 0:
        print("omnidesk: --cases cannot be negative")
        return 2
    summary = fill_demo(ctx.db, cases_wanted=args.cases, seed=args.seed)
    print(
        f"demo data in {ctx.db.display_url}: {summary.agents} agents, {summary.cases} cases, "
        f"{summary.messages} messages, {summary.commitments} open commitments "
        f"({summary.overdue} overdue)"
    )
    print("agents: anna, ben, chloe (try: omnidesk case list --view unassigned)")
    return 0
