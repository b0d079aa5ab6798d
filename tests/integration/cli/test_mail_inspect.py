"""``omnidesk mail inspect``: one raw message in, what OmniDesk extracts out (no database)."""

import hashlib
import io
import json
from pathlib import Path

import pytest

from omnidesk.cli.main import main

DATA = Path(__file__).parents[2] / "data"
CORPUS = DATA / "corpus" / "python-test_email" / "data"
MAIL = DATA / "mail"


@pytest.fixture
def run(capsys, tmp_path):
    def run(*argv: str) -> tuple[int, str, str]:
        # --data-dir keeps the command away from the user's real settings and logs.
        code = main(["--data-dir", str(tmp_path / "desk"), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def test_json_report_of_a_corpus_message(run):
    code, out, err = run("mail", "inspect", str(CORPUS / "msg_07.txt"), "--json")
    assert (code, err) == (0, "")
    report = json.loads(out)
    assert report["from"] == {"name": "Barry", "address": "barry@digicool.com"}
    assert report["to"] == [{"name": "Dingus Lovers", "address": "cravindogs@cravindogs.com"}]
    assert report["subject"] == "Here is your dingus fish"
    assert report["date"] == "2001-04-20T23:35:02+00:00"
    assert report["text"] == "Hi there,\n\nThis is the dingus fish."
    assert report["html"] is None
    (gif,) = report["attachments"]
    data = (CORPUS / "msg_07.txt").read_bytes()
    assert gif["filename"] == "dingusfish.gif"
    assert gif["size"] == 3512
    assert "data" not in gif
    assert (report["is_auto_reply"], report["is_bounce"], report["needs_attention"]) == (
        False,
        False,
        False,
    )
    assert report["raw_size"] == len(data)
    assert set(report) >= {
        "cc",
        "reply_to",
        "message_id",
        "in_reply_to",
        "references",
        "new_text",
        "bounced_message_id",
        "problems",
    }


def test_attachments_are_written_decoded_under_unique_names(run, tmp_path):
    folder = tmp_path / "out"
    code, out, _ = run(
        "mail", "inspect", str(CORPUS / "msg_04.txt"), "--json", "--attachments-to", str(folder)
    )
    assert code == 0
    report = json.loads(out)
    assert sorted(p.name for p in folder.iterdir()) == ["msg-2.txt", "msg.txt"]
    for attachment in report["attachments"]:
        written = Path(attachment["saved_as"]).read_bytes()
        assert hashlib.sha256(written).hexdigest() == attachment["sha256"]
        assert written == b"a simple kind of mirror\nto reflect upon our own\n"
    # A second run never overwrites what is there.
    run("mail", "inspect", str(CORPUS / "msg_04.txt"), "--attachments-to", str(folder))
    assert len(list(folder.iterdir())) == 4


def test_encoded_filenames_are_written_safely(run, tmp_path):
    folder = tmp_path / "files"
    code, out, _ = run(
        "mail", "inspect", str(MAIL / "encoded-filenames.eml"), "--attachments-to", str(folder)
    )
    assert code == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "Lange Liste der Bestellungen 2024.txt",
        "Rechnung März.pdf",
        "passwd",
        "Übersicht Q1.xlsx",
    ]
    assert not (tmp_path / "etc").exists()
    assert f"saved to {folder / 'Rechnung März.pdf'}" in out


def test_human_output_of_a_bounce(run):
    code, out, _ = run("mail", "inspect", str(MAIL / "dsn-bounce.eml"))
    assert code == 0
    assert "From:        Mail Delivery System <MAILER-DAEMON@mx.example.com>" in out
    assert "Kind:        bounce (failed: <outbox-42@omnidesk.test>), auto-reply" in out
    assert "Problems:    none" in out
    assert "Attachments: 2" in out
    assert "--- text ---\nThis is the mail system at host mx.example.com." in out


def test_human_output_shows_problems_and_the_new_part(run):
    code, out, _ = run("mail", "inspect", str(CORPUS / "msg_41.txt"))
    assert code == 0
    assert "Attention:   NEEDS ATTENTION" in out
    assert "  - mime-structure: multipart without a boundary (multipart/alternative)" in out
    code, out, _ = run("mail", "inspect", str(MAIL / "outlook-reply-de.eml"))
    assert code == 0
    assert "--- new part (without quoted history) ---\nHallo Frau Schmidt," in out


def test_sanitized_html_is_printed(run):
    code, out, _ = run("mail", "inspect", str(MAIL / "html-only-remote.eml"), "--json")
    assert code == 0
    report = json.loads(out)
    assert report["remote_images_blocked"] == 2
    assert "<script" not in report["html"]
    assert "tracker.example" not in report["html"]
    _, out, _ = run("mail", "inspect", str(MAIL / "html-only-remote.eml"))
    assert "--- html (sanitized, 2 remote image(s) blocked) ---\n<p" in out


def test_standard_input(run, monkeypatch):
    raw = (MAIL / "out-of-office.eml").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw)))
    code, out, _ = run("mail", "inspect", "-", "--json")
    assert code == 0
    assert json.loads(out)["is_auto_reply"] is True


def test_missing_file_is_one_clear_line(run, tmp_path):
    code, out, err = run("mail", "inspect", str(tmp_path / "nope.eml"))
    assert (code, out) == (4, "")
    assert err == f"omnidesk: no such file: {tmp_path / 'nope.eml'}\n"


def test_a_folder_is_not_a_message(run, tmp_path):
    code, _, err = run("mail", "inspect", str(tmp_path))
    assert code == 2
    assert err == f"omnidesk: {tmp_path} is a folder, not a message file\n"


def test_attachments_folder_that_is_a_file(run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(
        "mail", "inspect", str(CORPUS / "msg_07.txt"), "--attachments-to", str(blocker)
    )
    assert code == 2
    assert err.startswith(f"omnidesk: cannot use {blocker} for attachments:")
    assert err.count("\n") == 1


def test_inspect_needs_no_database(run, tmp_path):
    run("mail", "inspect", str(CORPUS / "msg_01.txt"))
    assert not (tmp_path / "desk" / "omnidesk.db").exists()
