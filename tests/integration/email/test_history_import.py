"""``omnidesk import``: mbox, Maildir and .eml history, threaded, idempotent."""

import json
import mailbox
from pathlib import Path

from sqlalchemy import text

from omnidesk.cli.main import main
from tests.integration.email.test_imap_and_outbox import customer_mail


def thread_of_three() -> list[bytes]:
    first = customer_mail(
        "Lieferung fehlt", "Wo bleibt meine Bestellung 4711?", message_id="<a1@example.de>"
    )
    second = customer_mail(
        "Re: Lieferung fehlt",
        "Immer noch nichts da.",
        message_id="<a2@example.de>",
        in_reply_to="<a1@example.de>",
    )
    other = customer_mail(
        "Andere Frage",
        "Wie ändere ich meine Adresse?",
        sender="jemand@example.com",
        message_id="<b1@example.com>",
    )
    return [first, second, other]


def run(capsys, *argv: str) -> dict[str, object]:
    code = main([*argv, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return dict(json.loads(out))


def test_mbox_import_threads_and_a_second_import_adds_nothing(capsys, tmp_path: Path, sqlite_url):
    path = tmp_path / "support.mbox"
    box = mailbox.mbox(path)
    for raw in thread_of_three():
        box.add(raw)
    box.close()
    base = ("--data-dir", str(tmp_path / "d"), "--db", sqlite_url, "import", str(path))
    first = run(capsys, *base)
    assert first["outcomes"] == {"new_case": 2, "appended": 1}
    second = run(capsys, *base)
    assert second["outcomes"] == {"duplicate": 3}
    listed = json.loads(
        _out(
            capsys, "--data-dir", str(tmp_path / "d"), "--db", sqlite_url, "case", "list", "--json"
        )
    )
    assert sorted(c["subject"] for c in listed) == ["Andere Frage", "Lieferung fehlt"]


def test_maildir_and_eml_files_are_the_same_messages(capsys, tmp_path: Path, sqlite_url):
    maildir = mailbox.Maildir(tmp_path / "Maildir")
    for raw in thread_of_three():
        maildir.add(raw)
    emls = tmp_path / "emls"
    emls.mkdir()
    for index, raw in enumerate(thread_of_three()):
        (emls / f"{index}.eml").write_bytes(raw)
    base = ("--data-dir", str(tmp_path / "d"), "--db", sqlite_url, "import")
    assert run(capsys, *base, str(tmp_path / "Maildir"))["outcomes"] == {
        "new_case": 2,
        "appended": 1,
    }
    assert run(capsys, *base, str(emls))["outcomes"] == {"duplicate": 3}


def test_imported_history_keeps_its_dates_and_corpus_mail_is_never_lost(
    capsys, tmp_path: Path, sqlite_url
):
    corpus = Path(__file__).parents[2] / "data" / "corpus" / "python-test_email" / "data"
    files = sorted(corpus.glob("msg_*.txt"))
    assert len(files) == 48
    summary = run(
        capsys, "--data-dir", str(tmp_path / "d"), "--db", sqlite_url, "import", *map(str, files)
    )
    outcomes = summary["outcomes"]
    assert isinstance(outcomes, dict)
    assert sum(outcomes.values()) == 48
    from omnidesk.store.engine import Database

    imported = Database(sqlite_url)
    with imported.read() as session:
        stored = session.execute(text("SELECT count(*) FROM message")).scalar_one()
        blobs = session.execute(text("SELECT count(*) FROM message WHERE raw_sha256 IS NULL"))
        flagged = session.execute(text("SELECT count(*) FROM message WHERE needs_attention"))
        assert stored + outcomes.get("duplicate", 0) == 48
        assert blobs.scalar_one() == 0
        assert flagged.scalar_one() >= 10
    imported.dispose()


def test_a_missing_path_is_one_clear_line(capsys, tmp_path: Path):
    code = main(["--data-dir", str(tmp_path), "import", str(tmp_path / "nope.mbox")])
    _, err = capsys.readouterr()
    assert code == 4
    assert err == f"omnidesk: {tmp_path / 'nope.mbox'} does not exist\n"


def _out(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return str(capsys.readouterr().out)


def test_parsing_in_worker_processes_gives_the_same_result(tmp_path: Path):
    from omnidesk.channels.email.history_import import import_paths
    from omnidesk.services.ingest_email import IngestPolicy
    from omnidesk.store.engine import Database
    from omnidesk.store.migrate import upgrade

    path = tmp_path / "support.mbox"
    box = mailbox.mbox(path)
    for raw in thread_of_three() * 3:
        box.add(raw)
    box.close()
    results = []
    for parsers in (0, 2):
        db = Database(f"sqlite:///{tmp_path / f'p{parsers}.db'}")
        upgrade(db)
        report = import_paths(db, [path], policy=IngestPolicy(keep_sent_time=True), parsers=parsers)
        with db.read() as session:
            subjects = sorted(s for (s,) in session.execute(text("SELECT subject FROM message")))
        db.dispose()
        results.append((dict(report.outcomes), subjects))
    assert results[0] == results[1]
    assert results[0][0] == {"new_case": 2, "appended": 1, "duplicate": 6}
