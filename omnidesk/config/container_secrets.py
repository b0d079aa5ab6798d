"""The keyring of a container: secrets the orchestrator mounts, read-only.

A gateway in a container has no desktop session and so no Secret Service. Docker,
Compose and Kubernetes keep secrets in their own store and hand them to the
container as files on an in-memory mount (``/run/secrets/NAME``), never in the image
or its environment. This keyring backend reads them there; nothing is ever written
(set a secret with ``docker secret create`` or the compose file's ``secrets:``).

Select it with ``PYTHON_KEYRING_BACKEND=omnidesk.config.container_secrets.ContainerSecrets``
(the image does). ``OMNIDESK_SECRETS_DIR`` moves the folder. A secret's file name is its
OmniDesk key with ``:`` replaced by ``_``: the IMAP password of account ``support`` is
``imap_support``, the SMTP password ``smtp``.
"""

import os
import re
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError, PasswordSetError

SECRETS_DIR_ENV = "OMNIDESK_SECRETS_DIR"
DEFAULT_SECRETS_DIR = "/run/secrets"
_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def secret_file_name(key: str) -> str:
    """``imap:support`` -> ``imap_support``; anything odd becomes ``_`` (no path tricks)."""
    name = _UNSAFE.sub("_", key.replace(":", "_"))
    return name.lstrip(".") or "_"


class ContainerSecrets(KeyringBackend):
    """Read-only secrets from the container's secrets mount."""

    priority = 0.1  # chosen explicitly, never by auto-detection

    @property
    def folder(self) -> Path:
        return Path(os.environ.get(SECRETS_DIR_ENV, DEFAULT_SECRETS_DIR))

    def get_password(self, service: str, username: str) -> str | None:
        path = self.folder / secret_file_name(username)
        try:
            # Secret files often end with the newline an editor or `echo` added.
            return path.read_text(encoding="utf-8").rstrip("\r\n")
        except FileNotFoundError:
            return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise PasswordSetError(
            f"the container's secrets are read-only: provide {username!r} as the secret "
            f"file {self.folder / secret_file_name(username)} (e.g. with the compose file's "
            "'secrets:' section)"
        )

    def delete_password(self, service: str, username: str) -> None:
        raise PasswordDeleteError("the container's secrets are read-only")
