"""The desktop benchmark's machinery works on a tiny database (figures produced, not judged)."""

import json
import subprocess
import sys
from pathlib import Path

from tests.benchmarks.bench_desktop import ensure_database

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "tests" / "benchmarks" / "bench_desktop.py"


def test_the_benchmark_prints_every_figure(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            *(sys.executable, str(BENCH), "--messages", "300", "--db", str(tmp_path / "b.db")),
            *("--starts", "1", "--open-in-app", "3", "--rounds", "1", "--samples", "3"),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        cwd=ROOT,
    )

    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout.strip().splitlines()[-1])
    assert figures["benchmark"] == "desktop"
    assert figures["messages"] == 300
    assert figures["cases"] > 0
    assert len(figures["start_runs_s"]) == 1
    assert figures["start_to_inbox_s"] > 0
    assert figures["start_cpu_s"] > 0
    assert figures["rss_ready_mb"] > 0
    assert figures["rss_after_cases_mb"] > 0
    assert figures["cases_opened"] == 3
    assert set(figures["switch_view_median_ms"]) >= {"mine", "unassigned", "commitments", "all"}
    for key in ("switch_view_ms", "open_case_ms"):
        assert figures[key]["median"] > 0
        assert figures[key]["p95"] >= figures[key]["median"]
    assert set(figures["met"]) == set(figures["targets"])


def test_a_complete_database_is_reused(tmp_path: Path) -> None:
    path = tmp_path / "b.db"

    first = ensure_database(path, 50)
    again = ensure_database(path, 50)
    bigger = ensure_database(path, 80)

    assert first["built_now"]
    assert not again["built_now"]
    assert again["cases"] == first["cases"]
    assert bigger["built_now"]
    assert bigger["loaded"] == 80
