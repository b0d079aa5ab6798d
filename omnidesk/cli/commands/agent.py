"""``omnidesk agent add|list|away|back``: the team, and who covers for whom."""

import argparse

from omnidesk.cli.context import CliContext
from omnidesk.cli.output import print_json, print_table
from omnidesk.cli.registry import Commands
from omnidesk.core.entities import Agent
from omnidesk.core.ids import AgentId
from omnidesk.services.agents import add_agent, come_back, find_agent, go_away, list_agents


def register(commands: Commands) -> None:
    agent = commands.noun("agent", "the agents of the team")
    add = agent.verb("add", _add, "add an agent")
    add.add_argument("name", help="short login-like name, e.g. anna")
    add.add_argument("--email", required=True, help="the agent's email address")
    add.add_argument("--display-name", default="", help="full name shown to customers")
    listing = agent.verb("list", _list, "list the agents")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    away = agent.verb(
        "away", _away, "mark an agent away; the deputy covers their cases and commitments"
    )
    away.add_argument("name", help="the agent who is away")
    away.add_argument("--deputy", help="the colleague who covers (without: the whole team)")
    away.add_argument("--note", default="", help="e.g. 'on holiday until 3 March'")
    back = agent.verb("back", _back, "mark an agent back at work")
    back.add_argument("name")


def _add(args: argparse.Namespace, ctx: CliContext) -> int:
    agent = add_agent(ctx.db, name=args.name, email=args.email, display_name=args.display_name)
    print(f"added agent {agent.name} <{agent.email}>")
    return 0


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    agents = list_agents(ctx.db)
    if args.json:
        print_json(agents)
        return 0
    names = {a.id: a.name for a in agents}
    print_table(
        ("NAME", "DISPLAY NAME", "EMAIL", "ACTIVE", "AWAY"),
        [
            (a.name, a.display_name, a.email, "yes" if a.active else "no", _away_text(a, names))
            for a in agents
        ],
    )
    return 0


def _away_text(agent: Agent, names: dict[AgentId, str]) -> str:
    if agent.away_since is None:
        return ""
    deputy = names.get(agent.deputy_id) if agent.deputy_id is not None else None
    text = f"yes, {deputy} covers" if deputy else "yes, the team covers"
    return f"{text} ({agent.away_note})" if agent.away_note else text


def _away(args: argparse.Namespace, ctx: CliContext) -> int:
    agent = find_agent(ctx.db, args.name)
    deputy = find_agent(ctx.db, args.deputy) if args.deputy else None
    go_away(ctx.db, agent, deputy=deputy, note=args.note)
    who = deputy.name if deputy else "the team"
    print(f"{agent.name} is away; {who} covers their cases and commitments")
    return 0


def _back(args: argparse.Namespace, ctx: CliContext) -> int:
    agent = come_back(ctx.db, find_agent(ctx.db, args.name))
    print(f"{agent.name} is back")
    return 0
