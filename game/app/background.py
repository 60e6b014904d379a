"""Seconds-long work (a par table, duplicate scores) run in a process of its own, so the window and the classroom
host's server keep the interpreter to themselves while it runs.

Run in a thread, such work held the interpreter's lock for most of its length: beside a custom scenario's par table
being computed, the host took 7 s instead of 0.06 s to start listening and answered late all through it (CI failed
on it). The worker is `python -m game.app.background`, handed the pickled function and arguments on stdin: it
imports only what the function needs (no pygame, no server, never the caller's main script, which multiprocessing's
spawn would run again) and leaves when its parent does. MODE = "thread" runs the same jobs in a thread instead, for a
machine that cannot start processes and for tests that replace the function with a fake."""
from __future__ import annotations

import atexit
import os
import pickle
import subprocess
import sys
import threading
import weakref
from collections.abc import Callable
from typing import Any

MODE = "process"
_PENDING = object()
_live: weakref.WeakSet = weakref.WeakSet()


def _answer(fn: Callable[..., Any], args: tuple) -> tuple:
    try:
        return ("ok", fn(*args))
    except Exception as e:            # reported to the parent, whose screens go without the result
        return ("error", f"{type(e).__name__}: {e}")


class Job:
    """fn(*args) computed in the background; `result()` is its value once done (None while it runs or if it failed,
    with `error` saying why)."""

    def __init__(self, fn: Callable[..., Any], *args: Any, name: str = "background") -> None:
        self._out: Any = _PENDING
        self.error: str | None = None
        self._proc: subprocess.Popen | None = None
        self._msg: Any = None
        self._ready = threading.Event()
        if MODE == "process":
            try:
                self._start(pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL))
                threading.Thread(target=self._read, daemon=True, name=name).start()   # asleep in read(): no lock held
                _live.add(self)
                return
            except OSError:                        # no processes here: a thread does it, as slowly as it must
                self._proc = None
        threading.Thread(target=self._inline, args=(fn, args), daemon=True, name=name).start()

    def _start(self, payload: bytes) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))   # finds the game as we do
        self._proc = subprocess.Popen([sys.executable, "-m", "game.app.background"], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, env=env)
        assert self._proc.stdin is not None
        self._proc.stdin.write(payload)
        self._proc.stdin.close()

    def _read(self) -> None:
        assert self._proc is not None and self._proc.stdout is not None
        try:
            raw = self._proc.stdout.read()
            self._msg = pickle.loads(raw) if raw else None
        except Exception:                          # killed, out of memory, an answer cut short
            self._msg = None
        self._proc.wait()
        self._ready.set()

    def _inline(self, fn: Callable[..., Any], args: tuple) -> None:
        self._msg = _answer(fn, args)
        self._ready.set()

    def done(self, timeout: float | None = 0.0) -> bool:
        """Whether the job has finished, waiting up to `timeout` seconds for it (None: as long as it takes)."""
        if self._out is _PENDING and self._ready.wait(timeout):
            msg = self._msg
            if isinstance(msg, tuple) and len(msg) == 2 and msg[0] == "ok":
                self._out = msg[1]
            else:
                self._out = None
                self.error = msg[1] if isinstance(msg, tuple) and len(msg) == 2 else "the background work stopped"
        return self._out is not _PENDING

    def result(self, wait: bool = False) -> Any:
        self.done(None if wait else 0.0)
        return None if self._out is _PENDING else self._out

    def cancel(self) -> None:
        """Stop the work: its result is not wanted any more (a thread cannot be stopped; it is left to finish)."""
        if self._proc is not None and self._proc.poll() is None:
            self._proc.kill()


def collect(jobs: dict[Any, tuple[Any, Job]], kept: dict[Any, tuple[Any, Any]], key: Any,
            mine: Callable[[tuple[Any, Job]], Job | None]) -> Any:
    """A finished job's value, kept under its key beside the job's reference (None while it runs, if it failed, or if
    `mine` says the entry is another object's: ids are reused)."""
    entry = jobs.get(key)
    if entry is None:
        return None
    job = mine(entry)
    if job is None or not job.done():
        return None
    out = job.result()
    if out is not None:
        kept[key] = (entry[0], out)
    return out


def wait_running(jobs: dict[Any, tuple[Any, Job]], lock: threading.Lock) -> None:
    """Wait for every job of a table (key -> (reference, job)) to finish."""
    with lock:
        running = [j for _ref, j in jobs.values()]
    for j in running:
        j.done(None)


def cancel_running(jobs: dict[Any, tuple[Any, Job]], lock: threading.Lock) -> None:
    """Stop the jobs of a table (key -> (reference, job)) still running and take them out of it."""
    with lock:
        running = [(key, j) for key, (_ref, j) in jobs.items() if not j.done()]
        for key, _j in running:
            del jobs[key]
    for _key, j in running:
        j.cancel()


@atexit.register
def _end_all() -> None:
    """The game is closing: work still running is not waited for."""
    for job in list(_live):
        job.cancel()


def _orphaned(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)                    # the game that asked is gone (killed): nobody will read the answer


def _worker() -> None:
    threading.Thread(target=_orphaned, args=(os.getppid(),), daemon=True).start()
    answer = sys.stdout.buffer
    sys.stdout = sys.stderr        # the answer's pipe carries the answer alone, whatever the work prints
    fn, args = pickle.loads(sys.stdin.buffer.read())
    out = _answer(fn, args)
    try:
        data = pickle.dumps(out, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as e:
        data = pickle.dumps(("error", f"an answer that cannot be sent: {e}"))
    answer.write(data)
    answer.flush()


if __name__ == "__main__":
    _worker()
