"""The settings dialog: passwords to the keyring only, connection tests that say what is wrong."""

import socket
import tomllib

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from omnidesk.config.mail_accounts import Security, mail_accounts
from omnidesk.config.secrets import SecretStore
from omnidesk.config.settings import Settings, load_settings
from omnidesk.ui.preferences import desktop_preferences
from omnidesk.ui.settings.dialog import SettingsDialog

from .helpers import WAIT_MS, new_case, started


@pytest.fixture
def dialog(make_tasks, qtbot, tmp_path):
    """A settings dialog on an empty settings file, with an in-memory keyring if asked."""

    def make(settings: Settings | None = None, *, secrets: SecretStore | None = None):
        made = SettingsDialog(
            None,
            settings=settings or Settings(),
            settings_file=tmp_path / "settings.toml",
            secrets=secrets,
            tasks=make_tasks(),
        )
        qtbot.addWidget(made)
        made.show()
        return made

    return make


def _fill_account(page, *, host: str, port: int, security: Security, user: str, password: str):
    page.add_account()
    page.host.setText(host)
    page.security.setCurrentIndex(page.security.findData(security.value))
    page.port.setValue(port)
    page.user.setText(user)
    page.password.setText(password)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])  # nothing listens once the socket closes


def test_saving_puts_the_password_in_the_keyring_and_nowhere_else(
    dialog, memory_keyring, qtbot, tmp_path
):
    shown = dialog(secrets=SecretStore())
    shown.tabs.setCurrentWidget(shown.mail)
    _fill_account(
        shown.mail,
        host="imap.example.com",
        port=993,
        security=Security.TLS,
        user="support@example.com",
        password="hunter2-ü",
    )

    with qtbot.waitSignal(shown.sig_saved, timeout=WAIT_MS) as saved:
        shown.save()

    assert memory_keyring.secrets == {("OmniDesk", "imap:support"): "hunter2-ü"}
    text = (tmp_path / "settings.toml").read_text(encoding="utf-8")
    assert "hunter2" not in text
    [account] = mail_accounts(load_settings(tmp_path / "settings.toml"))
    assert (account.name, account.host, account.port) == ("support", "imap.example.com", 993)
    assert account.user == "support@example.com"
    assert saved.args[0] == load_settings(tmp_path / "settings.toml")


def test_a_keyring_that_refuses_leaves_the_file_alone(dialog, qtbot, tmp_path):
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        shown = dialog(secrets=SecretStore())
        _fill_account(
            shown.mail, host="imap.example.com", port=993, security=Security.TLS,
            user="u", password="p",
        )  # fmt: skip
        shown.save()
        qtbot.waitUntil(lambda: shown.problem.isVisibleTo(shown), timeout=WAIT_MS)
    finally:
        keyring.set_keyring(previous)

    assert shown.problem.text().startswith("Not saved: no system keyring is available")
    assert shown.tabs.currentWidget() is shown.mail
    assert not (tmp_path / "settings.toml").exists()
    assert shown.isVisible()


def test_profile_fields_are_saved_and_apply_to_the_composer(demo_db, make_window, qtbot, tmp_path):
    number = new_case(demo_db, "Where is my parcel?", owner="anna")
    window = started(qtbot, make_window(demo_db, agent="anna"), case=number)
    shown = window.open_settings()
    qtbot.waitUntil(lambda: shown.profile.agent.count() >= 3, timeout=WAIT_MS)
    assert shown.profile.agent.currentText() == "anna"
    shown.profile.signature.setPlainText("Anna\nExample Support")
    shown.profile.language.setCurrentIndex(shown.profile.language.findData("de"))
    shown.profile.time_zone.setText("Mars/Olympus")

    shown.save()
    assert (
        shown.problem.text() == "Unknown time zone “Mars/Olympus”: use a name like Europe/Berlin."
    )
    assert shown.tabs.currentWidget() is shown.profile
    shown.profile.time_zone.setText("Europe/Berlin")
    with qtbot.waitSignal(window.sig_settings_saved, timeout=WAIT_MS):
        shown.save()

    written = load_settings(tmp_path / "settings.toml")
    assert (written.agent, written.language, written.time_zone) == ("anna", "de", "Europe/Berlin")
    assert desktop_preferences(written).signature == "Anna\nExample Support"
    assert "Restart OmniDesk" in window.statusBar().currentMessage()
    assert window.composer.ui.signature_hint.isVisible()


