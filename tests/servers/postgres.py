"""Pytest plugin: a real, throwaway PostgreSQL cluster for the test session.

Fixtures:

* ``pg_server`` (session): a :class:`PostgresServer` — a fresh cluster made with ``initdb`` in a
  ``mkdtemp`` directory, listening on 127.0.0.1 on a free port, run as an unprivileged user
  (``initdb`` refuses root). Durability is switched off (``fsync``, ``synchronous_commit``,
  ``full_page_writes``): the data is thrown away anyway and it makes the cluster start in about
  a second. ``.restart()`` lets a test pull the database away under running code.
* ``pg_database`` (function): a fresh empty database per test, dropped afterwards; a
  :class:`PgDatabase` with its name, SQLAlchemy URL and libpq conninfo.
* ``pg_url`` (function): just that database's SQLAlchemy URL,
  ``postgresql+psycopg://postgres@127.0.0.1:PORT/DBNAME``.

Missing PostgreSQL binaries make the fixtures fail (not skip) with the install command: a test
suite that silently skips its database tests is worse than one that says what to install.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import re
import shlex
import shutil
import signal
import subprocess
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import psycopg
import pytest
from psycopg import sql

from tests.servers.ports import (
    LOCALHOST,
    ServerError,
    ServiceUser,
    free_port,
    log_tail,
    make_server_dir,
    port_is_open,
    remove_dir,
    service_user,
)

INSTALL_HINT = (
    "PostgreSQL server binaries (initdb, pg_ctl) were not found: neither via `pg_config --bindir` "
    "nor in /usr/lib/postgresql/*/bin nor on PATH. Install them with:\n"
    "    apt-get install -y postgresql"
)

# Settings that make a throwaway cluster fast. Safe only because its data is disposable.
# ``-k DIR`` puts the Unix socket into our own directory instead of /var/run/postgresql,
# which ``nobody`` cannot write to.
_FAST_SETTINGS = (
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
)

StopMode = Literal["smart", "fast", "immediate"]


def find_bindir() -> Path | None:
    """The directory holding ``initdb`` and ``pg_ctl``, or None if PostgreSQL is not installed.

    ``pg_config`` comes from libpq-dev and can exist without the server, so its answer is only
    trusted if the server binaries are really there. Debian/Ubuntu keep them off PATH in
    /usr/lib/postgresql/<major>/bin; the highest major version wins.
    """

    def has_server(bindir: Path) -> bool:
        return all(os.access(bindir / tool, os.X_OK) for tool in ("initdb", "pg_ctl", "postgres"))

    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run(
                [pg_config, "--bindir"], capture_output=True, text=True, timeout=10, check=True
            )
            bindir = Path(out.stdout.strip())
            if has_server(bindir):
                return bindir

    def major(path: str) -> float:
        # /usr/lib/postgresql/15/bin -> 15; "9.6" sorts below "10".
        try:
            return float(Path(path).parent.name)
        except ValueError:
            return -1.0

    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=major, reverse=True):
        if has_server(Path(candidate)):
            return Path(candidate)

    initdb = shutil.which("initdb")  # Fedora, Arch, Homebrew: on PATH
    if initdb and has_server(Path(initdb).resolve().parent):
        return Path(initdb).resolve().parent
    return None


@dataclass(frozen=True)
class PgDatabase:
    """One per-test database on the session's cluster."""

    name: str
    url: str  # SQLAlchemy: postgresql+psycopg://postgres@127.0.0.1:PORT/NAME
    conninfo: str  # libpq / psycopg: postgresql://postgres@127.0.0.1:PORT/NAME


