"""Local worker processes safe on every platform: concurrent.futures with the forkserver start method, else spawn.

fork copies the parent's threads and locks (unsafe on macOS, absent on Windows), so workers start clean instead:
everything sent to them is picklable and every function they run is importable at module level. Workers ignore
Ctrl-C, which is the parent's to handle; on Ctrl-C the parent stops them at once and keeps what had finished.
"""
from __future__ import annotations

import multiprocessing as mp
import signal
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

# imported once by the fork server, so each worker it forks starts with the engine loaded (the server starts with the
# first pool of a process: its workers see the environment variables as they were then)
PRELOAD = ["game.runner.batch", "game.runner.dilemma"]


def start_method() -> str:
    return "forkserver" if "forkserver" in mp.get_all_start_methods() else "spawn"


def _quiet_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _stop(pool: ProcessPoolExecutor) -> None:
    """Cancel what has not started and end the workers now (a game in progress is not waited for)."""
    procs = list((getattr(pool, "_processes", None) or {}).values())   # shutdown() forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        proc.terminate()


@contextmanager
def workers(n: int, method: str | None = None) -> Iterator[ProcessPoolExecutor]:
    """A pool of `n` worker processes; leaving the block on an exception (Ctrl-C included) stops them at once."""
    ctx = mp.get_context(method or start_method())
    if ctx.get_start_method() == "forkserver":
        ctx.set_forkserver_preload(PRELOAD)
    pool = ProcessPoolExecutor(n, mp_context=ctx, initializer=_quiet_worker)
    try:
        yield pool
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)
