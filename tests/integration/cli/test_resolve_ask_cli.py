"""``omnidesk case resolve N --ask``: resolve and ask the customer, or refuse clearly."""

import json
from pathlib import Path

from omnidesk.cli.main import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_resolve_with_ask(capsys, tmp_path: Path) -> None:
    data = str(tmp_path / "desk")
    assert run(capsys, "--data-dir", data, "demo", "--cases", "4")[0] == 0
    code, out, _ = run(capsys, "--data-dir", data, "case", "list", "--owner", "none", "--json")
    number = int(json.loads(out)[0]["number"])
    base = ("--data-dir", data, "case")

    code, _, err = run(capsys, *base, "resolve", str(number), "--agent", "anna", "--ask")
    assert code == 6
    assert "public_url under [gateway]" in err
    code, out, _ = run(capsys, *base, "show", str(number), "--json")
    assert json.loads(out)["case"]["status"] != "resolved"  # refused: nothing changed

    Path(data, "settings.toml").write_text(
        '[gateway]\npublic_url = "https://support.example.com"\n', encoding="utf-8"
    )
    code, out, _ = run(capsys, *base, "resolve", str(number), "--agent", "anna", "--ask")
    assert code == 0
    assert f"case #{number} is resolved;" in out
    assert "is asked whether that solved it" in out
    code, out, _ = run(capsys, *base, "show", str(number), "--json")
    shown = json.loads(out)
    assert shown["case"]["status"] == "resolved"
    question = shown["messages"][-1]
    assert "https://support.example.com/resolution/" in question["body_text"]
    assert "resolution_asked" in [e["kind"] for e in shown["events"]]
