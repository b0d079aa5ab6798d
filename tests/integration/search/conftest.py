"""A small desk to search in: cases written through the services, on each backend."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from omnidesk.core.entities import Agent
from omnidesk.core.enums import Channel, IdentityKind
from omnidesk.core.ids import AgentId, CaseNumber
from omnidesk.services.agents import add_agent
from omnidesk.services.cases import Incoming, open_case
from omnidesk.services.search import SearchHit, search_cases
from omnidesk.store.engine import Database
from omnidesk.store.messages import NewAttachment

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
"""The searches' "now"; cases are received relative to it."""


@dataclass
class Desk:
    db: Database

    def agent(self, name: str, display_name: str = "") -> Agent:
        return add_agent(
            self.db,
            name=name,
            email=f"{name}@team.example",
            display_name=display_name or name.title(),
        )

    def case(
        self,
        text: str,
        *,
        subject: str = "Anfrage",
        customer: str = "Käthe Köhler",
        address: str = "kaethe@example.de",
        channel: Channel = Channel.EMAIL,
        attachments: Sequence[str] = (),
        days_ago: float = 1,
    ) -> CaseNumber:
        kind = IdentityKind.CHAT if channel is Channel.CHAT else IdentityKind.EMAIL
        return open_case(
            self.db,
            Incoming(
                channel=channel,
                identity_kind=kind,
                identity_value=address,
                customer_name=customer,
                subject=subject,
                text=text,
                received_at=NOW - timedelta(days=days_ago),
                attachments=tuple(
                    NewAttachment(name, "application/pdf", name.encode()) for name in attachments
                ),
            ),
        )

    def hits(self, query: str, *, me: AgentId | None = None, **options: int) -> list[SearchHit]:
        return search_cases(self.db, query, me=me, now=NOW, tz=BERLIN, **options)

    def found(self, query: str, *, me: AgentId | None = None, **options: int) -> list[int]:
        """Case numbers, in result order."""
        return [int(h.case_number) for h in self.hits(query, me=me, **options)]

    def found_set(self, query: str, *, me: AgentId | None = None) -> set[int]:
        return set(self.found(query, me=me, limit=500))


@pytest.fixture
def desk(db: Database) -> Desk:
    return Desk(db)
