"""Times as the case list shows them."""

from datetime import UTC, datetime, timedelta

from omnidesk.ui.timefmt import clock_text, due_text, waiting_text

NOW = datetime(2025, 3, 12, 9, 30, tzinfo=UTC)


def test_waiting_uses_the_largest_whole_unit(qapp):
    assert waiting_text(NOW - timedelta(seconds=20), NOW) == "now"
    assert waiting_text(NOW - timedelta(minutes=5), NOW) == "5 min"
    assert waiting_text(NOW - timedelta(hours=3, minutes=59), NOW) == "3 h"
    assert waiting_text(NOW - timedelta(days=2, hours=5), NOW) == "2 d"
    # A clock that is slightly off must not show negative waiting.
    assert waiting_text(NOW + timedelta(minutes=3), NOW) == "now"


def test_due_times_are_relative_to_today(qapp):
    local_now = NOW.astimezone()
    soon = local_now.replace(hour=23, minute=0) if local_now.hour < 23 else local_now
    assert due_text(soon, NOW) == f"today {clock_text(soon)}"
    tomorrow = soon + timedelta(days=1)
    assert due_text(tomorrow, NOW) == f"tomorrow {clock_text(tomorrow)}"
    yesterday = soon - timedelta(days=1)
    assert due_text(yesterday, NOW) == f"yesterday {clock_text(yesterday)}"
    far = NOW + timedelta(days=30)
    assert "2025" in due_text(far, NOW) or "25" in due_text(far, NOW)
