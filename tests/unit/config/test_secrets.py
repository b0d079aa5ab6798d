"""The keyring adapter: names its backend, stores secrets, refuses to fall back."""

import keyring
import pytest
from keyring.backends import fail

from omnidesk.config.secrets import SecretStore
from omnidesk.core.errors import SecretStoreUnavailable


def test_secrets_round_trip_in_the_keyring(memory_keyring):
    store = SecretStore()
    store.set("mail:support", "s3cret")
    assert store.get("mail:support") == "s3cret"
    assert memory_keyring.secrets == {("OmniDesk", "mail:support"): "s3cret"}
    store.delete("mail:support")
    store.delete("mail:support")  # deleting twice is not an error
    assert store.get("mail:support") is None
    assert store.is_usable()
    assert store.backend_name() == "tests.conftest.MemoryKeyring"


def test_no_keyring_is_a_clear_error_and_nothing_is_written_elsewhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        store = SecretStore()
        assert not store.is_usable()
        with pytest.raises(SecretStoreUnavailable, match="no system keyring is available"):
            store.set("mail:support", "s3cret")
        with pytest.raises(SecretStoreUnavailable):
            store.get("mail:support")
    finally:
        keyring.set_keyring(previous)
    assert list(tmp_path.iterdir()) == []
