"""Measures issue 16's targets for negotiation and prints them with the command that reproduces them.

Usage: .venv/bin/python tools/negotiation.py [SCENARIO ...] [--games 20] [--seed 2026[,31337...]] [--workers 2] [--markdown]

Per shipped scenario (default: all), with negotiation off (the scenario's `negotiation: {enabled: false}`) and on:
  answered   the share of reciprocable gestures (bilateral orders of a card with a reciprocity bonus) that the partner
             answered in kind the same turn, in games of the scenario's own doctrines;
  secure     the share of those games that end secure, and of games where every seat plays cooperative (the
             all-cooperative outcome, which must not get worse);
  breaker    with every other seat a reciprocator, the final National Interest of a seat that keeps its agreements
             (a reciprocator) minus the same seat breaking every one (`breaker`), averaged over every seat: above 0,
             breaking does not pay.
Several seeds (comma-separated) give a table each: the first is the seed the dealing was tuned on, the others check
it at seeds nobody tuned on. --markdown prints the tables docs/balance.md holds; --write also puts it there, as that file's section "Negotiation"
(between its markers; tools/balance.py keeps it when it regenerates the rest).
"""
from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.loader import load_scenario, scenario_files  # noqa: E402
from game.runner.batch import game_seed  # noqa: E402
from game.runner.headless import Game  # noqa: E402
from game.sim.defs import NegotiationRules  # noqa: E402


def _scenario(path: str, on: bool):
    sc = load_scenario(path)
    return sc if on else dataclasses.replace(sc, negotiation=NegotiationRules(enabled=False))


def play(job: tuple[str, bool, int, tuple[tuple[str, str], ...]]) -> dict:
    """One game: its outcome, its reciprocable gestures and how many were answered, every seat's final NI."""
    path, on, seed, overrides = job
    sc = _scenario(path, on)
    named = dict(overrides)
    every = named.pop("all", None)
    g = Game.new(sc, seed, {**({i: every for i in sc.nation_ids} if every else {}), **named})
    g.lean = True
    g.play()
    gestures = answered = 0
    for r in g.history.reports:
        for orders in r["orders"].values():
            for o in orders:
                a = sc.action(o["action"])
                if a.reciprocity > 0 and a.target in ("partner", "partners"):
                    gestures += 1
                    answered += o["reciprocated"]
    ni = g.history.reports[-1]["summary"]["national_interest"]
    return {"outcome": g.state.outcome, "gestures": gestures, "answered": answered, "ni": [ni[i] for i in sc.nation_ids]}


