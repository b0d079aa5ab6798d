"""``omnidesk commitment add|list|done|cancel``: promises to customers, kept."""

import argparse
from datetime import UTC, datetime

from omnidesk.cli.context import CliContext
from omnidesk.cli.output import print_json, print_table, shorten
from omnidesk.cli.registry import Commands
from omnidesk.config.timezone import local_zone
from omnidesk.core.case_numbers import parse_case_ref
from omnidesk.core.due import parse_due
from omnidesk.core.enums import CommitmentKind
from omnidesk.core.errors import InvalidInput
from omnidesk.core.ids import CommitmentId
from omnidesk.core.mail_ids import domain_of
from omnidesk.services import commitments
from omnidesk.services.agents import find_agent

_KINDS = {
    "callback": CommitmentKind.CALLBACK,
    "call-back": CommitmentKind.CALLBACK,
    "follow-up": CommitmentKind.FOLLOW_UP,
    "follow_up": CommitmentKind.FOLLOW_UP,
    "send": CommitmentKind.SEND,
    "reply": CommitmentKind.REPLY,
    "answer-by": CommitmentKind.REPLY,
}
OUTCOMES = ("reached", "no_answer", "voicemail", "sent", "done")


def register(commands: Commands) -> None:
    noun = commands.noun("commitment", "promises with a due time and an owner")
    add = noun.verb("add", _add, "record a promise on a case")
    add.add_argument("number", help="case number")
    add.add_argument("--kind", default="callback", choices=sorted(_KINDS))
    add.add_argument(
        "--due",
        required=True,
        help="when: 'tomorrow 10:00', 'today 16:00', 'in 2h', 'Freitag', '2026-12-01 10:30'",
    )
    add.add_argument("--note", default="", help="what was promised, in the customer's words")
    add.add_argument(
        "--tell-customer",
        default="",
        metavar="TEXT",
        help="the promise in your words, sent to the customer as a reply (optional)",
    )
    add.add_argument("--owner", help="who keeps it (default: the case owner)")
    add.add_argument("--agent", help="who records it (default: 'agent' in settings)")

    listing = noun.verb("list", _list, "open commitments, earliest due first")
    listing.add_argument("--overdue", action="store_true", help="only those past due")
    listing.add_argument("--owner", help="only this agent's")
    listing.add_argument("--json", action="store_true", help="machine-readable output")

    done = noun.verb("done", _done, "mark a commitment kept")
    done.add_argument("id", type=int)
    done.add_argument("--outcome", choices=OUTCOMES, help="for call-backs: how the call went")
    done.add_argument("--agent")

    cancel = noun.verb("cancel", _cancel, "cancel a commitment; the reason is logged")
    cancel.add_argument("id", type=int)
    cancel.add_argument("--reason", required=True)
    cancel.add_argument("--agent")


def _add(args: argparse.Namespace, ctx: CliContext) -> int:
    number = parse_case_ref(args.number)
    zone = local_zone(ctx.settings)
    due = parse_due(args.due, now=datetime.now(UTC), tz=zone)
    actor = ctx.acting_agent(args.agent)
    owner = find_agent(ctx.db, args.owner) if args.owner else None
    created = commitments.add_commitment(
        ctx.db,
        number,
        actor=actor,
        kind=_KINDS[args.kind],
        due_at=due,
        note=args.note,
        owner=owner,
        customer_text=args.tell_customer,
        mail_domain=domain_of(ctx.settings.team_address),
    )
    print(
        f"commitment {created.id} on case #{number}: {created.kind.value} due "
        f"{created.due_at.astimezone(zone):%a %Y-%m-%d %H:%M %Z}"
    )
    return 0


def _list(args: argparse.Namespace, ctx: CliContext) -> int:
    owner = find_agent(ctx.db, args.owner) if args.owner else None
    found = commitments.list_open_commitments(ctx.db, owner=owner, overdue_only=args.overdue)
    if args.json:
        print_json(found)
        return 0
    zone = local_zone(ctx.settings)
    print_table(
        ("ID", "CASE", "KIND", "DUE", "OWNER", "NOTE"),
        [
            (
                str(v.commitment.id),
                f"#{v.case_number}",
                v.commitment.kind.value,
                f"{v.commitment.due_at.astimezone(zone):%Y-%m-%d %H:%M}"
                + (" OVERDUE" if v.overdue else ""),
                v.owner,
                shorten(v.commitment.note or v.subject, 40),
            )
            for v in found
        ],
    )
    return 0


def _done(args: argparse.Namespace, ctx: CliContext) -> int:
    kept = commitments.complete_commitment(
        ctx.db, CommitmentId(args.id), actor=ctx.acting_agent(args.agent), outcome=args.outcome
    )
    print(f"commitment {kept.id} kept" + (f" ({kept.outcome})" if kept.outcome else ""))
    if args.outcome == "no_answer":
        print("nobody answered: add the next attempt with 'omnidesk commitment add'")
    return 0


def _cancel(args: argparse.Namespace, ctx: CliContext) -> int:
    if not args.reason.strip():
        raise InvalidInput("cancelling a commitment needs a reason")
    cancelled = commitments.cancel_commitment(
        ctx.db, CommitmentId(args.id), actor=ctx.acting_agent(args.agent), reason=args.reason
    )
    print(f"commitment {cancelled.id} cancelled: {cancelled.cancel_reason}")
    return 0
