"""``omnidesk commitment``: promise, list, keep, cancel; resolving waits for them."""

import json
import re
from pathlib import Path

import pytest

from omnidesk.cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def desk(capsys, tmp_path: Path) -> tuple[str, ...]:
    data = str(tmp_path / "desk")
    Path(data).mkdir()
    Path(data, "settings.toml").write_text(
        'agent = "anna"\ntime_zone = "Europe/Berlin"\n', encoding="utf-8"
    )
    assert run(capsys, "--data-dir", data, "demo", "--cases", "30")[0] == 0
    return ("--data-dir", data)


def claimed_case(capsys, desk) -> int:
    _, out, _ = run(capsys, *desk, "case", "list", "--owner", "none", "--json")
    number = int(json.loads(out)[0]["number"])
    assert run(capsys, *desk, "case", "claim", str(number))[0] == 0
    return number


def test_a_promise_blocks_resolving_until_kept(capsys, desk):
    number = claimed_case(capsys, desk)
    code, out, _ = run(
        capsys,
        *desk,
        "commitment",
        "add",
        str(number),
        "--kind",
        "callback",
        "--due",
        "tomorrow 10:00",
        "--note",
        "Rückruf wegen Gutschrift",
    )
    assert code == 0
    assert re.search(r"10:00 CES?T", out)  # Berlin time, winter or summer
    commitment_id = int(out.split()[1])

    code, _, err = run(capsys, *desk, "case", "resolve", str(number))
    assert code == 5
    assert f"case #{number} has 1 open commitment(s) (callback due" in err

    code, out, _ = run(capsys, *desk, "commitment", "list", "--json")
    listed = {item["commitment"]["id"]: item for item in json.loads(out)}
    assert listed[commitment_id]["case_number"] == number
    assert listed[commitment_id]["owner"] == "anna"
    assert listed[commitment_id]["overdue"] is False

    code, out, _ = run(
        capsys, *desk, "commitment", "done", str(commitment_id), "--outcome", "no_answer"
    )
    assert code == 0
    assert "nobody answered" in out
    assert run(capsys, *desk, "case", "resolve", str(number))[0] == 0


def test_overdue_list_and_cancel_with_reason(capsys, desk):
    code, out, _ = run(capsys, *desk, "commitment", "list", "--overdue", "--json")
    overdue = json.loads(out)
    assert overdue, "the demo data has overdue commitments"
    assert all(item["overdue"] for item in overdue)
    target = overdue[0]["commitment"]["id"]
    code, _, err = run(capsys, *desk, "commitment", "cancel", str(target), "--reason", " ")
    assert code == 2
    assert "needs a reason" in err
    code, out, _ = run(
        capsys, *desk, "commitment", "cancel", str(target), "--reason", "Kunde hat abgesagt"
    )
    assert code == 0
    assert "Kunde hat abgesagt" in out
    code, out, _ = run(capsys, *desk, "commitment", "list", "--overdue", "--json")
    assert target not in {item["commitment"]["id"] for item in json.loads(out)}


@pytest.mark.parametrize(
    ("due", "message"),
    [("someday", "accepted"), ("2020-01-01 10:00", "in the past")],
)
def test_bad_due_times_are_one_clear_line(capsys, desk, due, message):
    number = claimed_case(capsys, desk)
    code, _, err = run(capsys, *desk, "commitment", "add", str(number), "--due", due)
    assert code == 2
    assert message in err
    assert err.count("\n") == 1


def test_a_promise_can_be_told_to_the_customer(capsys, desk):
    number = claimed_case(capsys, desk)
    code, _, _ = run(
        capsys,
        *desk,
        "commitment",
        "add",
        str(number),
        "--due",
        "tomorrow 10:00",
        "--tell-customer",
        "Ich rufe Sie morgen um 10 Uhr an.",
    )
    assert code == 0
    code, out, _ = run(capsys, *desk, "case", "show", str(number), "--json")
    shown = json.loads(out)
    last = shown["messages"][-1]
    assert (last["direction"], last["body_text"]) == ("out", "Ich rufe Sie morgen um 10 Uhr an.")
    assert shown["commitments"][-1]["customer_text"] == "Ich rufe Sie morgen um 10 Uhr an."
