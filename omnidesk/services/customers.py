"""Customers: finding one by an address, merging two records of one person, undoing it."""

from dataclasses import dataclass

from sqlmodel import col, select

from omnidesk.core.entities import Agent, Customer
from omnidesk.core.enums import IdentityKind
from omnidesk.core.errors import NotFound
from omnidesk.core.identities import normalize_identity
from omnidesk.core.ids import CustomerId
from omnidesk.core.merging import MergeRecord
from omnidesk.store import merges
from omnidesk.store.customers import get_customer
from omnidesk.store.engine import Database
from omnidesk.store.tables import CustomerRow, IdentityRow
from omnidesk.store.types import utcnow


@dataclass(frozen=True, slots=True)
class MergeOutcome:
    merge_id: int
    kept: Customer
    """The surviving record, with every identity of both."""


def find_customer(db: Database, address_or_id: str) -> Customer:
    """A customer by one of their addresses (any channel's identity value) or by number."""
    text = address_or_id.strip()
    with db.read() as session:
        if text.isdigit():
            if session.get(CustomerRow, int(text)) is None:
                raise NotFound(f"there is no customer {text}")
            return get_customer(session, CustomerId(int(text)))
        value = normalize_identity(IdentityKind.EMAIL, text) if "@" in text else text
        row = session.exec(
            select(IdentityRow.customer_id).where(col(IdentityRow.value) == value)
        ).first()
        if row is None:
            raise NotFound(f"no customer has the address {text!r}")
        return get_customer(session, CustomerId(row))


def merge_customers(
    db: Database, kept: Customer, other: Customer, *, actor: Agent | None
) -> MergeOutcome:
    """``other`` becomes part of ``kept``; undo with :func:`undo_merge`."""
    with db.write() as session:
        merge_id = merges.merge(
            session, kept.id, other.id, actor=actor.id if actor else None, now=utcnow()
        )
        return MergeOutcome(merge_id, get_customer(session, kept.id))


def undo_merge(db: Database, merge_id: int, *, actor: Agent | None) -> MergeRecord:
    with db.write() as session:
        return merges.undo(session, merge_id, actor=actor.id if actor else None, now=utcnow())


def merges_of(db: Database, customer: Customer) -> list[MergeRecord]:
    with db.read() as session:
        return merges.merges_of(session, customer.id)
