"""Entry point of the ``omnidesk`` command.

With no command it starts the desktop app; the GUI is imported only then, so every
other command runs without PySide6.
"""

import argparse
import importlib
import logging
import multiprocessing
import sys
from collections.abc import Sequence

from omnidesk import __version__
from omnidesk.cli.commands import (
    agent,
    case,
    commitment,
    customer,
    db,
    demo,
    gateway,
    history,
    mail,
    report,
    search,
    self_check,
)
from omnidesk.cli.context import CliContext
from omnidesk.cli.registry import Commands, global_options
from omnidesk.config.logging_setup import setup_logging
from omnidesk.core.errors import KnownError

log = logging.getLogger(__name__)

_EPILOG = """\
Without a command, the desktop app starts. Examples:
  omnidesk                             start the desktop app
  omnidesk demo --cases 200            fill the database with demo cases
  omnidesk case list --view unassigned
  omnidesk case claim 1042 --agent anna
  omnidesk --db postgresql://omnidesk@db.example/omnidesk self-check
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="omnidesk",
        description="OmniDesk: one shared inbox for email, web form and chat.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[global_options(suppress_defaults=False)],
    )
    parser.add_argument("--version", action="version", version=f"OmniDesk {__version__}")
    gui = parser.add_argument_group("desktop app options")
    gui.add_argument(
        "--screenshot", metavar="FILE", help="render the main window offscreen to a PNG and exit"
    )
    gui.add_argument("--view", default=None, help="with --screenshot: the sidebar view to show")
    gui.add_argument("--case", default=None, help="with --screenshot: the case to open")
    commands = Commands(parser)
    for module in (
        agent,
        case,
        commitment,
        customer,
        db,
        demo,
        gateway,
        history,
        mail,
        report,
        search,
        self_check,
    ):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # A frozen (PyInstaller) build re-enters here in import's parser processes.
    multiprocessing.freeze_support()
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx: CliContext | None = None
    try:
        ctx = CliContext.from_args(args)
        setup_logging(
            ctx.paths, verbose=bool(getattr(args, "verbose", False)), to_file=args.noun is None
        )
        if args.noun is None:
            gui = importlib.import_module("omnidesk.app")
            return int(gui.run(ctx, args))
        return int(args.handler(args, ctx))
    except KnownError as exc:
        print(f"omnidesk: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (``| head``) went away; nothing is wrong with the command.
        sys.stderr.close()
        return 0
    finally:
        if ctx is not None:
            ctx.close()