def measure(path: str, games: int, seed: int, pool) -> dict:
    sc = load_scenario(path)
    ids = sc.nation_ids
    seeds = [game_seed(seed, k) for k in range(games)]
    out: dict = {"name": sc.name, "id": sc.id}
    for on in (False, True):
        own = list(pool.map(play, [(path, on, s, ()) for s in seeds]))
        coop = list(pool.map(play, [(path, on, s, (("all", "cooperative"),)) for s in seeds]))
        key = "on" if on else "off"
        out[key] = {
            "answered": sum(g["answered"] for g in own) / max(1, sum(g["gestures"] for g in own)),
            "secure": sum(g["outcome"] == "secure" for g in own) / games,
            "coop_secure": sum(g["outcome"] == "secure" for g in coop) / games,
        }
    diffs = []
    half = max(2, games // 2)
    for k, nid in enumerate(ids):
        base = tuple((i, "reciprocator") for i in ids if i != nid)
        keep = list(pool.map(play, [(path, True, s, (*base, (nid, "reciprocator"))) for s in seeds[:half]]))
        brk = list(pool.map(play, [(path, True, s, (*base, (nid, "breaker"))) for s in seeds[:half]]))
        diffs.append(sum(a["ni"][k] - b["ni"][k] for a, b in zip(keep, brk)) / half)
    out["keeper_minus_breaker"] = sum(diffs) / len(diffs)
    out["worst_seat"] = min(diffs)
    out["seats_breaking_pays"] = sum(d <= 0 for d in diffs)
    out["seats"] = len(diffs)
    return out


def markdown(rows: list[dict], games: int, seed: int, cmd: str) -> str:
    lines = [f"Measured by `{cmd}` ({games} games per line at seed {seed}; the breaker lines {max(2, games // 2)} per "
             "seat).", "",
             "| scenario | answered gestures off → on | secure (own doctrines) off → on | all-cooperative secure off → on "
             "| keeper − breaker NI (mean over seats; worst seat) | seats where breaking pays |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        off, on = r["off"], r["on"]
        lines.append(f"| {r['name']} | {100 * off['answered']:.0f} % → {100 * on['answered']:.0f} % | "
                     f"{100 * off['secure']:.0f} % → {100 * on['secure']:.0f} % | "
                     f"{100 * off['coop_secure']:.0f} % → {100 * on['coop_secure']:.0f} % | "
                     f"{r['keeper_minus_breaker']:+.1f} ({r['worst_seat']:+.1f}) | "
                     f"{r['seats_breaking_pays']} of {r['seats']} |")
    return "\n".join(lines)


START, END = "<!-- negotiation:start -->", "<!-- negotiation:end -->"


def section(tables: list[tuple[int, list[dict]]], games: int, cmd: str) -> str:
    """The section: the targets, then a table per seat of `tables` (seed, rows), the first the tuning seed's."""
    parts = []
    for n, (seed, rows) in enumerate(tables):
        if n:
            parts += ["", f"### At seed {seed} (not used for tuning)", ""]
        parts.append(markdown(rows, games, seed, cmd))
    return "\n".join([
        START, "## Negotiation (issue 16)", "",
        "With negotiation on, nations propose deals before planning and the engine checks them (docs/rules.md, section "
        "12). Targets: the share of reciprocable gestures the partner answers in kind rises well above 20 %; "
        "all-cooperative outcomes do not get worse; a seat that breaks its agreements ends below the same seat keeping "
        "them, every other seat a reciprocator. *Answered*: reciprocated bilateral orders of cards with a reciprocity "
        "bonus, over all of them, in games of the scenario's own doctrines. *Keeper − breaker*: the seat's final "
        "National Interest as a reciprocator minus as `breaker` (plays as a reciprocator, signs every deal, keeps none). "
        "Secure with the scenarios' own doctrines is not a target, and it moves both ways from seed to seed: a deal "
        "takes action points that forum sessions and contributions would otherwise have had.",
        "", *parts, END])


def write_section(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8")
    if START in old and END in old:
        new = old[:old.index(START)] + text + old[old.index(END) + len(END):]
    else:
        new = old.rstrip("\n") + "\n\n" + text + "\n"
    path.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scenarios", nargs="*")
    ap.add_argument("--games", type=int, default=20)
    ap.add_argument("--seed", default="2026", help="one seed, or several comma-separated (a table each)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--write", action="store_true", help="write the section into docs/balance.md")
    a = ap.parse_args(argv)
    paths = []
    for name in a.scenarios or [str(p) for p in scenario_files()]:
        p = Path(name)
        paths.append(str(p if p.exists() else ROOT / "game" / "data" / "scenarios" / f"{name.removesuffix('.yaml')}.yaml"))
    seeds = [int(x) for x in str(a.seed).split(",") if x.strip()]
    cmd = "python tools/negotiation.py" + (" " + " ".join(a.scenarios) if a.scenarios else "") + \
        f" --games {a.games} --seed {','.join(map(str, seeds))}"
    tables: list[tuple[int, list[dict]]] = []
    with ProcessPoolExecutor(a.workers, mp_context=get_context("spawn")) as pool:
        for seed in seeds:
            rows: list[dict] = []
            tables.append((seed, rows))
            print(f"seed {seed}", flush=True)
            for path in paths:
                r = measure(path, a.games, seed, pool)
                rows.append(r)
                off, on = r["off"], r["on"]
                print(f"  {r['name']}: answered {100 * off['answered']:.0f} % -> {100 * on['answered']:.0f} %, "
                      f"secure {100 * off['secure']:.0f} % -> {100 * on['secure']:.0f} %, all-cooperative secure "
                      f"{100 * off['coop_secure']:.0f} % -> {100 * on['coop_secure']:.0f} %, keeper - breaker NI "
                      f"{r['keeper_minus_breaker']:+.2f} (worst seat {r['worst_seat']:+.2f}; breaking pays in "
                      f"{r['seats_breaking_pays']} of {r['seats']} seats)", flush=True)
    if a.markdown or a.write:
        for seed, rows in tables:
            print()
            print(markdown(rows, a.games, seed, cmd))
    if a.write:
        write_section(ROOT / "docs" / "balance.md", section(tables, a.games, cmd))
    print(f"\n{time.strftime('%Y-%m-%d')}; reproduce: .venv/bin/{cmd}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
