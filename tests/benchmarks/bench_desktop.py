"""Desktop speed on a big SQLite database: start to a usable inbox, view switches, memory.

Usage::

    .venv/bin/python tests/benchmarks/bench_desktop.py [--messages 1000000]
        [--db PATH] [--starts 5] [--rounds 5] [--samples 50] [--open-in-app 20]

The database (``--messages`` generated support mails, about one case per ten messages,
loaded like ``bench_search.py`` does: schema 0002, bulk insert, then ``upgrade`` builds
the search index) is built once at ``--db`` and reused while its ``.done.json`` says it
is complete and of the same size. Then:

1. **Start**: ``python -m omnidesk --data-dir DIR`` (offscreen, agent ``anna``) is
   started ``--starts`` times; each start is timed from spawn to the app's
   ``omnidesk: inbox ready`` line (``OMNIDESK_REPORT_READY=1``: the first case page and
   the sidebar counts are shown), and its resident memory (``VmRSS``) read then. One
   more start (``desktop_driver.py``) opens ``--open-in-app`` cases and reads it again.
2. **In-process**: a ``MainWindow`` on the same database; for ``--rounds`` rounds every
   sidebar view is chosen in turn and timed to its first page
   (``CaseTableModel.sig_page_loaded``); then ``--samples`` cases (a fixed random
   sample) are opened and timed to the detail on screen (the composer on that case).

One JSON line with every figure and the targets (start under 1 s, switch and open under
50 ms, memory under 300 MB).
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import json
import os
import queue
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import text

from omnidesk.core.ids import CaseNumber
from omnidesk.store.engine import Database
from omnidesk.store.migrate import upgrade
from omnidesk.ui.ready import READY_LINE, REPORT_READY_ENV
from tests.benchmarks.bench_search import SEED, Loaded, load
from tests.benchmarks.desktop_driver import OPENED_LINE
from tests.benchmarks.gen_mail import generate

if TYPE_CHECKING:  # Qt is imported only for the in-process part
    from omnidesk.ui.mainwindow import MainWindow
    from omnidesk.ui.tasks import TaskRunner

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).resolve().with_name("desktop_driver.py")
AGENT = "anna"
TARGETS = {"start_s": 1.0, "switch_view_ms": 50.0, "open_case_ms": 50.0, "rss_mb": 300.0}
START_TIMEOUT_S = 120.0
HARMLESS_QT_MESSAGES = ("This plugin does not support propagateSizeHints()",)


# --- the database ---------------------------------------------------------------------------


def ensure_database(path: Path, messages: int) -> dict[str, Any]:
    """Build the database at ``path`` unless a complete one of this size is there already."""
    done = path.with_name(path.name + ".done.json")
    wanted = {"messages": messages, "seed": SEED}
    if path.exists() and done.exists():
        info: dict[str, Any] = json.loads(done.read_text(encoding="utf-8"))
        if {k: info.get(k) for k in wanted} == wanted:
            return info | {"built_now": False}
    done.unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    building = path.with_name(path.name + ".building")
    for stale in (path, building):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{stale}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    db = Database(f"sqlite:///{building}")
    try:
        upgrade(db, "0002")
        loaded = load(db, generate(messages, seed=SEED), Loaded())
        upgrade(db, "head")  # builds the search index, as a real upgrade would
        with db.engine.connect() as connection:
            cases = connection.execute(text("SELECT count(*) FROM support_case")).scalar_one()
    finally:
        db.dispose()  # checkpoints the WAL: the one file is the whole database
    building.rename(path)
    info = wanted | {
        "cases": int(cases),
        "loaded": loaded,
        "build_s": round(time.perf_counter() - started, 1),
    }
    done.write_text(json.dumps(info), encoding="utf-8")
    return info | {"built_now": True}


def write_data_dir(folder: Path, db_path: Path) -> Path:
    """A data folder whose settings name agent anna and the benchmark's database."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.toml").write_text(
        f'agent = "{AGENT}"\n'
        f'database_url = "sqlite:///{db_path.resolve()}"\n'
        "[gateway]\n"
        'http = "127.0.0.1:0"  # any free port: starts may overlap with other work\n',
        encoding="utf-8",
    )
    return folder


# --- starting the real app ------------------------------------------------------------------


