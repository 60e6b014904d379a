"""Worker pools: an error raised in a worker reaches the caller whole (picklable exceptions), on spawn-safe workers."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from game.cli import CliError
from game.content.savemodel import Damaged
from game.content.saves import SaveError
from game.content.yamlsafe import ContentError, Problem
from game.runner import pool
from game.runner.batch import _scenario, run_batch
from game.runner.export import ExportError
from game.sim.resolve import IllegalOrders

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "game" / "data" / "scenarios" / "tutorial.yaml"


@pytest.mark.parametrize("exc", [
    ContentError([Problem("a.yaml", 3, 7, "nations[0].id", "duplicate id 'x'"), Problem("a.yaml", 9, 1, "", "bad")]),
    IllegalOrders({0: ["no such action 'x'"], 2: ["over budget"]}),
    Damaged("states[3].values", "not a number"), Damaged("", "not JSON"),
    SaveError("s.json: damaged save"), ExportError("out: is a file"), CliError("no such scenario file: x"),
], ids=lambda e: type(e).__name__)
def test_every_error_a_worker_can_raise_survives_pickling(exc):
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is type(exc) and str(back) == str(exc) and vars(back) == vars(exc)


def test_a_scenario_broken_while_a_batch_runs_reports_its_problems_from_the_worker(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(TUTORIAL.read_text(encoding="utf-8"), encoding="utf-8")
    _scenario(str(path))   # the parent has loaded it; the workers load it again after it was broken
    path.write_text("name: Mine\nturns: lots\n", encoding="utf-8")
    with pytest.raises(ContentError) as info:
        run_batch(str(path), 4, seed=1, workers=2, turns=2)
    assert info.value.problems and all(isinstance(p, Problem) for p in info.value.problems)
    assert any(p.line == 2 and p.loc == "turns" for p in info.value.problems), info.value.problems
    assert f"{path}:2:8: turns:" in str(info.value) and str(info.value) == "\n".join(map(str, info.value.problems))


def test_workers_start_clean_never_forked():
    assert pool.start_method() in ("forkserver", "spawn")
    with pool.workers(1) as p:
        assert p.submit(sum, [1, 2]).result() == 3


def test_the_dilemma_measures_get_the_same_games_in_order_on_two_workers():
    from game.runner.batch import Job
    from game.runner.dilemma import run

    jobs = [Job(str(TUTORIAL), k, 3, (), 3) for k in range(6)]
    two = run(jobs, workers=2)
    assert [r["index"] for r in two] == list(range(6)) and two == run(jobs, workers=1)


def _spin(seconds: float) -> float:
    """Burn this much CPU in a worker (module level: workers import it)."""
    import time

    start = time.process_time()
    while time.process_time() - start < seconds:
        pass
    return seconds


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="worker CPU is read from /proc (Linux)")
def test_the_cpu_a_pool_reports_includes_its_workers():
    """The tools quote CPU time: forkserver workers are not our children, so os.times() alone said 0 s for a
    two-worker run that kept both cores busy."""
    before = pool.cpu_seconds()
    with pool.workers(2) as p:
        assert list(p.map(_spin, [0.3, 0.3])) == [0.3, 0.3]
    assert pool.cpu_seconds() - before >= 0.5