class PostgresServer:
    """A throwaway PostgreSQL cluster controlled with ``pg_ctl``.

    The data directory and port stay the same for the whole session, so ``restart()`` (or
    ``stop()`` ... ``start()``) looks to the code under test exactly like a database server that
    went away and came back.
    """

    host = LOCALHOST
    superuser = "postgres"

    def __init__(self, bindir: Path, user: ServiceUser, *, timeout: float = 30.0) -> None:
        self.bindir = bindir
        self.user = user
        self.timeout = timeout
        self.base = make_server_dir("omnidesk-pg-", user)
        self.datadir = self.base / "data"
        self.logfile = self.base / "postgres.log"
        self.port = free_port()

    # -- lifecycle -----------------------------------------------------------------------------

    def init(self) -> None:
        """Create the cluster (``initdb``); ``--no-sync`` because nothing needs to survive."""
        self.user.run(
            [
                self.bindir / "initdb",
                "-D",
                self.datadir,
                "-U",
                self.superuser,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            cwd=self.base,
            timeout=self.timeout,
            what="initdb",
        )

    def start(self) -> None:
        """Start the server and wait until it accepts connections (``pg_ctl -w``)."""
        # pg_ctl hands -o to /bin/sh, so the socket directory needs shell quoting.
        options = " ".join(
            (f"-p {self.port}", f"-k {shlex.quote(str(self.base))}", *_FAST_SETTINGS)
        )
        self.user.run(
            [
                self.bindir / "pg_ctl",
                "-D",
                self.datadir,
                "-l",
                self.logfile,
                "-w",
                "-t",
                str(int(self.timeout)),
                "-o",
                options,
                "start",
            ],
            cwd=self.base,
            timeout=self.timeout + 5,
            what=f"pg_ctl start (port {self.port})",
            logs=[self.logfile],
        )

    def stop(self, mode: StopMode = "fast") -> None:
        """Stop the server and wait until it is gone.

        ``fast`` (the default) disconnects clients and writes a shutdown checkpoint, so every
        committed transaction survives a restart. ``immediate`` is a simulated crash: with
        ``synchronous_commit=off`` transactions committed in the last ~200 ms may be lost
        (the WAL writer had not written them yet) — only use it where that does not matter.
        """
        if not self.running:
            return
        try:
            self.user.run(
                [self.bindir / "pg_ctl", "-D", self.datadir, "-m", mode, "-w", "-t", "20", "stop"],
                cwd=self.base,
                timeout=30,
                what=f"pg_ctl stop -m {mode}",
                logs=[self.logfile],
            )
        except ServerError:
            # Never leave a postmaster behind: kill it; its children notice and exit.
            self._kill_postmaster()
            raise

    def restart(self, mode: StopMode = "fast") -> None:
        """Stop (``fast`` by default) and start again on the same data directory and port."""
        self.stop(mode)
        self.start()

    def ensure_running(self) -> None:
        """Start the server if a test stopped it and did not start it again."""
        if not self.running:
            self.start()

    @property
    def running(self) -> bool:
        """True while a postmaster for this data directory is alive."""
        pid = self._postmaster_pid()
        if pid is None:
            return False
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:  # alive, owned by the service user
            return True
        return True

    def close(self) -> None:
        """End of session: crash-stop (nothing needs saving) and delete everything."""
        try:
            if self.running:
                self.stop("immediate")
        except ServerError:
            pass  # _kill_postmaster already ran; the data directory goes anyway
        finally:
            remove_dir(self.base)

    def _postmaster_pid(self) -> int | None:
        try:
            first_line = (self.datadir / "postmaster.pid").read_text().splitlines()[0]
            return int(first_line)
        except (OSError, IndexError, ValueError):
            return None

    def _kill_postmaster(self) -> None:
        pid = self._postmaster_pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    # -- connections and databases -------------------------------------------------------------

    def url(self, dbname: str = "postgres") -> str:
        """SQLAlchemy/SQLModel URL for ``dbname``."""
        return f"postgresql+psycopg://{self.superuser}@{self.host}:{self.port}/{dbname}"

    def conninfo(self, dbname: str = "postgres") -> str:
        """libpq URL for ``dbname``, for ``psycopg.connect`` / ``AsyncConnection.connect``."""
        return f"postgresql://{self.superuser}@{self.host}:{self.port}/{dbname}"

    def connect(self, dbname: str = "postgres", *, autocommit: bool = True) -> psycopg.Connection:
        """A new psycopg connection (autocommit by default, as admin statements need)."""
        return psycopg.connect(self.conninfo(dbname), autocommit=autocommit, connect_timeout=10)

    def create_database(self, name: str | None = None) -> str:
        """Create an empty database (unique name if none given) and return its name."""
        name = name or f"t_{uuid.uuid4().hex[:16]}"
        with self.connect() as conn:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database even if the code under test left connections open."""
        with self.connect() as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    def log_tail(self, lines: int = 40) -> str:
        """The end of the server log, for assertion messages."""
        return log_tail(self.logfile, lines=lines)


def start_postgres() -> PostgresServer:
    """Create and start a cluster, or fail the requesting test with the reason."""
    bindir = find_bindir()
    if bindir is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    server = PostgresServer(bindir, service_user())
    try:
        server.init()
        # The free port can be taken between picking and binding; retry with new ports.
        for attempt in range(3):
            try:
                server.start()
                break
            except ServerError:
                if attempt == 2 or not port_is_open(server.host, server.port):
                    raise
                server.port = free_port()
    except ServerError as exc:
        server.close()
        pytest.fail(f"could not start the test PostgreSQL: {exc}", pytrace=False)
    except BaseException:
        server.close()
        raise
    # Safety net if pytest dies before the session fixture's teardown (close() is idempotent).
    atexit.register(server.close)
    return server


def _database_name(node_name: str) -> str:
    """A readable, unique database name from the test name (max 63 bytes in PostgreSQL)."""
    slug = re.sub(r"[^a-z0-9]+", "_", node_name.lower()).strip("_")[:40]
    return f"t_{slug}_{uuid.uuid4().hex[:8]}"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PostgresServer]:
    """A running PostgreSQL cluster for the whole session, deleted at the end."""
    server = start_postgres()
    try:
        yield server
    finally:
        server.close()
        atexit.unregister(server.close)


@pytest.fixture
def pg_database(pg_server: PostgresServer, request: pytest.FixtureRequest) -> Iterator[PgDatabase]:
    """A fresh, empty database for one test; dropped (even with open connections) afterwards."""
    # A previous test may have stopped the server and failed before starting it again.
    pg_server.ensure_running()
    name = pg_server.create_database(_database_name(request.node.name))
    try:
        yield PgDatabase(name=name, url=pg_server.url(name), conninfo=pg_server.conninfo(name))
    finally:
        pg_server.ensure_running()
        pg_server.drop_database(name)


@pytest.fixture
def pg_url(pg_database: PgDatabase) -> str:
    """SQLAlchemy URL of a fresh, empty per-test database (see ``pg_database``)."""
    return pg_database.url
