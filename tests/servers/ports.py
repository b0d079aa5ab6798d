"""Small helpers shared by the real-server fixtures (PostgreSQL, Dovecot, SMTP).

* free TCP ports on the loopback interface and waiting until one opens or closes,
* a generic "wait until this is true" loop that fails with the server's log tail,
* the unprivileged account the servers run as (tests run as root, but ``initdb`` refuses root
  and Dovecot's privilege handling assumes a non-root user), and scratch directories that
  account may write to.

Every wait here has a timeout: a server that hangs must fail the test run with a readable
message, never block it until pytest-timeout kills everything without a log.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

LOCALHOST = "127.0.0.1"

# How many lines of a server log an error message quotes.
LOG_TAIL_LINES = 40

# Overrides where the servers keep their data (see scratch_root).
SCRATCH_ENV = "OMNIDESK_TEST_SCRATCH"


class ServerError(RuntimeError):
    """A throwaway test server did not start, stop or answer in time."""


def free_port(host: str = LOCALHOST) -> int:
    """Return a TCP port that is free right now on ``host``.

    The kernel picks it (bind to port 0). There is a small window in which another process could
    take it before the server binds; the fixtures retry a failed first start with a new port.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def port_is_open(host: str, port: int, timeout: float = 0.2) -> bool:
    """True if something accepts TCP connections on ``host:port``."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def log_tail(*paths: Path | None, lines: int = LOG_TAIL_LINES) -> str:
    """The last ``lines`` lines of each existing log file, labelled, for error messages."""
    parts: list[str] = []
    for path in paths:
        if path is None or not path.exists():
            continue
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:  # unreadable log: say so rather than hide the real error
            parts.append(f"--- {path}: cannot read ({exc}) ---")
            continue
        tail = text.splitlines()[-lines:]
        parts.append(f"--- last {len(tail)} lines of {path} ---\n" + "\n".join(tail))
    return "\n".join(parts) if parts else "(no log output)"


def wait_until(
    predicate: Callable[[], bool],
    *,
    timeout: float,
    what: str,
    interval: float = 0.01,
    logs: Sequence[Path | None] = (),
    process: subprocess.Popen[bytes] | None = None,
) -> None:
    """Poll ``predicate`` until it returns True, or raise :class:`ServerError`.

    ``what`` completes the sentence "timed out waiting for ...". If ``process`` is given and
    exits meanwhile, fail at once instead of waiting out the timeout: a server that died on a
    bad config should report that in milliseconds, with its log.
    """
    deadline = time.monotonic() + timeout
    while True:
        if predicate():
            return
        if process is not None and process.poll() is not None:
            raise ServerError(
                f"server process exited with code {process.returncode} while waiting for "
                f"{what}\n{log_tail(*logs)}"
            )
        if time.monotonic() >= deadline:
            raise ServerError(
                f"timed out after {timeout:.1f} s waiting for {what}\n{log_tail(*logs)}"
            )
        time.sleep(interval)


def wait_for_port(
    host: str,
    port: int,
    *,
    timeout: float = 10.0,
    what: str = "",
    logs: Sequence[Path | None] = (),
    process: subprocess.Popen[bytes] | None = None,
) -> None:
    """Wait until ``host:port`` accepts TCP connections."""
    wait_until(
        lambda: port_is_open(host, port),
        timeout=timeout,
        what=what or f"{host}:{port} to accept connections",
        logs=logs,
        process=process,
    )


def wait_for_port_closed(
    host: str,
    port: int,
    *,
    timeout: float = 10.0,
    what: str = "",
    logs: Sequence[Path | None] = (),
) -> None:
    """Wait until nothing accepts TCP connections on ``host:port`` any more."""
    wait_until(
        lambda: not port_is_open(host, port),
        timeout=timeout,
        what=what or f"{host}:{port} to stop accepting connections",
        logs=logs,
    )


@dataclass(frozen=True)
class ServiceUser:
    """The account a throwaway server runs as.

    As root this is ``nobody``: ``initdb`` refuses to run as root, and using an account that
    exists on every Debian/Ubuntu image avoids creating users on the test machine. As a normal
    user the servers simply run as that user and no privilege switch happens.
    """

    name: str
    uid: int
    gid: int

    @property
    def switches(self) -> bool:
        """True if starting a server means dropping privileges (we are root)."""
        return self.uid != os.geteuid()

    def environment(self, home: Path, extra: Mapping[str, str] | None = None) -> dict[str, str]:
        """A minimal environment for the server.

        Not the test's environment: PG* variables (PGDATA, PGPORT, ...) or a HOME under /root
        (mode 0700, unreadable for ``nobody``) would leak into the servers and confuse them.
        """
        env = {
            "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
            "TZ": "UTC",
        }
        if extra:
            env.update(extra)
        return env

    def popen(
        self,
        args: Sequence[str | Path],
        *,
        cwd: Path,
        stdout: IO[bytes] | int | None = subprocess.DEVNULL,
        stderr: IO[bytes] | int | None = subprocess.STDOUT,
        env: Mapping[str, str] | None = None,
    ) -> subprocess.Popen[bytes]:
        """Start ``args`` as this user, in its own process group, with a clean environment.

        ``extra_groups=[]`` drops root's supplementary groups too; ``setreuid`` alone would keep
        them. Its own process group keeps a Ctrl-C in the terminal from hitting the server
        before the fixture's teardown can stop it in order.
        """
        if self.switches:
            return subprocess.Popen(
                [str(a) for a in args],
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=stdout,
                stderr=stderr,
                env=dict(env) if env is not None else self.environment(cwd),
                user=self.uid,
                group=self.gid,
                extra_groups=[],
                process_group=0,
            )
        return subprocess.Popen(
            [str(a) for a in args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=stdout,
            stderr=stderr,
            env=dict(env) if env is not None else self.environment(cwd),
            process_group=0,
        )

    def run(
        self,
        args: Sequence[str | Path],
        *,
        cwd: Path,
        timeout: float,
        what: str,
        logs: Sequence[Path | None] = (),
    ) -> str:
        """Run a short command (initdb, pg_ctl) as this user; return its output or raise.

        Output goes to a temporary file, not a pipe: ``pg_ctl start`` leaves the postmaster
        running with the inherited stdout, and reading a pipe to EOF would then hang forever.
        """
        with tempfile.TemporaryFile() as out:
            proc = self.popen(args, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
            try:
                code = proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
                out.seek(0)
                output = out.read().decode("utf-8", errors="replace")
                raise ServerError(
                    f"{what}: timed out after {timeout:.0f} s\n{output}\n{log_tail(*logs)}"
                ) from None
            out.seek(0)
            output = out.read().decode("utf-8", errors="replace")
        if code != 0:
            raise ServerError(f"{what}: exit code {code}\n{output}\n{log_tail(*logs)}")
        return output

    def chown(self, path: Path) -> None:
        """Give ``path`` to this user (no-op when no privilege switch happens)."""
        if self.switches:
            os.chown(path, self.uid, self.gid)


def service_user() -> ServiceUser:
    """The account servers run as: ``nobody`` when we are root, else the current user."""
    entry = pwd.getpwnam("nobody") if os.geteuid() == 0 else pwd.getpwuid(os.geteuid())
    return ServiceUser(name=entry.pw_name, uid=entry.pw_uid, gid=entry.pw_gid)


def scratch_root() -> Path | None:
    """Where server directories go: ``$OMNIDESK_TEST_SCRATCH``, else /dev/shm, else the default.

    Measured on the project's machine: CREATE DATABASE takes ~270 ms with the cluster on the
    ext4 root disk and ~10 ms on tmpfs, even with fsync=off; a cluster starts in 0.5 s instead of
    0.8 s. /dev/shm is RAM, so it is only used with at least 2 GB free; set the variable to a
    disk directory for tests that load large data sets.
    """
    configured = os.environ.get(SCRATCH_ENV)
    if configured:
        return Path(configured)
    shm = Path("/dev/shm")
    try:
        stats = os.statvfs(shm)
    except OSError:
        return None
    if os.access(shm, os.W_OK | os.X_OK) and stats.f_bavail * stats.f_frsize >= 2 * 1024**3:
        return shm
    return None


def make_server_dir(prefix: str, user: ServiceUser) -> Path:
    """A fresh scratch directory the server's user owns.

    Deliberately not under pytest's ``tmp_path``: for root that base folder is mode 0700, so
    ``nobody`` could not even reach it. ``mkdtemp`` creates 0700 too, hence chmod + chown.
    """
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=scratch_root()))
    path.chmod(0o755)
    user.chown(path)
    return path


def remove_dir(path: Path) -> None:
    """Delete a server's scratch directory; never let cleanup errors hide a test result."""
    shutil.rmtree(path, ignore_errors=True)
