"""The live-update benchmark's machinery works end to end (figures are not asserted)."""

from pathlib import Path

from tests.benchmarks.bench_live import measure


async def test_every_change_is_heard_by_the_other_desktop(tmp_path: Path):
    result = await measure(f"sqlite:///{tmp_path / 'live.db'}", seconds=1.5, rate=20)
    assert result["errors"] == []
    assert result["changes"] >= 10
    assert result["from_call_ms"]["n"] == result["changes"]
