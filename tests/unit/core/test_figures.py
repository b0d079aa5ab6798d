"""Figures in plain Python: promises kept, response and resolution times, waiting clocks."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from omnidesk.core.enums import CommitmentState
from omnidesk.core.figures import (
    CaseRecord,
    CaseTurns,
    CommitmentRecord,
    Outcome,
    Turn,
    customer_clocks,
    iso_week,
    judge_commitment,
    last_weeks,
    team_report,
    waited,
    weeks_between,
)

# Tuesday of ISO week 2026-W48; week 47 starts on Monday 2026-11-16.
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
SINCE = datetime(2026, 11, 16, tzinfo=UTC)
H = timedelta(hours=1)


def promise(owner, due, state=CommitmentState.OPEN, closed=None):
    return CommitmentRecord(owner=owner, due_at=due, state=state, closed_at=closed)


def test_a_commitment_is_judged_by_when_it_was_kept():
    due = NOW - 5 * H
    done = CommitmentState.DONE
    assert judge_commitment(promise("anna", due, done, due - H), now=NOW) is Outcome.ON_TIME
    # Ticked off ten minutes after the call was due: still on time (the grace).
    assert judge_commitment(promise("anna", due, done, due + timedelta(minutes=10)), now=NOW) is (
        Outcome.ON_TIME
    )
    assert judge_commitment(promise("anna", due, done, due + H), now=NOW) is Outcome.LATE
    assert judge_commitment(promise("anna", due), now=NOW) is Outcome.BROKEN
    assert judge_commitment(promise("anna", NOW + H), now=NOW) is Outcome.PENDING
    cancelled = promise("anna", due, CommitmentState.CANCELLED, NOW)
    assert judge_commitment(cancelled, now=NOW) is Outcome.CANCELLED


def test_weeks_are_iso_weeks_in_the_local_zone():
    sunday_night = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)
    assert iso_week(sunday_night) == "2026-W47"
    assert iso_week(sunday_night, ZoneInfo("Europe/Berlin")) == "2026-W48"
    assert weeks_between(SINCE, NOW) == ["2026-W47", "2026-W48"]
    since, until = last_weeks(3, now=NOW)
    assert (since, until) == (datetime(2026, 11, 9, tzinfo=UTC), NOW)
    with pytest.raises(ValueError):
        last_weeks(0, now=NOW)


def test_commitments_count_for_their_owner_in_the_week_they_were_due():
    week47 = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
    week48 = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
    done = CommitmentState.DONE
    report = team_report(
        [
            promise("anna", week47, done, week47 - H),
            promise("anna", week47, done, week47 + 3 * H),
            promise("anna", week48),  # open past due: broken
            promise("ben", week48, CommitmentState.CANCELLED, week48 - H),
            promise("ben", NOW + 2 * H),  # not due yet
            promise("ben", SINCE - H, done, SINCE),  # due before the range: left out
        ],
        [],
        since=SINCE,
        until=NOW + 7 * H,
        now=NOW,
    )
    team = report.team.commitments
    assert (team.on_time, team.late, team.broken, team.cancelled, team.pending) == (1, 1, 1, 1, 1)
    assert team.kept == 2
    assert team.judged == 4
    anna = report.agent("anna")
    assert anna is not None
    assert [w.week for w in anna.weeks] == ["2026-W47", "2026-W48"]
    assert anna.weeks[0].figures.commitments.kept == 2
    assert anna.weeks[1].figures.commitments.broken == 1
    ben = report.agent("ben")
    assert ben is not None
    assert ben.figures.commitments.cancelled == 1
    assert ben.figures.commitments.pending == 1
    assert report.agent("chloe") is None


def test_response_and_resolution_times_and_contacts_per_resolution():
    created = datetime(2026, 11, 17, 9, 0, tzinfo=UTC)
    cases = [
        CaseRecord("anna", created, created + 1 * H, created + 10 * H, contacts=1),
        CaseRecord("anna", created, created + 2 * H, created + 20 * H, contacts=3),
        CaseRecord("anna", created, created + 3 * H, None),
        CaseRecord("anna", created, created + 4 * H, None),
        CaseRecord("ben", created, created + 9 * H, created + 30 * H, contacts=2),
        # Answered before the range, resolved inside it: only the resolution counts.
        CaseRecord("ben", SINCE - 50 * H, SINCE - 49 * H, created + 40 * H, contacts=4),
        # Never answered, never resolved: no figure at all.
        CaseRecord(None, created, None, None),
    ]
    report = team_report([], cases, since=SINCE, until=NOW, now=NOW)

    anna = report.agent("anna")
    assert anna is not None
    assert anna.figures.first_response.count == 4
    assert anna.figures.first_response.median == 2 * H  # nearest rank: a real value
    assert anna.figures.first_response.p80 == 4 * H
    assert anna.figures.resolution.median == 10 * H
    assert anna.figures.resolved == 2
    assert anna.figures.contacts_per_resolution == 2.0

    team = report.team
    assert team.first_response.count == 5
    assert team.first_response.median == 3 * H
    assert team.first_response.p80 == 4 * H
    assert team.resolution.count == 4
    assert team.resolution.p80 == (created + 40 * H) - (SINCE - 50 * H)
    assert team.contacts_per_resolution == (1 + 3 + 2 + 4) / 4
    week47, week48 = report.weeks
    assert week47.figures.resolved == 4
    assert week48.figures == type(week48.figures)()  # an empty week is all zeros and blanks
    assert week48.figures.contacts_per_resolution is None
    assert week48.figures.first_response.median is None


def test_a_wait_runs_from_the_customer_until_an_agent_replies():
    t0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    turns = [
        Turn(t0, from_customer=True),
        Turn(t0 + H, from_customer=True),  # a second message while waiting: same wait
        Turn(t0 + 2 * H, from_customer=False),
        Turn(t0 + 3 * H, from_customer=False),  # a second reply: nobody was waiting
        Turn(t0 + 5 * H, from_customer=True),
        Turn(t0 + 8 * H, from_customer=False),
    ]
    assert waited(turns, resolved_at=None, now=NOW) == (2 * H + 3 * H, None)

    unanswered = [*turns, Turn(t0 + 10 * H, from_customer=True)]
    total, since = waited(unanswered, resolved_at=None, now=t0 + 14 * H)
    assert (total, since) == (9 * H, t0 + 10 * H)


def test_a_resolved_case_stops_the_clock():
    t0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    # Resolved (by phone) two hours after the customer wrote, without a written reply.
    turns = [Turn(t0, from_customer=True)]
    assert waited(turns, resolved_at=t0 + 2 * H, now=NOW) == (2 * H, None)
    # A "thanks!" after the resolution did not reopen the case: no wait.
    thanks = [Turn(t0, True), Turn(t0 + H, False), Turn(t0 + 5 * H, True)]
    assert waited(thanks, resolved_at=t0 + 2 * H, now=NOW) == (H, None)


def test_a_customer_totals_every_case():
    t0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
    answered = CaseTurns(
        number=1041,
        subject="Invoice",
        created_at=t0,
        first_response_at=t0 + 2 * H,
        resolved_at=t0 + 30 * H,
        turns=[Turn(t0, True), Turn(t0 + 2 * H, False), Turn(t0 + 24 * H, True)],
    )
    waiting = CaseTurns(
        number=1042,
        subject="Parcel",
        created_at=NOW - 3 * H,
        first_response_at=None,
        resolved_at=None,
        turns=[Turn(NOW - 3 * H, True), Turn(NOW - H, True), Turn(NOW - H, True)],
    )
    clocks = customer_clocks([answered, waiting], now=NOW)

    assert clocks.waited == 2 * H + 6 * H + 3 * H
    assert clocks.waiting_now
    assert clocks.contacts == 5
    assert clocks.contacts_per_case == 2.5
    newest, oldest = clocks.cases
    assert (newest.number, newest.contacts, newest.waited) == (1042, 3, 3 * H)
    assert newest.waiting_since == NOW - 3 * H
    assert newest.first_response is None
    assert (oldest.first_response, oldest.resolution) == (2 * H, 30 * H)
    assert oldest.waiting_since is None


def test_a_customer_without_cases_waited_nothing():
    clocks = customer_clocks([], now=NOW)
    assert clocks.waited == timedelta(0)
    assert not clocks.waiting_now
    assert clocks.contacts_per_case is None
