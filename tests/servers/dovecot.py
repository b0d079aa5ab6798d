"""Pytest plugin: a real, private Dovecot IMAP server for the test session.

Fixtures:

* ``dovecot_server`` (session): a :class:`DovecotServer` — ``dovecot -F -c FILE`` run as an
  unprivileged user with its own config, runtime and mail directories under a ``mkdtemp``
  directory, plain-text login on 127.0.0.1 and a free port. Users live in passwd-files;
  ``alice``/``secret`` and ``bob``/``secret2`` exist from the start, ``add_user`` and
  ``new_account`` add more while the server runs. ``stop``/``start``/``restart`` simulate an
  IMAP server that goes away.
* ``imap_account`` (function): an :class:`ImapAccount` for a brand-new user, i.e. an empty
  mailbox that no other test has touched.

A missing Dovecot makes the fixtures fail (not skip) with the install command.
"""

from __future__ import annotations

import atexit
import contextlib
import grp
import itertools
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest
from imapclient import IMAPClient

from tests.servers.ports import (
    LOCALHOST,
    ServerError,
    ServiceUser,
    free_port,
    log_tail,
    make_server_dir,
    remove_dir,
    service_user,
    wait_until,
)

INSTALL_HINT = (
    "Dovecot (the `dovecot` binary) was not found. Install the IMAP server with:\n"
    "    apt-get install -y --no-install-recommends dovecot-imapd"
)

DEFAULT_USERS: Mapping[str, str] = {"alice": "secret", "bob": "secret2"}

# Dovecot substitutes the user name into paths (%u); keep names boring so that is safe.
_USER_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")

# "{PLAIN}" lets the passwd-file hold readable test passwords; a colon would end the field.
_PASSWORD = re.compile(r"^[^:\n]+$")

