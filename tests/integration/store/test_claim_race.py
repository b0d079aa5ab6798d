"""Atomic claim, for real: 20 agents claim one case at once, on separate connections.

Each claimer runs in its own thread with its own ``Database`` (its own engine and
connection pool), so SQLite sees several connections to one file and PostgreSQL
sees 20 sessions: exactly one wins, every loser is told who the owner is, and the
event log holds exactly one claim.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import text

from omnidesk.core.entities import Agent
from omnidesk.core.enums import Channel, IdentityKind
from omnidesk.core.errors import OwnedByOther
from omnidesk.core.ids import CaseNumber
from omnidesk.services.agents import add_agent
from omnidesk.services.cases import Incoming, case_detail, claim_case, open_case
from omnidesk.store.engine import Database

CLAIMERS = 20


def _claim_all_at_once(db_url: str, number: CaseNumber, agents: list[Agent]) -> list[object]:
    barrier = threading.Barrier(len(agents))

    def claim(agent: Agent) -> object:
        own = Database(db_url)
        try:
            with own.engine.connect():
                pass  # connect before the barrier so all start the claim together
            barrier.wait(timeout=30)
            try:
                return claim_case(own, number, agent)
            except OwnedByOther as lost:
                return lost
        finally:
            own.dispose()

    with ThreadPoolExecutor(max_workers=len(agents)) as pool:
        return list(pool.map(claim, agents))


def test_twenty_concurrent_claimers_one_winner(db: Database, db_url: str):
    agents = [
        add_agent(db, name=f"agent{i:02d}", email=f"agent{i:02d}@team.example")
        for i in range(CLAIMERS)
    ]
    number = open_case(
        db,
        Incoming(
            channel=Channel.EMAIL,
            identity_kind=IdentityKind.EMAIL,
            identity_value="kunde@example.de",
            customer_name="Jürgen Müller",
            subject="Rückruf bitte",
            text="Bitte rufen Sie mich zurück.",
        ),
    )

    results = _claim_all_at_once(db_url, number, agents)

    winners = [r for r in results if not isinstance(r, OwnedByOther)]
    losers = [r for r in results if isinstance(r, OwnedByOther)]
    assert len(winners) == 1
    assert len(losers) == CLAIMERS - 1
    detail = case_detail(db, number)
    assert detail.owner is not None
    assert {str(loser) for loser in losers} == {f"case #{number} is owned by {detail.owner.name}"}
    claims = [e for e in detail.events if e.kind == "claimed"]
    assert len(claims) == 1
    assert claims[0].actor == detail.owner.name
    assert detail.case.status == "open"
    with db.read() as session:
        stored = session.execute(text("SELECT count(*) FROM event WHERE kind = 'claimed'"))
        assert stored.scalar() == 1