def rss_mb(pid: int) -> float:
    """The resident memory of process ``pid`` (Linux ``/proc``)."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise RuntimeError(f"no VmRSS for process {pid}")


def cpu_s(pid: int) -> float:
    """User plus system CPU time process ``pid`` has used so far, all its threads."""
    fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _app_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "OMNIDESK_DATA_DIR"}
    env.update({"QT_QPA_PLATFORM": "offscreen", REPORT_READY_ENV: "1"})
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


class AppProcess:
    """A started app whose stderr lines are collected by a reader thread."""

    def __init__(self, command: list[str]) -> None:
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=_app_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def wait_for(self, wanted: str) -> float:
        """Seconds from spawn until ``wanted`` was printed on stderr."""
        deadline = self.started + START_TIMEOUT_S
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.perf_counter()))
            except queue.Empty:
                line = None
            if line == wanted:
                return time.perf_counter() - self.started
            if line is None:
                self.stop()
                output = "\n".join(self.seen[-20:])
                raise RuntimeError(f"the app never printed {wanted!r}:\n{output}")
            self.seen.append(line)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def measure_starts(data_dir: Path, *, starts: int) -> dict[str, Any]:
    """Spawn-to-ready times and memory at ready of ``starts`` plain app starts."""
    times: list[float] = []
    cpu: list[float] = []
    memory: list[float] = []
    for _ in range(starts):
        app = AppProcess([sys.executable, "-m", "omnidesk", "--data-dir", str(data_dir)])
        try:
            times.append(app.wait_for(READY_LINE))
            cpu.append(cpu_s(app.process.pid))
            memory.append(rss_mb(app.process.pid))
        finally:
            app.stop()
    return {
        "start_to_inbox_s": round(statistics.median(times), 3),
        "start_runs_s": [round(t, 3) for t in times],
        # CPU used by then: what the start costs apart from other work on the machine.
        "start_cpu_s": round(statistics.median(cpu), 2),
        "rss_ready_mb": statistics.median(memory),
    }


def measure_memory_after_cases(data_dir: Path, cases: list[int]) -> dict[str, Any]:
    """Start the app once more, open ``cases`` in it one by one, read its memory."""
    numbers = ",".join(str(n) for n in cases)
    command = [sys.executable, str(DRIVER), "--cases", numbers, "--", "--data-dir", str(data_dir)]
    app = AppProcess(command)
    try:
        app.wait_for(READY_LINE)
        ready = rss_mb(app.process.pid)
        app.wait_for(OPENED_LINE)
        opened = rss_mb(app.process.pid)
    finally:
        app.stop()
    return {"rss_driver_ready_mb": ready, "rss_after_cases_mb": opened, "cases_opened": len(cases)}


# --- in-process: switching views, opening cases ---------------------------------------------


def measure_in_process(
    db_path: Path, *, rounds: int, cases: list[int], work_dir: Path
) -> dict[str, Any]:
    """Time view switches and case openings in a ``MainWindow`` on this process's Qt loop."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # before the QApplication exists
    # The desktop benchmark drives Qt itself (the rest of tests/benchmarks is headless).
    import qasync  # noqa: TID251
    from PySide6.QtCore import (  # noqa: TID251
        QMessageLogContext,
        QtMsgType,
        qInstallMessageHandler,
    )
    from PySide6.QtWidgets import QApplication  # noqa: TID251

    from omnidesk.config.settings import Settings
    from omnidesk.ui.mainwindow import MainWindow
    from omnidesk.ui.ready import InboxReadiness
    from omnidesk.ui.setup import DeskSetup
    from omnidesk.ui.tasks import TaskRunner

    def on_qt_message(_kind: QtMsgType, _context: QMessageLogContext, message: str) -> None:
        if message not in HARMLESS_QT_MESSAGES:
            print(f"qt: {message}", file=sys.stderr)

    qInstallMessageHandler(on_qt_message)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    tasks = TaskRunner(loop)
    bugs: list[str] = []
    tasks.sig_bug.connect(lambda summary, _details: bugs.append(summary))
    db = Database(f"sqlite:///{db_path}")
    window = MainWindow(
        DeskSetup(
            db=db,
            agent_name=AGENT,
            settings_file=work_dir / "settings.toml",
            data_dir=work_dir,
            settings=Settings(agent=AGENT),
        ),
        tasks,
    )
    readiness = InboxReadiness(window.case_model, window.sidebar_model, window)

    async def measure() -> dict[str, Any]:
        window.show()
        window.start()
        await _until(readiness.is_ready)
        await tasks.wait_idle()
        views = await _switch_views(window, tasks, rounds=rounds)
        opened = await _open_cases(window, tasks, cases)
        return views | opened

    try:
        with loop:
            figures: dict[str, Any] = loop.run_until_complete(measure())
            window.close()
            tasks.shutdown()
            pending = [task for task in asyncio.all_tasks(loop) if not task.done()]
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        # Gone before the interpreter's last collection, which PySide crashes in otherwise.
        readiness.deleteLater()
        window.deleteLater()
        tasks.deleteLater()
        app.processEvents()
    finally:
        qInstallMessageHandler(None)
        asyncio.set_event_loop(None)
        db.dispose()
    if bugs:
        raise RuntimeError(f"the window reported bugs: {bugs}")
    return figures


async def _until(condition: Callable[[], bool], *, poll_s: float = 0.001) -> None:
    deadline = time.perf_counter() + START_TIMEOUT_S
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there in time")
        await asyncio.sleep(poll_s)


