"""Which colleagues count as being on a case."""

from datetime import UTC, datetime, timedelta

from omnidesk.core.ids import AgentId
from omnidesk.core.presence import STALE_AFTER, Activity, Presence, colleagues_on_case

NOW = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)


def p(agent: int, name: str, activity: Activity, age_s: float) -> Presence:
    return Presence(AgentId(agent), name, activity, NOW - timedelta(seconds=age_s))


def test_others_fresh_replying_first_then_by_name():
    reports = [
        p(1, "me", Activity.REPLYING, 1),
        p(2, "zoe", Activity.VIEWING, 5),
        p(3, "Bea", Activity.VIEWING, 5),
        p(4, "carl", Activity.REPLYING, 5),
        p(5, "old", Activity.REPLYING, STALE_AFTER.total_seconds() + 1),
    ]
    names = [r.name for r in colleagues_on_case(reports, me=AgentId(1), now=NOW)]
    assert names == ["carl", "Bea", "zoe"]


def test_without_me_everyone_fresh_is_listed():
    reports = [p(1, "me", Activity.VIEWING, STALE_AFTER.total_seconds())]
    assert [r.name for r in colleagues_on_case(reports, me=None, now=NOW)] == ["me"]
