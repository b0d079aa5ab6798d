"""Merging two records of one person, and undoing it, on both backends."""

import pytest

from omnidesk.core.enums import Channel, EventKind, IdentityKind
from omnidesk.core.errors import RuleViolation
from omnidesk.services.cases import Incoming, case_detail, open_case
from omnidesk.services.customers import find_customer, merge_customers, merges_of, undo_merge
from omnidesk.store.customers import find_or_create_customer


def _case(db, kind: IdentityKind, value: str, name: str, subject: str):
    channel = Channel.CHAT if kind is IdentityKind.CHAT else Channel.EMAIL
    return open_case(
        db,
        Incoming(
            channel=channel,
            identity_kind=kind,
            identity_value=value,
            customer_name=name,
            subject=subject,
            text="Hallo, eine Frage.",
        ),
    )


def test_merge_moves_identities_and_cases_and_undo_puts_them_back(db, anna):
    work = _case(db, IdentityKind.EMAIL, "kaethe@firma.example", "Käthe Köhler", "Rechnung")
    chat = _case(db, IdentityKind.CHAT, "visitor-7f3a", "Käthe", "Lieferung")
    kept = find_customer(db, "kaethe@firma.example")
    other = find_customer(db, "visitor-7f3a")
    assert kept.id != other.id

    outcome = merge_customers(db, kept, other, actor=anna)

    assert {i.value for i in outcome.kept.identities} == {"kaethe@firma.example", "visitor-7f3a"}
    assert case_detail(db, chat).customer.id == kept.id
    assert find_customer(db, "visitor-7f3a").id == kept.id
    # New contact through the merged identity lands with the kept record.
    with db.write() as session:
        customer_id, _ = find_or_create_customer(
            session, kind=IdentityKind.CHAT, value="visitor-7f3a"
        )
    assert customer_id == kept.id
    logged = [e for e in case_detail(db, chat).events if e.kind is EventKind.CUSTOMER_MERGED]
    assert len(logged) == 1
    assert logged[0].reason == f"merge {outcome.merge_id}"
    with pytest.raises(RuleViolation):
        merge_customers(db, kept, other, actor=anna)  # merged already

    undone = undo_merge(db, outcome.merge_id, actor=anna)

    assert undone.undone
    assert case_detail(db, chat).customer.id == other.id
    assert case_detail(db, work).customer.id == kept.id
    assert find_customer(db, "visitor-7f3a").id == other.id
    assert {i.value for i in find_customer(db, str(kept.id)).identities} == {"kaethe@firma.example"}
    kinds = [e.kind for e in case_detail(db, chat).events]
    assert EventKind.CUSTOMER_UNMERGED in kinds
    assert [m.undone for m in merges_of(db, kept)] == [True]
    with pytest.raises(RuleViolation, match="undone already"):
        undo_merge(db, outcome.merge_id, actor=anna)


def test_a_later_merge_must_be_undone_first(db, anna):
    _case(db, IdentityKind.EMAIL, "a@example.org", "A", "Eins")
    _case(db, IdentityKind.EMAIL, "b@example.org", "B", "Zwei")
    _case(db, IdentityKind.EMAIL, "c@example.org", "C", "Drei")
    a, b, c = (find_customer(db, f"{x}@example.org") for x in "abc")
    first = merge_customers(db, a, b, actor=anna)
    second = merge_customers(db, a, c, actor=anna)
    with pytest.raises(RuleViolation, match=f"later merge {second.merge_id}"):
        undo_merge(db, first.merge_id, actor=anna)
    undo_merge(db, second.merge_id, actor=None)
    undo_merge(db, first.merge_id, actor=None)
    assert [i.value for i in find_customer(db, "b@example.org").identities] == ["b@example.org"]
