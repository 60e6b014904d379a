"""Local worker processes safe on every platform: concurrent.futures with the forkserver start method, else spawn.

fork copies the parent's threads and locks (unsafe on macOS, absent on Windows), so workers start clean instead:
everything sent to them is picklable and every function they run is importable at module level. Workers ignore
Ctrl-C, which is the parent's to handle; on Ctrl-C the parent stops them at once and keeps what had finished.
"""
from __future__ import annotations

import multiprocessing as mp
import os
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


_worker_cpu = [0.0]   # CPU seconds of the workers of finished pools (see cpu_seconds)


def _process_cpu(pid: int) -> float:
    """A live process's CPU seconds (user + system) from /proc (Linux), or 0 where there is none."""
    try:
        fields = open(f"/proc/{pid}/stat", encoding="ascii").read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")   # utime, stime (fields 14, 15)


def cpu_seconds() -> float:
    """CPU seconds spent by this process, its children, and the workers of every pool it has closed. Forkserver
    workers are the fork server's children, not ours, so os.times() never counts them: each pool reads its workers'
    CPU just before they stop (Linux; elsewhere they count 0)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system + _worker_cpu[0]


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
    _worker_cpu[0] += sum(_process_cpu(p.pid) for p in (getattr(pool, "_processes", None) or {}).values()
                          if p.pid is not None)   # idle now: every task has returned its result
    pool.shutdown(wait=True)
