"""Customers and the identities (addresses, chat ids, phones) that lead to them."""

from sqlalchemy import Connection, bindparam, insert
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from omnidesk.core.entities import Customer
from omnidesk.core.enums import IdentityKind
from omnidesk.core.identities import normalize_identity
from omnidesk.core.ids import CustomerId, IdentityId
from omnidesk.store.mapping import identity_from_row
from omnidesk.store.tables import CustomerRow, IdentityRow, core_table
from omnidesk.store.text_safety import fit
from omnidesk.store.types import utcnow

_CUSTOMERS = core_table(CustomerRow)
_IDENTITIES = core_table(IdentityRow)
# Built once: ingestion looks up a sender for every message it stores.
_FIND_IDENTITY = (
    sa_select(_IDENTITIES.c.id, _IDENTITIES.c.customer_id, _CUSTOMERS.c.merged_into_id)
    .join(_CUSTOMERS, _CUSTOMERS.c.id == _IDENTITIES.c.customer_id)
    .where(_IDENTITIES.c.kind == bindparam("kind"), _IDENTITIES.c.value == bindparam("value"))
)
_FIND_IDENTITIES = (
    sa_select(
        _IDENTITIES.c.value,
        _IDENTITIES.c.id,
        _IDENTITIES.c.customer_id,
        _CUSTOMERS.c.merged_into_id,
    )
    .join(_CUSTOMERS, _CUSTOMERS.c.id == _IDENTITIES.c.customer_id)
    .where(
        _IDENTITIES.c.kind == bindparam("kind"),
        _IDENTITIES.c.value.in_(bindparam("values", expanding=True)),
    )
)
_MERGED_INTO = sa_select(_CUSTOMERS.c.merged_into_id).where(
    _CUSTOMERS.c.id == bindparam("customer_id")
)
_INSERT_CUSTOMER = insert(_CUSTOMERS).returning(_CUSTOMERS.c.id)
_INSERT_IDENTITY = insert(_IDENTITIES).returning(_IDENTITIES.c.id)

Executor = Session | Connection
"""Ingestion runs these on its connection; everyone else passes a session."""

FoundIdentity = tuple[IdentityId, CustomerId, CustomerId | None]
"""An identity, its customer and the customer that one was merged into (if it was)."""


def find_or_create_customer(
    session: Executor, *, kind: IdentityKind, value: str, name: str = ""
) -> tuple[CustomerId, IdentityId]:
    """The customer behind an identity, created with that identity if unknown.

    Merged customers resolve to the customer they were merged into.
    """
    normalized = normalize_identity(kind, value)
    found = session.execute(_FIND_IDENTITY, {"kind": kind.value, "value": normalized}).first()
    if found is not None:
        identity_id, customer_id, merged_into = found
        return resolve_identity(
            session,
            (IdentityId(identity_id), CustomerId(customer_id), merged_into),
        )
    return create_customer(session, kind=kind, normalized=normalized, name=name)


def find_identities(
    session: Executor, kind: IdentityKind, normalized: list[str]
) -> dict[str, FoundIdentity]:
    """The stored identities among these normalized values, in one ``IN`` query."""
    if not normalized:
        return {}
    rows = session.execute(_FIND_IDENTITIES, {"kind": kind.value, "values": normalized})
    return {
        str(value): (
            IdentityId(identity_id),
            CustomerId(customer_id),
            None if merged_into is None else CustomerId(merged_into),
        )
        for value, identity_id, customer_id, merged_into in rows
    }


def resolve_identity(session: Executor, found: FoundIdentity) -> tuple[CustomerId, IdentityId]:
    """The customer an identity leads to today: its own, or the one it was merged into."""
    identity_id, customer_id, merged_into = found
    if merged_into is not None:
        customer_id = _surviving(session, customer_id)
    return customer_id, identity_id


def create_customer(
    session: Executor, *, kind: IdentityKind, normalized: str, name: str = ""
) -> tuple[CustomerId, IdentityId]:
    """A new customer with one identity (``normalized`` as :func:`normalize_identity` gives it)."""
    display = fit(name.strip(), 200)
    now = utcnow()
    customer_id = session.execute(
        _INSERT_CUSTOMER, {"name": display, "created_at": now}
    ).scalar_one()
    identity_id = session.execute(
        _INSERT_IDENTITY,
        {
            "customer_id": customer_id,
            "kind": kind.value,
            "value": stored_identity_value(normalized),
            "display_name": display,
            "created_at": now,
        },
    ).scalar_one()
    return CustomerId(customer_id), IdentityId(identity_id)


def stored_identity_value(normalized: str) -> str:
    """The value column as :func:`create_customer` writes it (cut to the column's length)."""
    return fit(normalized, 320)


def _surviving(session: Executor, customer_id: CustomerId) -> CustomerId:
    seen: set[int] = set()
    current: int = customer_id
    while current not in seen:
        seen.add(current)
        merged_into = session.execute(_MERGED_INTO, {"customer_id": current}).scalar_one_or_none()
        if merged_into is None:
            break
        current = merged_into
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


def create_anonymous_customer(session: Executor, *, name: str) -> CustomerId:
    """A customer without a usable address (broken mail): kept, never merged by guess."""
    customer_id = session.execute(
        _INSERT_CUSTOMER, {"name": fit(name, 200), "created_at": utcnow()}
    ).scalar_one()
    return CustomerId(customer_id)
