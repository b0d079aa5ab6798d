"""``omnidesk search``: output, JSON shape, exit codes and one-line errors."""

import json
from pathlib import Path

import pytest

from omnidesk.cli.main import main

HIT_KEYS = {
    "case_number",
    "subject",
    "status",
    "owner",
    "customer",
    "message_id",
    "snippet",
    "matched_at",
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def desk(request, capsys, tmp_path: Path) -> list[str]:
    """Global options for a demo desk, on a SQLite file or a real PostgreSQL."""
    options = ["--data-dir", str(tmp_path / "desk")]
    if request.param == "postgresql":
        options += ["--db", request.getfixturevalue("pg_url")]
    code, _, _ = run(capsys, *options, "demo", "--cases", "40")
    assert code == 0
    return options


def test_json_lists_cases_with_a_marked_snippet(capsys, desk):
    code, out, err = run(capsys, *desk, "search", "rechnung", "--json", "--limit", "3")
    assert (code, err) == (0, "")
    hits = json.loads(out)
    assert 1 <= len(hits) <= 3
    for hit in hits:
        assert set(hit) == HIT_KEYS
        assert isinstance(hit["case_number"], int)
        assert "\x02" in hit["snippet"]
        assert "\x03" in hit["snippet"]
        assert hit["matched_at"].endswith("+00:00")
    assert len({h["case_number"] for h in hits}) == len(hits)


def test_text_output_marks_the_matches(capsys, desk):
    code, out, _ = run(capsys, *desk, "search", "rechnung", "zweimal")
    assert code == 0
    assert out.startswith("CASE")
    assert "«Rechnung»" in out
    assert "«zweimal»" in out


def test_several_words_form_one_query(capsys, desk):
    _, joined, _ = run(capsys, *desk, "search", "rechnung doppelt", "--json")
    _, apart, _ = run(capsys, *desk, "search", "rechnung", "doppelt", "--json")
    assert joined == apart


def test_an_exclusion_after_double_dash(capsys, desk):
    code, out, _ = run(capsys, *desk, "search", "--json", "--", "-rechnung")
    assert code == 0
    assert all("Rechnung" not in h["subject"] for h in json.loads(out))


def test_no_match_is_not_an_error(capsys, desk):
    code, out, _ = run(capsys, *desk, "search", "zzyzx", "--json")
    assert (code, json.loads(out)) == (0, [])
    code, out, _ = run(capsys, *desk, "search", "zzyzx")
    assert (code, out.strip()) == (0, "(none)")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (['refund "order 42'], "omnidesk: unterminated quote starting at position 7\n"),
        (["rechnung", "OR"], "omnidesk: 'OR' at position 9 needs a word or filter after it\n"),
        (["frm:anna"], "omnidesk: unknown field 'frm:' at position 0 (did you mean from:?)\n"),
        (["status:later"], "omnidesk: unknown status 'later' at position 7; choose one of:"),
        (["owner:zoe"], "omnidesk: owner:zoe: there is no agent of that name (agents: anna"),
        (["owner:me"], "omnidesk: say which agent you are: --agent NAME"),
        ([], "omnidesk: say what to search for"),
        (["rechnung", "--reindex"], "omnidesk: give either a query or --reindex"),
        (["x", "--limit", "0"], "omnidesk: the limit must be between 1 and 500, not 0\n"),
    ],
)
def test_mistakes_exit_2_with_one_line(capsys, desk, argv, expected):
    code, out, err = run(capsys, *desk, "search", *argv)
    assert code == 2
    assert out == ""
    assert err.startswith(expected)
    assert err.count("\n") == 1


def test_owner_me_with_an_agent(capsys, desk):
    code, out, _ = run(capsys, *desk, "search", "owner:me", "--agent", "anna", "--json")
    assert code == 0
    hits = json.loads(out)
    assert hits
    assert {h["owner"] for h in hits} == {"anna"}


def test_reindex(capsys, desk):
    code, out, _ = run(capsys, *desk, "search", "--reindex")
    assert code == 0
    assert out.startswith("search index rebuilt: ")
    assert " messages in " in out
    code, out, _ = run(capsys, *desk, "search", "rechnung", "--json")
    assert json.loads(out)