_CONFIG = """\
# Private Dovecot instance for OmniDesk's tests; written by tests/servers/dovecot.py.
instance_name = {instance}
protocols = imap
listen = {host}
base_dir = {base}/run
state_dir = {base}/state
log_path = {base}/dovecot.log
ssl = no
# Plain LOGIN over an unencrypted loopback connection is exactly what the tests use.
disable_plaintext_auth = no
auth_mechanisms = plain login
# The default 2 s pause after a failed login would make every wrong-password test slow.
auth_failure_delay = 0
# Log why a login failed (unknown user, password mismatch): shows up in log tails.
auth_verbose = yes
# Every process runs as the one unprivileged user that started the master.
default_internal_user = {user}
default_internal_group = {group}
default_login_user = {user}
first_valid_uid = 1
mail_location = maildir:{base}/mail/%u/Maildir
# Nothing needs to survive the session.
mail_fsync = never
# The app under test may hold several connections per user (IDLE, fetch, send).
mail_max_userip_connections = 100

# Dovecot 2.3 answers a failed login only at its next 500 ms failure-queue tick, even with
# auth_failure_delay = 0, unless the request carries "nodelay". A field set by the failing
# passdb itself is rolled back on failure, so this first passdb only adds the field
# (noauthenticate: it never decides anything) and the passwd-file below checks the password.
passdb {{
  driver = static
  args = noauthenticate nodelay=yes
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {base}/passwd/%u
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={base}/mail/%u
}}

# chroot needs root; the services that chroot by default must not.
service anvil {{
  chroot =
  # Anvil's auth penalty delays every login from an IP after a failed one (2, 4, 8, 15 s):
  # one wrong-password test would slow down all later IMAP tests. Mode 0 switches it off.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = {host}
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""

_account_numbers = itertools.count(1)


@dataclass(frozen=True)
class ImapAccount:
    """Credentials of one IMAP user on the test server, with conveniences to use them."""

    server: DovecotServer
    user: str
    password: str

    @property
    def host(self) -> str:
        return self.server.host

    @property
    def port(self) -> int:
        return self.server.port

    def connect(self) -> IMAPClient:
        """A logged-in IMAPClient; use it as a context manager to log out."""
        return self.server.connect(self.user, self.password)

    def settings(self, *, timeout_seconds: int = 10) -> dict[str, object]:
        """This account as a ``[mail.accounts.NAME]`` table of the settings file."""
        return {
            "host": self.host,
            "port": self.port,
            "user": self.user,
            "security": "plain",
            "timeout_seconds": timeout_seconds,
        }

    def append(self, raw: bytes, folder: str = "INBOX") -> int | None:
        """Deliver ``raw`` into ``folder`` (created if missing); return its UID."""
        return self.server.append(self.user, raw, folder)


class DovecotServer:
    """A private Dovecot master process in the foreground (``dovecot -F``)."""

    host = LOCALHOST

    def __init__(self, binary: Path, user: ServiceUser, *, timeout: float = 15.0) -> None:
        self.binary = binary
        self.user = user
        self.timeout = timeout
        self.base = make_server_dir("omnidesk-dovecot-", user)
        if any(ch.isspace() for ch in str(self.base)):
            # Paths go unquoted into dovecot.conf, where "args" are split at spaces.
            remove_dir(self.base)
            raise ServerError(f"Dovecot's scratch directory must not contain spaces: {self.base}")
        self.config_path = self.base / "dovecot.conf"
        self.passwd_dir = self.base / "passwd"
        self.log_path = self.base / "dovecot.log"
        # Anything Dovecot prints before its log process runs (config errors) lands here.
        self.stderr_path = self.base / "dovecot.stderr"
        self.pid_path = self.base / "run" / "master.pid"
        self.port = free_port()
        self.users: dict[str, str] = {}
        self._process: subprocess.Popen[bytes] | None = None
        self._stderr: IO[bytes] | None = None
        for sub in ("run", "state", "mail", "passwd"):
            (self.base / sub).mkdir(mode=0o755)
            self.user.chown(self.base / sub)
        for name, password in DEFAULT_USERS.items():
            self.add_user(name, password)
        self._write_config()

    # -- configuration and users ---------------------------------------------------------------

    def _write_config(self) -> None:
        group = grp.getgrgid(self.user.gid).gr_name
        self.config_path.write_text(
            _CONFIG.format(
                instance=self.base.name,
                host=self.host,
                port=self.port,
                base=self.base,
                user=self.user.name,
                group=group,
                uid=self.user.uid,
                gid=self.user.gid,
            ),
            encoding="utf-8",
        )
        self.config_path.chmod(0o644)

    def add_user(self, name: str, password: str) -> ImapAccount:
        """Add an IMAP user; works while the server runs.

        Each user gets a passwd-file of its own (the passdb path contains ``%u``). With one shared
        file, Dovecot rereads it at most once per second, so a user added right after another
        login could not log in for up to a second; a file that Dovecot has never opened is read
        on first use. For the same reason existing users cannot be redefined here.
        """
        if not _USER_NAME.match(name):
            raise ValueError(f"IMAP test user name must match {_USER_NAME.pattern}: {name!r}")
        if not _PASSWORD.match(password):
            raise ValueError("IMAP test password must not be empty or contain ':' or newlines")
        if name in self.users:
            raise ValueError(f"IMAP test user {name!r} exists already")
        # Write-and-rename: the auth process must never read a half-written file.
        path = self.passwd_dir / name
        tmp = self.passwd_dir / f".{name}.tmp"
        tmp.write_text(f"{name}:{{PLAIN}}{password}::::::\n", encoding="utf-8")
        tmp.chmod(0o644)
        tmp.replace(path)
        self.users[name] = password
        return ImapAccount(self, name, password)

    def new_account(self, prefix: str = "user") -> ImapAccount:
        """A new user with a random password and therefore an empty, untouched mailbox."""
        name = f"{prefix}{next(_account_numbers)}-{secrets.token_hex(3)}"
        return self.add_user(name, secrets.token_urlsafe(12))

    def account(self, name: str) -> ImapAccount:
        """The :class:`ImapAccount` of an existing user (e.g. ``alice``)."""
        return ImapAccount(self, name, self.users[name])

    # -- IMAP conveniences ---------------------------------------------------------------------

    def connect(self, user: str, password: str | None = None) -> IMAPClient:
        """A logged-in IMAPClient (plain text, no TLS) for ``user``."""
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        try:
            client.login(user, self.users[user] if password is None else password)
        except BaseException:
            with contextlib.suppress(Exception):
                client.shutdown()
            raise
        return client

    def append(self, user: str, raw: bytes, folder: str = "INBOX") -> int | None:
        """Append ``raw`` to ``folder`` of ``user`` as that user; return the new UID.

        The UID comes from Dovecot's ``[APPENDUID validity uid]`` response (UIDPLUS).
        """
        with self.connect(user) as client:
            if folder != "INBOX" and not client.folder_exists(folder):
                client.create_folder(folder)
            response = client.append(folder, raw)
        text = response.decode("ascii", "replace") if isinstance(response, bytes) else response
        match = re.search(r"APPENDUID \d+ (\d+)", str(text))
        return int(match.group(1)) if match else None

    # -- lifecycle -----------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self) -> None:
        """Start the master and wait until it sends its IMAP greeting."""
        if self.running:
            return
        # A previous master must be completely gone, or the new one refuses to start
        # ("Dovecot is already running with PID ...") or fights over base_dir.
        self._wait_pid_file_gone()
        self._stderr = self.stderr_path.open("ab")
        self._process = self.user.popen(
            [self.binary, "-F", "-c", self.config_path],
            cwd=self.base,
            stdout=self._stderr,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until(
                self._greets,
                timeout=self.timeout,
                what=f"Dovecot's IMAP greeting on {self.host}:{self.port}",
                interval=0.005,
                logs=[self.stderr_path, self.log_path],
                process=self._process,
            )
        except BaseException:
            self._kill()
            raise

    def stop(self, *, kill: bool = False) -> None:
        """Stop the server; a later ``start()`` reuses port, users and mail.

        By default this is a clean shutdown (SIGTERM), which takes Dovecot about a second, and
        waits until ``run/master.pid`` is gone. ``kill=True`` SIGKILLs the master's whole
        process group instead (a crash, a few milliseconds): clients see their connections
        reset rather than a ``BYE``.
        """
        if self._process is None:
            return
        if kill:
            self._kill()
        else:
            self._terminate()
        self._wait_pid_file_gone()

    def restart(self, *, kill: bool = False) -> None:
        """Stop (see :meth:`stop`), then start again with the same port, users and mail."""
        self.stop(kill=kill)
        self.start()

    def ensure_running(self) -> None:
        """Start the server if a test stopped it and did not start it again."""
        if not self.running:
            self.start()

    def close(self) -> None:
        """End of session: kill (nothing needs a clean shutdown) and delete everything."""
        try:
            self._kill()
        finally:
            remove_dir(self.base)

    def log_tail(self, lines: int = 40) -> str:
        """The end of Dovecot's logs, for assertion messages."""
        return log_tail(self.stderr_path, self.log_path, lines=lines)

    def _greets(self) -> bool:
        try:
            with socket.create_connection((self.host, self.port), timeout=1.0) as sock:
                return sock.recv(256).startswith(b"* OK")
        except OSError:
            return False

    def _terminate(self) -> None:
        process = self._process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=self.timeout)
            except subprocess.TimeoutExpired:
                self._kill()
                raise ServerError(
                    f"Dovecot did not stop within {self.timeout:.0f} s after SIGTERM; "
                    f"killed it\n{self.log_tail()}"
                ) from None
        self._forget_process()

    def _kill(self) -> None:
        process = self._process
        if process is not None:
            # The master runs in a process group of its own (see ServiceUser.popen) and its
            # children (auth, imap, log, ...) stay in it, so this ends all of them at once.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=self.timeout)
            # A dead master leaves its pid file behind; the next start waits for it to vanish.
            self.pid_path.unlink(missing_ok=True)
        self._forget_process()

    def _forget_process(self) -> None:
        self._process = None
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    def _wait_pid_file_gone(self) -> None:
        wait_until(
            lambda: not self.pid_path.exists(),
            timeout=self.timeout,
            what=f"{self.pid_path} to disappear (previous Dovecot still stopping)",
            interval=0.02,
            logs=[self.stderr_path, self.log_path],
        )


