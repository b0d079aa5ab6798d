"""The collision rule: which messages since the draft began stop a reply."""

import pytest

from omnidesk.core.collision import ChangedSinceDraft, Written, check_not_changed, unseen_since
from omnidesk.core.enums import Direction
from omnidesk.core.ids import AgentId, CaseNumber, MessageId

ME, COLLEAGUE = AgentId(1), AgentId(2)


def w(i: int, direction: Direction, author: AgentId | None = None) -> Written:
    return Written(MessageId(i), direction, author)


def test_customer_messages_and_colleagues_writing_are_unseen_mine_are_not():
    written = [
        w(5, Direction.IN),
        w(11, Direction.IN),
        w(12, Direction.OUT, ME),
        w(13, Direction.INTERNAL, ME),
        w(14, Direction.OUT, COLLEAGUE),
        w(15, Direction.INTERNAL, COLLEAGUE),
    ]
    assert unseen_since(written, seen_up_to=MessageId(10), writer=ME) == (11, 14, 15)


def test_an_inbound_message_counts_even_if_an_agent_id_is_attached_to_it():
    # A customer message is never "mine", whatever an importer put into author_agent_id.
    assert unseen_since([w(11, Direction.IN, ME)], seen_up_to=MessageId(10), writer=ME) == (11,)


def test_the_check_names_the_case_and_how_many_arrived():
    with pytest.raises(ChangedSinceDraft) as one:
        check_not_changed(CaseNumber(7), [w(3, Direction.IN)], seen_up_to=MessageId(2), writer=ME)
    assert one.value.message.startswith("case #7 has a new message")
    with pytest.raises(ChangedSinceDraft) as two:
        check_not_changed(
            CaseNumber(7),
            [w(3, Direction.IN), w(4, Direction.IN)],
            seen_up_to=MessageId(2),
            writer=ME,
        )
    assert "2 new messages" in two.value.message
    assert two.value.unseen == (3, 4)


def test_without_a_mark_nothing_is_stopped():
    check_not_changed(CaseNumber(7), [w(3, Direction.IN)], seen_up_to=None, writer=ME)
    check_not_changed(CaseNumber(7), [w(3, Direction.IN)], seen_up_to=MessageId(3), writer=ME)
