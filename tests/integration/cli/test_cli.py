"""The ``omnidesk`` command: shape, output, exit codes and one-line errors."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from omnidesk.cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(tmp_path: Path) -> str:
    return str(tmp_path / "desk")


@pytest.fixture
def demo(capsys, data_dir: str) -> str:
    code, out, _ = run(capsys, "--data-dir", data_dir, "demo", "--cases", "12")
    assert code == 0
    assert "12 cases" in out
    return data_dir


def unassigned(capsys, data_dir: str) -> int:
    code, out, _ = run(capsys, "--data-dir", data_dir, "case", "list", "--owner", "none", "--json")
    assert code == 0
    return int(json.loads(out)[0]["number"])


def test_claim_exit_codes_and_owner_message(capsys, demo):
    number = unassigned(capsys, demo)
    code, out, _ = run(capsys, "case", "claim", f"#{number}", "--agent", "anna", "--data-dir", demo)
    assert (code, out.strip()) == (0, f"case #{number} is now owned by anna")
    code, out, _ = run(capsys, "case", "claim", str(number), "--agent", "anna", "--data-dir", demo)
    assert code == 0
    assert "already yours" in out
    code, out, err = run(capsys, "case", "claim", str(number), "--agent", "ben", "--data-dir", demo)
    assert code == 3
    assert err == f"omnidesk: case #{number} is owned by anna\n"
    assert out == ""


def test_case_show_json_has_messages_owner_and_event_log(capsys, demo):
    number = unassigned(capsys, demo)
    run(capsys, "--data-dir", demo, "case", "claim", str(number), "--agent", "chloe")
    run(
        capsys,
        "--data-dir",
        demo,
        "case",
        "handover",
        str(number),
        "--to",
        "ben",
        "--reason",
        "Ben spricht Deutsch",
        "--agent",
        "chloe",
    )
    code, out, _ = run(capsys, "--data-dir", demo, "case", "show", str(number), "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["case"]["number"] == number
    assert shown["owner"]["name"] == "ben"
    message = shown["messages"][0]
    assert {"channel", "direction", "message_id_header", "body_text"} <= message.keys()
    assert message["direction"] == "in"
    assert [e["kind"] for e in shown["events"]] == ["case_created", "claimed", "handed_over"]
    assert shown["events"][-1]["reason"] == "Ben spricht Deutsch"


def test_case_list_filters_by_status_and_owner(capsys, demo):
    code, out, _ = run(capsys, "--data-dir", demo, "case", "list", "--status", "new", "--json")
    assert code == 0
    listed = json.loads(out)
    assert listed
    assert {c["status"] for c in listed} == {"new"}
    code, out, _ = run(capsys, "--data-dir", demo, "case", "list", "--owner", "anna", "--json")
    assert {c["owner"] for c in json.loads(out)} <= {"anna"}
    code, out, _ = run(capsys, "--data-dir", demo, "case", "list")
    assert out.splitlines()[0].split() == [
        "CASE",
        "STATUS",
        "OWNER",
        "CUSTOMER",
        "WAITING",
        "SUBJECT",
    ]


def test_reply_note_and_resolve_from_the_command_line(capsys, demo):
    number = unassigned(capsys, demo)
    base = ("--data-dir", demo, "case")
    assert run(capsys, *base, "note", str(number), "--agent", "ben", "--text", "VIP")[0] == 0
    assert run(capsys, *base, "reply", str(number), "--agent", "anna", "--text", "Hi!")[0] == 0
    code, _, err = run(capsys, *base, "reply", str(number), "--agent", "ben", "--text", "Hey")
    assert code == 3
    assert "reply on behalf" in err
    code, _, _ = run(
        capsys, *base, "reply", str(number), "--agent", "ben", "--text", "Hey", "--on-behalf"
    )
    assert code == 0
    assert run(capsys, *base, "resolve", str(number), "--agent", "anna")[0] == 0
    code, out, _ = run(capsys, *base, "show", str(number), "--json")
    shown = json.loads(out)
    assert shown["case"]["status"] == "resolved"
    assert shown["owner"]["name"] == "anna"


@pytest.mark.parametrize(
    ("argv", "code", "expected"),
    [
        (["case", "show", "99999"], 4, "omnidesk: there is no case #99999\n"),
        (["case", "show", "12ab"], 2, "omnidesk: '12ab' is not a case number"),
        (["case", "claim", "1001", "--agent", "zoe"], 4, "no agent named 'zoe'"),
        (["case", "claim", "1001"], 2, "say which agent you are"),
        (["case", "list", "--status", "closed"], 2, "unknown status 'closed'"),
        (["--db", "mysql://x@y/z", "case", "list"], 6, "unsupported database 'mysql'"),
        (["agent", "add", "anna", "--email", "anna@omnidesk.example"], 2, "exists already"),
        (["agent", "add", "eve", "--email", "not-an-address"], 2, "is not an email address"),
    ],
)
def test_user_mistakes_are_one_clear_line(capsys, demo, argv, code, expected):
    result, _out, err = run(capsys, "--data-dir", demo, *argv)
    assert result == code
    assert expected in err
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_unreachable_database_is_one_clear_line(capsys, data_dir):
    url = "postgresql://omnidesk@127.0.0.1:9/omnidesk"
    code, _, err = run(capsys, "--data-dir", data_dir, "--db", url, "agent", "list")
    assert code == 7
    assert err.startswith("omnidesk: cannot open the database postgresql+psycopg://omnidesk@")
    assert err.count("\n") == 1


def test_a_password_in_the_url_is_never_printed(capsys, data_dir):
    url = "postgresql://omnidesk:hunter2@127.0.0.1:9/omnidesk"
    code, out, err = run(capsys, "--data-dir", data_dir, "--db", url, "agent", "list")
    assert code == 7
    assert "hunter2" not in out + err
    assert "***" in err


def test_broken_settings_file_names_the_file(capsys, tmp_path):
    (tmp_path / "settings.toml").write_text("agent = [unclosed\n", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", str(tmp_path), "agent", "list")
    assert code == 6
    assert f"the settings file {tmp_path / 'settings.toml'} is not valid TOML" in err


def test_the_agent_from_the_settings_file_is_used(capsys, demo):
    Path(demo, "settings.toml").write_text('agent = "chloe"\n', encoding="utf-8")
    number = unassigned(capsys, demo)
    code, out, _ = run(capsys, "--data-dir", demo, "case", "claim", str(number))
    assert (code, out.strip()) == (0, f"case #{number} is now owned by chloe")


def test_self_check_reports_database_and_keyring(capsys, demo, memory_keyring):
    code, out, _ = run(capsys, "--data-dir", demo, "self-check", "--no-gui", "--json")
    report = json.loads(out)
    assert code == 0
    assert report["ok"] is True
    names = {c["name"]: c for c in report["checks"]}
    assert names["migrations"]["level"] == "ok"
    assert names["keyring"]["detail"].endswith("MemoryKeyring")


def test_db_upgrade_and_status(capsys, data_dir, sqlite_url):
    code, out, _ = run(capsys, "--data-dir", data_dir, "--db", sqlite_url, "db", "upgrade")
    assert code == 0
    assert "upgraded empty -> " in out
    code, out, _ = run(capsys, "--data-dir", data_dir, "--db", sqlite_url, "db", "status")
    assert "current" in out


_BLOCK_QT = """
import sys
class _Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {'PySide6', 'shiboken6', 'qasync'}:
            raise ImportError('headless command imported ' + name)
        return None