def test_a_database_url_with_a_password_is_refused(dialog):
    shown = dialog()
    shown.database.custom.setChecked(True)
    shown.database.url.setText("postgresql://omnidesk:secret@db.example.com/omnidesk")
    shown.save()
    assert "Leave the password out of the URL" in shown.problem.text()
    assert shown.tabs.currentWidget() is shown.database


def test_the_database_test_reaches_a_sqlite_file(dialog, qtbot, tmp_path):
    shown = dialog()
    shown.database.custom.setChecked(True)
    shown.database.url.setText(str(tmp_path / "team.db"))
    shown.database.test_connection()
    qtbot.waitUntil(
        lambda: shown.database.test_result.text().startswith("Connected"), timeout=WAIT_MS
    )


def test_a_bad_gateway_address_is_explained(dialog):
    shown = dialog()
    shown.gateway.http.setText("no-port-here")
    shown.save()
    assert "is not HOST:PORT" in shown.problem.text()
    assert shown.tabs.currentWidget() is shown.gateway


def test_gateway_fields_are_saved(dialog, qtbot, tmp_path):
    shown = dialog()
    shown.gateway.http.setText("0.0.0.0:8080")
    shown.gateway.team_name.setText("Acme Support")
    shown.gateway.response_hours.setValue(8)
    with qtbot.waitSignal(shown.sig_saved, timeout=WAIT_MS):
        shown.save()
    raw = tomllib.loads((tmp_path / "settings.toml").read_text(encoding="utf-8"))
    assert raw["gateway"]["http"] == "0.0.0.0:8080"
    assert raw["gateway"]["team_name"] == "Acme Support"
    assert raw["gateway"]["expected_response_hours"] == 8


def _test_result(qtbot, page) -> str:
    page.test_connection()
    qtbot.waitUntil(
        lambda: page.test_button.isEnabled() and not page.test_result.text().endswith("…"),
        timeout=20_000,
    )
    return str(page.test_result.text())


def test_an_unreachable_server_is_named_as_such(dialog, qtbot):
    shown = dialog()
    port = _closed_port()
    _fill_account(
        shown.mail, host="127.0.0.1", port=port, security=Security.PLAIN, user="u", password="p"
    )
    result = _test_result(qtbot, shown.mail)
    assert f"cannot reach 127.0.0.1:{port}" in result
    assert "connection refused" in result


def test_plain_text_to_another_host_is_refused_before_connecting(dialog, qtbot):
    shown = dialog()
    _fill_account(
        shown.mail, host="imap.example.com", port=143, security=Security.PLAIN, user="u",
        password="p",
    )  # fmt: skip
    result = _test_result(qtbot, shown.mail)
    assert "unencrypted" in result


@pytest.mark.imap
def test_a_wrong_password_is_reported_as_such(dialog, qtbot, imap_account):
    shown = dialog()
    _fill_account(
        shown.mail, host=imap_account.host, port=imap_account.port, security=Security.PLAIN,
        user=imap_account.user, password="not-the-password",
    )  # fmt: skip
    result = _test_result(qtbot, shown.mail)
    assert "refused the login" in result
    assert "check the user name and password" in result


@pytest.mark.imap
def test_the_right_password_connects(dialog, qtbot, imap_account):
    shown = dialog()
    _fill_account(
        shown.mail, host=imap_account.host, port=imap_account.port, security=Security.PLAIN,
        user=imap_account.user, password=imap_account.password,
    )  # fmt: skip
    assert _test_result(qtbot, shown.mail).startswith("Connected and logged in")


@pytest.mark.imap
def test_tls_trouble_is_reported_as_such(dialog, qtbot, imap_account):
    shown = dialog()
    # TLS spoken to a server that answers in plain text: the handshake fails.
    _fill_account(
        shown.mail, host=imap_account.host, port=imap_account.port, security=Security.TLS,
        user=imap_account.user, password=imap_account.password,
    )  # fmt: skip
    result = _test_result(qtbot, shown.mail)
    assert "TLS with" in result
    assert "check 'security' and 'port'" in result


@pytest.mark.imap
def test_the_stored_password_is_used_when_none_is_typed(
    dialog, qtbot, imap_account, memory_keyring
):
    secrets = SecretStore()
    secrets.set("imap:support", imap_account.password)
    shown = dialog(secrets=secrets)
    _fill_account(
        shown.mail, host=imap_account.host, port=imap_account.port, security=Security.PLAIN,
        user=imap_account.user, password="",
    )  # fmt: skip
    assert _test_result(qtbot, shown.mail).startswith("Connected and logged in")
