"""``omnidesk self-check``: is this installation able to run?"""

import argparse
import importlib
import platform
from dataclasses import dataclass
from enum import StrEnum

from omnidesk import __version__
from omnidesk.cli.context import CliContext
from omnidesk.cli.output import print_json
from omnidesk.cli.registry import Commands
from omnidesk.config.secrets import SecretStore
from omnidesk.core.errors import KnownError
from omnidesk.store.migrate import current_revision, head_revision


class Level(StrEnum):
    OK = "ok"
    WARN = "warn"
    FAIL = "fail"


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    level: Level
    detail: str


def register(commands: Commands) -> None:
    check = commands.single(
        "self-check",
        _self_check,
        "check the database, migrations, keyring and Qt; exit 1 on failure",
    )
    check.add_argument("--json", action="store_true", help="machine-readable output")
    check.add_argument(
        "--no-gui", action="store_true", help="do not check Qt (for a headless gateway server)"
    )


def _self_check(args: argparse.Namespace, ctx: CliContext) -> int:
    checks = [
        Check(
            "version",
            Level.OK,
            f"OmniDesk {__version__}, Python {platform.python_version()}"
            f" on {platform.system()} {platform.machine()}",
        ),
        Check("data folder", Level.OK, str(ctx.paths.data_dir)),
        Check("settings", Level.OK, str(ctx.paths.settings_file)),
        *_database_checks(ctx),
        _keyring_check(),
    ]
    if not args.no_gui:
        checks.append(_qt_check())
    if args.json:
        print_json({"ok": all(c.level is not Level.FAIL for c in checks), "checks": checks})
    else:
        for check in checks:
            print(f"[{check.level.value.upper():4}] {check.name}: {check.detail}")
    return 1 if any(c.level is Level.FAIL for c in checks) else 0


def _database_checks(ctx: CliContext) -> list[Check]:
    try:
        db = ctx.db
    except KnownError as exc:
        return [Check("database", Level.FAIL, str(exc))]
    found = [Check("database", Level.OK, f"{db.display_url} ({db.backend})")]
    current, head = current_revision(db), head_revision()
    if current == head:
        found.append(Check("migrations", Level.OK, f"schema at {head}"))
    else:
        found.append(Check("migrations", Level.FAIL, f"schema at {current}, expected {head}"))
    return found


def _keyring_check() -> Check:
    store = SecretStore()
    try:
        name = store.backend_name()
    except Exception as exc:
        return Check("keyring", Level.WARN, f"no keyring could be loaded: {exc}")
    if store.is_usable():
        return Check("keyring", Level.OK, name)
    return Check(
        "keyring",
        Level.WARN,
        f"{name}: passwords for mail accounts cannot be saved until a system keyring is available",
    )


def _qt_check() -> Check:
    try:
        probe = importlib.import_module("omnidesk.ui.probe")
    except ImportError as exc:
        return Check("qt", Level.FAIL, f"Qt (PySide6) cannot be loaded: {exc}")
    ok, detail = probe.probe_platform()
    return Check("qt", Level.OK if ok else Level.FAIL, detail)
