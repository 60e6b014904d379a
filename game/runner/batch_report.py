"""What a batch prints and writes: the summary table (with --explain its why-tables), games.csv, turns.csv, PNG
charts, explain.csv."""
from __future__ import annotations

import io
from pathlib import Path
from typing import TextIO

import numpy as np

from game.fileio import atomic_write_csv, atomic_write_text
from game.sim.scoring import OUTCOMES

from . import charts
from .batch import BatchResult, promises_text
from .explain import explain_csv_rows, explain_text


def summary_text(res: BatchResult) -> str:
    games = res.sorted()
    sc = res.scenario
    out = io.StringIO()
    n = len(games)
    head = f"{sc.name}: {n} games" + (f" of {res.runs} (interrupted)" if res.interrupted else "") + f", seed {res.seed}"
    out.write(head + "\n")
    if not n:
        return out.getvalue()
    counts = {o: sum(1 for g in games if g["outcome"] == o) for o in OUTCOMES}
    out.write("outcomes: " + ", ".join(f"{o} {c} ({100 * c / n:.0f}%)" for o, c in counts.items()) + "\n")
    for key, label in (("stability", "final stability"), ("escalation", "final escalation"), ("trade", "final trade")):
        vals = np.array([g[key] for g in games], dtype=float)
        out.write(f"{label:17s} mean {vals.mean():7.2f}  sd {vals.std():6.2f}  min {vals.min():7.2f}  max {vals.max():7.2f}\n")
    ni = np.array([g["ni"] for g in games], dtype=float)
    out.write("\nNational Interest   mean     sd\n")
    for k, nid in enumerate(sc.nation_ids):
        out.write(f"  {nid:16s} {ni[:, k].mean():6.2f} {ni[:, k].std():6.2f}\n")
    fired: dict[str, int] = {}
    for g in games:
        for e, c in g["events"].items():
            fired[e] = fired.get(e, 0) + c
    out.write("\nevents per game: " + ", ".join(f"{e} {c / n:.2f}" for e, c in sorted(fired.items(), key=lambda x: -x[1])) + "\n")
    out.write(promises_text(games))
    out.write(explain_text(res))
    return out.getvalue()


def write_csvs(res: BatchResult, outdir: Path) -> list[Path]:
    ids = res.scenario.nation_ids
    events = sorted({e for ev in res.scenario.events for e in [ev.id]})
    games = res.sorted()
    gpath, tpath = outdir / "games.csv", outdir / "turns.csv"
    atomic_write_csv(gpath, ["game", "seed", "outcome", "turns", "stability", "escalation", "trade",
                        *[f"ni_{i}" for i in ids], *[f"events_{e}" for e in events]],
                ([g["game"], g["seed"], g["outcome"], g["turns"], g["stability"], g["escalation"], g["trade"],
                  *g["ni"], *[g["events"].get(e, 0) for e in events]] for g in games))
    atomic_write_csv(tpath, ["game", "turn", "stability", "escalation", "trade", *[f"ni_{i}" for i in ids]],
                ([g["game"], t["turn"], t["stability"], t["escalation"], t["trade"], *t["ni"]]
                 for g in games for t in g["series"]))
    return [gpath, tpath]


def stability_bands(games: list[dict]) -> list[list[float]]:
    """5th, 25th, 50th, 75th and 95th percentile of stability per turn (games that ended early hold their last value)."""
    if not games:
        return [[] for _ in range(5)]
    turns = max(g["turns"] for g in games)
    grid = np.array([[g["series"][min(t, len(g["series"]) - 1)]["stability"] if g["series"] else 0.0
                      for t in range(turns)] for g in games], dtype=float)
    return [list(np.percentile(grid, q, axis=0)) for q in (5, 25, 50, 75, 95)]


def write_charts(res: BatchResult, outdir: Path) -> list[Path]:
    games = res.sorted()
    n = max(1, len(games))
    counts = {o: 100.0 * sum(1 for g in games if g["outcome"] == o) / n for o in OUTCOMES}
    colors = {"secure": (0, 158, 115), "fragile": (230, 159, 0), "conflict": (213, 94, 0)}
    p1, p2 = outdir / "outcomes.png", outdir / "stability_fan.png"
    charts.save_png(lambda s, r: charts.bar_chart(s, r, f"Outcomes of {len(games)} games (%)", counts, 100.0,
                                                  colors=colors, fmt="{:.0f}%"), (640, 400), str(p1))
    charts.save_png(lambda s, r: charts.fan_chart(s, r, "Stability over turns: median, 50% and 90% of games",
                                                  stability_bands(games), 0.0, 100.0), (800, 400), str(p2))
    return [p1, p2]


def write_all(res: BatchResult, outdir: Path, stream: TextIO) -> list[Path]:
    outdir.mkdir(parents=True, exist_ok=True)
    paths = write_csvs(res, outdir) + write_charts(res, outdir)
    if any(g.get("explain") for g in res.games):
        atomic_write_csv(outdir / "explain.csv", ["table", "who", "action", "total", "per_game"], explain_csv_rows(res))
        paths.append(outdir / "explain.csv")
    text = summary_text(res)
    atomic_write_text(outdir / "summary.txt", text)
    return paths + [outdir / "summary.txt"]
