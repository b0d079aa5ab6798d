"""``omnidesk report``: promises kept, response and resolution times, per agent and week."""

import argparse
import dataclasses
from datetime import timedelta
from typing import Any

from omnidesk.cli.context import CliContext
from omnidesk.cli.output import print_json, print_table
from omnidesk.cli.registry import Commands
from omnidesk.config.timezone import local_zone
from omnidesk.core.figures import AgentFigures, Durations, Figures, TeamReport, WeekFigures
from omnidesk.services.agents import find_agent
from omnidesk.services.figures import last_weeks_report

_HEADERS = ("ON TIME", "LATE", "BROKEN", "CANCELLED", "1ST RESPONSE", "RESOLUTION", "CONTACTS")


def register(commands: Commands) -> None:
    report = commands.single(
        "report", _report, "figures: commitments kept, response and resolution times"
    )
    report.add_argument("--weeks", type=int, default=8, help="how many weeks back (default 8)")
    report.add_argument("--agent", help="only this agent's figures")
    report.add_argument("--json", action="store_true", help="machine-readable output")
    report.epilog = (
        "Times are median / 80th percentile; CONTACTS is customer messages per resolved case."
    )


def _report(args: argparse.Namespace, ctx: CliContext) -> int:
    zone = local_zone(ctx.settings)
    agent = find_agent(ctx.db, args.agent).name if args.agent else None
    report = last_weeks_report(ctx.db, args.weeks, tz=zone)
    chosen = _agent_figures(report, agent) if agent else None
    if args.json:
        chosen_only = {"since": report.since, "until": report.until, "agent": chosen}
        print_json(_in_seconds(chosen_only if chosen else report))
        return 0
    who = f"agent {agent}" if agent else "the team"
    print(
        f"{report.since.astimezone(zone):%Y-%m-%d} to {report.until.astimezone(zone):%Y-%m-%d}"
        f" ({len(report.weeks)} weeks), {who}"
    )
    weeks = chosen.weeks if chosen else report.weeks
    total = chosen.figures if chosen else report.team
    print_table(
        ("WEEK", *_HEADERS),
        [*(_row(w.week, w.figures) for w in weeks), _row("total", total)],
    )
    agents = (chosen,) if chosen else report.agents
    if agents:
        print()
        print_table(("AGENT", *_HEADERS), [_row(a.agent, a.figures) for a in agents])
    print()
    print("times: median / 80th percentile; contacts: customer messages per resolved case")
    return 0


def _in_seconds(value: Any) -> Any:
    """Durations as seconds for JSON; everything else as ``print_json`` writes it."""
    if isinstance(value, timedelta):
        return value.total_seconds()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _in_seconds(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {k: _in_seconds(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_in_seconds(v) for v in value]
    return value


def _agent_figures(report: TeamReport, name: str) -> AgentFigures:
    empty = tuple(WeekFigures(w.week, Figures()) for w in report.weeks)
    return report.agent(name) or AgentFigures(name, Figures(), empty)


def _row(label: str, figures: Figures) -> tuple[str, ...]:
    c = figures.commitments
    per_case = figures.contacts_per_resolution
    return (
        label,
        str(c.on_time),
        str(c.late),
        str(c.broken),
        str(c.cancelled),
        _durations(figures.first_response),
        _durations(figures.resolution),
        "-" if per_case is None else f"{per_case:.1f}",
    )


def _durations(durations: Durations) -> str:
    if durations.median is None or durations.p80 is None:
        return "-"
    return f"{duration(durations.median)} / {duration(durations.p80)}"


def duration(span: timedelta) -> str:
    """A duration in its two largest units: ``45m``, ``3h05m``, ``2d04h``."""
    minutes = int(span.total_seconds() // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days}d{hours:02d}h"
    if hours:
        return f"{hours}h{minutes:02d}m"
    return f"{minutes}m"
