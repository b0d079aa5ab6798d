"""Every value of the domain's enumerations has a label of its own."""

import pytest

from omnidesk.core.enums import CaseStatus, Channel, CommitmentKind, Direction, EventKind
from omnidesk.core.views import View
from omnidesk.ui import labels


@pytest.mark.parametrize(
    ("values", "table"),
    [
        (CaseStatus, labels._STATUS),
        (Channel, labels._CHANNEL),
        (Direction, labels._DIRECTION),
        (CommitmentKind, labels._COMMITMENT),
        (EventKind, labels._EVENT),
        (View, labels._VIEW),
    ],
)
def test_every_value_is_labelled(values, table):
    assert set(values) == set(table)


def test_an_unknown_value_reads_as_words(qapp):
    assert labels._tr("EventKind", {}, EventKind.MESSAGE_MOVED_IN) == "message moved in"
