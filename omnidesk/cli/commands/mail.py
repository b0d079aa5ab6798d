"""``omnidesk mail inspect FILE``: what OmniDesk reads from one raw message (no database)."""

import argparse
import sys
from pathlib import Path

from omnidesk.channels.email.filenames import unique_filenames
from omnidesk.channels.email.inspect import format_report, report
from omnidesk.channels.email.model import ParsedAttachment
from omnidesk.channels.email.parse import parse_email
from omnidesk.cli.commands import mail_jobs
from omnidesk.cli.context import CliContext
from omnidesk.cli.output import print_json
from omnidesk.cli.registry import Commands, Noun
from omnidesk.core.errors import InvalidInput, NotFound


def register(commands: Commands) -> None:
    mail = commands.noun("mail", "email: inspect messages, fetch, deliver, check mailboxes")
    add_verbs(mail)
    mail_jobs.add_verbs(mail)


def add_verbs(mail: Noun) -> None:
    """The verbs of this module, for a ``mail`` noun that other modules share."""
    inspect = mail.verb(
        "inspect", _inspect, "print what OmniDesk extracts from one raw message (.eml)"
    )
    inspect.add_argument("file", metavar="FILE", help="a raw RFC 5322 message; - reads stdin")
    inspect.add_argument("--json", action="store_true", help="machine-readable output")
    inspect.add_argument(
        "--attachments-to",
        metavar="DIR",
        help="write the decoded attachments into DIR (created if missing)",
    )


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise NotFound(f"no such file: {path}") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} is a folder, not a message file") from None
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror or exc}") from None


def _save(attachments: tuple[ParsedAttachment, ...], folder: str) -> list[str]:
    """Write each attachment under a unique safe name; never overwrite existing files."""
    target = Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
        existing = [p.name for p in target.iterdir()]
    except OSError as exc:
        raise InvalidInput(f"cannot use {target} for attachments: {exc.strerror or exc}") from None
    names = unique_filenames((a.filename for a in attachments), taken=existing)
    written = []
    for attachment, name in zip(attachments, names, strict=True):
        path = target / name
        try:
            with path.open("xb") as file:
                file.write(attachment.data)
        except OSError as exc:
            raise InvalidInput(f"cannot write {path}: {exc.strerror or exc}") from None
        written.append(str(path))
    return written


def _inspect(args: argparse.Namespace, ctx: CliContext) -> int:
    parsed = parse_email(_read(args.file))
    saved = _save(parsed.attachments, args.attachments_to) if args.attachments_to else None
    if args.json:
        print_json(report(parsed, saved_as=saved))
    else:
        print(format_report(parsed, saved_as=saved))
    return 0
