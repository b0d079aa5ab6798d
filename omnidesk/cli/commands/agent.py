"""``omnidesk agent add|list``: the team."""

import argparse

from omnidesk.cli.context import CliContext
from omnidesk.cli.output import print_json, print_table
from omnidesk.cli.registry import Commands
from omnidesk.services.agents import add_agent, list_agents


def register(commands: Commands) -> None:
    agent = commands.noun("agent", "the agents of the team")
    add = agent.verb("add", _add, "add an agent")
    add.add_argument("name", help="short login-like name, e.g. anna")
    add.add_argument("--email", required=True, help="the agent's email address")
    add.add_argument("--display-name", default="", help="full name shown to customers")
    listing = agent.verb("list", _list, "list the agents")
    listing.add_argument("--json", action="store_true", help="machine-readable output")


def _add(args: argparse.Namespace, ctx: CliContext) -> int:
    agent = add_agent(ctx.db, name=args.name, email=args.email, display_name=args.display_name)
    print(f"added agent {agent.name} <{agent.email}>")
    return 0


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    agents = list_agents(ctx.db)
    if args.json:
        print_json(agents)
        return 0
    print_table(
        ("NAME", "DISPLAY NAME", "EMAIL", "ACTIVE"),
        [(a.name, a.display_name, a.email, "yes" if a.active else "no") for a in agents],
    )
    return 0