async def _switch_views(window: MainWindow, tasks: TaskRunner, *, rounds: int) -> dict[str, Any]:
    from omnidesk.ui.models.sidebar import VIEWS

    loop = asyncio.get_running_loop()
    # Start with the view after the one on screen: every choice is a real switch.
    current = VIEWS.index(window.current_view())
    order = [VIEWS[(current + 1 + i) % len(VIEWS)] for i in range(len(VIEWS))]
    per_view: dict[str, list[float]] = {view.value: [] for view in VIEWS}
    for _ in range(rounds):
        for view in order:
            loaded: asyncio.Future[float] = loop.create_future()

            def _on_page_loaded(_rows: int, done: asyncio.Future[float] = loaded) -> None:
                if not done.done():
                    done.set_result(time.perf_counter())

            window.case_model.sig_page_loaded.connect(_on_page_loaded)
            started = time.perf_counter()
            window.select_view(view)
            finished = await loaded
            window.case_model.sig_page_loaded.disconnect(_on_page_loaded)
            per_view[view.value].append((finished - started) * 1000)
            await tasks.wait_idle()  # the first row's detail loads too; not part of the switch
    everything = [t for times in per_view.values() for t in times]
    return {
        "switch_view_ms": _summary(everything),
        "switch_view_median_ms": {k: round(statistics.median(v), 2) for k, v in per_view.items()},
    }


async def _open_cases(window: MainWindow, tasks: TaskRunner, cases: list[int]) -> dict[str, Any]:
    times: list[float] = []
    for number in cases:
        wanted = CaseNumber(number)
        started = time.perf_counter()
        window.open_case(wanted)
        await _until(functools.partial(_composer_on, window, wanted))
        times.append((time.perf_counter() - started) * 1000)
        await tasks.wait_idle()
    return {"open_case_ms": _summary(times)}


def _composer_on(window: MainWindow, number: CaseNumber) -> bool:
    """The detail pane and the composer show case ``number`` (the composer is filled last)."""
    return window.composer.current_number() == number


def _summary(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median": round(statistics.median(values), 2),
        "p95": round(p95, 2),
        "max": round(ordered[-1], 2),
    }


# --- the whole run --------------------------------------------------------------------------


def sample_cases(case_count: int, size: int) -> list[int]:
    """A fixed random sample of case numbers (the generator numbers cases from 1001)."""
    numbers = range(1001, 1001 + case_count)
    return random.Random(SEED).sample(numbers, min(size, case_count))


def run(args: argparse.Namespace) -> dict[str, Any]:
    db_path = Path(args.db).expanduser().resolve()
    info = ensure_database(db_path, args.messages)
    cases = sample_cases(info["cases"], max(args.samples, args.open_in_app))
    with tempfile.TemporaryDirectory(prefix="omnidesk-bench-desktop-") as folder:
        data_dir = write_data_dir(Path(folder) / "data", db_path)
        starts = measure_starts(data_dir, starts=args.starts) if args.starts else {}
        memory = (
            measure_memory_after_cases(data_dir, cases[: args.open_in_app])
            if args.open_in_app
            else {}
        )
        work_dir = Path(folder) / "in-process"
        work_dir.mkdir()
        inside = measure_in_process(
            db_path, rounds=args.rounds, cases=cases[: args.samples], work_dir=work_dir
        )
    rss = max(starts.get("rss_ready_mb", 0.0), memory.get("rss_after_cases_mb", 0.0))
    return {
        "benchmark": "desktop",
        "backend": "sqlite",
        "messages": info["messages"],
        "cases": info["cases"],
        "db_build_s": info["build_s"] if info["built_now"] else None,
        **starts,
        **memory,
        **inside,
        "targets": TARGETS,
        "met": {
            "start_s": starts.get("start_to_inbox_s", 99.0) < TARGETS["start_s"],
            "switch_view_ms": inside["switch_view_ms"]["median"] < TARGETS["switch_view_ms"],
            "open_case_ms": inside["open_case_ms"]["median"] < TARGETS["open_case_ms"],
            "rss_mb": 0 < rss < TARGETS["rss_mb"],
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=1_000_000)
    parser.add_argument(
        "--db", help="where the generated database is cached (default: in the temp folder)"
    )
    parser.add_argument("--starts", type=int, default=5, help="timed app starts")
    parser.add_argument("--rounds", type=int, default=5, help="rounds through every view")
    parser.add_argument("--samples", type=int, default=50, help="cases opened in-process")
    parser.add_argument("--open-in-app", type=int, default=20, help="cases opened in the app")
    args = parser.parse_args()
    if args.db is None:
        args.db = str(Path(tempfile.gettempdir()) / f"omnidesk-bench-desktop-{args.messages}.db")
    print(json.dumps(run(args), ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
