"""``omnidesk report``: the team's figures per week and per agent, as text and JSON."""

import json
from pathlib import Path

import pytest

from omnidesk.cli.commands.report import duration
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
    assert run(capsys, "--data-dir", data, "demo", "--cases", "60")[0] == 0
    return ("--data-dir", data)


def test_broken_promises_show_and_a_late_one_counts_as_kept_late(capsys, desk):
    code, out, _ = run(capsys, *desk, "commitment", "list", "--overdue", "--json")
    assert code == 0
    overdue = json.loads(out)
    assert overdue, "the demo data has overdue commitments"

    code, out, _ = run(capsys, *desk, "report", "--weeks", "2", "--json")
    assert code == 0
    report = json.loads(out)
    assert len(report["weeks"]) == 2
    assert report["team"]["commitments"]["broken"] == len(overdue)
    assert [a["agent"] for a in report["agents"]] == sorted(a["agent"] for a in report["agents"])
    answered = report["team"]["first_response"]
    assert answered["count"] > 0
    assert 0 < answered["median"] <= answered["p80"]

    late = overdue[0]
    owner = late["owner"]
    assert run(capsys, *desk, "commitment", "done", str(late["commitment"]["id"]))[0] == 0
    code, out, _ = run(capsys, *desk, "report", "--weeks", "2", "--agent", owner, "--json")
    assert code == 0
    mine = json.loads(out)["agent"]
    assert mine["agent"] == owner
    assert mine["figures"]["commitments"]["late"] == 1
    before = next(a for a in report["agents"] if a["agent"] == owner)
    assert (
        mine["figures"]["commitments"]["broken"] == before["figures"]["commitments"]["broken"] - 1
    )


def test_the_text_report_has_a_row_per_week_and_per_agent(capsys, desk):
    code, out, _ = run(capsys, *desk, "report", "--weeks", "3")
    assert code == 0
    lines = out.splitlines()
    assert "(3 weeks), the team" in lines[0]
    assert lines[1].split()[:3] == ["WEEK", "ON", "TIME"]
    assert sum(1 for line in lines if line[:4].isdigit() and "-W" in line[:9]) == 3
    assert any(line.startswith("total") for line in lines)
    assert any(line.startswith("anna ") for line in lines)

    code, out, _ = run(capsys, *desk, "report", "--agent", "ben")
    assert code == 0
    assert "agent ben" in out.splitlines()[0]
    assert not any(line.startswith("anna ") for line in out.splitlines())


def test_report_refuses_what_it_cannot_do(capsys, desk):
    code, _, err = run(capsys, *desk, "report", "--agent", "nobody")
    assert code != 0
    assert "nobody" in err
    code, _, err = run(capsys, *desk, "report", "--weeks", "0")
    assert code != 0
    assert "1 to 520 weeks" in err


def test_durations_read_in_their_two_largest_units():
    from datetime import timedelta

    assert duration(timedelta(minutes=45)) == "45m"
    assert duration(timedelta(hours=3, minutes=5)) == "3h05m"
    assert duration(timedelta(days=2, hours=4, minutes=59)) == "2d04h"
