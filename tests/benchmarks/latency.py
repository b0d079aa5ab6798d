"""What the latency benchmarks share: a database to measure on, and how figures are summed up."""

import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def summary(samples: list[float]) -> dict[str, float | int]:
    """Count, median, 95th percentile (nearest rank) and maximum, in the samples' unit."""
    if not samples:
        return {"n": 0}
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "n": len(ordered),
        "median": round(statistics.median(ordered), 2),
        "p95": round(p95, 2),
        "max": round(ordered[-1], 2),
    }


@contextmanager
def throwaway_database(backend: str, folder: Path, name: str) -> Iterator[str]:
    """A SQLite file in ``folder``, or a database ``name`` on a PostgreSQL cluster of its own."""
    if backend == "sqlite":
        yield f"sqlite:///{folder / f'{name}.db'}"
        return
    from tests.servers.ports import service_user
    from tests.servers.postgres import PostgresServer, find_bindir

    bindir = find_bindir()
    if bindir is None:
        raise SystemExit("PostgreSQL server binaries not found (apt-get install postgresql)")
    server = PostgresServer(bindir, service_user())
    server.init()
    server.start()
    try:
        yield server.url(server.create_database(name))
    finally:
        server.close()
