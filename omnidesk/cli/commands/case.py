"""``omnidesk case list|show|claim|handover|reply|note|status|resolve``."""

import argparse
from dataclasses import replace

from omnidesk.cli.context import CliContext
from omnidesk.cli.output import ago, print_json, print_table, shorten
from omnidesk.cli.registry import Commands
from omnidesk.core.case_numbers import parse_case_ref
from omnidesk.core.enums import CaseStatus, ReplyMode
from omnidesk.core.ids import MessageId
from omnidesk.core.lifecycle import parse_status
from omnidesk.core.mail_ids import domain_of
from omnidesk.core.views import CaseFilter, CaseSort, View, filter_for_view
from omnidesk.services import cases, corrections, resolution
from omnidesk.services.acknowledge import ack_settings
from omnidesk.services.agents import find_agent


def register(commands: Commands) -> None:
    case = commands.noun("case", "list, show and work on cases")

    listing = case.verb("list", _list, "list cases, newest activity first")
    listing.add_argument(
        "--status",
        action="append",
        default=[],
        help="only this status (repeatable, or comma-separated): "
        "new, open, waiting_on_customer, resolved",
    )
    listing.add_argument("--owner", help="only cases of this agent; 'none' for unassigned")
    listing.add_argument("--view", choices=[v.value for v in View], help="a sidebar view")
    listing.add_argument("--agent", help="who 'mine' means for --view mine")
    listing.add_argument("--sort", choices=[s.value for s in CaseSort], default=None)
    listing.add_argument("--limit", type=int, default=50)
    listing.add_argument("--offset", type=int, default=0)
    listing.add_argument("--json", action="store_true", help="machine-readable output")

    show = case.verb("show", _show, "show a case with its messages, commitments and event log")
    show.add_argument("number", help="case number, e.g. 1042 or #1042")
    show.add_argument("--json", action="store_true", help="machine-readable output")

    claim = case.verb(
        "claim", _claim, "take ownership of an unowned case (exit 3 if another agent owns it)"
    )
    claim.add_argument("number")
    claim.add_argument("--agent", help="the claiming agent (default: 'agent' in settings)")

    handover = case.verb("handover", _handover, "hand a case to another agent, with a reason")
    handover.add_argument("number")
    handover.add_argument("--to", required=True, help="the new owner")
    handover.add_argument("--reason", required=True, help="why it changes hands (logged)")
    handover.add_argument("--agent", help="who hands over (default: the current owner)")

    for verb, handler, text in (
        ("reply", _reply, "reply to the customer (queued for delivery)"),
        ("note", _note, "add an internal note the customer never sees"),
    ):
        parser = case.verb(verb, handler, text)
        parser.add_argument("number")
        parser.add_argument("--text", required=True)
        parser.add_argument("--agent", help="the writing agent (default: 'agent' in settings)")
        if verb == "reply":
            parser.add_argument(
                "--on-behalf",
                action="store_true",
                help="reply for the owner without taking the case",
            )

    status = case.verb("status", _status, "change the status of a case")
    status.add_argument("number")
    status.add_argument("status", help="open, waiting_on_customer or resolved")
    status.add_argument("--agent")

    resolve = case.verb("resolve", _resolve, "resolve a case (refused while commitments are open)")
    resolve.add_argument("number")
    resolve.add_argument("--agent")
    resolve.add_argument(
        "--ask",
        action="store_true",
        help="email the customer 'Did this solve your problem?' with yes/no links "
        "(needs [gateway] public_url)",
    )

    move = case.verb(
        "move-message", _move_message, "move a customer's message to another case (logged on both)"
    )
    move.add_argument("message", type=int, help="message id (see 'case show N --json')")
    move.add_argument("--to", required=True, help="the case it belongs to")
    move.add_argument("--reason", required=True)
    move.add_argument("--agent")

    split = case.verb("split", _split, "start a new case from a message threaded wrongly")
    split.add_argument("message", type=int, help="message id (see 'case show N --json')")
    split.add_argument("--reason", required=True)
    split.add_argument("--agent")


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    statuses = [parse_status(part) for text in args.status for part in text.split(",") if part]
    if args.view:
        me = ctx.acting_agent(args.agent).id if args.view == View.MINE.value else None
        case_filter = filter_for_view(View(args.view), me=me)
    else:
        case_filter = CaseFilter()
    if statuses:
        case_filter = replace(case_filter, statuses=frozenset(statuses))
    if args.owner:
        if args.owner.lower() == "none":
            case_filter = replace(case_filter, unassigned=True)
        else:
            case_filter = replace(case_filter, owner_id=find_agent(ctx.db, args.owner).id)
    if args.sort:
        case_filter = replace(case_filter, sort=CaseSort(args.sort))
    found = cases.list_cases(
        ctx.db, case_filter, offset=max(args.offset, 0), limit=max(min(args.limit, 10_000), 1)
    )
    if args.json:
        print_json(found)
        return 0
    print_table(
        ("CASE", "STATUS", "OWNER", "CUSTOMER", "WAITING", "SUBJECT"),
        [
            (
                f"#{c.number}",
                c.status.value,
                c.owner or "-",
                shorten(c.customer, 24),
                ago(c.waiting_since),
                shorten(c.subject, 50),
            )
            for c in found
        ],
    )
    return 0


