"""Which customer merges are allowed, and which can be undone."""

import pytest

from omnidesk.core.errors import InvalidInput, RuleViolation
from omnidesk.core.ids import CustomerId
from omnidesk.core.merging import MergeRecord, check_merge, check_undo

A, B, C, D = (CustomerId(i) for i in (1, 2, 3, 4))


def test_a_record_is_not_merged_with_itself_nor_twice():
    check_merge(A, B, kept_merged_into=None, other_merged_into=None)
    with pytest.raises(InvalidInput):
        check_merge(A, A, kept_merged_into=None, other_merged_into=None)
    with pytest.raises(RuleViolation, match="merged into customer 3 already"):
        check_merge(A, B, kept_merged_into=None, other_merged_into=3)
    with pytest.raises(RuleViolation, match="customer 1 was merged"):
        check_merge(A, B, kept_merged_into=4, other_merged_into=None)


def test_only_the_latest_merge_of_the_same_customers_can_be_undone():
    first = MergeRecord(1, A, B, undone=False)
    unrelated = MergeRecord(2, C, D, undone=False)
    check_undo(first, [unrelated])
    later = MergeRecord(3, A, C, undone=False)
    with pytest.raises(RuleViolation, match="later merge 3"):
        check_undo(first, [unrelated, later])
    check_undo(first, [MergeRecord(3, A, C, undone=True)])
    with pytest.raises(RuleViolation, match="undone already"):
        check_undo(MergeRecord(1, A, B, undone=True), [])
