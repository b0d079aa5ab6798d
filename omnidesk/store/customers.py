"""Customers and the identities (addresses, chat ids, phones) that lead to them."""

from sqlmodel import Session, col, select

from omnidesk.core.entities import Customer
from omnidesk.core.enums import IdentityKind
from omnidesk.core.identities import normalize_identity
from omnidesk.core.ids import CustomerId, IdentityId
from omnidesk.store.mapping import identity_from_row
from omnidesk.store.tables import CustomerRow, IdentityRow


def find_or_create_customer(
    session: Session, *, kind: IdentityKind, value: str, name: str = ""
) -> tuple[CustomerId, IdentityId]:
    """The customer behind an identity, created with that identity if unknown.

    Merged customers resolve to the customer they were merged into.
    """
    normalized = normalize_identity(kind, value)
    identity = session.execute(
        select(IdentityRow).where(
            col(IdentityRow.kind) == kind.value, col(IdentityRow.value) == normalized
        )
    ).scalar_one_or_none()
    if identity is not None:
        assert identity.id is not None
        return _surviving(session, CustomerId(identity.customer_id)), IdentityId(identity.id)
    customer = CustomerRow(name=name.strip())
    session.add(customer)
    session.flush()
    assert customer.id is not None
    identity = IdentityRow(
        customer_id=customer.id, kind=kind.value, value=normalized, display_name=name.strip()
    )
    session.add(identity)
    session.flush()
    assert identity.id is not None
    return CustomerId(customer.id), IdentityId(identity.id)


def _surviving(session: Session, customer_id: CustomerId) -> CustomerId:
    seen: set[int] = set()
    current: int = customer_id
    while current not in seen:
        seen.add(current)
        row = session.get(CustomerRow, current)
        if row is None or row.merged_into_id is None:
            break
        current = row.merged_into_id
    return CustomerId(current)


def get_customer(session: Session, customer_id: CustomerId) -> Customer:
    row = session.get(CustomerRow, customer_id)
    assert row is not None
    assert row.id is not None
    identities = session.execute(
        select(IdentityRow)
        .where(col(IdentityRow.customer_id) == customer_id)
        .order_by(col(IdentityRow.id))
    ).scalars()
    return Customer(
        id=CustomerId(row.id),
        name=row.name,
        identities=tuple(identity_from_row(i) for i in identities),
    )


def display_name(customer: Customer) -> str:
    if customer.name:
        return customer.name
    return customer.identities[0].value if customer.identities else f"customer {customer.id}"


def create_anonymous_customer(session: Session, *, name: str) -> CustomerId:
    """A customer without a usable address (broken mail): kept, never merged by guess."""
    customer = CustomerRow(name=name)
    session.add(customer)
    session.flush()
    assert customer.id is not None
    return CustomerId(customer.id)
