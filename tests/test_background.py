"""game/app/background.py: seconds-long work (par tables, duplicate scores) runs in a process of its own, so the
window and the classroom host's server keep the interpreter's lock (beside a par table computed in a thread the host
took 7 s to start); its answer, failure or cancellation comes back to the caller."""
from __future__ import annotations

import os
import time

from game.app import background, par


def _pid_and(x: int) -> tuple[int, int]:
    return os.getpid(), x * 2


def _fails() -> None:
    raise ValueError("no par for this scenario")


def _sleeps() -> str:
    time.sleep(60)
    return "too late"


def test_the_work_runs_in_another_process_and_its_answer_comes_back():
    job = background.Job(_pid_and, 21)
    pid, out = job.result(wait=True)
    assert out == 42 and pid != os.getpid() and job.error is None and job.done()


def test_a_failure_is_reported_not_raised():
    job = background.Job(_fails)
    assert job.result(wait=True) is None
    assert job.error == "ValueError: no par for this scenario"


def test_a_cancelled_job_ends_without_an_answer():
    job = background.Job(_sleeps)
    assert not job.done()
    job.cancel()
    assert job.done(timeout=30.0) and job.result() is None and job.error == "the background work stopped"


def test_thread_mode_runs_here(monkeypatch):
    monkeypatch.setattr(background, "MODE", "thread")
    pid, out = background.Job(_pid_and, 2).result(wait=True)
    assert (pid, out) == (os.getpid(), 4)


def test_a_new_scenarios_par_is_computed_in_another_process_and_a_cancelled_one_starts_afresh():
    """A scenario with no par at hand (shipped or cached): its table comes from a worker process, and cancel_all
    (a test's end, the game leaving) forgets the half-done job instead of leaving the scenario without par."""
    import dataclasses
    from types import SimpleNamespace

    from game.content.loader import load_scenario
    from game.data import shipped

    sc = dataclasses.replace(load_scenario(shipped("tutorial")), id="tutorial_short", turns=1)
    s = SimpleNamespace(scenario=sc)
    assert par.table(s) is None                  # being computed
    job = par._jobs[id(sc)][1]
    assert job._proc is not None and job._proc.pid != os.getpid()
    par.cancel_all()
    assert id(sc) not in par._jobs
    t = par.table(s, wait=True)
    assert t is not None and t.shape == (sc.turns + 1, sc.n)
    assert par.table(s) is t                     # kept: asked again, no second job