def find_dovecot() -> Path | None:
    """The ``dovecot`` binary, or None. It lives in /usr/sbin, which a non-root PATH lacks."""
    found = shutil.which("dovecot")
    if found:
        return Path(found)
    for candidate in (Path("/usr/sbin/dovecot"), Path("/usr/local/sbin/dovecot")):
        if candidate.exists():
            return candidate
    return None


def start_dovecot() -> DovecotServer:
    """Create and start a private Dovecot, or fail the requesting test with the reason."""
    binary = find_dovecot()
    if binary is None:
        pytest.fail(INSTALL_HINT, pytrace=False)
    try:
        server = DovecotServer(binary, service_user())
    except ServerError as exc:
        pytest.fail(f"could not set up the test Dovecot: {exc}", pytrace=False)
    try:
        server.start()
    except ServerError as exc:
        server.close()
        pytest.fail(f"could not start the test Dovecot: {exc}", pytrace=False)
    except BaseException:
        server.close()
        raise
    # Safety net if pytest dies before the session fixture's teardown (close() is idempotent).
    atexit.register(server.close)
    return server


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[DovecotServer]:
    """A running private Dovecot for the whole session, with users alice and bob."""
    server = start_dovecot()
    try:
        yield server
    finally:
        server.close()
        atexit.unregister(server.close)


@pytest.fixture
def imap_account(dovecot_server: DovecotServer) -> ImapAccount:
    """A fresh user with an empty mailbox, so tests never see each other's mail."""
    # A previous test may have stopped the server and failed before starting it again.
    dovecot_server.ensure_running()
    return dovecot_server.new_account()