sys.meta_path.insert(0, _Refuse())
from omnidesk.cli.main import main
code = main(sys.argv[1:])
loaded = [m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6', 'qasync'}]
assert not loaded, loaded
sys.exit(code)
"""


@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--cases", "3"],
        ["case", "list", "--json"],
        ["agent", "list"],
        ["self-check", "--no-gui"],
        ["db", "status"],
    ],
)
def test_headless_commands_run_without_qt(tmp_path, argv):
    result = subprocess.run(
        [sys.executable, "-c", _BLOCK_QT, "--data-dir", str(tmp_path), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_console_script_is_installed_and_global_options_go_anywhere(tmp_path):
    exe = Path(sys.executable).with_name("omnidesk")
    result = subprocess.run(
        [str(exe), "agent", "list", "--data-dir", str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
    assert (tmp_path / "omnidesk.db").exists()


def test_away_and_back_from_the_command_line(capsys, demo):
    code, out, _ = run(
        capsys, "--data-dir", demo, "agent", "away", "anna", "--deputy", "ben", "--note", "Urlaub"
    )
    assert (code, out.strip()) == (0, "anna is away; ben covers their cases and commitments")
    code, out, _ = run(capsys, "--data-dir", demo, "agent", "list")
    anna_line = next(line for line in out.splitlines() if line.startswith("anna"))
    assert "yes, ben covers (Urlaub)" in anna_line
    code, _, err = run(capsys, "--data-dir", demo, "agent", "away", "ben", "--deputy", "ben")
    assert code == 2
    assert "your own deputy" in err
    code, out, _ = run(capsys, "--data-dir", demo, "agent", "back", "anna")
    assert (code, out.strip()) == (0, "anna is back")


def test_customer_merge_and_unmerge_from_the_command_line(capsys, demo):
    code, out, _ = run(capsys, "--data-dir", demo, "case", "list", "--json")
    numbers = sorted(c["number"] for c in json.loads(out))
    addresses = []
    for number in numbers[:2]:
        code, out, _ = run(capsys, "--data-dir", demo, "case", "show", str(number), "--json")
        addresses.append(json.loads(out)["customer"]["identities"][0]["value"])
    first, second = addresses
    assert first != second
    code, out, _ = run(capsys, "--data-dir", demo, "customer", "merge", first, second)
    assert code == 0
    assert second in out.splitlines()[0]
    merge_id = out.strip().split()[-1]
    code, out, _ = run(capsys, "--data-dir", demo, "customer", "show", second)
    assert first in out
    assert f"merge {merge_id}:" in out
    code, out, _ = run(capsys, "--data-dir", demo, "customer", "unmerge", merge_id)
    assert (code, "undone" in out) == (0, True)
    code, _, err = run(capsys, "--data-dir", demo, "customer", "merge", first, first)
    assert code == 2
    assert "cannot be merged with themselves" in err
