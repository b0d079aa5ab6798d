"""``omnidesk mail fetch`` killed (SIGKILL) while receiving and while storing, then run
again: every message on the server ends up stored exactly once.

A real process against a real Dovecot; the kills land wherever the process happens to
be, which is the point — what is asserted holds wherever that is.
"""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import tomli_w

from tests.benchmarks.gen_mail import generate, to_email
from tests.integration.email.test_imap_and_outbox import unmarked
from tests.servers.dovecot import ImapAccount

REPO = Path(__file__).resolve().parents[3]
MESSAGES = 4000

pytestmark = pytest.mark.slow


def fill(imap: ImapAccount) -> int:
    written = 0
    with imap.connect() as client:
        for message in generate(MESSAGES, seed=7):
            if message.direction != "internal":
                client.append("INBOX", to_email(message).as_bytes())
                written += 1
    return written


def configure(data: Path, imap: ImapAccount) -> dict[str, str]:
    data.mkdir()
    settings = {
        "acknowledge_email": False,
        "mail": {"accounts": {"support": imap.settings(timeout_seconds=30)}},
    }
    (data / "settings.toml").write_text(tomli_w.dumps(settings), encoding="utf-8")
    secrets = data / "secrets"
    secrets.mkdir(mode=0o700)
    (secrets / "imap_support").write_text(imap.password + "\n", encoding="utf-8")
    return dict(
        os.environ,
        PYTHON_KEYRING_BACKEND="omnidesk.config.container_secrets.ContainerSecrets",
        OMNIDESK_SECRETS_DIR=str(secrets),
    )


def counts(database: Path) -> tuple[int, int]:
    """(waiting in the intake, stored messages); (0, 0) before the schema exists."""
    if not database.exists():
        return 0, 0
    connection = sqlite3.connect(database, timeout=5)
    try:
        intake = connection.execute("SELECT count(*) FROM mail_intake").fetchone()[0]
        stored = connection.execute("SELECT count(*) FROM message").fetchone()[0]
        return int(intake), int(stored)
    except sqlite3.OperationalError:  # not migrated yet
        return 0, 0
    finally:
        connection.close()


def fetch(data: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "omnidesk", "--data-dir", str(data), "--db"]
    command += [f"sqlite:///{data / 'omnidesk.db'}", "mail", "fetch", "--once"]
    return subprocess.Popen(
        command, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


def kill_when(process: subprocess.Popen[bytes], database: Path, ready) -> tuple[int, int]:
    """SIGKILL ``process`` as soon as ``ready(intake, stored)``; the counts at that moment."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        seen = counts(database)
        if ready(*seen):
            process.kill()
            process.wait(timeout=30)
            return seen
        assert process.poll() is None, "it finished before it could be killed"
        time.sleep(0.002)
    raise AssertionError("no progress within two minutes")


def test_sigkill_while_receiving_and_while_storing_loses_and_duplicates_nothing(
    tmp_path, imap_account: ImapAccount
):
    written = fill(imap_account)
    data = tmp_path / "desk"
    env = configure(data, imap_account)
    database = data / "omnidesk.db"

    # Killed as soon as anything was received: mid-receive or just after it.
    at_first = kill_when(fetch(data, env), database, lambda intake, stored: intake > 0)
    assert at_first[1] == 0
    # Killed while storing: some mail is in cases, some still waits in the intake.
    at_second = kill_when(
        fetch(data, env), database, lambda intake, stored: stored > 0 and intake > 0
    )
    assert 0 < at_second[1] < written

    finished = fetch(data, env)
    _, errors = finished.communicate(timeout=300)
    assert finished.returncode == 0, errors.decode(errors="replace")

    connection = sqlite3.connect(database)
    try:
        intake, stored = counts(database)
        receipts = connection.execute(
            "SELECT count(*), count(DISTINCT uid) FROM mail_receipt"
        ).fetchone()
        headers = connection.execute(
            "SELECT count(DISTINCT message_id_header) FROM message"
        ).fetchone()[0]
    finally:
        connection.close()
    assert (intake, stored) == (0, written)
    assert tuple(receipts) == (written, written)
    assert headers == written
    # Including what a killed pass received but never got to mark.
    assert unmarked(imap_account) == []
