"""Kill -9 harness: a child process writes autosaves and named saves in a loop and is killed (SIGKILL) at a random
moment, KILLS times; after every kill every file left in the saves folder is checked: each save loads (or is a
temp file of an interrupted write), and the game can still be continued. Then the stale temp files are swept.

    .venv/bin/python tools/killsaves.py [--kills 100] [--seed 1]

Prints one line per 10 kills and a summary; exit status 1 if any save was damaged or the game could not continue.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import sys
sys.path.insert(0, sys.argv[1])
from game.content import saves
from game.content.loader import load_scenario
from game.app.session import GameSession, Seat
path = saves.autosave_path()
if path.exists():
    s = GameSession.load(path)
else:
    sc = load_scenario(sys.argv[2])
    s = GameSession.new(sys.argv[2], sc, 3, {k: Seat(False, n.doctrine) for k, n in enumerate(sc.nations)})
print("ready", flush=True)
k = 0
while True:
    k += 1
    if s.over:
        s.rewind(1)
    elif k % 3 == 0:
        s.resolve()                       # autosaves (rotating the previous one)
    else:
        s.save_as(f"named {k % 4}")       # a named save over an older one
        s.autosave()
"""


def check(folder: Path) -> tuple[int, int, list[str]]:
    """(saves that load, temp files, problems) for every file in the saves folder."""
    from game.content import saves

    ok, temps, problems = 0, 0, []
    for p in sorted(folder.iterdir()):
        if p.name.startswith(".") and (p.name.endswith(".tmp") or p.name.endswith(".new")):
            temps += 1
            continue
        if p.suffix != ".json":
            problems.append(f"unexpected file {p.name}")
            continue
        try:
            saves.load_save(p)
            ok += 1
        except saves.SaveError as exc:
            problems.append(str(exc))
    can_continue = False
    for p in (saves.autosave_path(), saves.previous_autosave_path()):
        try:
            saves.load_save(p)
            can_continue = True
            break
        except saves.SaveError:
            pass
    if not can_continue:
        problems.append("neither autosave loads: the game cannot be continued")
    return ok, temps, problems


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--scenario", default=str(ROOT / "game" / "data" / "scenarios" / "tutorial.yaml"))
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    data = Path(tempfile.mkdtemp(prefix="killsaves-"))
    os.environ["REGIONAL_ACCORD_DATA"] = str(data)
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    from game.content import saves

    checked = temps_seen = damaged = 0
    problems: list[str] = []
    t0 = time.time()
    for k in range(1, args.kills + 1):
        child = subprocess.Popen([sys.executable, "-c", CHILD, str(ROOT), args.scenario], env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = child.stdout.readline() if child.stdout else ""
        if line.strip() != "ready":
            child.kill()
            print(f"kill {k}: the writer did not start: {child.stderr.read()[-400:] if child.stderr else ''}")
            return 1
        time.sleep(rng.uniform(0.0, 0.25))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        ok, temps, found = check(saves.saves_dir())
        checked += ok + temps
        temps_seen += temps
        damaged += len(found)
        problems += [f"kill {k}: {p}" for p in found]
        if k % 10 == 0:
            print(f"{k} kills: {checked} files checked, {temps_seen} temp files seen, {damaged} problems")
    swept = saves.sweep_stale(min_age=0)
    left = [p.name for p in saves.saves_dir().iterdir() if p.name.startswith(".")]
    print(f"{args.kills} kills in {time.time() - t0:.0f} s: {checked} files checked after the kills, "
          f"{damaged} damaged saves or lost games; {len(swept)} stale temp files swept at the end, {len(left)} left")
    for p in problems[:20]:
        print("  " + p)
    if problems or left:
        print(f"the saves folder is kept for a look: {saves.saves_dir()}")
        return 1
    shutil.rmtree(data, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
