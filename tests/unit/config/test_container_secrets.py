"""The container keyring: the orchestrator's mounted secrets, read-only, chosen by env var."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from omnidesk.config.container_secrets import SECRETS_DIR_ENV, ContainerSecrets, secret_file_name
from omnidesk.config.mail_accounts import MailAccount, SmtpAccount
from omnidesk.config.secrets import SecretStore
from omnidesk.core.errors import SecretStoreUnavailable


@pytest.fixture
def secrets_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(SECRETS_DIR_ENV, str(tmp_path))
    return tmp_path


def test_file_names_follow_the_keys_and_cannot_escape_the_folder():
    assert secret_file_name(MailAccount("support", "h", 993, "u").secret_key) == "imap_support"
    assert secret_file_name(SmtpAccount("h", 25, "u", "a@b").secret_key) == "smtp"
    assert secret_file_name("imap:../../etc/passwd") == "imap_.._.._etc_passwd"
    assert "/" not in secret_file_name("a/b")
    assert secret_file_name("..") == "_"


def test_a_mounted_secret_is_read_without_its_trailing_newline(secrets_dir: Path):
    (secrets_dir / "imap_support").write_text("pa ss\n", encoding="utf-8")
    store = SecretStore(backend=ContainerSecrets())
    assert store.get("imap:support") == "pa ss"
    assert store.get("imap:other") is None


def test_storing_is_refused_with_where_to_put_it(secrets_dir: Path):
    store = SecretStore(backend=ContainerSecrets())
    with pytest.raises(SecretStoreUnavailable) as refused:
        store.set("imap:support", "x")
    assert str(secrets_dir / "imap_support") in refused.value.message
    assert not (secrets_dir / "imap_support").exists()


def test_the_environment_selects_it_for_the_whole_program(tmp_path: Path):
    env = dict(
        os.environ,
        PYTHON_KEYRING_BACKEND="omnidesk.config.container_secrets.ContainerSecrets",
        OMNIDESK_SECRETS_DIR=str(tmp_path),
        OMNIDESK_DATA_DIR=str(tmp_path / "data"),
        QT_QPA_PLATFORM="offscreen",
    )
    (tmp_path / "smtp").write_text("from-the-mount", encoding="utf-8")
    probe = (
        "from omnidesk.config.secrets import SecretStore; s = SecretStore(); "
        "print(s.backend_name(), s.get('smtp'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, check=True, capture_output=True, text=True
    ).stdout
    assert out.split() == ["omnidesk.config.container_secrets.ContainerSecrets", "from-the-mount"]
