"""A small team and one fresh case, on each backend."""

import pytest

from omnidesk.core.entities import Agent
from omnidesk.core.enums import Channel, IdentityKind
from omnidesk.core.ids import CaseNumber
from omnidesk.services.agents import add_agent
from omnidesk.services.cases import Incoming, open_case
from omnidesk.store.engine import Database


@pytest.fixture
def anna(db: Database) -> Agent:
    return add_agent(db, name="anna", email="anna@team.example", display_name="Anna Schmidt")


@pytest.fixture
def ben(db: Database) -> Agent:
    return add_agent(db, name="ben", email="ben@team.example", display_name="Ben Carter")


def incoming(address: str = "kunde@example.de", subject: str = "Rechnung doppelt") -> Incoming:
    return Incoming(
        channel=Channel.EMAIL,
        identity_kind=IdentityKind.EMAIL,
        identity_value=address,
        customer_name="Käthe Köhler",
        subject=subject,
        text="Mir wurde die Rechnung zweimal abgebucht. Wann bekomme ich das Geld zurück?",
    )


@pytest.fixture
def case_number(db: Database) -> CaseNumber:
    return open_case(db, incoming())
