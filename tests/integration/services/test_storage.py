"""Attachments and raw sources in the database, content-addressed; case lists in SQL."""

from dataclasses import replace
from typing import Any

from sqlalchemy import text

from omnidesk.core.enums import CaseStatus, ReplyMode
from omnidesk.core.views import View, filter_for_view
from omnidesk.services.agents import add_agent
from omnidesk.services.cases import (
    Incoming,
    case_detail,
    claim_case,
    count_cases,
    list_cases,
    open_case,
    write_on_case,
)
from omnidesk.services.demo import fill_demo
from omnidesk.store.blobs import blob_hash, get_blob
from omnidesk.store.engine import Database
from omnidesk.store.messages import NewAttachment
from omnidesk.store.migrate import upgrade
from tests.integration.services.conftest import incoming


def _with(base: Incoming, address: str, raw: bytes, pdf: bytes) -> Incoming:
    return replace(
        base,
        identity_value=address,
        raw=raw,
        attachments=(NewAttachment("Rechnung März.pdf", "application/pdf", pdf),),
    )


def test_identical_attachments_are_stored_once_and_read_back(db):
    pdf = b"%PDF-1.4 invoice " * 1000
    raw = b"From: a@example.com\r\nSubject: x\r\n\r\nbody\r\n"
    for address in ("one@example.com", "two@example.com"):
        open_case(db, _with(incoming(), address, raw, pdf))
    with db.read() as session:
        assert session.execute(text("SELECT count(*) FROM blob")).scalar() == 2
        assert session.execute(text("SELECT count(*) FROM attachment")).scalar() == 2
        assert get_blob(session, blob_hash(pdf)) == pdf
        assert get_blob(session, blob_hash(raw)) == raw


def test_attachment_metadata_reaches_the_case(db, case_number):
    pdf = b"%PDF-1.7"
    number = open_case(db, _with(incoming(address="x@example.org"), "x@example.org", b"raw", pdf))
    message = case_detail(db, number).messages[0]
    assert message.raw_sha256 == blob_hash(b"raw")
    (attachment,) = message.attachments
    assert (attachment.filename, attachment.size, attachment.sha256) == (
        "Rechnung März.pdf",
        len(pdf),
        blob_hash(pdf),
    )


def test_views_count_and_page_in_the_database(db):
    fill_demo(db, cases_wanted=45, seed=7)
    dora = add_agent(db, name="dora", email="dora@team.example")  # owns no demo case
    everything = filter_for_view(View.ALL, me=None)
    total = count_cases(db, everything)
    assert total == 45
    first = list_cases(db, everything, offset=0, limit=20)
    rest = list_cases(db, everything, offset=20, limit=100)
    assert len(first) == 20
    assert len(rest) == 25
    assert {c.number for c in first}.isdisjoint({c.number for c in rest})

    unassigned = filter_for_view(View.UNASSIGNED, me=None)
    waiting_first = list_cases(db, unassigned, limit=100)
    assert all(c.owner is None for c in waiting_first)
    assert len(waiting_first) == count_cases(db, unassigned) > 0
    stamps = [c.waiting_since for c in waiting_first if c.waiting_since is not None]
    assert len(stamps) == len(waiting_first)
    assert stamps == sorted(stamps)  # the customer waiting longest comes first

    target = waiting_first[0].number
    claim_case(db, target, dora)
    mine = list_cases(db, filter_for_view(View.MINE, me=dora.id), limit=100)
    assert [c.number for c in mine] == [target]
    assert count_cases(db, unassigned) == len(waiting_first) - 1

    write_on_case(db, target, agent=dora, text="On it.", mode=ReplyMode.REPLY)
    waiting = list_cases(db, filter_for_view(View.WAITING, me=None), limit=100)
    assert target in {c.number for c in waiting}

    with_commitments = list_cases(db, filter_for_view(View.COMMITMENTS, me=None), limit=100)
    assert with_commitments
    assert all(c.next_commitment_due is not None for c in with_commitments)


def _snapshot(db: Database) -> list[tuple[Any, ...]]:
    found = list_cases(db, filter_for_view(View.ALL, me=None), limit=100)
    return sorted((c.number, c.subject, c.customer, c.status, c.owner) for c in found)


def test_demo_data_is_deterministic_and_varied(tmp_path):
    snapshots = []
    for name in ("a", "b"):
        db = Database(f"sqlite:///{tmp_path / name}.db")
        upgrade(db)
        summary = fill_demo(db, cases_wanted=40, seed=99)
        snapshots.append(_snapshot(db))
        db.dispose()
    assert snapshots[0] == snapshots[1]
    assert summary.cases == 40
    statuses = {row[3] for row in snapshots[0]}
    assert statuses >= {CaseStatus.NEW, CaseStatus.OPEN, CaseStatus.WAITING_ON_CUSTOMER}
    assert any(row[4] is None for row in snapshots[0])  # some cases still unassigned
    assert any("ü" in row[1] or "ö" in row[2] or "ü" in row[2] for row in snapshots[0])
    assert summary.commitments > 0
