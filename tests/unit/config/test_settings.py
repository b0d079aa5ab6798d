"""Typed settings in TOML: defaults, validation, round trip, and no secrets on disk."""

from pathlib import Path

import pytest

from omnidesk.config.paths import resolve_paths
from omnidesk.config.settings import Settings, load_settings, save_settings
from omnidesk.core.errors import ConfigError


def test_missing_file_means_defaults(tmp_path: Path):
    settings = load_settings(tmp_path / "settings.toml")
    assert settings == Settings()
    assert settings.database_url is None
    assert settings.reopen_window_days == 30


def test_round_trip_keeps_values_and_unknown_sections(tmp_path: Path):
    path = tmp_path / "settings.toml"
    path.write_text('agent = "anna"\n[gateway]\nhttp = "127.0.0.1:8765"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.agent == "anna"
    assert settings.extra == {"gateway": {"http": "127.0.0.1:8765"}}
    from dataclasses import replace

    save_settings(path, replace(settings, language="de", subject_threading=True))
    again = load_settings(path)
    assert (again.agent, again.language, again.subject_threading) == ("anna", "de", True)
    assert again.extra == settings.extra
    assert "reopen_window_days" not in path.read_text(encoding="utf-8")  # defaults stay out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("reopen_window_days = 'soon'\n", "'reopen_window_days' must be int"),
        ("subject_threading = 1\n", "'subject_threading' must be bool"),
        ("reopen_window_days = -3\n", "cannot be negative"),
        ("colour = 'blue'\n", "unknown setting 'colour'"),
        ("x = \n", "not valid TOML"),
    ],
)
def test_broken_settings_say_what_is_wrong(tmp_path: Path, text: str, message: str):
    path = tmp_path / "settings.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_settings(path)
    assert str(path) in str(caught.value)


def test_a_password_in_the_file_is_refused_not_used(tmp_path: Path):
    path = tmp_path / "settings.toml"
    path.write_text(
        '[mail.support]\nhost = "imap.example"\npassword = "hunter2"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError, match="keeps passwords only in the system keyring") as caught:
        load_settings(path)
    assert "hunter2" not in str(caught.value)


def test_saving_never_writes_a_secret(tmp_path: Path):
    settings = Settings(extra={"mail": {"support": {"password": "hunter2"}}})
    with pytest.raises(ConfigError):
        save_settings(tmp_path / "settings.toml", settings)
    assert not (tmp_path / "settings.toml").exists()


def test_data_dir_puts_everything_in_one_folder(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("OMNIDESK_DATA_DIR", raising=False)
    paths = resolve_paths(tmp_path / "d")
    assert paths.default_database == tmp_path / "d" / "omnidesk.db"
    assert paths.settings_file == tmp_path / "d" / "settings.toml"
    assert paths.log_dir == tmp_path / "d" / "logs"
    monkeypatch.setenv("OMNIDESK_DATA_DIR", str(tmp_path / "env"))
    assert resolve_paths().data_dir == tmp_path / "env"


def test_a_file_where_the_folder_should_be_is_reported(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match="is not a folder"):
        resolve_paths(blocker)