def _show(args: argparse.Namespace, ctx: CliContext) -> int:
    detail = cases.case_detail(ctx.db, parse_case_ref(args.number))
    if args.json:
        print_json(detail)
        return 0
    case = detail.case
    print(f"#{case.number}  {case.subject}")
    print(
        f"  status {case.status.value}, priority {case.priority.value}, "
        f"owner {detail.owner.name if detail.owner else '(unassigned)'}"
    )
    identities = ", ".join(i.value for i in detail.customer.identities)
    print(f"  customer {detail.customer.name or '-'} ({identities})")
    for message in detail.messages:
        arrow = {"in": "<-", "out": "->", "internal": "::"}[message.direction.value]
        print(
            f"\n{arrow} {message.created_at:%Y-%m-%d %H:%M} {message.channel.value} "
            f"{message.author}"
        )
        for line in message.body_text.strip().splitlines()[:20]:
            print(f"   {line}")
    if detail.commitments:
        print("\ncommitments:")
        for c in detail.commitments:
            print(
                f"  [{c.id}] {c.kind.value} due {c.due_at:%Y-%m-%d %H:%M} UTC: {c.state.value}"
                f"{' - ' + c.note if c.note else ''}"
            )
    print("\nevents:")
    for e in detail.events:
        change = f" {e.from_value or ''} -> {e.to_value}" if e.to_value else ""
        why = f" ({e.reason})" if e.reason else ""
        print(f"  {e.at:%Y-%m-%d %H:%M} {e.actor or 'system'} {e.kind.value}{change}{why}")
    return 0


def _claim(args: argparse.Namespace, ctx: CliContext) -> int:
    number = parse_case_ref(args.number)
    agent = ctx.acting_agent(args.agent)
    settings = ctx.settings
    outcome = cases.claim_case(
        ctx.db,
        number,
        agent,
        tell_customer=ack_settings(settings) if settings.tell_customer_owner else None,
    )
    if outcome.already_owner:
        print(f"case #{number} is already yours, {agent.name}")
    else:
        print(f"case #{number} is now owned by {agent.name}")
    return 0


def _handover(args: argparse.Namespace, ctx: CliContext) -> int:
    number = parse_case_ref(args.number)
    to = find_agent(ctx.db, args.to)
    if args.agent or ctx.settings.agent:
        actor = ctx.acting_agent(args.agent)
    else:
        detail = cases.case_detail(ctx.db, number)
        actor = detail.owner or to
    cases.handover_case(ctx.db, number, actor=actor, to=to, reason=args.reason)
    print(f"case #{number} is now owned by {to.name}")
    return 0


def _reply(args: argparse.Namespace, ctx: CliContext) -> int:
    number = parse_case_ref(args.number)
    agent = ctx.acting_agent(args.agent)
    mode = ReplyMode.ON_BEHALF if args.on_behalf else ReplyMode.REPLY
    cases.write_on_case(
        ctx.db,
        number,
        agent=agent,
        text=args.text,
        mode=mode,
        mail_domain=domain_of(ctx.settings.team_address),
    )
    print(f"reply to case #{number} queued for delivery")
    return 0


def _note(args: argparse.Namespace, ctx: CliContext) -> int:
    number = parse_case_ref(args.number)
    agent = ctx.acting_agent(args.agent)
    cases.write_on_case(ctx.db, number, agent=agent, text=args.text, mode=ReplyMode.NOTE)
    print(f"note added to case #{number}")
    return 0


def _status(args: argparse.Namespace, ctx: CliContext) -> int:
    number = parse_case_ref(args.number)
    status = parse_status(args.status)
    cases.change_status(ctx.db, number, agent=ctx.acting_agent(args.agent), status=status)
    print(f"case #{number} is now {status.value}")
    return 0


def _resolve(args: argparse.Namespace, ctx: CliContext) -> int:
    number = parse_case_ref(args.number)
    agent = ctx.acting_agent(args.agent)
    if args.ask:
        settings = resolution.ask_settings(ctx.settings)
        asked = resolution.resolve_and_ask(ctx.db, number, agent=agent, settings=settings)
        print(f"case #{number} is resolved; {asked.recipient} is asked whether that solved it")
        return 0
    cases.change_status(ctx.db, number, agent=agent, status=CaseStatus.RESOLVED)
    print(f"case #{number} is resolved")
    return 0


def _move_message(args: argparse.Namespace, ctx: CliContext) -> int:
    target = parse_case_ref(args.to)
    corrections.move_message(
        ctx.db,
        MessageId(args.message),
        to=target,
        actor=ctx.acting_agent(args.agent),
        reason=args.reason,
    )
    print(f"message {args.message} moved to case #{target}")
    return 0


def _split(args: argparse.Namespace, ctx: CliContext) -> int:
    number = corrections.split_message(
        ctx.db, MessageId(args.message), actor=ctx.acting_agent(args.agent), reason=args.reason
    )
    print(f"message {args.message} now starts case #{number}")
    return 0
