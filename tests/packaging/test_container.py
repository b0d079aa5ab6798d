"""The gateway's container files: what they run exists, parses and works headless.

There is no Docker engine on the CI machines, so the image itself is not built here;
these tests check every piece the image and the compose file rely on, and run the
exact gateway command the image runs, with Qt unimportable and the container keyring.
"""

import os
import runpy
import signal
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import yaml

from omnidesk.cli.main import build_parser
from omnidesk.config.mail_accounts import mail_accounts, smtp_account
from omnidesk.config.settings import load_settings
from omnidesk.gateway.config import gateway_config
from tests.servers.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
DOCKER = ROOT / "packaging" / "docker"
# A script beside the Dockerfile, not part of the package.
gateway_requirements = runpy.run_path(str(DOCKER / "gateway_requirements.py"))[
    "gateway_requirements"
]


def _dockerfile() -> list[str]:
    """The Dockerfile's instructions, continuation lines joined."""
    text = (DOCKER / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _instruction(name: str) -> list[str]:
    return [line.split(None, 1)[1] for line in _dockerfile() if line.split(None, 1)[0] == name]


def test_the_gateway_image_installs_everything_but_qt():
    wanted = gateway_requirements(ROOT / "pyproject.toml")
    with (ROOT / "pyproject.toml").open("rb") as handle:
        everything = tomllib.load(handle)["project"]["dependencies"]
    assert not any(d.lower().startswith(("pyside6", "qasync")) for d in wanted)
    assert set(everything) - set(wanted) == {
        d for d in everything if d.lower().startswith(("pyside6", "qasync"))
    }
    assert any(d.startswith("aiohttp") for d in wanted)


def test_what_the_dockerfile_copies_exists_and_its_keyring_is_importable():
    for source in _instruction("COPY"):
        for path in source.split()[:-1]:
            assert (ROOT / path).exists(), path
    env = " ".join(_instruction("ENV"))
    backend = env.split("PYTHON_KEYRING_BACKEND=")[1].split()[0]
    module, _, name = backend.rpartition(".")
    __import__(module)
    assert hasattr(sys.modules[module], name)


def test_the_compose_file_hangs_together():
    compose = yaml.safe_load((DOCKER / "compose.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert set(services) == {"db", "migrate", "gateway"}
    declared = set(compose["secrets"])
    for service in services.values():
        assert set(service.get("secrets", [])) <= declared
    gateway = services["gateway"]
    assert gateway["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["depends_on"]["db"]["condition"] == "service_healthy"
    # Each command is one the CLI accepts.
    parser = build_parser()
    for name in ("migrate", "gateway"):
        parser.parse_args(services[name]["command"])
    # The secrets the example settings need are the ones the gateway gets.
    settings = load_settings(DOCKER / "settings.example.toml")
    needed = {a.secret_key.replace(":", "_") for a in mail_accounts(settings)}
    smtp = smtp_account(settings)
    if smtp is not None:
        needed.add(smtp.secret_key)
    assert needed <= set(gateway["secrets"])
    gateway_config(settings)  # valid [gateway] section


def test_the_images_command_runs_headless_with_the_container_keyring(tmp_path: Path):
    port = free_port()
    (tmp_path / "settings.toml").write_text("[gateway]\nsolo = false\n", encoding="utf-8")
    block_qt = (
        "import sys\n"
        "class _Refuse:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in {'PySide6', 'shiboken6', 'qasync'}:\n"
        "            raise ImportError('the gateway imported ' + name)\n"
        "sys.meta_path.insert(0, _Refuse())\n"
        "from omnidesk.cli.main import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    command = _instruction("CMD")[0]
    argv = [part.strip(' "') for part in command.strip("[]").split(",")]
    argv[argv.index("0.0.0.0:8780")] = f"127.0.0.1:{port}"
    env = dict(
        os.environ,
        OMNIDESK_DATA_DIR=str(tmp_path),
        PYTHON_KEYRING_BACKEND="omnidesk.config.container_secrets.ContainerSecrets",
        OMNIDESK_SECRETS_DIR=str(tmp_path / "secrets"),
    )
    gateway = subprocess.Popen(
        [sys.executable, "-c", block_qt, *argv],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        status = None
        deadline = time.monotonic() + 60
        while status != 200 and time.monotonic() < deadline:
            assert gateway.poll() is None, gateway.communicate()[1][-2000:]
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    status = r.status
            except OSError:
                time.sleep(0.3)
        assert status == 200
    finally:
        gateway.send_signal(signal.SIGTERM)
        _, errors = gateway.communicate(timeout=30)
    assert gateway.returncode == 0, errors[-2000:]
