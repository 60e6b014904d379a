"""Validation speed: full validation of the largest shipped scenario against a bare CSafeLoader parse of it."""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.content.loader import load_catalog, load_scenario, scenario_files


def best_median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    files = [p for p in scenario_files()]
    largest = max(files, key=lambda p: p.stat().st_size)
    text = largest.read_text(encoding="utf-8")
    load_catalog()  # the base catalog is parsed once per process, like in the game
    load_scenario(largest)
    bare = best_median(lambda: yaml.load(text, Loader=yaml.CSafeLoader), 200)
    full = best_median(lambda: load_scenario(largest), 200)
    print(f"largest shipped scenario: {largest.name} ({largest.stat().st_size} bytes)")
    print(f"bare yaml.load (CSafeLoader): {bare * 1e3:.3f} ms")
    print(f"validate (safe load + types + meaning + engine definitions): {full * 1e3:.3f} ms")
    print(f"ratio: {full / bare:.2f}x   target <= 3x")
    malformed()
    print("reproduce: .venv/bin/python bench/validate.py")


MALFORMED = {
    "empty": b"",
    "binary": b"\x00\x01\x02" * 1000,
    "not UTF-8": b"name: caf\xe9\n" * 1000,
    "tabs": b"name: x\nnations:\n\t- id: a\n",
    "unterminated string": b'name: "oops\n' + b"x: 1\n" * 10000,
    "duplicate keys": b"name: a\n" * 5000,
    "python tag": b"name: !!python/object/apply:os.system ['true']\n",
    "alias bomb": b"a: &a [x, x, x, x, x, x, x, x, x, x]\n" + b"".join(
        f"{chr(98 + k)}: &{chr(98 + k)} [{', '.join(['*' + chr(97 + k)] * 10)}]\n".encode() for k in range(8)),
    "5000 levels deep": b"a: " + b"[" * 5000,
    "over the size limit": b"name: x\n" + b"# padding\n" * 250_000,
}


def malformed() -> None:
    """Each broken input of the authoring issue: time to the located error, and peak memory (tracemalloc)."""
    import tempfile
    import tracemalloc

    from game.content.yamlsafe import ContentError

    worst_t, worst_m = 0.0, 0.0
    with tempfile.TemporaryDirectory() as d:
        for name, data in MALFORMED.items():
            path = Path(d) / "s.yaml"
            path.write_bytes(data)
            tracemalloc.start()
            t0 = time.perf_counter()
            try:
                load_scenario(path)
                verdict = "loaded?!"
            except ContentError as exc:
                verdict = str(exc.problems[0]).split(": ", 1)[-1][:60]
            dt = time.perf_counter() - t0
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            worst_t, worst_m = max(worst_t, dt), max(worst_m, peak)
            print(f"  {name:20s} {dt * 1e3:8.1f} ms {peak:7.1f} MB  {verdict}")
    print(f"malformed inputs: slowest {worst_t * 1e3:.1f} ms, most memory {worst_m:.1f} MB   target < 1 s, well under 200 MB")


if __name__ == "__main__":
    main()
