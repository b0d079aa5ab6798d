"""The chat tables as migrated match the models; ``omnidesk gateway`` runs without Qt,
answers on /health and stops gracefully on SIGTERM."""

import json
import os
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from omnidesk.store.tables_chat import (
    AgentPresenceRow,
    ChatConversationRow,
    ChatEntryRow,
    GatewayKeyRow,
    UsedNonceRow,
)

CHAT_TABLES = {
    str(t.__tablename__)
    for t in (ChatConversationRow, ChatEntryRow, AgentPresenceRow, UsedNonceRow, GatewayKeyRow)
}


def test_migration_0004_gives_the_models_schema(db):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, SQLModel.metadata)
    ours = [d for d in differences if any(table in str(d) for table in CHAT_TABLES)]
    assert ours == []


_NO_QT = """
import sys
# Any import of Qt fails: the headless gateway must not need it.
sys.modules["PySide6"] = None
sys.modules["qasync"] = None
from omnidesk.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_gateway_command_runs_headless_and_stops_gracefully(tmp_path: Path):
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _NO_QT,
            "--data-dir",
            str(tmp_path),
            "gateway",
            "--http",
            "127.0.0.1:0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        line = process.stdout.readline() if process.stdout else ""
        assert "OmniDesk gateway on http://127.0.0.1:" in line, (
            process.stderr.read() if process.stderr else ""
        )
        url = line.split()[3].rstrip(":")
        with urllib.request.urlopen(f"{url}/health", timeout=5) as response:
            health = json.load(response)
        assert health["status"] == "ok"
        assert health["change_feed"]["mechanism"] == "sqlite-poll"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=20) == 0
        logs = [
            json.loads(line)
            for line in (process.stderr.read() if process.stderr else "").splitlines()
            if line.startswith("{")
        ]
        events = [entry.get("event") for entry in logs]
        assert "gateway.started" in events
        assert "gateway.stopped" in events
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
