"""Passwords in the OS keyring, and only there.

The adapter names the backend it uses (``self-check`` prints it) and turns
keyring's failures into one message that says what to do. It never falls back to
a plaintext file.
"""

import keyring
import keyring.backend
from keyring.errors import KeyringError, NoKeyringError, PasswordDeleteError

from omnidesk.core.errors import SecretStoreUnavailable

SERVICE = "OmniDesk"

_HOW_TO_FIX = (
    "no system keyring is available to store passwords safely. On Linux start a Secret "
    "Service (GNOME Keyring or KWallet) in your desktop session; on Windows and macOS the "
    "system keyring is used automatically"
)


class SecretStore:
    """Reads and writes secrets under a service name in the OS keyring."""

    def __init__(
        self, service: str = SERVICE, backend: keyring.backend.KeyringBackend | None = None
    ):
        self.service = service
        self._backend = backend

    @property
    def backend(self) -> keyring.backend.KeyringBackend:
        return self._backend or keyring.get_keyring()

    def backend_name(self) -> str:
        backend = self.backend
        return f"{type(backend).__module__}.{type(backend).__name__}"

    def is_usable(self) -> bool:
        """False for keyring's fail and null backends, which cannot keep anything."""
        module = type(self.backend).__module__
        return not module.startswith(("keyring.backends.fail", "keyring.backends.null"))

    def set(self, key: str, secret: str) -> None:
        try:
            self.backend.set_password(self.service, key, secret)
        except NoKeyringError:
            raise SecretStoreUnavailable(_HOW_TO_FIX) from None
        except KeyringError as exc:
            raise SecretStoreUnavailable(
                f"the system keyring refused to store {key!r}: {exc}"
            ) from None

    def get(self, key: str) -> str | None:
        try:
            return self.backend.get_password(self.service, key)
        except NoKeyringError:
            raise SecretStoreUnavailable(_HOW_TO_FIX) from None
        except KeyringError as exc:
            raise SecretStoreUnavailable(
                f"the system keyring could not read {key!r}: {exc}"
            ) from None

    def delete(self, key: str) -> None:
        try:
            self.backend.delete_password(self.service, key)
        except PasswordDeleteError:
            return
        except NoKeyringError:
            raise SecretStoreUnavailable(_HOW_TO_FIX) from None
