"""Solo mode: the desktop app serves the web form and chat itself, and says it is staffed."""

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.servers.ports import free_port


def test_the_app_runs_the_gateway_and_marks_its_agent_online(tmp_path: Path):
    port = free_port()
    (tmp_path / "settings.toml").write_text(
        f'agent = "anna"\n[gateway]\nhttp = "127.0.0.1:{port}"\n', encoding="utf-8"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", OMNIDESK_DATA_DIR=str(tmp_path))
    subprocess.run(
        [sys.executable, "-m", "omnidesk", "demo", "--cases", "3"],
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    app = subprocess.Popen(
        [sys.executable, "-m", "omnidesk"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        health = None
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    health = json.loads(r.read())
                if health["chat"]["agents_online"]:
                    break
            except OSError:
                pass
            time.sleep(0.3)
        assert health is not None, "the built-in gateway never answered"
        assert health["status"] == "ok"
        assert health["chat"]["agents_online"] is True
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/form", timeout=5) as response:
            assert response.status == 200
    finally:
        app.terminate()
        app.wait(timeout=30)
