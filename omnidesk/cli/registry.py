"""A thin layer over argparse that keeps every command ``omnidesk <noun> <verb>``.

Global options (``--db``, ``--data-dir``, ``-v``) are accepted before the noun and
after the verb alike.
"""

import argparse
from collections.abc import Callable

from omnidesk.cli.context import CliContext

Handler = Callable[[argparse.Namespace, CliContext], int]


def global_options(*, suppress_defaults: bool) -> argparse.ArgumentParser:
    default = argparse.SUPPRESS if suppress_defaults else None
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("global options")
    group.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="database URL: sqlite:///FILE or postgresql://user@host/db "
        "(default: SQLite in the data folder; env OMNIDESK_DB)",
    )
    group.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help="keep settings, database and logs in DIR (env OMNIDESK_DATA_DIR)",
    )
    group.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS if suppress_defaults else False,
        help="log details to stderr",
    )
    return parent


class Noun:
    def __init__(self, parser: argparse.ArgumentParser, parent: argparse.ArgumentParser) -> None:
        self._verbs = parser.add_subparsers(dest="verb", metavar="VERB", required=True)
        self._parent = parent

    def verb(self, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        parser = self._verbs.add_parser(
            name, help=help_text, description=help_text, parents=[self._parent]
        )
        parser.set_defaults(handler=handler)
        return parser


class Commands:
    def __init__(self, root: argparse.ArgumentParser) -> None:
        self._nouns = root.add_subparsers(dest="noun", metavar="COMMAND")
        self._parent = global_options(suppress_defaults=True)

    def noun(self, name: str, help_text: str) -> Noun:
        parser = self._nouns.add_parser(name, help=help_text, description=help_text)
        return Noun(parser, self._parent)

    def single(self, name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        """A command without verbs (``omnidesk demo``, ``omnidesk self-check``)."""
        parser = self._nouns.add_parser(
            name, help=help_text, description=help_text, parents=[self._parent]
        )
        parser.set_defaults(handler=handler)
        return parser
